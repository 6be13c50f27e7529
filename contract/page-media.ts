/**
 * What a page's markdown may show besides text, shared by the service (which refuses anything
 * else when a page is written) and the widget (which renders it): images by document id
 * (`![Alt](doc_…)`) and videos from an allow-list of hosts (`![Title](https://youtu.be/…)`),
 * played through each host's privacy-enhanced player. Nothing here may import from `server/`
 * or `widget/`.
 */

/** `![alt](target)`: the one form media take in a page. */
export const MEDIA = /!\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?\s*\)/g;

/** A raw embed pasted as HTML (a video host's "embed code"): its tag, and its `src` when it has one. */
export const RAW_EMBED = /<\s*(iframe|embed|object|video|audio|source|frame|frameset)\b([^>]*)>(?:[\s\S]*?<\/\s*\1\s*>)?/gi;
const SRC = /\b(?:src|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

const DOCUMENT_ID = /^doc_[0-9A-Za-z]{8,40}$/;

/** Whether a media target is a document id (an image the reader fetches through the API). */
export const isDocumentId = (target: string): boolean => DOCUMENT_ID.test(target);

export type VideoHost = 'youtube' | 'vimeo' | 'loom';

/** Where the players live: the only origins a page may frame (the hosted pages' `frame-src`). */
export const PLAYER_ORIGINS = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com', 'https://www.loom.com'] as const;

/** Whether `src` is one of the players `videoEmbed` makes. */
export const isPlayer = (src: string): boolean => /^https:\/\/(?:www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/|www\.loom\.com\/embed\/)[\w-]+(?:\?[\w=&]*)?$/.test(src);

export interface VideoEmbed {
  host: VideoHost;
  /** The privacy-enhanced player: youtube-nocookie.com, player.vimeo.com with `dnt=1`, Loom's embed. */
  src: string;
}

const parse = (url: string): URL | null => {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u : null;
  } catch {
    return null;
  }
};

const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtube-nocookie.com', 'www.youtube-nocookie.com']);
const YOUTUBE_ID = /^[\w-]{11}$/;
const VIMEO_ID = /^\d{1,12}$/;
const VIMEO_HASH = /^[0-9a-f]{6,20}$/i;
const LOOM_ID = /^[0-9a-zA-Z]{16,64}$/;

function youtube(u: URL): string | null {
  const host = u.hostname.toLowerCase();
  const path = u.pathname.split('/').filter(Boolean);
  let id: string | null | undefined;
  if (host === 'youtu.be') id = path[0];
  else if (YOUTUBE_HOSTS.has(host)) id = path[0] === 'watch' ? u.searchParams.get('v') : ['embed', 'shorts', 'live', 'v'].includes(path[0] ?? '') ? path[1] : null;
  return id && YOUTUBE_ID.test(id) ? `https://www.youtube-nocookie.com/embed/${id}` : null;
}

function vimeo(u: URL): string | null {
  const host = u.hostname.toLowerCase();
  const path = u.pathname.split('/').filter(Boolean);
  let id: string | undefined;
  let hash: string | null | undefined;
  if (host === 'vimeo.com' || host === 'www.vimeo.com') [id, hash] = [path[0], path[1]];
  else if (host === 'player.vimeo.com' && path[0] === 'video') [id, hash] = [path[1], u.searchParams.get('h')];
  if (!id || !VIMEO_ID.test(id)) return null;
  const h = hash && VIMEO_HASH.test(hash) ? `h=${hash}&` : '';
  return `https://player.vimeo.com/video/${id}?${h}dnt=1`;
}

function loom(u: URL): string | null {
  const host = u.hostname.toLowerCase();
  const path = u.pathname.split('/').filter(Boolean);
  if (host !== 'loom.com' && host !== 'www.loom.com') return null;
  const id = path[0] === 'share' || path[0] === 'embed' ? path[1] : undefined;
  return id && LOOM_ID.test(id) ? `https://www.loom.com/embed/${id}` : null;
}

/**
 * The player to embed for a video address on the allow-list (YouTube, Vimeo, Loom), or null
 * for any other address.
 * @example videoEmbed('https://www.youtube.com/watch?v=dQw4w9WgXcQ') // {host: 'youtube', src: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'}
 */
export function videoEmbed(url: string): VideoEmbed | null {
  const u = parse(url);
  if (!u || u.username || u.password || (u.port && u.port !== '443' && u.port !== '80')) return null;
  const candidates: [VideoHost, (u: URL) => string | null][] = [
    ['youtube', youtube],
    ['vimeo', vimeo],
    ['loom', loom],
  ];
  for (const [host, player] of candidates) {
    const src = player(u);
    if (src) return { host, src };
  }
  return null;
}

/** The `src` (or `data`) of a raw embed tag's attributes, if any. */
export function rawEmbedSource(attributes: string): string | null {
  const m = SRC.exec(attributes);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}
