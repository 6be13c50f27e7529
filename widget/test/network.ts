import { serviceUrl } from './portal.js';

export type NetworkState = 'up' | 'down' | 'hung';

/**
 * The page's way to the service, which a test can take down (requests fail at once, as with no
 * network) or hang (requests wait for ever, as with a frozen service): wraps `fetch` for the
 * service's origin. Changing the state ends the event streams open through it, as a dropped
 * connection would.
 * @example const network = await controlNetwork(); network.set('down'); …; network.restore();
 */
export async function controlNetwork() {
  const origin = new URL(await serviceUrl()).origin;
  const original = window.fetch;
  let state: NetworkState = 'up';
  const open = new Set<() => void>();
  const requests: string[] = [];
  window.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, location.href);
    if (url.origin !== origin) return original(input, init);
    requests.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    if (state === 'down') throw new TypeError('Failed to fetch');
    if (state === 'hung') {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true }));
    }
    const response = await original(input, init);
    if (!url.pathname.endsWith('/v1/events') || !response.body) return response;
    const reader = response.body.getReader();
    let cut = () => {};
    const body = new ReadableStream<Uint8Array>({
      start: (c) => void open.add((cut = () => (c.error(new TypeError('network error')), void reader.cancel().catch(() => {})))),
      async pull(c) {
        const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (chunk.done) (open.delete(cut), c.close());
        else c.enqueue(chunk.value!);
      },
      cancel: (reason) => (open.delete(cut), reader.cancel(reason)),
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return {
    /** What reached the wrapper, as `METHOD /path`. */
    requests,
    set(next: NetworkState): void {
      state = next;
      for (const cut of open) cut();
      open.clear();
    },
    restore: () => (window.fetch = original),
  };
}
