import http from 'node:http';
import https from 'node:https';
import type { Deps } from '../context.js';
import { randomToken } from '../lib/ids.js';
import { checkLiteralTarget, guardedLookup } from './safe-target.js';
import { signWebhook } from './webhook-signature.js';

export interface SenderOptions {
  /** The pause after each failed attempt; when they run out the delivery has failed. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  allowPrivate: boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The Standard Webhooks schedule: an attempt at once, then after 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h and 10 h: eight attempts over about 27 hours and a half.
 */
export const DEFAULT_RETRY_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

const PER_PASS = 10;
const iso = (ms: number) => new Date(ms).toISOString();
/** ±20 %, so that endpoints that failed together are not all retried in the same second. */
const jitter = (ms: number) => Math.round(ms * (0.8 + Math.random() * 0.4));

/**
 * One pass of the webhook sender: claims the deliveries that are due (a claim outlives the
 * attempt's timeout, so a crash mid-attempt lets another pass take over), attempts them (the
 * endpoints in parallel, each endpoint's in event order), records each attempt and schedules the next. Everything lives in the database,
 * so retries carry on across restarts. Answers whether more were due than one pass takes.
 * @example await deliverDue(deps, { retryDelaysMs: DEFAULT_RETRY_DELAYS_MS, timeoutMs: 10_000, allowPrivate: false });
 */
export async function deliverDue(deps: Pick<Deps, 'db'>, options: SenderOptions): Promise<boolean> {
  const { db } = deps;
  const now = Date.now();
  const due = await db
    .selectFrom('webhook_deliveries')
    .select(['id', 'endpoint_id'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', iso(now))
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', iso(now))]))
    .orderBy('next_attempt_at')
    .orderBy('event_id')
    .limit(PER_PASS)
    .execute();
  const claim = randomToken(12);
  // Endpoints are attempted in parallel, each one's deliveries one after the other in the order
  // of their events: a receiver hears of a task's creation before its change, as it happened.
  const claimed = new Map<string, string[]>();
  for (const { id, endpoint_id: endpoint } of due) {
    // The claim covers every attempt queued before this one on its endpoint, each up to the timeout.
    const queued = (claimed.get(endpoint)?.length ?? 0) + 1;
    const result = await db
      .updateTable('webhook_deliveries')
      .set({ claim, claimed_until: iso(now + queued * options.timeoutMs + 30 * SECOND) })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', iso(now))]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) claimed.set(endpoint, [...(claimed.get(endpoint) ?? []), id]);
  }
  await Promise.all(
    [...claimed.values()].map(async (ids) => {
      for (const id of ids) await attempt(deps, id, claim, options);
    }),
  );
  return due.length === PER_PASS;
}

async function attempt(deps: Pick<Deps, 'db'>, id: string, claim: string, options: SenderOptions): Promise<void> {
  const { db } = deps;
  const delivery = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select(['d.id', 'd.payload', 'd.attempt_count', 'e.url', 'e.secret'])
    .where('d.id', '=', id)
    .where('d.claim', '=', claim)
    .executeTakeFirst();
  if (!delivery) return;

  const started = Date.now();
  const timestamp = Math.floor(started / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'customer-portal-webhooks/1',
    'webhook-id': delivery.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(delivery.secret, delivery.id, timestamp, delivery.payload),
  };
  let status: number | null = null;
  let error: string | null = null;
  try {
    status = await post(new URL(delivery.url), headers, delivery.payload, options);
    if (status < 200 || status >= 300) error = status >= 300 && status < 400 ? `redirect (${status}) not followed` : `HTTP ${status}`;
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
  }

  const finished = Date.now();
  const number = delivery.attempt_count + 1;
  const delay = options.retryDelaysMs[number - 1];
  const outcome = error === null ? 'succeeded' : delay === undefined ? 'failed' : 'pending';
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('webhook_deliveries')
      .set({
        status: outcome,
        attempt_count: number,
        next_attempt_at: outcome === 'pending' ? iso(finished + jitter(delay!)) : null,
        completed_at: outcome === 'pending' ? null : iso(finished),
        claim: null,
        claimed_until: null,
      })
      .where('id', '=', id)
      .where('claim', '=', claim)
      .executeTakeFirst();
    // Gone (endpoint deleted) or taken over after a stall: this attempt is not the one on record.
    if (Number(updated.numUpdatedRows) === 0) return;
    await trx
      .insertInto('webhook_attempts')
      .values({ delivery_id: id, attempt: number, started_at: iso(started), duration_ms: finished - started, response_status: status, error: error?.slice(0, 500) ?? null })
      .execute();
  });
}

/** POSTs `body` and answers the status: no redirect is followed, no private address is reached, nothing waits past the timeout. */
function post(url: URL, headers: Record<string, string>, body: string, options: SenderOptions): Promise<number> {
  checkLiteralTarget(url, options.allowPrivate);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        lookup: guardedLookup(options.allowPrivate),
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        // The answer's body is not needed: let it drain (the timeout still bounds it) rather than wait.
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', (error) => reject(error.name === 'AbortError' ? new Error(`no answer within ${options.timeoutMs} ms`) : error));
    request.end(body);
  });
}
