/**
 * The words of notifications and of their emails, in each language the service writes: a
 * person's `locale` picks them (its language part: `fr-FR` reads French), anything else reads
 * English. Dates come in already written in the person's date format; numbers are written here
 * with the person's locale. To add a language, add a `Words` beside `en` and `fr`.
 */

/** A notification's title and body, with the names and titles already quoted. */
export interface Words {
  /** The language's BCP 47 tag, as an HTML `lang` says it. */
  lang: string;
  /** A title, a document's or a thread's name, quoted as the language quotes. */
  quote(text: string): string;
  /** `a: b`, with the language's spacing. */
  colon(a: string, b: string): string;
  assigned(actor: string | null, task: string): string;
  due(date: string): string;
  commented(actor: string | null, task: string): string;
  mentioned(actor: string | null, where: { thread: string } | { task: string }): string;
  approvalAsked(actor: string | null, task: string): string;
  approvalEnded(task: string, status: string): string;
  /** A request as its notifications name it: its type, and a line of what it says. */
  request(typeName: string, detail: string | null): string;
  requestBreached(what: string, customer: string | null): { title: string; body: string };
  requestUpdated(what: string, status: string): string;
  requestFiled(by: string, what: string): string;
  /** Who wrote a message when no one is named. */
  theTeam: string;
  wrote(by: string, thread: string): string;
  goalProgress(actor: string | null, goal: string): string;
  overdue(task: string, date: string): { title: string; body: string };
  dueIn(task: string, days: number): string;
  /** Who did it when only their company is known, or not even that. */
  aCustomer: string;
  uploaded(by: string, document: string): string;
  completed(by: string, task: string): string;
  blocked(by: string, task: string): string;
  engagement(customer: string, trend: string, score: number, previous: string): { title: string; body: string };
  accessRequested(name: string, company: string, email: string): { title: string; body: string };
  /** The invitation to a confirmed meeting (`what`: the request, as `request` names it). */
  meeting: {
    subject(topic: string, when: string): string;
    intro(name: string, what: string): string;
    footer: string;
  };
  /** The email around the notifications. */
  email: {
    subject(count: number, tenant: string): string;
    intro(count: number): string;
    openTask: string;
    openPortal: string;
    footer(tenant: string): string;
  };
}

const NBSP = '\u00a0';

const en: Words = {
  lang: 'en',
  quote: (text) => `“${text}”`,
  colon: (a, b) => `${a}: ${b}`,
  assigned: (actor, task) => (actor ? `${actor} assigned you ${task}` : `You were assigned ${task}`),
  due: (date) => `Due ${date}`,
  commented: (actor, task) => (actor ? `${actor} commented on ${task}` : `New comment on ${task}`),
  mentioned: (actor, where) => {
    const place = 'thread' in where ? `in ${where.thread}` : `on ${where.task}`;
    return actor ? `${actor} mentioned you ${place}` : `You were mentioned ${place}`;
  },
  approvalAsked: (actor, task) => (actor ? `${actor} asks for your approval of ${task}` : `Your approval of ${task} is requested`),
  approvalEnded: (task, status) => `${task} ${({ approved: 'was approved', rejected: 'was rejected', changes_requested: 'needs changes' } as Record<string, string>)[status] ?? status}`,
  request: (typeName, detail) => `${typeName.toLowerCase()}${detail ? ` ${en.quote(detail)}` : ''}`,
  requestBreached: (what, customer) => ({ title: `SLA missed: the ${what}${customer ? ` from ${customer}` : ''} is still open`, body: 'It is past its due time and not resolved.' }),
  requestUpdated: (what, status) => `Your ${what} is ${status.replace('_', ' ')}`,
  requestFiled: (by, what) => `${by} filed a ${what}`,
  theTeam: 'The team',
  wrote: (by, thread) => `${by} wrote in ${thread}`,
  goalProgress: (actor, goal) => (actor ? `${actor} recorded progress on ${goal}` : `Progress on ${goal}`),
  overdue: (task, date) => ({ title: `${task} is overdue`, body: `It was due ${date}` }),
  dueIn: (task, days) => `${task} is due ${days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`}`,
  aCustomer: 'A customer',
  uploaded: (by, document) => `${by} uploaded ${document}`,
  completed: (by, task) => `${by} completed ${task}`,
  blocked: (by, task) => `${by} marked ${task} as blocked`,
  engagement: (customer, trend, score, previous) => ({ title: `${customer}: engagement ${trend === 'spike' ? 'spiked' : `is ${trend}`}`, body: `Score ${score}/100, was ${previous}` }),
  accessRequested: (name, company, email) => ({ title: `${name} (${company}) asks for access`, body: `${email}: approve them into a customer, or reject, on the admin page` }),
  meeting: {
    subject: (topic, when) => `Invitation: ${topic} (${when})`,
    intro: (name, what) => `Hello ${name}, the meeting for the ${what} is confirmed. The invitation is attached: open it to add the meeting to your calendar.`,
    footer: 'You get this email because you take part in this meeting.',
  },
  email: {
    subject: (count, tenant) => `${count} updates in ${tenant}`,
    intro: (count) => (count === 1 ? 'There is an update for you:' : `There are ${count} updates for you:`),
    openTask: 'Open the task',
    openPortal: 'Open the portal',
    footer: (tenant) => `You get these emails from ${tenant}. Choose which ones in the portal's notification settings.`,
  },
};

