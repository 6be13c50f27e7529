import { msg } from '@lit/localize';
import { html } from 'lit';

/** The prospect's fields of a registration or referral form (names as the API's `prospect`). */
export const prospectFields = () => html`
  <label>${msg('Company')}<input name="company" required maxlength="300" autocomplete="organization" /></label>
  <label>${msg('Contact name')}<input name="contact_name" required maxlength="200" autocomplete="off" /></label>
  <label>${msg('Contact email')}<input name="email" type="email" required maxlength="320" autocomplete="off" /></label>
  <label>${msg('Website domain (optional)')}<input name="domain" maxlength="253" placeholder="example.com" autocomplete="off" /></label>
`;

/** The `prospect` object of a submitted form. */
export function prospectOf(form: FormData) {
  const text = (name: string) => form.get(name)?.toString().trim() ?? '';
  return { company: text('company'), contactName: text('contact_name'), email: text('email'), ...(text('domain') ? { domain: text('domain') } : {}) };
}
