import { msg, str } from '@lit/localize';

/**
 * A row's reason in the user's language: the service words them from a short, fixed list
 * (server/imports/contact-import.ts); one it adds later shows as it comes.
 * @example reasonText('duplicate of line 4') // "doublon de la ligne 4" in French
 */
export function reasonText(reason: string): string {
  const line = /^(external_id )?duplicate of line (\d+)$/.exec(reason);
  if (line) return line[1] ? msg(str`the same external id as line ${line[2]}`) : msg(str`the same email as line ${line[2]}`);
  const known: Record<string, string> = {
    'name is required': msg('the name is missing'),
    'name is longer than 200 characters': msg('the name is longer than 200 characters'),
    'email is required': msg('the email is missing'),
    'not a valid email address': msg('not a valid email address'),
    'external_id is longer than 200 characters': msg('the external id is longer than 200 characters'),
    'already a contact of another customer': msg('already a contact of another customer'),
    'already a member of your team': msg('already a member of your team'),
    'external_id is already used by another person': msg('the external id belongs to someone else'),
    'access deactivated': msg('their access is deactivated'),
  };
  return known[reason] ?? reason;
}
