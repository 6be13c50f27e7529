import { recordViews } from '../analytics/analytics.repository.js';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import sharp from 'sharp';
import { toneWav } from './demo-media.js';
import { createApp } from '../app.js';
import type { Deps } from '../context.js';
import { createTenant } from '../tenants/tenant.repository.js';
import { seedCommercialDemo } from './demo-commercial.js';
import { seedGoalsDemo } from './demo-goals.js';
import { seedContentDemo } from './demo-content.js';
import { fileAccessRequest } from '../access-requests/access-request.repository.js';
import { seedRequestsDemo } from './demo-requests.js';

export interface DemoCredentials {
  tenantId: string;
  tenantName: string;
  slug: string;
  apiKey: string;
  /** Mia's authenticator key: the demo of the code page after the sign-in link (any TOTP app, or `otpauth`). */
  mfaDemo?: { email: string; secret: string };
}

const credentialsFile = (deps: Deps) => join(deps.config.dataDir, 'demo-credentials.json');

/** The demo tenant's credentials, as the seed left them (the example vendor page needs the API key). */
export async function readDemoCredentials(deps: Deps): Promise<DemoCredentials | null> {
  try {
    return JSON.parse(await readFile(credentialsFile(deps), 'utf8')) as DemoCredentials;
  } catch {
    return null;
  }
}

