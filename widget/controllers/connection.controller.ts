import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RequestError } from '../api/request-error.js';
import type { PortalStore } from '../store/portal-store.js';

/** Offline, the widget asks the service this often whether it is back (the stream may be fine). */
const PROBE_MS = 10_000;

export interface ConnectionOptions {
  store: PortalStore;
  /** Fires `cp-error`. */
  emit(error: RequestError): void;
  /** Whether failures are kept quiet now (the portal is opening, or could not open: it says so itself). */
  muted(): boolean;
  /** One request that tells whether the service is back (it reports through `reached`). */
  probe(): Promise<unknown>;
  /** The service answers again, or the browser says it is online: what waited may go now. */
  onBack(): void;
}

/**
 * Whether the service can be reached, and which failures become a `cp-error`: one each, but a
 * network that is away fires one `network_error` until a request gets through again. Offline
 * shows in the store (`online`), and the service is asked again every 10 s.
 * @example connection = new ConnectionController(this, { store, emit, muted, probe, onBack }); connection.reached(false, error);
 */
export class ConnectionController implements ReactiveController {
  /** A `network_error` was fired since the service was last reached. */
  private told = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly online = () => this.options.onBack();

  constructor(
    host: ReactiveControllerHost,
    private readonly options: ConnectionOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.online);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.online);
    clearTimeout(this.timer);
  }

  /** A failure a view or a request reported. */
  report(error: RequestError): void {
    if (this.options.muted() || (error.code === 'network_error' && this.told)) return;
    this.tell(error);
  }

  /** Fires `cp-error`, whatever the state (the one failure of an open). */
  tell(error: RequestError): void {
    if (error.code === 'network_error') this.told = true;
    this.options.emit(error);
  }

  /** A request reached the service or not: the widget shows itself offline, then back. */
  reached(reached: boolean, error?: RequestError): void {
    const { store } = this.options;
    if (reached === store.online) return;
    store.online = reached;
    store.changed();
    clearTimeout(this.timer);
    if (!reached) {
      this.schedule();
      return this.report(error ?? RequestError.network(null));
    }
    this.told = false;
    this.options.onBack();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      if (this.options.store.online || this.options.muted()) return;
      void this.options.probe().finally(() => this.options.store.online || this.schedule());
    }, PROBE_MS);
  }
}
