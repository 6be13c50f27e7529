import { expect } from '@open-wc/testing';
import { fromWire, toWire } from './wire.js';

describe('the wire mapping', () => {
  it('renames keys at every depth, never values', () => {
    const wire = { due_date: '2026-12-01', assignee_ids: ['usr_a'], steps: [{ decided_at: null, approver_id: 'usr_b' }], status: 'in_progress' };
    const camel = { dueDate: '2026-12-01', assigneeIds: ['usr_a'], steps: [{ decidedAt: null, approverId: 'usr_b' }], status: 'in_progress' };
    expect(fromWire(wire)).to.deep.equal(camel);
    expect(toWire(camel)).to.deep.equal(wire);
  });

  it('keeps the capability names of overrides as they are, both ways', () => {
    const wire = { permission_set_id: null, capability_overrides: { 'deals.view_value': true, 'partner.register_deals': false } };
    const camel = fromWire<{ capabilityOverrides: Record<string, boolean> }>(wire);
    expect(camel).to.deep.equal({ permissionSetId: null, capabilityOverrides: { 'deals.view_value': true, 'partner.register_deals': false } });
    expect(toWire(camel)).to.deep.equal(wire);
  });
});
