import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { deep, deepAll, mountPortal, scenario, textOf, until, uploadAs } from '../../test/portal.js';

describe('cp-document-list', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
    await uploadAs(s.contact.token, 'network-diagram.txt', 'diagram', { task_id: s.tasks.importUsers });
  });

  it("lists a task's attachments without naming the task again, and names it in the documents view", async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'documents', task: s.tasks.importUsers });
    const inTask = await until(() => deep(el, '[part=task-detail] >>> [part=document-row]'), 'the attachment');
    expect(textOf(inTask)).to.contain('network-diagram.txt');
    expect(textOf(inTask)).not.to.contain('Import your users');
    await expect(deep(el, 'cp-task-detail >>> cp-document-list')).to.be.accessible();
    const inView = deepAll(el, 'cp-documents >>> [part=document-row]');
    expect(textOf(inView[0]!)).to.contain('Import your users');
    expect(textOf(inView[0]!)).to.contain('Ana Silva');
  });
});
