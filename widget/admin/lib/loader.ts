import type { ReactiveControllerHost } from 'lit';
import { asRequestError } from '../../api/request-error.js';
import type { Portal } from '../../lib/portal-context.js';
import type { Load } from '../../store/portal-store.js';

/**
 * One read a view shows: its value and its state for `<cp-state>`. A refusal also reaches the
 * page as `cp-error`; an answer overtaken by a later `run()` is dropped.
 * @example contacts = new Loader(this, () => this.admin!.api.contacts(this.customerId));
 *          this.contacts.run(); … html`${this.contacts.value?.map(…)}`
 */
export class Loader<T> {
  value: T | undefined;
  load: Load = { status: 'idle' };
  private sequence = 0;

  constructor(
    private readonly host: ReactiveControllerHost & { portal?: Portal | undefined },
    private readonly work: () => Promise<T>,
  ) {}

  /** Loads (again); `quiet` keeps the value on screen meanwhile (a refresh, not a new subject). */
  async run(quiet = false): Promise<void> {
    const call = ++this.sequence;
    if (!quiet) {
      this.value = undefined;
      this.load = { status: 'loading' };
      this.host.requestUpdate();
    }
    try {
      const value = await this.work();
      if (call !== this.sequence) return;
      this.value = value;
      this.load = { status: 'ready' };
    } catch (error) {
      if (call !== this.sequence) return;
      const failure = asRequestError(error);
      this.load = { status: 'error', error: failure };
      this.host.portal?.store.fail(failure);
    }
    this.host.requestUpdate();
  }
}