const FR_APPROVAL: Record<string, string> = { approved: 'a été approuvé', rejected: 'a été refusé', changes_requested: 'demande des modifications' };
const FR_REQUEST_STATUS: Record<string, string> = { open: 'ouverte', in_progress: 'en cours', resolved: 'résolue', canceled: 'annulée' };
const FR_TREND: Record<string, string> = { rising: 'en hausse', steady: 'stable', declining: 'en baisse', spike: 'en forte hausse' };

const fr: Words = {
  lang: 'fr',
  quote: (text) => `«${NBSP}${text}${NBSP}»`,
  colon: (a, b) => `${a}${NBSP}: ${b}`,
  assigned: (actor, task) => (actor ? `${actor} vous a confié ${task}` : `${task} vous a été confié`),
  due: (date) => `Échéance${NBSP}: ${date}`,
  commented: (actor, task) => (actor ? `${actor} a commenté ${task}` : `Nouveau commentaire sur ${task}`),
  mentioned: (actor, where) => {
    const place = 'thread' in where ? `dans ${where.thread}` : `sur ${where.task}`;
    return actor ? `${actor} vous a mentionné ${place}` : `Vous avez été mentionné ${place}`;
  },
  approvalAsked: (actor, task) => (actor ? `${actor} vous demande d’approuver ${task}` : `Votre approbation de ${task} est demandée`),
  approvalEnded: (task, status) => `${task} ${FR_APPROVAL[status] ?? status}`,
  request: (typeName, detail) => `${typeName}${detail ? ` ${fr.quote(detail)}` : ''}`,
  requestBreached: (what, customer) => ({ title: `Délai dépassé, toujours en attente${NBSP}: ${what}${customer ? ` (${customer})` : ''}`, body: 'L’échéance est passée sans résolution.' }),
  requestUpdated: (what, status) => `Votre demande ${what}${NBSP}: ${FR_REQUEST_STATUS[status] ?? status}`,
  requestFiled: (by, what) => `${by} a déposé une demande${NBSP}: ${what}`,
  theTeam: 'L’équipe',
  wrote: (by, thread) => `${by} a écrit dans ${thread}`,
  goalProgress: (actor, goal) => (actor ? `${actor} a noté une avancée sur ${goal}` : `Avancée sur ${goal}`),
  overdue: (task, date) => ({ title: `${task} est en retard`, body: `L’échéance était le ${date}` }),
  dueIn: (task, days) => `${task} arrive à échéance ${days <= 0 ? 'aujourd’hui' : days === 1 ? 'demain' : `dans ${days}${NBSP}jours`}`,
  aCustomer: 'Un client',
  uploaded: (by, document) => `${by} a déposé ${document}`,
  completed: (by, task) => `${by} a terminé ${task}`,
  blocked: (by, task) => `${by} a marqué ${task} comme bloquée`,
  engagement: (customer, trend, score, previous) => ({ title: `${customer}${NBSP}: engagement ${FR_TREND[trend] ?? trend}`, body: `Score ${score}/100, auparavant ${FR_TREND[previous] ?? previous}` }),
  accessRequested: (name, company, email) => ({ title: `${name} (${company}) demande un accès`, body: `${email}${NBSP}: acceptez cette personne dans un client, ou refusez, sur la page d’administration` }),
  meeting: {
    subject: (topic, when) => `Invitation${NBSP}: ${topic} (${when})`,
    intro: (name, what) => `Bonjour ${name}, la réunion est confirmée (${what}). L’invitation est jointe${NBSP}: ouvrez-la pour ajouter la réunion à votre agenda.`,
    footer: 'Vous recevez cet e-mail parce que vous participez à cette réunion.',
  },
  email: {
    subject: (count, tenant) => `${count}${NBSP}nouveautés dans ${tenant}`,
    intro: (count) => (count === 1 ? `Voici une nouveauté pour vous${NBSP}:` : `Voici ${count}${NBSP}nouveautés pour vous${NBSP}:`),
    openTask: 'Ouvrir la tâche',
    openPortal: 'Ouvrir le portail',
    footer: (tenant) => `Vous recevez ces e-mails de ${tenant}. Choisissez lesquels dans les réglages de notification du portail.`,
  },
};

const LANGUAGES: Record<string, Words> = { en, fr };

/**
 * The words for a person's `locale` (`fr`, `fr-FR` → French; unknown → English).
 * @example wordsFor('fr-FR').goalProgress('Ana', '« Adoption »') // "Ana a noté une avancée sur « Adoption »"
 */
export function wordsFor(locale: string): Words {
  return LANGUAGES[locale.slice(0, 2).toLowerCase()] ?? en;
}
