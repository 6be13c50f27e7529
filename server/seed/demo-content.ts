type Call = <T = any>(method: string, path: string, body: unknown, auth?: string) => Promise<T>;

const FAQ: [category: string, question: string, answer: string][] = [
  ['Getting started', 'How do I invite my colleagues?', 'Ask your CSM in **Messages**, or send us their names and emails: each gets an email link to sign in.'],
  ['Getting started', 'What happens in the kick-off call?', 'We meet your team, agree on the plan and the dates, and name an owner on each side for every step.'],
  ['Getting started', 'How long does onboarding take?', 'Most teams go live in **four to six weeks**. The Timeline view shows where your project stands.'],
  ['Getting started', 'Where do I see what is due for me?', 'The **Dashboard** lists what is due for you next; **Tasks** shows everything, by project.'],
  ['Getting started', 'Can I change a due date?', 'Yes: open the task and change its date. Your CSM hears of it at once.'],
  ['Security and access', 'How do I set up single sign-on?', 'Send us your identity provider’s **SAML metadata** (Okta: *Applications → your app → Sign On*). We configure it within two working days.'],
  ['Security and access', 'Can I use an authenticator app?', 'Yes. In **Settings**, turn on two-step sign-in and scan the code with any authenticator app.'],
  ['Security and access', 'Who can see our files?', 'Only the people of your company with portal access, and the Northwind team working with you.'],
  ['Security and access', 'Where is our data stored?', 'In the EU, encrypted at rest and in transit. The security whitepaper in the **Library** has the details.'],
  ['Security and access', 'How do I remove someone who left?', 'Tell your CSM: their access ends at once, on every device.'],
  ['Billing', 'Where are my invoices?', 'In **Billing**: every invoice and quote, with its status and the PDF.'],
  ['Billing', 'How do I accept a quote?', 'Open it in **Billing** and choose *Accept*. We record who accepted it and when.'],
  ['Billing', 'Can we pay by bank transfer?', 'Yes: the bank details are on every invoice. Card payments are possible on request.'],
  ['Billing', 'How do I change the billing contact?', 'Send the new contact’s name and email to your CSM; the next invoice goes to them.'],
  ['Billing', 'When is the renewal invoice sent?', 'Sixty days before the end of your term, so there is time to review it.'],
];

/**
 * The content part of the demo: a welcome page with a picture from the library (greets Ana and
 * Bob on their first visit, before the tour), a process guide with an embedded video, a product
 * update, a page for Acme alone, one for partners, and an FAQ of fifteen questions in three
 * categories that contacts have opened and rated (one answer did not help, with a comment).
 * Through the public API: the team's staff token writes, the contacts read and answer.
 */
export async function seedContentDemo(call: Call, who: { sam: string; ana: string; bob: string; acme: string }, picture: Uint8Array): Promise<void> {
  const upload = new FormData();
  upload.set('library_category', 'training');
  upload.set('file', new Blob([picture as BlobPart]), 'onboarding-at-a-glance.png');
  const image = await call<{ id: string }>('POST', '/v1/documents', upload, who.sam);
  const page = (body: object) => call<{ id: string }>('POST', '/v1/pages', body, who.sam);
  await page({
    title: 'Welcome to your Northwind portal',
    welcome: true,
    pinned: true,
    body: `Everything about your work with Northwind, in one place.\n\n![Onboarding at a glance](${image.id})\n\n- **Tasks**: what we need from you, and what we do next\n- **Messages**: ask us anything\n- **Help**: answers to the usual questions\n\nYour CSM, Sam Carter, is one message away.`,
  });
  await page({
    title: 'How go-live works',
    pinned: true,
    body: '# Four steps to go-live\n\n1. Kick-off: the plan and the owners\n2. Single sign-on and the user import\n3. Admin training\n4. Go-live and the first review\n\nA three-minute walkthrough:\n\n![How go-live works](https://www.youtube.com/watch?v=aqz-KE-bpKQ)\n\nQuestions? Ask in **Messages**.',
  });
  await page({ title: 'What’s new in December', body: 'Timeline view for every project, quotes you can accept in the portal, and a searchable help centre.' });
  await page({ customer_id: who.acme, title: 'Acme rollout: who does what', body: 'Ana Silva owns the single sign-on and the user import; Luis Moreno signs the agreements. Northwind trains the admins on site.' });
  await page({ portal_type: 'partner', title: 'Partner onboarding', body: 'Register your deals early: an approved registration protects the prospect for 90 days.' });
  await page({ title: 'Q1 roadmap (draft)', visibility: 'internal', body: 'Not for customers yet.' });

  const entries: { id: string; question: string }[] = [];
  for (const [category, question, answer] of FAQ) entries.push(await call('POST', '/v1/faq', { category, question, answer }, who.sam));
  await call('POST', '/v1/faq', { category: 'Partners', question: 'How are commissions paid?', answer: 'Monthly, at your tier’s rate, once the deal is won and paid.', portal_type: 'partner' }, who.sam);
  // What the contacts opened and said: the statistics have something to tell.
  const open = (n: number, auth: string) => call('GET', `/v1/faq/${entries[n]!.id}`, undefined, auth);
  const rate = (n: number, helpful: boolean, auth: string, comment?: string) => call('POST', `/v1/faq/${entries[n]!.id}/feedback`, { helpful, ...(comment ? { comment } : {}) }, auth);
  for (const n of [5, 5, 5, 0, 2, 10, 6]) await open(n, who.ana);
  for (const n of [5, 10, 13]) await open(n, who.bob);
  await rate(5, false, who.ana, 'We use Azure AD, not Okta: where is the metadata there?');
  await rate(0, true, who.ana);
  await rate(10, true, who.bob);
  await rate(5, true, who.bob);
  await rate(13, false, who.bob, 'Is there a form for this instead of a message?');
}
