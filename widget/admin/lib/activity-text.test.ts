import { expect } from '@open-wc/testing';
import type { Activity } from '../api/admin-api.types.js';
import { activityText } from './activity-text.js';

/** An entry of the trail as the service answers it, with only what the line reads. */
const entry = (summaryKey: string, summaryParams: Record<string, string>) => ({ summary: 'The service’s English line', summaryKey, summaryParams, summaryChanges: [] }) as unknown as Activity;

describe('activityText', () => {
  it("says a meeting's time in the person's date format and their time of day (in UTC, as the line says), never ISO", () => {
    const confirmed = entry('request.meeting_confirmed.detail', { type: 'meeting request', when: '2026-12-08 09:00', detail: 'Go-live rehearsal' });
    expect(activityText(confirmed, 'DD/MM/YYYY')).to.equal('Confirmed a meeting on 08/12/2026 9:00 AM UTC for the meeting request “Go-live rehearsal”');
    expect(activityText(confirmed)).to.equal('Confirmed a meeting on Dec 8, 2026 9:00 AM UTC for the meeting request “Go-live rehearsal”');
    expect(activityText(confirmed)).not.to.contain('2026-12-08');
  });

  it('keeps a time it cannot read as it came', () => {
    expect(activityText(entry('request.meeting_confirmed', { type: 'meeting request', when: 'soon' }))).to.equal('Confirmed a meeting on soon UTC for the meeting request');
  });
});
