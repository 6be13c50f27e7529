/**
 * The CSM side end to end: the real service (sending its email through SMTP to a catcher in
 * this process), the real bundles, the service's own `/admin` and `/p/<slug>` pages, and two
 * real Chromium sessions, the CSM's and the contact's, each signed in by the link in their email.
 * With UPDATE_SCREENSHOTS=1 the screenshots go to docs/screenshots/ (for the CSM guide, docs/csm.md).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, screenshotDir, shadowText, startService, type E2eService } from './browser.js';
import type { MailCatcher } from '../server/test/mail-catcher.js';

const SLUG = 'northwind';
const CSM = 'sam@northwind.test';
const CONTACT = 'ana@acme.test';

const screenshots = screenshotDir();

describe('the CSM side: admin page, playbooks, invitations and the hosted portal', () => {
  let service: E2eService;
  let mail: MailCatcher;
  let url: string;
  let apiKey: string;
  let browser: Browser;
  let csm: Page;
  let contact: Page;
  let acme: string;
  const problems: string[] = [];

  const call = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };

  /** A page of its own browser context (its own cookies), whose problems are collected, named by whose page it is. */
  const personPage = (who: string) => openPage(browser, problems, { who });
  /** How many of what `locator` finds are on screen (not in a part hidden by a style). */
  const onScreen = (locator: Locator) => locator.evaluateAll((all) => all.filter((e) => (e as HTMLElement).offsetParent !== null).length);

  /**
   * A screenshot for the CSM guide (docs/csm.md), without the notices of earlier steps: the page from its top,
   * or with `whole`, all of the admin element however long.
   */
  const shot = async (page: Page, name: string, options: { whole?: boolean } = {}) => {
    await page.locator('cp-admin [part=notices] button').evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLButtonElement).click()));
    await page.evaluate(() => window.scrollTo(0, 0));
    const path = join(screenshots, `${name}.png`);
    await (options.whole ? page.locator('cp-admin').screenshot({ path }) : page.screenshot({ path }));
  };

  /** Opens the sign-in link of the newest email to `address` and presses the confirm button. */
  const followLink = async (page: Page, address: string, since: number, subject: RegExp) => {
    const message = await mail.waitFor((m) => m.to.includes(address) && subject.test(m.subject), since, 10_000);
    expect(message.links).toHaveLength(1);
    await page.goto(message.links[0]!);
    // Mail scanners open links too: the link itself only shows a button.
    await page.getByRole('button', { name: 'Sign in' }).click();
    return message;
  };

  const tab = (name: string) => csm.locator('cp-admin [role=tab]', { hasText: name }).first().click();

  beforeAll(async () => {
    // The webhooks tab delivers to a receiver of this process, on this machine.
    service = await startService('cp-admin-e2e-', screenshots, { name: 'Northwind Software', slug: SLUG }, { WEBHOOK_ALLOW_PRIVATE: 'true' });
    ({ url, apiKey, mail } = service);

    // What the vendor's backend did before: its CSM and three customers, two with work under way.
    await call('POST', '/v1/embed-tokens', { user: { external_id: 'sam', name: 'Sam Carter', email: CSM, role: 'staff', staff_role: 'admin' } });
    acme = (await call('POST', '/v1/customers', { name: 'Acme Corp', external_id: 'acme' })).id;
    for (const [name, tasks] of [
      ['Globex', ['Sign the order form', 'Share your brand guidelines', 'Invite your admins']],
      ['Initech', ['Kick-off call', 'Connect your CRM']],
    ] as const) {
      const issued = await call('POST', '/v1/embed-tokens', {
        customer: { external_id: name.toLowerCase(), name },
        user: { external_id: `${name.toLowerCase()}-it`, name: `${name} IT`, email: `it@${name.toLowerCase()}.test`, role: 'contact' },
      });
      for (const [i, title] of tasks.entries()) await call('POST', '/v1/tasks', { customer_id: issued.customer_id, title, status: i === 1 ? 'blocked' : 'todo', due_date: i === 0 ? '2020-01-15' : null });
    }

    browser = await launchChromium();
    csm = await personPage('csm');
    contact = await personPage('contact');
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it('signs the CSM in by the emailed link, from /admin', async () => {
    await csm.goto(`${url}/admin`);
    await csm.getByLabel('Portal name').fill(SLUG);
    await csm.getByLabel('Email address').fill(CSM);
    await csm.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await csm.getByRole('heading', { name: 'Check your email' }).waitFor();
    await followLink(csm, CSM, 0, /sign/i);
    await csm.waitForURL(`${url}/admin`);
    await csm.locator('cp-admin [part=customer-row]', { hasText: 'Globex' }).waitFor();
    const cookie = (await csm.context().cookies()).find((c) => c.name === 'cp_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await shot(csm, 'customers');
  });

  it('builds a template whose second step waits for the first', async () => {
    await tab('Templates');
    await csm.locator('cp-admin-templates button', { hasText: 'New template' }).click();
    const editor = csm.locator('cp-admin-template-editor');
    await editor.getByLabel('Template name').fill('Standard onboarding');
    await editor.getByLabel('Project it creates').fill('Onboarding');
    const steps = editor.locator('[part=step]');
    await steps.nth(0).getByLabel('Title').fill('Upload your logo');
    await steps.nth(0).getByLabel('Due after (days)').fill('3');
    await steps.nth(0).getByLabel('Assigned to').selectOption('contacts');
    await editor.getByRole('button', { name: 'Add a step' }).click();
    await steps.nth(1).getByLabel('Title').fill('Configure single sign-on');
    await steps.nth(1).getByLabel('Description (Markdown)').fill('Send us your **SAML metadata**.');
    await steps.nth(1).getByLabel('Priority').selectOption('high');
    await steps.nth(1).getByLabel('Due after (days)').fill('7');
    await steps.nth(1).getByLabel('Assigned to').selectOption('contacts');
    await steps.nth(1).getByLabel('Upload your logo').check();
    await editor.getByRole('button', { name: 'Add a step' }).click();
    await steps.nth(2).getByLabel('Title').fill('Check adoption risk');
    await steps.nth(2).getByLabel('Visible to').selectOption('internal');
    await steps.nth(2).getByLabel('Assigned to').selectOption('csm');
    await steps.nth(2).getByLabel('Upload your logo').check();
    await editor.getByRole('button', { name: 'Create the template' }).click();
    await csm.locator('cp-admin [part=notices]', { hasText: 'Template “Standard onboarding” saved.' }).waitFor();
    const [template] = (await call('GET', '/v1/templates')).data;
    expect(template.tasks.map((t: { title: string; after: string[] }) => [t.title, t.after.length])).toEqual([
      ['Upload your logo', 0],
      ['Configure single sign-on', 1],
      ['Check adoption risk', 1],
    ]);
    await shot(csm, 'templates', { whole: true });
  });

  it('applies it to a customer: the first step now, the others later', async () => {
    const apply = csm.locator('cp-admin-templates [part=apply]');
    await apply.getByLabel('Customer').selectOption(acme);
    await apply.getByRole('button', { name: 'Apply' }).click();
    await apply.getByText('Project “Onboarding” created for Acme Corp with 1 task;').waitFor();
    const tasks = (await call('GET', `/v1/tasks?customer_id=${acme}`)).data;
    expect(tasks.map((t: { title: string }) => t.title)).toEqual(['Upload your logo']);
  });

  it('brands the portal, with a live preview and a logo', async () => {
    await tab('Branding');
    const branding = csm.locator('cp-admin-branding');
    await branding.getByLabel('Preset').selectOption('ocean');
    // A logo drawn on the spot, as an image file the CSM would pick.
    const drawer = await browser.newPage();
    await drawer.setContent('<svg id="logo" xmlns="http://www.w3.org/2000/svg" width="168" height="40"><rect width="40" height="40" rx="9" fill="#0e7490"/><path d="M11 29V11l18 18V11" stroke="#fff" stroke-width="4" fill="none"/><text x="48" y="27" font-family="sans-serif" font-size="17" font-weight="700" fill="#0c4a6e">Northwind</text></svg>');
    const logo = await drawer.locator('#logo').screenshot({ omitBackground: true });
    await drawer.close();
    await branding.getByLabel('Upload a logo (PNG, JPEG, GIF or WebP)').setInputFiles({ name: 'northwind.png', mimeType: 'image/png', buffer: logo });
    await branding.getByRole('img', { name: 'The logo' }).waitFor();
    await csm.locator('cp-admin-branding [part=preview] [part=task-row]').first().waitFor();
    await shot(csm, 'branding');
    await branding.getByRole('button', { name: 'Save the branding' }).click();
    await csm.locator('cp-admin [part=notices]', { hasText: 'The branding is saved.' }).waitFor();
    const saved = await call('GET', '/v1/branding');
    expect(saved).toMatchObject({ preset: 'ocean', logo_url: expect.stringContaining('/logo?v=') });
  });

  it('invites a contact, who gets the email', async () => {
    await tab('Portal access');
    await csm.locator('cp-admin [part=customer-select] select').selectOption(acme);
    const access = csm.locator('cp-admin-access');
    const since = mail.messages.length;
    await access.getByLabel('Name', { exact: true }).fill('Ana Silva');
    await access.getByLabel('Email', { exact: true }).fill(CONTACT);
    await access.getByRole('button', { name: 'Add contact' }).click();
    await csm.locator('cp-admin [part=notices]', { hasText: `Invitation sent to ${CONTACT}` }).waitFor();
    await access.locator('[part=contact-row]', { hasText: 'Ana Silva' }).locator('.badge', { hasText: 'Invited' }).waitFor();
    const invitation = await mail.waitFor((m) => m.to.includes(CONTACT), since, 10_000);
    expect(invitation.from).toContain('Northwind Software');
    // A CSV import starts with a preview that says, row by row, what it would do and why not.
    await csm.locator('cp-admin-import textarea').fill('name,email\nLuis Moreno,luis@acme.test\nAna Silva,ana@acme.test\nNo Email,\nLuis Again,luis@acme.test\n');
    await csm.locator('cp-admin-import').getByRole('button', { name: 'Preview' }).click();
    await csm.locator('cp-admin-import [part=import-report]').waitFor();
    await shot(csm, 'access', { whole: true });
  });

  it('lets the contact in by the invitation, on the hosted portal, branded', async () => {
    const invitation = mail.to(CONTACT).at(-1)!;
    await contact.goto(invitation.links[0]!);
    await contact.getByRole('button', { name: 'Sign in' }).click();
    await contact.waitForURL(`${url}/p/${SLUG}`);
    await contact.locator('customer-portal [part=counts]').waitFor();
    await contact.locator('customer-portal dialog[part=tour]').getByRole('button', { name: 'Skip the tour' }).click();
    expect(await contact.locator('header.bar img.logo').getAttribute('src')).toMatch(/^\/branding\/.+\/logo$/);
    await contact.locator('customer-portal [role=tab]', { hasText: 'Tasks' }).click();
    await contact.locator('customer-portal [part=task-row]', { hasText: 'Upload your logo' }).waitFor();
    await csm.locator('cp-admin-access [part=contact-row]', { hasText: 'Ana Silva' }).locator('.badge', { hasText: 'Active' }).waitFor();
  });

  it('the contact completes the first task; the follow-up appears for both, without a reload', async () => {
    await tab('Work');
    const work = csm.locator('cp-admin-work');
    await work.locator('[part=task-row]', { hasText: 'Upload your logo' }).waitFor();
    expect(await shadowText(csm, 'cp-admin')).not.toContain('Configure single sign-on');
    // The page's bar names the tenant: neither the admin's heading nor the widget in the Work tab repeats it, or its logo.
    expect(await onScreen(csm.getByText('Northwind Software', { exact: true }))).toBe(1);
    expect(await csm.locator('cp-admin header h1').innerText()).toBe('Admin');
    expect(await onScreen(csm.locator('header.bar .name'))).toBe(1);
    expect(await onScreen(csm.locator('cp-admin img.logo, cp-admin [part=logo]'))).toBe(0);

    await contact.locator('customer-portal [part=task-row] button', { hasText: 'Upload your logo' }).click();
    await contact.locator('customer-portal [part=task-detail] select[aria-label=Status]').selectOption('done');

    await contact.locator('customer-portal [part=task-row]', { hasText: 'Configure single sign-on' }).waitFor();
    await work.locator('[part=task-row]', { hasText: 'Configure single sign-on' }).waitFor();
    await work.locator('[part=task-row]', { hasText: 'Check adoption risk' }).waitFor();
    expect(await shadowText(contact, 'customer-portal')).not.toContain('Check adoption risk');
    const sso = (await call('GET', `/v1/tasks?customer_id=${acme}&q=single`)).data[0];
    const ana = (await call('GET', `/v1/customers/${acme}/contacts`)).data.find((c: { name: string }) => c.name === 'Ana Silva');
    expect(sso.assignee_ids).toEqual([ana.id]);
    await shot(contact, 'hosted-portal');
  });

  it("rings the CSM's bell, which opens the task ready to reply", async () => {
    await csm.locator('cp-admin [part=bell]').first().click();
    const item = csm.locator('cp-admin [part=notification-list] li button', { hasText: '“Upload your logo”' }).first();
    await item.waitFor();
    await shot(csm, 'inbox');
    await item.click();
    await csm.locator('cp-admin-work [part=task-detail]', { hasText: 'Upload your logo' }).waitFor();
  });

  it('the CSM replies internally and to the customer; the contact only ever sees the reply', async () => {
    const work = csm.locator('cp-admin-work');
    await work.locator('[part=task-row] button', { hasText: 'Configure single sign-on' }).click();
    const box = work.locator('[part=comment-box]');
    await box.getByRole('radio', { name: 'Team only' }).check();
    await box.locator('textarea').fill('Their IdP admin is new: expect delays.');
    await box.getByRole('button', { name: 'Add internal note' }).click();
    await work.locator('[part=comment]', { hasText: 'Their IdP admin is new' }).waitFor();
    await box.getByRole('radio', { name: 'Customer and team' }).check();
    await box.locator('textarea').fill('Here is our SSO guide; ping me when the metadata is ready.');
    await box.getByRole('button', { name: 'Send' }).click();
    await work.locator('[part=comment]', { hasText: 'Here is our SSO guide' }).waitFor();
    await shot(csm, 'work', { whole: true });

    await contact.locator('customer-portal [part=task-row] button', { hasText: 'Configure single sign-on' }).click();
    await contact.locator('customer-portal [part=comment]', { hasText: 'Here is our SSO guide' }).waitFor();
    const seen = await shadowText(contact, 'customer-portal');
    expect(seen).toContain('Configure single sign-on');
    expect(seen).not.toContain('Their IdP admin is new');
    expect(seen).not.toContain('Check adoption risk');
  });

  it('talks with the customer in its general thread: the note stays with the team, the reply is seen', async () => {
    const work = csm.locator('cp-admin-work');
    await work.locator('[role=tab]', { hasText: 'Messages' }).click();
    const box = work.locator('[part=comment-box]');
    await box.getByRole('radio', { name: 'Team only' }).check();
    await box.locator('textarea').fill('@Ana Silva asked about the go-live date twice: keep it on the QBR agenda.');
    await box.getByRole('button', { name: 'Add internal note' }).click();
    await work.locator('[part=message]', { hasText: 'keep it on the QBR agenda' }).waitFor();
    await box.getByRole('radio', { name: 'Customer and team' }).check();
    await box.locator('textarea').fill('Hi Ana, the go-live stays on the 15th. Write here if anything blocks you.');
    await box.getByRole('button', { name: 'Send' }).click();

    await contact.locator('customer-portal [role=tab]', { hasText: 'Messages' }).click();
    await contact.locator('customer-portal [part=message]', { hasText: 'the go-live stays on the 15th' }).waitFor();
    expect(await shadowText(contact, 'customer-portal')).not.toContain('QBR agenda');
    // The contact's widget marks the thread read: the CSM sees it without a reload.
    await work.locator('[part=read-receipt]', { hasText: 'Seen by Ana Silva' }).waitFor();
    await shot(csm, 'messages', { whole: true });
  });

  it('keeps the audit trail: who did what, and when', async () => {
    await tab('Activity');
    const activity = csm.locator('cp-admin-activity');
    await activity.locator('[part=activity-row]', { hasText: 'Completed task “Upload your logo”' }).waitFor();
    expect(await activity.locator('[part=activity-row]', { hasText: 'Completed task “Upload your logo”' }).innerText()).toContain('Ana Silva');
    await shot(csm, 'activity');
  });

  it('makes a project for its members only, picked on the page; the contact who is one sees it', async () => {
    await tab('Projects');
    const projects = csm.locator('cp-admin-projects');
    await projects.getByRole('button', { name: 'New project' }).click();
    const form = projects.locator('[part=project-form]');
    await form.getByLabel('Name', { exact: true }).fill('Security review');
    await form.getByRole('radio', { name: 'Its members only' }).check();
    await form.locator('[part=members] label', { hasText: 'Ana Silva' }).locator('input').check();
    await form.getByRole('button', { name: 'Create the project' }).click();
    await projects.locator('[part=project-row]', { hasText: 'Security review' }).filter({ hasText: 'Ana Silva' }).waitFor();
    const project = (await call('GET', `/v1/projects?customer_id=${acme}`)).data.find((p: { name: string }) => p.name === 'Security review');
    const ana = (await call('GET', `/v1/customers/${acme}/contacts`)).data.find((c: { name: string }) => c.name === 'Ana Silva');
    expect(project.access).toBe('members');
    expect((await call('GET', `/v1/projects/${project.id}/members`)).user_ids).toEqual([ana.id]);
    await contact.locator('customer-portal [role=tab]', { hasText: 'Projects' }).click();
    await contact.locator('customer-portal [part=project-card]', { hasText: 'Security review' }).waitFor();
  });

  it("plans the onboarding: milestones on the project's page and a timeline, for both sides", async () => {
    const onboarding = (await call('GET', `/v1/projects?customer_id=${acme}`)).data.find((p: { name: string }) => p.name === 'Onboarding');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const goLive = await call('POST', '/v1/milestones', { project_id: onboarding.id, name: 'Go-live', due_date: day(14) });
    await call('POST', '/v1/milestones', { project_id: onboarding.id, name: 'Admins trained', due_date: day(28) });
    for (const task of (await call('GET', `/v1/tasks?project_id=${onboarding.id}`)).data as { id: string; due_date: string | null }[]) {
      await call('PATCH', `/v1/tasks/${task.id}`, { milestone_id: goLive.id, start_date: day(-3), ...(task.due_date && task.due_date >= day(-3) ? {} : { due_date: day(6) }) });
    }
    await tab('Work');
    const work = csm.locator('cp-admin-work');
    await work.locator('customer-portal [role=tab]', { hasText: 'Projects' }).click();
    await work.locator('[part=project-card] h3 button', { hasText: 'Onboarding' }).click();
    await work.locator('[part=milestone]', { hasText: 'Go-live' }).waitFor();
    await shot(csm, 'milestones', { whole: true });
    await work.locator('customer-portal [role=tab]', { hasText: 'Timeline' }).click();
    await work.locator('[part=timeline-bar]').first().waitFor();
    await work.locator('[part=timeline-milestone]', { hasText: 'Go-live' }).waitFor();
    await shot(csm, 'timeline', { whole: true });

    await contact.locator('customer-portal [role=tab]', { hasText: 'Timeline' }).click();
    await contact.locator('customer-portal [part=timeline-milestone]', { hasText: 'Go-live' }).waitFor();
    expect(await shadowText(contact, 'customer-portal')).not.toContain('Check adoption risk');
  });

  it('agrees on goals with the customer: the Goals tab, a history chart, progress from both sides', async () => {
    const ana = (await call('GET', `/v1/customers/${acme}/contacts`)).data.find((c: { name: string }) => c.name === 'Ana Silva');
    const sam = (await call('GET', '/v1/people?customer_id=' + acme)).data.find((p: { name: string }) => p.name === 'Sam Carter');
    const tickets = await call('POST', '/v1/goals', { customer_id: acme, title: 'Cut open support tickets', metric: { unit: 'tickets', start: 120, target: 40 }, owner_ids: [sam.id, ana.id] });
    for (const [value, note] of [[104, 'Help centre launched'], [91, 'Macros for the top questions'], [78, '']] as const) {
      await call('POST', `/v1/goals/${tickets.id}/updates`, { value, ...(note ? { note } : {}) });
    }
    await call('POST', '/v1/goals', { customer_id: acme, title: 'Weekly active users', metric: { unit: '%', start: 15, target: 70 }, status: 'at_risk', owner_ids: [sam.id] });
    await call('POST', '/v1/goals', { customer_id: acme, title: 'Expand to analytics', visibility: 'internal', owner_ids: [sam.id] });
    await tab('Goals');
    const goals = csm.locator('cp-admin cp-goals');
    const card = goals.locator('[part=goal-card]', { hasText: 'Cut open support tickets' });
    await card.getByRole('button', { name: 'Details and progress' }).click();
    await goals.locator('[part=goal-chart] svg').waitFor();
    await goals.locator('[part=goal-history] tbody tr').nth(2).waitFor();
    await shot(csm, 'goals', { whole: true });

    await contact.locator('customer-portal [role=tab]', { hasText: 'Goals' }).click();
    const mine = contact.locator('customer-portal [part=goal-card]', { hasText: 'Cut open support tickets' });
    await mine.getByRole('button', { name: 'Details and progress' }).click();
    await mine.locator('input[name=value]').fill('70');
    await mine.getByRole('button', { name: 'Record', exact: true }).click();
    await mine.getByText('70 tickets, target 40 tickets').waitFor();
    expect(await shadowText(contact, 'customer-portal')).not.toContain('Expand to analytics');
    expect((await call('GET', `/v1/goals/${tickets.id}`)).current).toBe(70);
  });

  it('publishes a guide with a video and answers the FAQ: the contact reads both, the CSM learns what did not help', async () => {
    await tab('Pages');
    const pages = csm.locator('cp-admin-pages');
    await pages.getByRole('button', { name: 'New page' }).click();
    const editor = pages.locator('[part=page-editor]');
    await editor.getByLabel('Title', { exact: true }).fill('How go-live works');
    await editor.getByLabel('Shown to').selectOption({ label: 'Acme Corp' });
    await editor.getByLabel('Pinned').check();
    await editor.getByLabel('Body (markdown)').fill('# Four steps\n\n1. Kick-off\n2. Single sign-on\n3. Training\n4. Go-live\n\n![A three-minute walkthrough](https://www.youtube.com/watch?v=aqz-KE-bpKQ)');
    await pages.locator('[part=page-preview] iframe[src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"]').waitFor({ state: 'attached' });
    await shot(csm, 'pages', { whole: true });
    await editor.getByRole('button', { name: 'Publish' }).click();
    await pages.locator('li', { hasText: 'How go-live works' }).waitFor();

    for (const [category, question, answer] of [
      ['Security', 'How do I set up single sign-on?', 'Send us your **SAML metadata**.'],
      ['Security', 'Can I use an authenticator app?', 'Yes, in Settings.'],
      ['Billing', 'Where are my invoices?', 'Under Billing.'],
    ]) await call('POST', '/v1/faq', { category, question, answer });

    await contact.locator('customer-portal [role=tab]', { hasText: 'Pages' }).click();
    await contact.locator('customer-portal [part=page-list] button', { hasText: 'How go-live works' }).click();
    await contact.locator('customer-portal [part=page-reader] iframe[sandbox]').waitFor({ state: 'attached' });
    await contact.locator('customer-portal [role=tab]', { hasText: 'Help' }).click();
    await contact.locator('customer-portal [part=help-search] input').fill('single sign-on');
    await contact.locator('customer-portal [part=faq-entry] button', { hasText: 'How do I set up single sign-on?' }).click();
    const feedback = contact.locator('customer-portal [part=faq-feedback]');
    await feedback.getByRole('button', { name: 'No' }).click();
    await feedback.getByLabel('Comment (optional)').fill('We use Azure AD: where is the metadata there?');
    await feedback.getByRole('button', { name: 'Send' }).click();
    await feedback.getByText('Thank you for telling us.').waitFor();

    await tab('FAQ');
    const faq = csm.locator('cp-admin-faq');
    await faq.locator('[part=faq-stats]', { hasText: 'We use Azure AD: where is the metadata there?' }).waitFor();
    await faq.locator('[part=faq-row]', { hasText: '1 views · 0 helpful · 1 not helpful' }).waitFor();
    await shot(csm, 'faq', { whole: true });
  });

  it('shows the permission sets, the built-in Limited access open', async () => {
    await tab('Permissions');
    const permissions = csm.locator('cp-admin-permissions');
    await permissions.locator('[part=permission-set] button', { hasText: 'Limited access' }).first().click();
    await permissions.locator('[part=set-editor]', { hasText: 'Limited access' }).waitFor();
    await shot(csm, 'permissions');
  });

  it("lists each person's sessions; the CSM signs another browser out, whose page ends at once", async () => {
    // The CSM's laptop: a browser of its own (not watched for errors: it is about to be refused).
    const laptop = await openPage(browser, []);
    await laptop.goto(`${url}/admin`);
    await laptop.getByLabel('Portal name').fill(SLUG);
    await laptop.getByLabel('Email address').fill(CSM);
    const since = mail.messages.length;
    await laptop.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await followLink(laptop, CSM, since, /sign/i);
    await laptop.locator('cp-admin [part=customer-row]', { hasText: 'Globex' }).waitFor();

    await tab('Settings');
    const rows = csm.locator('cp-admin-settings cp-sessions li');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    const mine = rows.filter({ hasText: 'this browser' });
    expect(await mine.innerText()).toMatch(/Chrome on Linux · this browser[\s\S]*127\.0\.0\.1/);
    await shot(csm, 'sessions', { whole: true });
    await rows.filter({ hasNotText: 'this browser' }).getByRole('button', { name: /^Sign out/ }).click();
    await csm.locator('cp-admin [part=notices]', { hasText: 'That session is signed out.' }).waitFor();
    expect(await rows.count()).toBe(1);
    await laptop.reload();
    await laptop.getByRole('button', { name: 'Email me a sign-in link' }).waitFor();
    await laptop.context().close();

    // The contact, signed in on the hosted page, sees their own one session in Settings.
    await contact.locator('customer-portal [role=tab]', { hasText: 'Settings' }).click();
    await contact.locator('customer-portal cp-sessions li', { hasText: 'this browser' }).waitFor();
    expect(await contact.locator('customer-portal cp-sessions li').count()).toBe(1);

    // The audit trail has the sign-ins, with where from and with what.
    const signIns = (await call('GET', '/v1/activity?type=user.signed_in')).data;
    expect(signIns.length).toBeGreaterThanOrEqual(3);
    expect(signIns[0]).toMatchObject({ ip: '127.0.0.1', summary: 'Signed in with an email link' });
    expect(signIns[0].user_agent).toMatch(/Chrome/);
    expect((await call('GET', '/v1/activity?type=user.signed_out')).data[0]).toMatchObject({ summary: 'Ended a session' });
  });

  it('shows the projects, the request queue and types, the library and engagement (for the CSM guide)', async () => {
    await call('POST', '/v1/projects', { customer_id: acme, name: 'Acme onboarding', visibility: 'portal' });
    const types = (await call('GET', '/v1/request-types')).data as { id: string; name: string }[];
    const escalation = types.find((t) => t.name === 'Support escalation')!.id;
    await call('POST', '/v1/requests', { customer_id: acme, type_id: escalation, values: { summary: 'SSO login loops', severity: 'High', description: 'Every sign-in comes back to the login page.' } });
    const form = new FormData();
    form.set('file', new Blob(['%PDF-1.4\n% Northwind security overview\n'], { type: 'application/pdf' }), 'Security overview.pdf');
    form.set('library_category', 'technical');
    const upload = await fetch(`${url}/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` }, body: form });
    expect(upload.status).toBe(201);

    await tab('Projects');
    await csm.locator('cp-admin-projects [part=project-row]', { hasText: 'Acme onboarding' }).waitFor();
    await shot(csm, 'projects', { whole: true });
    await tab('Requests');
    await csm.locator('cp-admin [part=request-row]', { hasText: 'SSO login loops' }).first().waitFor();
    await csm.locator('cp-admin [part=request-type]').first().waitFor();
    await shot(csm, 'requests-admin', { whole: true });
    await tab('Library');
    await csm.locator('cp-library [part=library-row]', { hasText: 'Security overview' }).waitFor();
    await shot(csm, 'library', { whole: true });
    await tab('Engagement');
    await csm.locator('cp-admin-engagement [part=chart]').first().waitFor();
    await shot(csm, 'engagement', { whole: true });
  });

  it('shows the webhooks: an endpoint, its deliveries and their attempts, readable wide and narrow', async () => {
    // The vendor's backend takes task changes and is down for comments.
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => res.writeHead(body.includes('"comment.created"') ? 503 : 204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/portal/events`;
    await call('POST', '/v1/webhook-endpoints', { url: hook, events: ['task.updated', 'comment.created'] });
    const task = (await call('GET', `/v1/tasks?customer_id=${acme}`)).data[0];
    await call('PATCH', `/v1/tasks/${task.id}`, { priority: 'high' });
    await call('POST', `/v1/tasks/${task.id}/comments`, { body: 'The SSO metadata is attached.' });
    await tab('Webhooks');
    const webhooks = csm.locator('cp-admin-webhooks');
    await webhooks.locator('[part=endpoint]').first().waitFor();
    await webhooks.locator('[part=delivery]', { hasText: 'Delivered' }).waitFor({ timeout: 20_000 });
    const failing = webhooks.locator('[part=delivery]', { hasText: 'comment.created' });
    await failing.locator('button[aria-expanded]').click({ timeout: 20_000 });
    /** Nothing of the view is wider than the view, and no column of the deliveries is squeezed below its words. */
    const fits = () =>
      webhooks.evaluate((host) => {
        const root = host.shadowRoot!;
        // Each table and form within its card, each card within the view.
        const within = (e: Element, outer: Element | null) => !outer || e.getBoundingClientRect().right <= outer.getBoundingClientRect().right + 1;
        const wider = [...root.querySelectorAll<HTMLElement>('section, table, form')].filter((e) => !within(e, e.parentElement?.closest('section') ?? host)).map((e) => e.tagName);
        const squeezed = [...root.querySelectorAll<HTMLElement>('[part=delivery] > td, table[aria-labelledby=deliveries-title] > thead th')].filter((c) => c.getBoundingClientRect().width < 56).map((c) => c.textContent!.trim());
        return { wider, squeezed };
      });
    await shot(csm, 'webhooks', { whole: true });
    expect(await fits()).toEqual({ wider: [], squeezed: [] });
    await csm.setViewportSize({ width: 720, height: 820 });
    expect(await fits()).toEqual({ wider: [], squeezed: [] });
    await csm.setViewportSize({ width: 1280, height: 820 });
    receiver.close();
  });

  it('fits the hosted page on a phone: the name and logo once, the first task on the first screen', async () => {
    await contact.setViewportSize({ width: 360, height: 740 });
    // On a phone the tabs that do not fit are in the More menu: Tasks may be one of them.
    await contact.locator('customer-portal [part=more-button]').waitFor();
    const tasksTab = contact.locator('customer-portal [role=tab]', { hasText: 'Tasks' });
    if (await tasksTab.isVisible()) await tasksTab.click();
    else {
      await contact.locator('customer-portal [part=more-button]').click();
      await contact.locator('customer-portal [part=more-menu] button', { hasText: 'Tasks' }).click();
    }
    const first = contact.locator('customer-portal [part=task-row]').first();
    await first.waitFor();
    await shot(contact, 'hosted-portal-phone');
    const bar = await contact.locator('header.bar').boundingBox();
    expect(bar!.height).toBeLessThanOrEqual(64);
    expect(await onScreen(contact.getByText('Northwind Software', { exact: true }))).toBe(1);
    expect(await onScreen(contact.locator('img.logo, customer-portal [part=logo]'))).toBe(1);
    expect((await first.boundingBox())!.y + 40).toBeLessThanOrEqual(740);
    expect(await contact.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Nothing of the widget runs off the screen: the search, the New task button.
    for (const part of ['customer-portal [part=filters] input[type=search]', 'customer-portal [part=new-task-button]']) {
      const box = (await contact.locator(part).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    }
    await contact.setViewportSize({ width: 1280, height: 820 });
  });

  it('ran both pages under their strict CSP without a violation or an error', () => {
    expect(problems).toEqual([]);
  });

  it("deactivates the contact: the contact's open page stops working at once", async () => {
    await tab('Portal access');
    const row = csm.locator('cp-admin-access [part=contact-row]', { hasText: 'Ana Silva' });
    await row.getByRole('button', { name: 'Deactivate Ana Silva' }).click();
    await row.locator('.badge', { hasText: 'Deactivated' }).waitFor();
    await contact.locator('customer-portal [role=alert]', { hasText: 'Your access to this portal has ended.' }).waitFor();
    expect(await shadowText(contact, 'customer-portal')).not.toContain('Configure single sign-on');
    await shot(contact, 'access-ended');
    await contact.reload();
    await contact.getByText('Your session has ended.').waitFor();
    expect(await contact.locator('customer-portal').count()).toBe(0);
  });
});