/** A one-page PDF with a title: the demo's previewable document. */
function demoPdf(title: string): Buffer {
  const text = `BT /F1 32 Tf 72 700 Td (${title}) Tj ET 0.16 0.36 0.84 rg 72 420 468 200 re f`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return Buffer.from(`${out}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1');
}

/** A small picture (a gradient with a frame) for the demo's image preview. */
async function demoImage(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000"><defs><linearGradient id="g"><stop offset="0" stop-color="#2a5bd7"/><stop offset="1" stop-color="#22c55e"/></linearGradient></defs><rect width="1600" height="1000" fill="url(#g)"/><rect x="120" y="120" width="1360" height="760" fill="none" stroke="#fff" stroke-width="24"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Seeds a demo tenant when the database holds none: two customers, their contacts, an admin
 * CSM and a member one, projects with portal and internal tasks (one for its members only),
 * milestones with start and due dates on the onboarding tasks,
 * comments and documents in folders (a proposal in three versions, a PDF, a call recording and a photo with
 * previews; one downloaded by a contact: an audit row), messages in the customer's threads (an internal note among them), a contact on Limited access, an account with its owner and team,
 * a CSM with an authenticator (two-step sign-in), shared goals with weeks of progress (Acme's and Globex's), Acme's deals and financial documents, and a partner (Channel Co) with its tiers, registrations,
 * a referral and commissions; pages (a welcome page, a guide with a video) and a rated FAQ; requests (one past its SLA, a meeting confirmed, one resolved, one open). Everything goes through
 * the public API, so the demo is exactly what a vendor's backend could build.
 * Returns null when the database already has a tenant.
 */
export async function seedDemo(deps: Deps): Promise<DemoCredentials | null> {
  const existing = await deps.db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  if (existing) return null;

  const { tenant, api_key: apiKey } = await createTenant(deps.db, { name: 'Northwind Software', slug: 'demo' });
  const app = createApp(deps);
  const call = async <T = any>(method: string, path: string, body: unknown, auth = apiKey): Promise<T> => {
    const init: RequestInit =
      body === undefined
        ? { method, headers: { authorization: `Bearer ${auth}` } }
        : body instanceof FormData
          ? { method, body, headers: { authorization: `Bearer ${auth}` } }
          : { method, body: JSON.stringify(body), headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' } };
    const res = await app.request(path, init);
    if (!res.ok) throw new Error(`seed: ${method} ${path} answered ${res.status} ${await res.text()}`);
    return (res.status === 204 ? null : await res.json()) as T;
  };
  const token = (user: object, customer?: object) =>
    call<{ token: string; user_id: string; customer_id: string }>('POST', '/v1/embed-tokens', { user, ...(customer ? { customer } : {}) });

  const sam = await token({ external_id: 'demo-csm-sam', name: 'Sam Carter', email: 'sam@northwind.test', role: 'staff', staff_role: 'admin' });
  // A CSM who does the work but not the admin's part (branding, settings, access rules).
  const mia = await token({ external_id: 'demo-csm-mia', name: 'Mia Chen', email: 'mia@northwind.test', role: 'staff', staff_role: 'member' });
  const ana = await token({ external_id: 'demo-ana', name: 'Ana Silva', email: 'ana@acme.test', role: 'contact' }, { external_id: 'acme', name: 'Acme Ltd' });
  const luis = await token({ external_id: 'demo-luis', name: 'Luis Moreno', email: 'luis@acme.test', role: 'contact' }, { external_id: 'acme' });
  const bob = await token({ external_id: 'demo-bob', name: 'Bob Stone', email: 'bob@globex.test', role: 'contact' }, { external_id: 'globex', name: 'Globex Corporation' });

  const onboarding = await call('POST', '/v1/projects', { customer_id: ana.customer_id, name: 'Onboarding', description: 'Everything between signature and go-live.', visibility: 'portal' }, sam.token);
  const task = (body: object, auth = sam.token) => call('POST', '/v1/tasks', { project_id: onboarding.id, ...body }, auth);
  // Milestones: go-live, at risk because the overdue agreement counts towards it; training after it.
  const goLive = await call('POST', '/v1/milestones', { project_id: onboarding.id, name: 'Go-live', due_date: daysFromNow(12) }, sam.token);
  const trained = await call('POST', '/v1/milestones', { project_id: onboarding.id, name: 'Admins trained', due_date: daysFromNow(21) }, sam.token);
  const kickoff = await task({ title: 'Kick-off call', description: 'Meet the team, agree on the plan and dates.', priority: 'high', start_date: daysFromNow(-8), due_date: daysFromNow(-6), assignee_ids: [sam.user_id, ana.user_id], milestone_id: goLive.id });
  await call('PATCH', `/v1/tasks/${kickoff.id}`, { status: 'done' }, ana.token);
  const sso = await task({ title: 'Configure single sign-on', description: 'Send us your **SAML metadata** or IdP URL.\n\n1. Open your identity provider\n2. Create an app for Northwind\n3. Upload the metadata file here', priority: 'high', status: 'in_progress', start_date: daysFromNow(-2), due_date: daysFromNow(3), assignee_ids: [ana.user_id], milestone_id: goLive.id });
  await task({ title: 'Sign the data processing agreement', description: 'The DPA is attached; upload the signed copy.', priority: 'urgent', due_date: daysFromNow(-1), assignee_ids: [luis.user_id], milestone_id: goLive.id });
  await task({ title: 'Import your users', description: 'Blocked until SSO works.', status: 'blocked', start_date: daysFromNow(4), due_date: daysFromNow(10), assignee_ids: [ana.user_id, luis.user_id], milestone_id: goLive.id });
  await task({ title: 'Train the admins', priority: 'medium', start_date: daysFromNow(12), due_date: daysFromNow(14), milestone_id: trained.id });
  await task({ title: 'Check adoption risk before the QBR', description: 'Usage dipped in week 2; talk to the AE.', visibility: 'internal', priority: 'high', assignee_ids: [sam.user_id] });

  await call('POST', `/v1/tasks/${sso.id}/comments`, { body: 'We use Okta. Where do I find the metadata?' }, ana.token);
  await call('POST', `/v1/tasks/${sso.id}/comments`, { body: '@Ana Silva in Okta: *Applications → your app → Sign On → View SAML setup instructions*.' }, sam.token);
  await call('POST', `/v1/tasks/${sso.id}/comments`, { body: 'Their IdP admin is new; expect delays.', visibility: 'internal' }, sam.token);
  const form = new FormData();
  form.set('task_id', sso.id);
  form.set('file', new Blob(['Northwind SSO guide\n\n1. Create a SAML app\n2. Upload its metadata\n'], { type: 'text/plain' }), 'sso-guide.txt');
  const guide = await call<{ id: string }>('POST', '/v1/documents', form, sam.token);
  // Ana reads it: the audit trail's download row (with her browser) is on the Activity tab.
  const read = await app.request(`/v1/documents/${guide.id}/content`, {
    headers: { authorization: `Bearer ${ana.token}`, 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15' },
  });
  if (!read.ok) throw new Error(`seed: download answered ${read.status}`);
  await read.arrayBuffer();

  // Files: Acme's folders (one for the team only), a proposal in its third version, a site
  // photo and a one-page PDF with previews.
  const file = (name: string, bytes: string | Uint8Array, fields: Record<string, string> = {}) => {
    const upload = new FormData();
    for (const [key, value] of Object.entries(fields)) upload.set(key, value);
    upload.set('file', new Blob([bytes as BlobPart]), name);
    return upload;
  };
  const folder = (body: object) => call<{ id: string }>('POST', '/v1/folders', body, sam.token);
  const contracts = await folder({ customer_id: ana.customer_id, name: 'Contracts' });
  await folder({ parent_id: contracts.id, name: 'Signed' });
  const rollout = await folder({ customer_id: ana.customer_id, name: 'Rollout' });
  await folder({ customer_id: ana.customer_id, name: 'Account planning', visibility: 'internal' });
  const proposal = await call<{ id: string }>('POST', '/v1/documents', file('Proposal.txt', 'Northwind proposal for Acme\n\nVersion 1: 120 seats.\n', { folder_id: contracts.id }), sam.token);
  await call('POST', `/v1/documents/${proposal.id}/versions`, file('Proposal v2.txt', 'Northwind proposal for Acme\n\nVersion 2: 150 seats, SSO included.\n'), ana.token);
  await call('POST', `/v1/documents/${proposal.id}/versions`, file('Proposal v3.txt', 'Northwind proposal for Acme\n\nVersion 3: 150 seats, SSO and training included.\n'), sam.token);
  await call('POST', '/v1/documents', file('rollout-plan.pdf', demoPdf('Acme rollout plan'), { folder_id: rollout.id }), sam.token);
  await call('POST', '/v1/documents', file('office-floor.png', await demoImage(), { folder_id: rollout.id }), ana.token);
  // Audio plays in the preview pane, streamed with range requests.
  await call('POST', '/v1/documents', file('kickoff-call.wav', toneWav(3), { folder_id: rollout.id }), sam.token);

  // The resources library: published to every customer (one file to partners only).
  const library: [string, string, string, string?][] = [
    ['collateral', 'northwind-product-overview.txt', 'Northwind in one page: what it does, for whom, and what it costs.\n'],
    ['technical', 'security-whitepaper.txt', 'How Northwind keeps your data: encryption, backups, access control.\n'],
    ['training', 'admin-training-guide.txt', 'Your first week as a Northwind administrator, day by day.\n'],
    ['templates', 'rollout-plan-template.txt', 'Phase, owner, date, done: a rollout plan to copy.\n'],
    ['collateral', 'partner-co-selling-deck.txt', 'How we sell Northwind together.\n', 'partner'],
  ];
  for (const [category, name, text, portalType] of library) {
    await call('POST', '/v1/documents', file(name, text, { library_category: category, ...(portalType ? { portal_type: portalType } : {}) }), sam.token);
  }

  // Who may do what: Luis is on Limited access (he sees, comments and uploads, but does not
  // create or change tasks); the design refresh is for its members only (Ana, not Luis); Globex
  // is owned by Sam with Mia on the team, so its activity reaches them and not all the staff.
  const sets = await call<{ data: { id: string; name: string; portal_type: string }[] }>('GET', '/v1/permission-sets?portal_type=customer', undefined);
  const limited = sets.data.find((set) => set.name === 'Limited access')!;
  await call('PATCH', `/v1/users/${luis.user_id}`, { permission_set_id: limited.id }, sam.token);
  const design = await call('POST', '/v1/projects', { customer_id: ana.customer_id, name: 'Design refresh', description: 'The new look of the portal, with the design team.', access: 'members' }, sam.token);
  await call('PUT', `/v1/projects/${design.id}/members`, { user_ids: [ana.user_id, sam.user_id] }, sam.token);
  await call('POST', '/v1/tasks', { project_id: design.id, title: 'Approve the colour palette', due_date: daysFromNow(5), assignee_ids: [ana.user_id] }, sam.token);
  await call('PATCH', `/v1/customers/${bob.customer_id}`, { owner_id: sam.user_id, team_ids: [mia.user_id] }, sam.token);

  // Messages: Acme's general thread with a question, the CSM's note to a colleague and the
  // answer; Sam has read Ana's question, so she sees "Seen by Sam Carter" under it.
  const threads = await call<{ data: { id: string; general: boolean }[] }>('GET', `/v1/threads?customer_id=${ana.customer_id}`, undefined, sam.token);
  const general = threads.data.find((t) => t.general)!;
  const say = (body: object, auth: string) => call<{ id: string }>('POST', `/v1/threads/${general.id}/messages`, body, auth);
  await say({ body: 'Hi Sam, could we move the go-live to the 15th? Our IT team is short-staffed this month.' }, ana.token);
  await say({ body: '@Mia Chen can you check whether the trainers are free on the 15th?', visibility: 'internal' }, sam.token);
  const answer = await say({ body: '@Ana Silva the 15th works for us. I will update the plan and send the new dates by Friday.' }, sam.token);
  await call('POST', `/v1/threads/${general.id}/read`, { message_id: answer.id }, luis.token);
  const planThread = await call<{ id: string }>('POST', '/v1/threads', { customer_id: ana.customer_id, project_id: onboarding.id, subject: 'Go-live checklist' }, sam.token);
  await call('POST', `/v1/threads/${planThread.id}/messages`, { body: 'Here is the checklist for the last week before go-live. Tell us what is missing.' }, sam.token);

  const review = await call('POST', '/v1/projects', { customer_id: bob.customer_id, name: 'Q4 review action plan', visibility: 'portal' }, sam.token);
  await call('POST', '/v1/tasks', { project_id: review.id, title: 'Share your 2027 headcount plan', due_date: daysFromNow(7), assignee_ids: [bob.user_id] }, sam.token);
  await call('POST', '/v1/tasks', { project_id: review.id, title: 'Enable the reporting module', status: 'in_progress', due_date: daysFromNow(12) }, sam.token);

  // Two-step sign-in: Mia has an authenticator, so her sign-in link leads to the code page.
  const enrolment = await call<{ secret: string }>('POST', '/v1/me/mfa/totp', undefined, mia.token);
  await call('POST', '/v1/me/mfa/totp/confirm', { code: new TOTP({ secret: Secret.fromBase32(enrolment.secret) }).generate() }, mia.token);

  await seedCommercialDemo(call, { acme: ana.customer_id, sam: sam.user_id, ana: ana.token, samToken: sam.token });
  await seedGoalsDemo(call, deps.db, { acme: ana.customer_id, globex: bob.customer_id, sam, ana, bob });
  await seedContentDemo(call, { sam: sam.token, ana: ana.token, bob: bob.token, acme: ana.customer_id }, await demoImage());
  await seedRequestsDemo(call, deps.db, { acme: ana.customer_id, sam: sam.user_id, ana: ana.token, bob: bob.token });

  // Access requests: the hosted portal takes them, and two people wait on the Portal access tab.
  await call('PATCH', '/v1/settings', { self_registration: 'approval' });
  for (const [name, email, company] of [
    ['Rosa Diaz', 'rosa@acme.test', 'Acme Ltd'],
    ['Kenji Sato', 'kenji@globex.test', 'Globex'],
  ] as const) {
    await fileAccessRequest(deps, { tenant: tenant.slug, email, name, company });
  }

  const credentials: DemoCredentials = { tenantId: tenant.id, tenantName: tenant.name, slug: tenant.slug, apiKey, mfaDemo: { email: 'mia@northwind.test', secret: enrolment.secret } };
  await mkdir(deps.config.dataDir, { recursive: true });
  await writeFile(credentialsFile(deps), JSON.stringify(credentials, null, 2), { mode: 0o600 });
  // Five weeks of portal visits, Acme's busier than Globex's, so that the Engagement tab has charts and scores.
  const views = ['dashboard', 'tasks', 'task', 'documents', 'projects', 'timeline'] as const;
  for (const [who, every] of [[ana, 1], [luis, 3], [bob, 6]] as const) {
    const contact = { kind: 'contact' as const, tenantId: tenant.id, userId: who.user_id, customerId: who.customer_id, capabilities: new Set<never>(), memberOf: null };
    for (let day = 34; day >= 0; day -= every) {
      const at = Date.now() - day * 86_400_000 - 3_600_000;
      await deps.db.transaction().execute((trx) => recordViews(trx, contact, views.slice(0, 2 + (day % 4)).map((view) => ({ view })), at));
    }
  }
  return credentials;
}
