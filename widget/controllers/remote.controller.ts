import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient } from '../api/api-client.js';
import { asRequestError } from '../api/request-error.js';
import type { Portal } from '../lib/portal-context.js';
import type { Load } from '../store/portal-store.js';

/** How long live events of a burst are gathered before one refetch. */
const LIVE_DEBOUNCE_MS = 150;

/**
 * One resource a view fetches for itself (deals, financial documents, the partner's lists):
 * its value and load state, fetched when the portal or the customer changes and again when a
 * live event of one of `kinds` arrives (a burst becomes one request). A failure renders as the
 * view's error state and fires the store's `error`, like the store's own loads.
 * @example private readonly deals = new RemoteController(this, () => this.portal, (api, customerId) => api.deals(customerId), ['deal.']);
 */
export class RemoteController<T> implements ReactiveController {
  value: T | null = null;
  load: Load = { status: 'idle' };
  private key = '';
  private portal: Portal | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0;
  private readonly onLive = (e: Event) => {
    const { type } = (e as CustomEvent<{ type: string }>).detail;
    if (!this.kinds.some((k) => type.startsWith(k))) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), LIVE_DEBOUNCE_MS);
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly portalOf: () => Portal | undefined,
    private readonly fetcher: (api: ApiClient, customerId: string | null) => Promise<T>,
    private readonly kinds: readonly string[],
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const portal = this.portalOf();
    if (portal !== this.portal) {
      this.portal?.store.removeEventListener('live', this.onLive);
      portal?.store.addEventListener('live', this.onLive);
      this.portal = portal;
    }
    const key = portal ? `${portal.store.customerId ?? ''}` : '';
    if (portal && (key !== this.key || this.load.status === 'idle')) {
      this.key = key;
      void this.refresh();
    }
  }

  hostDisconnected(): void {
    this.portal?.store.removeEventListener('live', this.onLive);
    this.portal = undefined;
    this.load = { status: 'idle' };
    clearTimeout(this.timer);
  }

  /** Fetches again; an answer overtaken by a newer request is dropped. */
  async refresh(): Promise<void> {
    const portal = this.portalOf();
    if (!portal) return;
    const asked = ++this.asked;
    if (this.value === null) this.load = { status: 'loading' };
    this.host.requestUpdate();
    try {
      const value = await this.fetcher(portal.api, portal.store.customerId);
      if (asked !== this.asked) return;
      this.value = value;
      this.load = { status: 'ready' };
    } catch (error) {
      if (asked !== this.asked) return;
      const failure = asRequestError(error);
      this.load = { status: 'error', error: failure };
      portal.store.dispatchEvent(new CustomEvent('error', { detail: failure }));
    }
    this.host.requestUpdate();
  }
}
