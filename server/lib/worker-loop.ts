import type { EventBus } from '../events/event-bus.js';

/** A background worker that `startServer` stops on close. */
export interface Worker {
  stop(): Promise<void>;
}

export interface LoopOptions {
  /** Run again this long after the last run even if nothing woke the loop. */
  intervalMs: number;
  /** Wake the loop whenever the event log may have grown. */
  bus?: EventBus;
  /** Where a failed run is reported (stderr by default). */
  log?: (line: string) => void;
  /**
   * After a wake of the bus, wait this long before running, so that a burst of writes is
   * handled as one batch rather than one run each (under load a write path otherwise pays
   * for a whole worker transaction per request). 0 runs at once.
   */
  coalesceMs?: number;
}

/**
 * Runs `step` over and over: once per wake of the bus, once per interval, and at once again
 * while it answers `true` (more work waiting). Wakes during a run are coalesced into one more
 * run, and with `coalesceMs` the wakes of a short window too, so a burst of writes costs a
 * few runs, not one each. A failing step is logged and
 * retried with a growing pause; it never takes the process down.
 * @example const worker = startLoop('webhooks', () => deliverDue(deps), { intervalMs: 1000, bus: deps.bus });
 */
export function startLoop(name: string, step: () => Promise<boolean>, options: LoopOptions): Worker & { wake(): void } {
  const log = options.log ?? ((line) => console.error(line));
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let pausedUntil = 0;
  let soon: NodeJS.Timeout | null = null;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      pausedUntil = 0;
      wake();
    }, ms);
    timer.unref();
  };

  async function run(): Promise<void> {
    do {
      again = false;
      try {
        while (!stopped && (await step())) {
          // more waiting: keep going
        }
        failures = 0;
      } catch (error) {
        failures += 1;
        log(`[${name}] ${error instanceof Error ? error.message : String(error)}`);
        // A failing database or bug must not spin: wakes are ignored until the pause is over.
        const pause = Math.min(30_000, options.intervalMs * 2 ** Math.min(failures, 5));
        pausedUntil = Date.now() + pause;
        schedule(pause);
        return;
      }
      if (again && options.coalesceMs) {
        // Woken while running: the next batch gathers for a moment too.
        again = false;
        schedule(options.intervalMs);
        wakeSoon();
        return;
      }
    } while (again && !stopped);
    schedule(options.intervalMs);
  }

  function wakeSoon(): void {
    if (!options.coalesceMs) return wake();
    if (stopped || soon) return;
    soon = setTimeout(() => {
      soon = null;
      wake();
    }, options.coalesceMs);
    soon.unref();
  }

  function wake(): void {
    if (stopped || Date.now() < pausedUntil) return;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = null;
    });
  }

  const unsubscribe = options.bus?.subscribe(wakeSoon);
  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      unsubscribe?.();
      if (timer) clearTimeout(timer);
      if (soon) clearTimeout(soon);
      await running;
    },
  };
}
