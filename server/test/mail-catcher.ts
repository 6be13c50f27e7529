import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the catcher received it, headers and text decoded enough to assert on. */
export interface CaughtMail {
  to: string[];
  subject: string;
  /** The whole message, quoted-printable soft breaks and escapes decoded. */
  raw: string;
  /** Every `/auth/magic/<token>` link in the message, in order, without duplicates. */
  links: string[];
}

export interface MailCatcher {
  /** `smtp://127.0.0.1:<port>`: what `SMTP_URL` is set to in the test's config. */
  url: string;
  messages: CaughtMail[];
  /** Resolves with the first message that `match` accepts among those caught from index `since` on (already or later). */
  waitFor(match: (mail: CaughtMail) => boolean, since?: number, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

const decodeQuotedPrintable = (text: string) =>
  text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

function parse(raw: string, to: string[]): CaughtMail {
  const decoded = decodeQuotedPrintable(raw);
  const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1]?.replace(/\r?\n[ \t]/g, ' ') ?? '';
  const links = [...new Set([...decoded.matchAll(/https?:\/\/[^\s"<>]+\/auth\/magic\/[0-9A-Za-z]+/g)].map((m) => m[0]))];
  return { to, subject, raw: decoded, links };
}

/**
 * A real SMTP server on a free local port that keeps what it receives: tests send mail the way
 * production does and read it back, with no mocked mailer.
 * @example const mail = await startMailCatcher(); const t = await startTestApp(db, { smtpUrl: mail.url });
 */
export async function startMailCatcher(): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push(parse(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
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
