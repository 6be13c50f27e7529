import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cp-inline-edit.js';
import type { CpInlineEdit } from './cp-inline-edit.js';

describe('cp-inline-edit', () => {
  it('edits in place: Enter saves, Escape drops the change and gives focus back', async () => {
    const saved: string[] = [];
    const el = await fixture<CpInlineEdit>(html`<cp-inline-edit label="Title" heading .value=${'Old'} .save=${async (v: string) => saved.push(v)}></cp-inline-edit>`);
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('.edit')!.click();
    await el.updateComplete;
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' and new' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(saved).to.deep.equal([]);
    expect(el.shadowRoot!.activeElement?.className).to.equal('edit');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.edit')!.click();
    await el.updateComplete;
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' and new' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(saved).to.deep.equal(['Old and new']);
  });

  it('keeps the field open with the draft when the save is refused', async () => {
    const el = await fixture<CpInlineEdit>(html`<cp-inline-edit label="Description" multiline .value=${''} .save=${() => Promise.reject(new Error('409'))}></cp-inline-edit>`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.edit')!.click();
    await el.updateComplete;
    await sendKeys({ type: 'My draft' });
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('textarea')!.value).to.equal('My draft');
  });
});
