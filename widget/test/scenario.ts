/**
 * A customer's world, built through the public API the way a vendor's backend would: used by
 * the browser tests (through the test server's proxy), the end-to-end test and the benchmark.
 */

/** One API call; `token` is an embed token, otherwise the tenant's API key is used. Throws unless 2xx. */
export type Call = <T = any>(method: string, path: string, body?: unknown, token?: string) => Promise<T>;

export interface Person {
  token: string;
  userId: string;
  name: string;
  externalId: string;
}

export interface Scenario {
  tag: string;
  customerId: string;
  customerExternalId: string;
  contact: Person;
  colleague: Person;
  /** The account's CSM, an admin (branding, settings, access rules). */
  staff: Person;
  /** A colleague of the CSM who is a member: the day-to-day work, not the access rules. */
  member: Person;
  projects: { onboarding: string; later: string };
  tasks: { kickoff: string; sso: string; dpa: string; importUsers: string; train: string; loose: string; internal: string };
  internalComment: string;
}

const day = (offset: number) => {
  const d = new Date(Date.now() + offset * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Issues an embed token (and so creates the person and the customer). */
export async function person(
  call: Call,
  name: string,
  role: 'contact' | 'staff',
  externalId: string,
  customer?: { external_id: string; name?: string },
  staffRole: 'admin' | 'member' = 'admin',
): Promise<Person> {
  const issued = await call<{ token: string; user_id: string }>('POST', '/v1/embed-tokens', {
    user: { external_id: externalId, name, role, email: `${externalId}@example.test`, ...(role === 'staff' ? { staff_role: staffRole } : {}) },
    ...(customer ? { customer } : {}),
    ttl_seconds: 3600,
  });
  return { token: issued.token, userId: issued.user_id, name, externalId };
}

/**
 * A fresh customer (unique to `tag`): two contacts, a CSM (admin) and a colleague (member), an active and an on-hold project,
 * tasks in every status (one overdue, one without a project), an internal task and an internal comment.
 * @example const s = await seedScenario(call, 'dashboard');
 */
export async function seedScenario(call: Call, tag = Math.random().toString(36).slice(2, 8)): Promise<Scenario> {
  const customer = { external_id: `acme-${tag}`, name: `Acme ${tag}` };
  const contact = await person(call, 'Ana Silva', 'contact', `ana-${tag}`, customer);
  const colleague = await person(call, 'Luis Moreno', 'contact', `luis-${tag}`, customer);
  // Staff belong to the whole tenant: the tag keeps each scenario's CSM apart from the others'.
  const staff = await person(call, `Sam Carter ${tag}`, 'staff', `sam-${tag}`, customer);
  const member = await person(call, `Mo Member ${tag}`, 'staff', `mo-${tag}`, customer, 'member');
  const customerId = (await call<{ customer_id: string }>('POST', '/v1/embed-tokens', { user: { external_id: contact.externalId, name: contact.name, role: 'contact' }, customer })).customer_id;

  const project = (body: object) => call<{ id: string }>('POST', '/v1/projects', { customer_id: customerId, visibility: 'portal', ...body });
  const onboarding = await project({ name: 'Onboarding', description: 'From signature to go-live.' });
  const later = await project({ name: 'Phase two', status: 'on_hold' });
  const task = (body: object) => call<{ id: string }>('POST', '/v1/tasks', { project_id: onboarding.id, ...body });

  const kickoff = await task({ title: 'Kick-off call', status: 'done', priority: 'high', due_date: day(-6), assignee_ids: [staff.userId, contact.userId] });
  const sso = await task({
    title: 'Configure single sign-on',
    description: 'Send us your **SAML metadata**.\n\n1. Open your identity provider\n2. Create an app',
    status: 'in_progress',
    priority: 'high',
    due_date: day(3),
    assignee_ids: [contact.userId],
  });
  const dpa = await task({ title: 'Sign the data processing agreement', priority: 'urgent', due_date: day(-1), assignee_ids: [contact.userId, colleague.userId] });
  const importUsers = await task({ title: 'Import your users', status: 'blocked', due_date: day(10), assignee_ids: [colleague.userId] });
  const train = await call<{ id: string }>('POST', '/v1/tasks', { project_id: later.id, title: 'Train the admins', due_date: day(30) });
  const loose = await call<{ id: string }>('POST', '/v1/tasks', { customer_id: customerId, title: 'Send us your logo', priority: 'low' });
  const internal = await task({ title: 'Check adoption risk before the QBR', visibility: 'internal', priority: 'high', assignee_ids: [staff.userId] });

  await call('POST', `/v1/tasks/${sso.id}/comments`, { body: 'We use Okta. Where is the metadata?' }, contact.token);
  await call('POST', `/v1/tasks/${sso.id}/comments`, { body: '@Ana Silva in Okta: *Applications → Sign On*.' }, staff.token);
  const note = await call<{ id: string }>('POST', `/v1/tasks/${sso.id}/comments`, { body: 'Their IdP admin is new; expect delays.', visibility: 'internal' }, staff.token);

  return {
    tag,
    customerId,
    customerExternalId: customer.external_id,
    contact,
    colleague,
    staff,
    member,
    projects: { onboarding: onboarding.id, later: later.id },
    tasks: { kickoff: kickoff.id, sso: sso.id, dpa: dpa.id, importUsers: importUsers.id, train: train.id, loose: loose.id, internal: internal.id },
    internalComment: note.id,
  };
}
