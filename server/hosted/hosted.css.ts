/**
 * The stylesheet of the hosted portal and the admin page, served as /assets/hosted.css (the
 * pages' CSP allows no inline style). Colours come from the tenant's theme.css
 * (`--brand-*`), with these defaults.
 */
export const HOSTED_CSS = `:root {
  --page-primary: var(--brand-primary, #2454d6);
  --page-on-primary: var(--brand-on-primary, #ffffff);
  --page-background: var(--brand-background, #f5f6f8);
  --page-surface: var(--brand-surface, #ffffff);
  --page-text: var(--brand-text, #1c1f24);
  --page-muted: var(--brand-muted, #5b6270);
  --page-error: var(--brand-danger, #b42318);
  color-scheme: light;
}
* { box-sizing: border-box; }
html, body { margin: 0; min-height: 100%; }
body {
  background: var(--page-background);
  color: var(--page-text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  display: flex;
  flex-direction: column;
  min-height: 100vh;
}
.bar {
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: 1rem;
  padding: 0.75rem 1.5rem;
  background: var(--page-surface);
  border-bottom: 1px solid rgba(0, 0, 0, 0.08);
}
.brand { display: flex; align-items: center; gap: 0.75rem; font-weight: 600; }
.logo { height: 32px; width: auto; max-width: 160px; object-fit: contain; }
main { flex: 1; display: flex; flex-direction: column; padding: 1.5rem; }
.full { display: block; flex: 1; width: 100%; max-width: 1200px; margin: 0 auto; }
.card {
  width: 100%;
  max-width: 28rem;
  margin: 3rem auto;
  padding: 2rem;
  background: var(--page-surface);
  border-radius: 12px;
  box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08), 0 8px 24px rgba(0, 0, 0, 0.04);
}
h1 { font-size: 1.375rem; margin: 0 0 1rem; }
p { margin: 0 0 1rem; }
label { display: block; font-weight: 500; margin: 0 0 0.25rem; }
input[type="email"], input[type="text"] {
  display: block;
  width: 100%;
  padding: 0.625rem 0.75rem;
  margin: 0 0 1rem;
  font: inherit;
  color: inherit;
  background: var(--page-surface);
  border: 1px solid rgba(0, 0, 0, 0.25);
  border-radius: 8px;
}
input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid var(--page-primary); outline-offset: 2px; }
button, .button {
  display: inline-block;
  padding: 0.625rem 1rem;
  font: inherit;
  font-weight: 600;
  color: var(--page-on-primary);
  background: var(--page-primary);
  border: 0;
  border-radius: 8px;
  cursor: pointer;
  text-decoration: none;
}
.sign-out { margin: 0; }
/* The admin page's company sign-in: a second way in, set apart from the email form. */
form.sso { margin-top: 1.5rem; padding-top: 1.25rem; border-top: 1px solid rgba(0, 0, 0, 0.12); }
.hint { color: var(--page-muted); font-size: 0.9375rem; }
.sign-out button { color: var(--page-text); background: transparent; border: 1px solid rgba(0, 0, 0, 0.2); font-weight: 500; }
a { color: var(--page-primary); }
.error { color: var(--page-error); font-weight: 500; }
.notice { color: var(--page-muted); }
/* The page's bar already shows the tenant's name and logo: the widget below does not repeat them. */
customer-portal.full::part(logo),
customer-portal.full::part(tenant-name) { display: none; }
@media (max-width: 480px) {
  /* A phone: the bar stays one row (the name on two lines at most), so the portal starts at once. */
  .bar { padding: 0.5rem 0.75rem; gap: 0.5rem; }
  .brand { min-width: 0; gap: 0.5rem; }
  .brand .name { font-size: 0.9375rem; line-height: 1.25; overflow: hidden; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; }
  .logo { height: 28px; max-width: 96px; }
  .sign-out button { padding: 0.375rem 0.75rem; white-space: nowrap; }
  main { padding: 0.75rem; }
  .card { margin: 1rem auto; padding: 1.25rem; }
}
`;
