import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as a reader sees it: decoded headers and parts. */
export interface CaughtMail {
  to: string[];
  subject: string;
  from: string;
  headers: Map<string, string>;
  text: string;
  html: string;
  raw: string;
  /** Every `/auth/magic/<token>` link in the text and HTML parts, in order, without duplicates. */
  links: string[];
  /** The `text/calendar` parts (a meeting invitation's `.ics`), decoded. */
  calendars: string[];
}

export interface MailCatcher {
  /** `smtp://127.0.0.1:<port>`: what `SMTP_URL` is set to in the test's config. */
  url: string;
  messages: CaughtMail[];
  to(address: string): CaughtMail[];
  /** Resolves with the first message that `match` accepts among those caught from index `since` on (already or later). */
  waitFor(match: (mail: CaughtMail) => boolean, since?: number, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

const decodeQ = (text: string) =>
  Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`), as mail clients show them. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      (encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQ(text)).toString('utf8'),
    );
}

function splitHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(
        body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8');
    default:
      return body;
  }
}

/** Collects the text/plain and text/html parts of an entity, walking multiparts. */
function walk(entity: string, into: { text: string; html: string; calendars: string[] }): Map<string, string> {
  const split = entity.search(/\r?\n\r?\n/);
  const headers = splitHeaders(entity.slice(0, split));
  const body = entity.slice(split).replace(/^\r?\n\r?\n/, '');
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) if (!part.startsWith('--')) walk(part.replace(/^\r?\n/, ''), into);
  } else if (/^text\/plain/i.test(type)) {
    into.text += decodeBody(body, headers.get('content-transfer-encoding'));
  } else if (/^text\/html/i.test(type)) {
    into.html += decodeBody(body, headers.get('content-transfer-encoding'));
  } else if (/^text\/calendar/i.test(type)) {
    into.calendars.push(decodeBody(body, headers.get('content-transfer-encoding')));
  }
  return headers;
}

/** Reads one raw message. */
export function readMail(raw: string, to: string[]): CaughtMail {
  const parts = { text: '', html: '', calendars: [] as string[] };
  const headers = walk(raw, parts);
  const links = [...new Set([...`${parts.text}\n${parts.html}`.matchAll(/https?:\/\/[^\s"<>]+\/auth\/magic\/[0-9A-Za-z]+/g)].map((m) => m[0]))];
  return { to, subject: decodeWords(headers.get('subject') ?? ''), from: decodeWords(headers.get('from') ?? ''), headers, ...parts, raw, links };
}

/**
 * A real SMTP server in the test process: the service sends to it through nodemailer as it
 * would to any relay, and the test reads what arrived.
 * @example const mail = await startMailCatcher(); const t = await startTestApp(db, { smtpUrl: mail.url });
 */
export async function startMailCatcher(): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push(readMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.to.includes(address)),
    waitFor(match, since = 0, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.slice(since).find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching mail within ${timeoutMs} ms; caught: ${messages.map((m) => `${m.to.join(',')} "${m.subject}"`).join('; ') || 'none'}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
