import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { asRequestError, type RequestError } from '../api/request-error.js';
import '../components/cp-state/cp-state.js';

const loads = new Map<string, Promise<unknown>>();
const failures = new Map<string, RequestError>();
/** Every host showing a chunk's loading state: each renders again when it arrives (two widgets on one page). */
const waiting = new Map<string, Set<ReactiveControllerHost>>();
const wake = (tag: string) => {
  for (const host of waiting.get(tag) ?? []) host.requestUpdate();
  waiting.delete(tag);
};

/**
 * A view kept out of the first bundle: its chunk is fetched the first time it is shown (the
 * first paint never waits for it), with a loading state meanwhile and an error with a retry
 * if the chunk cannot be fetched (`quiet`: nothing at all meanwhile, for what is not a view).
 * @example lazy(this, 'cp-settings', () => import('../components/cp-settings/cp-settings.js'), html`<cp-settings></cp-settings>`)
 */
export function lazy(host: ReactiveControllerHost, tag: string, load: () => Promise<unknown>, content: TemplateResult, quiet = false): TemplateResult | typeof nothing {
  if (customElements.get(tag)) return content;
  const failure = failures.get(tag);
  if (failure && quiet) return nothing;
  if (failure) {
    const retry = () => {
      failures.delete(tag);
      loads.delete(tag);
      host.requestUpdate();
    };
    return html`<cp-state exportparts="state" .load=${{ status: 'error', error: failure }} .retry=${retry}></cp-state>`;
  }
  waiting.set(tag, (waiting.get(tag) ?? new Set()).add(host));
  if (!loads.has(tag)) {
    const loading = load().then(
      () => wake(tag),
      (error) => {
        failures.set(tag, asRequestError(error));
        wake(tag);
      },
    );
    loads.set(tag, loading);
  }
  return quiet ? nothing : html`<cp-state exportparts="state" .load=${{ status: 'loading' }} .empty=${true}></cp-state>`;
}
