import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AnalyticsView } from '../../contract/analytics-views.js';

/** One view opened, as `POST /v1/analytics/views` takes it. */
export interface ViewOpened {
  view: AnalyticsView;
  subjectId?: string;
}

export interface ViewBeaconOptions {
  /** What the person has on screen now; null while nothing is shown yet (or for staff). */
  current(): ViewOpened | null;
  /** Sends a batch (with `keepalive`, so that it outlives the page); failures are dropped. */
  send(views: ViewOpened[]): Promise<unknown>;
  /** How long views gather before a batch leaves (5 s); a hidden page sends at once. */
  delayMs?: number;
}

/** A batch never carries more than this; more views send the batch early. */
const MAX_BATCH = 20;

/**
 * Reports the views a person opens, batched: a view is queued when it appears, and the queue
 * leaves a few seconds later when the browser is idle, or when the page is hidden or left
 * (the request is `keepalive`). Nothing is ever sent while the first screen is painting: the
 * first batch waits for the delay and an idle moment. Analytics never surface as errors.
 * @example new ViewBeaconController(this, { current: () => ({ view: 'tasks' }), send: (views) => api.reportViews(views) });
 */
export class ViewBeaconController implements ReactiveController {
  private queue: ViewOpened[] = [];
  private last = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onHide = () => {
    if (document.visibilityState === 'hidden') this.flush();
  };
  private readonly onLeave = () => this.flush();

  constructor(
    host: ReactiveControllerHost,
    private readonly options: ViewBeaconOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onHide);
    window.addEventListener('pagehide', this.onLeave);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onHide);
    window.removeEventListener('pagehide', this.onLeave);
    this.flush();
  }

  hostUpdated(): void {
    const now = this.options.current();
    if (!now) return;
    const key = `${now.view}|${now.subjectId ?? ''}`;
    if (key === this.last) return;
    this.last = key;
    this.queue.push(now);
    if (this.queue.length >= MAX_BATCH) this.flush();
    else this.timer ??= setTimeout(() => idle(() => this.flush()), this.options.delayMs ?? 5000);
  }

  /** Sends what is queued now (the page is going away, or the batch is full). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    const views = this.queue.splice(0);
    this.options.send(views).catch(() => undefined);
  }
}

const idle = (work: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(work, { timeout: 2000 }) : setTimeout(work));
