/**
 * customer-portal-admin: the CSM admin page, `<cp-admin>`, served as /customer-portal-admin.js
 * and loaded by the service's `/admin` page. It carries the widget (the Work tab and the
 * branding preview are `<customer-portal>`) and adds only what staff alone need.
 * @example <script type="module" src="/customer-portal-admin.js"></script>
 *          <cp-admin api-base="" token-url="/v1/auth/session/token"></cp-admin>
 */
import './admin/lib/admin-translations.js';

export { CpAdmin } from './admin/cp-admin/cp-admin.js';
