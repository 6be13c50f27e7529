import createDOMPurify from 'dompurify';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const unescape = (text: string) => text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

const SAFE_URL = /^(?:https?:|mailto:)/i;

const regexpEscape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Renders `![alt](target)` (both arguments as the source wrote them, unescaped): the HTML to put
 * there, or null to leave the text as it is. Pages use it for images and videos.
 */
export type MediaRenderer = (alt: string, target: string) => string | null;

/** Inline markup on already-escaped text: code, media, links, emphasis, mentions. */
function inline(text: string, mention: RegExp | null, media?: MediaRenderer): string {
  const code: string[] = [];
  const hold = (markup: string) => `\u0000${code.push(markup) - 1}\u0000`;
  let out = text.replace(/`([^`\n]+)`/g, (_, c: string) => hold(`<code>${c}</code>`));
  if (media) out = out.replace(/!\[([^\]\n]*)\]\(([^)\s]+)\)/g, (whole, alt: string, target: string) => {
    const markup = media(unescape(alt), unescape(target));
    return markup === null ? whole : hold(markup);
  });
  out = out.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (whole, label: string, url: string) =>
    SAFE_URL.test(unescape(url)) ? `<a href="${url}">${label}</a>` : whole,
  );
  out = out.replace(/(^|[\s(])(https?:\/\/[^\s<)]+[^\s<).,;:!?'"])/g, (_, before: string, url: string) => `${before}<a href="${url}">${url}</a>`);
  out = out
    .replace(/\*\*(?=\S)([^*]+?\S)\*\*|__(?=\S)([^_]+?\S)__/g, (_, a?: string, b?: string) => `<strong>${a ?? b}</strong>`)
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]+?\S?)\*(?!\w)|(^|[^\w_])_(?=\S)([^_\n]+?)_(?!\w)/g, (_, p1?: string, a?: string, p2?: string, b?: string) => `${p1 ?? p2}<em>${a ?? b}</em>`)
    .replace(/~~(?=\S)([^~]+?)~~/g, '<del>$1</del>');
  if (mention) out = out.replace(mention, (_, before: string, name: string) => `${before}<span class="mention">@${name}</span>`);
  return out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => code[Number(i)]!);
}

const LIST_ITEM = /^\s*(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;

/**
 * A small, safe subset of Markdown to HTML: paragraphs, line breaks, headings, lists, quotes,
 * code, links (http, https and mailto only), emphasis and `@Name` mentions. Every character of
 * the source is escaped first, so raw HTML never passes; the result still goes through
 * DOMPurify (see `renderMarkdown`).
 */
export function markdownToHtml(source: string, mentionNames: readonly string[] = [], media?: MediaRenderer): string {
  const names = mentionNames.filter(Boolean).map((n) => regexpEscape(escapeHtml(n))).sort((a, b) => b.length - a.length);
  const mention = names.length ? new RegExp(`(^|[^\\w@])@(${names.join('|')})(?![\\w])`, 'g') : null;
  const lines = escapeHtml(source.replace(/\r\n?/g, '\n')).split('\n');
  const blocks: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push(`<p>${paragraph.map((l) => inline(l, mention, media)).join('<br>')}</p>`);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) {
      flush();
      const body: string[] = [];
      while (++i < lines.length && !/^\s*```/.test(lines[i]!)) body.push(lines[i]!);
      blocks.push(`<pre><code>${body.join('\n')}</code></pre>`);
    } else if (/^\s*$/.test(line)) flush();
    else if (/^#{1,6}\s+/.test(line)) {
      flush();
      blocks.push(`<p class="heading">${inline(line.replace(/^#+\s+/, '').replace(/\s+#+\s*$/, ''), mention, media)}</p>`);
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush();
      blocks.push('<hr>');
    } else if (/^\s*&gt;/.test(line)) {
      flush();
      const quoted: string[] = [];
      for (; i < lines.length && /^\s*&gt;/.test(lines[i]!); i++) quoted.push(lines[i]!.replace(/^\s*&gt;\s?/, ''));
      i--;
      blocks.push(`<blockquote>${quoted.map((l) => inline(l, mention, media)).join('<br>')}</blockquote>`);
    } else if (LIST_ITEM.test(line)) {
      flush();
      const ordered = Boolean(LIST_ITEM.exec(line)![2]);
      const items: string[] = [];
      for (; i < lines.length; i++) {
        const item = LIST_ITEM.exec(lines[i]!);
        if (item && Boolean(item[2]) === ordered) items.push(inline(item[3]!, mention, media));
        else if (items.length && /^\s{2,}\S/.test(lines[i]!)) items[items.length - 1] += `<br>${inline(lines[i]!.trim(), mention, media)}`;
        else break;
      }
      i--;
      const tag = ordered ? 'ol' : 'ul';
      blocks.push(`<${tag}>${items.map((item) => `<li>${item}</li>`).join('')}</${tag}>`);
    } else paragraph.push(line);
  }
  flush();
  return blocks.join('');
}

let purifier: ReturnType<typeof createDOMPurify> | undefined;

/** Links open in a new tab, telling nothing of the page they came from. */
export function linkHook(node: Element): void {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
}

/** One DOMPurify of our own, so our link hook never touches the host page's. */
function sanitizer() {
  if (purifier) return purifier;
  purifier = createDOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', linkHook);
  return purifier;
}

/** The tags and attributes the subset renderer produces, for `renderMarkdown` and the page renderer. */
export const MARKDOWN_TAGS = ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr', 'span'];
export const MARKDOWN_ATTRIBUTES = ['href', 'class'];
export { SAFE_URL };

/**
 * Markdown to sanitized HTML, ready for `unsafeHTML`: the subset renderer escapes everything,
 * DOMPurify then allows only the tags it can produce and only http, https and mailto links.
 * @example renderMarkdown('**Hi** <img src=x onerror=alert(1)>') // "<p><strong>Hi</strong> &lt;img …&gt;</p>"
 */
export function renderMarkdown(source: string, mentionNames: readonly string[] = []): string {
  return sanitizer().sanitize(markdownToHtml(source, mentionNames), {
    ALLOWED_TAGS: MARKDOWN_TAGS,
    ALLOWED_ATTR: MARKDOWN_ATTRIBUTES,
    ALLOWED_URI_REGEXP: SAFE_URL,
  });
}
