import createDOMPurify from 'dompurify';
import { isDocumentId, isPlayer, videoEmbed } from '../../contract/page-media.js';
import { escapeHtml, linkHook, MARKDOWN_ATTRIBUTES, MARKDOWN_TAGS, markdownToHtml, SAFE_URL } from './markdown.js';

/**
 * A framed player runs the host's script in its own origin, with no access to ours: no
 * top navigation, no forms, popups only to open the video on its site.
 */
const SANDBOX = 'allow-scripts allow-same-origin allow-presentation allow-popups';

/** `![alt](doc_…)` is an image the reader fetches with its token; `![title](video address)` a sandboxed player. */
function media(alt: string, target: string): string | null {
  if (isDocumentId(target)) return `<img data-doc="${escapeHtml(target)}" alt="${escapeHtml(alt)}" class="page-image">`;
  const video = videoEmbed(target);
  if (!video) return null;
  const title = escapeHtml(alt || 'Video');
  return `<span class="video"><iframe src="${escapeHtml(video.src)}" title="${title}" sandbox="${SANDBOX}" allow="fullscreen; picture-in-picture" allowfullscreen loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe></span>`;
}

let purifier: ReturnType<typeof createDOMPurify> | undefined;

function sanitizer() {
  if (purifier) return purifier;
  purifier = createDOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    linkHook(node);
    // Only our players, always sandboxed, whatever reached the sanitizer.
    if (node.tagName === 'IFRAME') {
      if (!isPlayer(node.getAttribute('src') ?? '')) node.remove();
      else node.setAttribute('sandbox', SANDBOX);
    }
    if (node.tagName === 'IMG' && (node.hasAttribute('src') || !isDocumentId(node.getAttribute('data-doc') ?? ''))) node.remove();
  });
  return purifier;
}

/**
 * A page's markdown as sanitized HTML: the comment renderer's subset, plus images by document id
 * (an `img` with `data-doc` and no `src`, which `cp-page-body` fills from the preview route) and
 * videos from YouTube, Vimeo and Loom as sandboxed iframes of their privacy-enhanced players.
 * Anything else (script, raw HTML, another host) stays text.
 * @example renderPage('![Tour](https://youtu.be/dQw4w9WgXcQ)') // '<p><span class="video"><iframe src="https://www.youtube-nocookie.com/embed/…" sandbox=…'
 */
export function renderPage(source: string): string {
  return sanitizer().sanitize(markdownToHtml(source, [], media), {
    ALLOWED_TAGS: [...MARKDOWN_TAGS, 'img', 'iframe'],
    ALLOWED_ATTR: [...MARKDOWN_ATTRIBUTES, 'src', 'alt', 'title', 'data-doc', 'sandbox', 'allow', 'allowfullscreen', 'loading', 'referrerpolicy'],
    ADD_TAGS: ['iframe'],
    ALLOWED_URI_REGEXP: SAFE_URL,
  });
}
