import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, select, textOf, until } from '../test/admin.js';

describe('cp-admin-templates', () => {
  let s: Scenario;
  let template: { id: string };
  before(async () => {
    s = await scenario();
    template = await call('POST', '/v1/templates', {
      name: `Go-live ${s.tag}`,
      project: { name: `Go-live ${s.tag}` },
      tasks: [
        { key: 'data', title: `Upload your data ${s.tag}`, assign_to: 'contacts', due_in_days: 3 },
        { key: 'review', title: `Review the import ${s.tag}`, after: ['data'] },
        { key: 'risk', title: `Check adoption ${s.tag}`, visibility: 'internal', after: ['data'] },
      ],
    });
  });

  it('applies a template to a customer; later steps appear as earlier ones are done', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'templates' });
    const item = await until(() => deepAll<HTMLButtonElement>(el, 'cp-admin-templates >>> [part=template-item] button').find((b) => b.textContent!.includes(`Go-live ${s.tag}`)), 'the template');
    expect(textOf(item)).to.contain('3 steps');
    item.click();
    await until(() => deep(el, 'cp-admin-templates >>> [part=apply]'), 'the apply form');
    await select(el, 'cp-admin-templates >>> [part=apply] select', s.customerId);
    await expect(deep(el, 'cp-admin-templates')).to.be.accessible();
    deep<HTMLButtonElement>(el, 'cp-admin-templates >>> [part=apply] button[type=submit]')!.click();
    await until(() => textOf(el).includes(`Project “Go-live ${s.tag}” created for Acme ${s.tag} with 1 task;`), 'applied');

    deepAll<HTMLButtonElement>(el, 'cp-admin-templates >>> [part=apply] button').find((b) => b.textContent!.trim() === 'Open its work')!.click();
    const first = await until(() => deepAll(el, 'cp-admin-work >>> [part=task-row]').find((r) => textOf(r).includes(`Upload your data ${s.tag}`)), 'the first step');
    expect(textOf(deep(el, 'cp-admin-work')!)).not.to.contain(`Review the import ${s.tag}`);
    const tasks = await call('GET', `/v1/tasks?customer_id=${s.customerId}&q=${encodeURIComponent(`Upload your data ${s.tag}`)}`);
    expect(tasks.data[0].assignee_ids).to.have.members([s.contact.userId, s.colleague.userId]);
    expect(first).to.exist;

    await call('PATCH', `/v1/tasks/${tasks.data[0].id}`, { status: 'done' }, s.contact.token);
    await until(() => textOf(deep(el, 'cp-admin-work')!).includes(`Review the import ${s.tag}`) && textOf(deep(el, 'cp-admin-work')!).includes(`Check adoption ${s.tag}`), 'the next steps, live');
  });

  it('changes a template without rewriting the projects already made from it', async () => {
    await call('POST', `/v1/templates/${template.id}/apply`, { customer_id: s.customerId });
    const el = await mountAdmin({ token: s.staff.token, tab: 'templates' });
    const item = await until(() => deepAll<HTMLButtonElement>(el, 'cp-admin-templates >>> [part=template-item] button').find((b) => b.textContent!.includes(`Go-live ${s.tag}`)), 'the template');
    item.click();
    const title = await until(() => {
      const input = deep<HTMLInputElement>(el, 'cp-admin-template-editor >>> [part=step] input[name=title]');
      return input?.value === `Upload your data ${s.tag}` ? input : null;
    }, 'the first step');
    expect(textOf(deep(el, 'cp-admin-template-editor')!)).to.contain('projects already made from it keep their tasks');
    title.value = `Upload your files ${s.tag}`;
    title.dispatchEvent(new Event('input'));
    deep<HTMLButtonElement>(el, 'cp-admin-template-editor >>> button[type=submit]')!.click();
    await until(async () => (await call('GET', `/v1/templates/${template.id}`)).tasks[0].title === `Upload your files ${s.tag}`, 'saved');
    const made = await call('GET', `/v1/tasks?customer_id=${s.customerId}&q=${encodeURIComponent(s.tag)}`);
    const titles = made.data.map((t: { title: string }) => t.title);
    expect(titles).to.include(`Upload your data ${s.tag}`);
    expect(titles).not.to.include(`Upload your files ${s.tag}`);
  });
});
