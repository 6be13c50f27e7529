import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { randomToken } from '../lib/ids.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Display name for the From header (the tenant's `email_from`); the address is the service's. */
  fromName?: string;
  /** Attachments: referenced from the HTML by `cid:` (a tenant's logo), or files (a meeting's `.ics`). */
  attachments?: { filename: string; content: Buffer | string; cid?: string; contentType: string }[];
  /** Extra headers, e.g. `Auto-Submitted: auto-generated` on notifications so auto-replies stay away. */
  headers?: Record<string, string>;
}

/** Sends email: through SMTP when `SMTP_URL` is set, else as `.eml` files in the outbox. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * The mailer the configuration asks for. Without `SMTP_URL`, each message is written to
 * `<dataDir>/outbox/<time>-<id>.eml` and its subject logged, so nothing is lost in development.
 * @example const mailer = createMailer(config.smtpUrl, config.dataDir, 'portal@vendor.test');
 */
export function createMailer(smtpUrl: string | null, dataDir: string, fromAddress: string, log: (line: string) => void = console.log): Mailer {
  const transport = smtpUrl
    ? nodemailer.createTransport(smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const outbox = join(dataDir, 'outbox');
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: { name: mail.fromName ?? 'Customer portal', address: fromAddress },
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.attachments ? { attachments: mail.attachments } : {}),
        ...(mail.headers ? { headers: mail.headers } : {}),
      });
      if (!smtpUrl) {
        await mkdir(outbox, { recursive: true });
        const file = join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomToken(6)}.eml`);
        await writeFile(file, (info as unknown as { message: Buffer }).message);
        // Without SMTP this is a development machine: the sign-in link is what the person needs.
        const link = /https?:\/\/\S+\/auth\/magic\/[0-9A-Za-z]+/.exec(mail.text)?.[0];
        log(`[mail] to ${mail.to}: ${mail.subject} (${file})${link ? `\n       ${link}` : ''}`);
      }
    },
    close() {
      transport.close();
    },
  };
}
