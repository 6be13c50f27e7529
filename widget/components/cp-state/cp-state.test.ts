import { expect, fixture, html } from '@open-wc/testing';
import { RequestError } from '../../api/request-error.js';
import './cp-state.js';
import type { CpState } from './cp-state.js';

describe('cp-state', () => {
  it('shows loading while there is nothing yet, then the empty text', async () => {
    const el = await fixture<CpState>(html`<cp-state .load=${{ status: 'loading' }} .empty=${true} empty-text="No tasks yet."></cp-state>`);
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('Loading');
    el.load = { status: 'ready' };
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('No tasks yet.');
    await expect(el).to.be.accessible();
  });

  it('shows an error with a retry, even when something is already on screen', async () => {
    let retried = 0;
    const el = await fixture<CpState>(
      html`<cp-state .load=${{ status: 'error', error: new RequestError(503, 'unavailable', 'down') }} .retry=${() => retried++}></cp-state>`,
    );
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('Something went wrong on our side.');
    el.shadowRoot!.querySelector('button')!.click();
    expect(retried).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('renders nothing once there is something to show', async () => {
    const el = await fixture<CpState>(html`<cp-state .load=${{ status: 'ready' }}></cp-state>`);
    expect(el.shadowRoot!.querySelector('[part=state]')).to.equal(null);
  });
});
