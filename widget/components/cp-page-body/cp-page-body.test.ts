import { expect, fixture, html } from '@open-wc/testing';
import { renderPage } from '../../lib/page-markdown.js';
import './cp-page-body.js';

const dom = (source: string) => {
  const div = document.createElement('div');
  div.innerHTML = renderPage(source);
  return div;
};

describe('renderPage and cp-page-body', () => {
  it('plays YouTube, Vimeo and Loom through their privacy-enhanced players, sandboxed', () => {
    const page = dom('![A](https://youtu.be/dQw4w9WgXcQ)\n\n![B](https://vimeo.com/76979871/abcdef1234)\n\n![C](https://www.loom.com/share/0123456789abcdef0123456789abcdef)');
    const frames = Array.from(page.querySelectorAll('iframe'));
    expect(frames.map((f) => f.getAttribute('src'))).to.deep.equal([
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      'https://player.vimeo.com/video/76979871?h=abcdef1234&dnt=1',
      'https://www.loom.com/embed/0123456789abcdef0123456789abcdef',
    ]);
    for (const frame of frames) expect(frame.getAttribute('sandbox')).to.equal('allow-scripts allow-same-origin allow-presentation allow-popups');
    expect(frames.map((f) => f.title)).to.deep.equal(['A', 'B', 'C']);
  });

  it('keeps any other embed, image or HTML as text, and never runs script', async () => {
    let fired = false;
    (window as unknown as { pwnedPage: () => void }).pwnedPage = () => (fired = true);
    const page = dom(
      '<iframe src="https://evil.test"></iframe> ![x](https://evil.test/p.png) ![y](https://www.youtube.com.evil.test/watch?v=dQw4w9WgXcQ) <img src=x onerror="pwnedPage()"> <script>pwnedPage()</script> ![z" onerror="pwnedPage()](doc_1234567890abcdef)',
    );
    document.body.append(page);
    await new Promise((r) => setTimeout(r, 50));
    page.remove();
    expect(fired).to.equal(false);
    expect(page.querySelectorAll('iframe, script, img[src], [onerror]')).to.have.length(0);
    expect(page.textContent).to.contain('<iframe src="https://evil.test"></iframe>');
    // An image from elsewhere is at most a link to it (the service refuses it anyway).
    expect(page.querySelector('a[href="https://evil.test/p.png"]')).not.to.equal(null);
    // A document image waits, without a src, for the element to fetch it with the token.
    const img = page.querySelector('img[data-doc]')!;
    expect(img.getAttribute('data-doc')).to.equal('doc_1234567890abcdef');
    expect(img.getAttribute('alt')).to.equal('z" onerror="pwnedPage()');
  });

  it('is accessible', async () => {
    const el = await fixture(html`<cp-page-body .body=${'# Guide\n\nSome **text**.\n\n![Walkthrough](https://youtu.be/dQw4w9WgXcQ)'}></cp-page-body>`);
    await expect(el).to.be.accessible();
  });
});
