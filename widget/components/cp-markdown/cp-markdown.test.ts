import { expect, fixture, html } from '@open-wc/testing';
import { markdownToHtml, renderMarkdown } from '../../lib/markdown.js';
import './cp-markdown.js';
import type { CpMarkdown } from './cp-markdown.js';

const render = async (text: string, mentions: string[] = []) => {
  const el = await fixture<CpMarkdown>(html`<cp-markdown .text=${text} .mentions=${mentions}></cp-markdown>`);
  return el.shadowRoot!.querySelector('[part=content]')!;
};

describe('cp-markdown', () => {
  it('renders the everyday subset: emphasis, lists, code, quotes, links', async () => {
    const content = await render('Send **SAML** *metadata* ~~now~~\n\n1. Open the IdP\n2. Create an app\n\n- a\n- b\n\n> quoted\n\n`code` and [docs](https://example.test/a?b=1&c=2)');
    expect(content.querySelector('strong')!.textContent).to.equal('SAML');
    expect(content.querySelector('em')!.textContent).to.equal('metadata');
    expect(content.querySelector('del')!.textContent).to.equal('now');
    expect(content.querySelectorAll('ol li')).to.have.length(2);
    expect(content.querySelectorAll('ul li')).to.have.length(2);
    expect(content.querySelector('blockquote')!.textContent).to.equal('quoted');
    expect(content.querySelector('code')!.textContent).to.equal('code');
    const link = content.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://example.test/a?b=1&c=2');
    expect(link.getAttribute('target')).to.equal('_blank');
    expect(link.getAttribute('rel')).to.contain('noopener');
  });

  it('never lets raw HTML, event handlers or script links through', async () => {
    let fired = false;
    (window as unknown as { pwned: () => void }).pwned = () => (fired = true);
    const content = await render(
      '<img src=x onerror="pwned()"> <script>pwned()</script> [click](javascript:pwned()) [x](JAVASCRIPT:pwned()) <a href="javascript:pwned()">a</a> <svg onload=pwned()>',
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(fired).to.equal(false);
    expect(content.querySelector('img, script, svg, [onerror], [onload]')).to.equal(null);
    for (const a of Array.from(content.querySelectorAll('a'))) expect(a.getAttribute('href') ?? '').not.to.match(/^javascript:/i);
    expect(content.textContent).to.contain('<img src=x onerror="pwned()">');
  });

  it('keeps the text of what it does not render, and highlights @mentions of known people', async () => {
    const content = await render('Hi @Ana Silva and @Nobody, see `<b>`', ['Ana Silva']);
    expect(content.querySelector('.mention')!.textContent).to.equal('@Ana Silva');
    expect(content.textContent).to.contain('@Nobody');
    expect(content.querySelector('code')!.textContent).to.equal('<b>');
  });

  it('turns bare web addresses into links and leaves other schemes as text', () => {
    expect(markdownToHtml('see https://example.test/x.')).to.contain('<a href="https://example.test/x">https://example.test/x</a>.');
    expect(renderMarkdown('[a](data:text/html;base64,xx)')).not.to.contain('<a');
  });

  it('is accessible', async () => {
    const el = await fixture(html`<cp-markdown .text=${'# Title\n\nSome *text* with [a link](https://example.test).'}></cp-markdown>`);
    await expect(el).to.be.accessible();
  });
});
