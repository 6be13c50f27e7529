import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, select, settle, textOf, until, uploadAs } from '../../test/portal.js';

const names = (el: Element) => deepAll(el, '[part=library-row] .main').map((b) => b.textContent);

describe('cp-library', () => {
  let s: Scenario;
  let tag: string;
  before(async () => {
    s = await scenario();
    tag = s.tag;
    // The library is the tenant's: names carry the scenario's tag so other tests' files are told apart.
    await uploadAs(s.staff.token, `security-overview-${tag}.txt`, 'Our security overview\n', { library_category: 'technical' });
    await uploadAs(s.staff.token, `admin-training-${tag}.txt`, 'Admin training', { library_category: 'training' });
    await uploadAs(s.staff.token, `partner-deck-${tag}.txt`, 'For partners', { library_category: 'collateral', portal_type: 'partner' });
    await uploadAs(s.staff.token, `draft-${tag}.txt`, 'Not yet', { library_category: 'training', visibility: 'internal' });
  });
  const mine = (el: Element) => names(el).filter((n) => n?.includes(tag));

  it('shows a contact the customer library by category, with a filter and a search, and none of the partner files or drafts', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'library' });
    await until(() => mine(el).length >= 2, 'the library');
    expect(mine(el).sort()).to.deep.equal([`admin-training-${tag}.txt`, `security-overview-${tag}.txt`]);
    const headings = deepAll(el, 'cp-library >>> section h3').map((h) => h.textContent);
    expect(headings).to.include.members(['Technical', 'Training']);
    expect(textOf(deep(el, 'cp-library')!)).not.to.contain('downloads');
    await select(el, 'cp-library >>> [part=library-filters] select', 'training');
    expect(mine(el)).to.deep.equal([`admin-training-${tag}.txt`]);
    await select(el, 'cp-library >>> [part=library-filters] select', '');
    const search = deep<HTMLInputElement>(el, 'cp-library >>> input[type=search]')!;
    search.value = `security ${tag}`;
    search.dispatchEvent(new Event('input'));
    await settle(el);
    expect(mine(el)).to.deep.equal([`security-overview-${tag}.txt`]);
    await expect(deep(el, 'cp-library')).to.be.accessible();
  });

  it('downloads a file, and the team sees the count', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'library' });
    await until(() => mine(el).length >= 2, 'the library');
    const clicked: HTMLAnchorElement[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      deepAll<HTMLButtonElement>(el, '[part=library-row] .main').find((b) => b.textContent === `security-overview-${tag}.txt`)!.click();
      await until(() => clicked.length, 'the download');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(await (await fetch(clicked[0]!.href)).text()).to.equal('Our security overview\n');
    const listed = await call<{ data: { name: string; downloads: number }[] }>('GET', '/v1/library?category=technical&limit=200');
    expect(listed.data.find((d) => d.name === `security-overview-${tag}.txt`)!.downloads).to.equal(1);

    const staff = await mountPortal({ token: s.staff.token, view: 'library' });
    await until(() => mine(staff).length >= 4, 'the whole library for staff');
    const row = deepAll(staff, '[part=library-row]').find((r) => textOf(r).includes(`security-overview-${tag}.txt`))!;
    expect(textOf(row)).to.contain('1 download');
    expect(textOf(row)).to.contain('Customers');
  });

  it('is not offered to a contact without documents.view', async () => {
    await call('PATCH', `/v1/users/${s.colleague.userId}`, { capability_overrides: { 'documents.view': false } });
    const el = await mountPortal({ token: s.colleague.token });
    await until(() => deep(el, '#tab-dashboard'), 'the tabs');
    expect(deep(el, '#tab-library')).to.equal(null);
    expect(deep(el, '#tab-tasks')).not.to.equal(null);
  });

  it('reads well in French', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'library', locale: 'fr' });
    await until(() => deep(el, 'cp-library >>> h2')?.textContent === 'Bibliothèque', 'the French title');
    await until(() => deepAll(el, 'cp-library >>> section h3').some((h) => h.textContent === 'Formation'), 'the French categories');
  });
});
