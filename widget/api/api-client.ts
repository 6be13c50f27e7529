import type { ViewOpened } from '../controllers/view-beacon.controller.js';
import type {
  BrowserSession,
  MfaStatus,
  TotpEnrolment,
  MediaAddress,
  RecoveryCodes,
  Approval,
  ApprovalDecision,
  ApprovalMode,
  Comment,
  Customer,
  Me,
  Milestone,
  MilestoneInput,
  Message,
  Page,
  Person,
  PortalDocument,
  PortalType,
  PortalNotification,
  PreferencesPatch,
  Project,
  Task,
  TaskInput,
  Thread,
  Visibility,
} from './api.types.js';
import { RequestError } from './request-error.js';
import { fromWire, toWire } from './wire.js';

export interface ApiClientOptions {
  /** The service's origin, e.g. `https://portal.vendor.test` (a function when it may change). */
  base: string | (() => string);
  /** The current embed token; with `renew`, a fresh one (after a 401). */
  token(renew?: boolean): Promise<string>;
  /** How long a request may wait for the service's answer (default `REQUEST_TIMEOUT_MS`). */
  timeoutMs?: () => number;
  /** Told whether each request reached the service: the widget shows itself offline, then back. */
  onReach?(reached: boolean, error?: RequestError): void;
  /** Files from this size on (bytes) are sent with the resumable protocol (default `RESUMABLE_FROM`; 0: every file). */
  resumableFrom?: () => number;
  /** Who is signed in: a resumable upload is resumed only by the person who started it. */
  owner?: () => string;
}

/** Files this large go in resumable parts; smaller ones in one request. */
export const RESUMABLE_FROM = 4 * 1024 * 1024;

/** A frozen service must not leave "Sending…" on screen for ever. */
export const REQUEST_TIMEOUT_MS = 20_000;

/** What fills a screen: the first page of a list a view paints as it arrives. */
const FIRST_PAGE = 50;

type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestInit_ {
  query?: Query | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Sent as `Idempotency-Key`: a write kept in the outbox keeps its key across attempts. */
  key?: string | undefined;
  /** The request may outlive the page (view beacons sent as it is left). */
  keepalive?: boolean;
}

/** A random Idempotency-Key; `crypto.randomUUID` needs a secure context, host pages may not be one. */
export const idempotencyKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The typed client of shared/API.md. Every call carries the embed token, renews it once on a
 * 401, sends an `Idempotency-Key` with each POST, and throws `RequestError` on failure.
 * @example const api = new ApiClient({ base: 'https://portal.test', token: () => session.token() });
 *          const tasks = await api.tasks({ status: 'todo' });
 */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  url(path: string, query?: Query): string {
    const { base } = this.options;
    const url = new URL(path, typeof base === 'string' ? base : base());
    for (const [key, value] of Object.entries((toWire(query ?? {}) as Query) ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    return url.href;
  }

  /** One authenticated request: JSON in and out, or the raw response (event stream, downloads). */
  async send(method: string, path: string, init: RequestInit_ = {}): Promise<Response> {
    const json = init.body !== undefined && !(init.body instanceof FormData);
    const headers: Record<string, string> = { ...init.headers };
    if (json) headers['content-type'] = 'application/json';
    const key = init.key ?? (method === 'POST' ? idempotencyKey() : undefined);
    if (key) headers['idempotency-key'] = key;
    const body = json ? JSON.stringify(toWire(init.body)) : (init.body as FormData | undefined);
    let token = await this.options.token();
    for (let attempt = 0; ; attempt++) {
      const response = await this.fetch(this.url(path, init.query), { method, headers: { ...headers, authorization: `Bearer ${token}` }, body, ...(init.keepalive ? { keepalive: true } : {}) }, init.signal);
      if (response.status === 401 && attempt === 0) {
        const renewed = await this.options.token(true);
        if (renewed !== token) {
          token = renewed;
          continue;
        }
      }
      if (!response.ok) throw await RequestError.from(response);
      return response;
    }
  }

  /** `fetch` with the timeout; a timeout or an unreachable service is a `network_error`. */
  private async fetch(url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), abort.abort()), this.options.timeoutMs?.() ?? REQUEST_TIMEOUT_MS);
    // Kept after the answer: aborting `signal` also ends the body (the event stream) being read.
    signal?.addEventListener('abort', () => abort.abort(), { once: true });
    try {
      const response = await fetch(url, { ...init, signal: abort.signal });
      this.options.onReach?.(true);
      return response;
    } catch (error) {
      if (signal?.aborted) throw error;
      const failure = RequestError.network(error, timedOut);
      this.options.onReach?.(false, failure);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  async request<T>(method: string, path: string, init: RequestInit_ = {}): Promise<T> {
    const response = await this.send(method, path, init);
    return (response.status === 204 ? undefined : fromWire<T>(await response.json())) as T;
  }

  /**
   * Every page of a list, in order; `onPage` sees each page as it arrives so views paint early
   * (the first page is small, to paint sooner; the next ones are as large as the API allows).
   */
  async all<T>(path: string, query: Query = {}, onPage?: (items: T[]) => void, signal?: AbortSignal): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const limit = items.length || !onPage ? 200 : FIRST_PAGE;
      const page: Page<T> = await this.request<Page<T>>('GET', path, { query: { ...query, limit, cursor }, signal });
      items.push(...page.data);
      onPage?.(page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  me = () => this.request<Me>('GET', '/v1/me');
  /** A batch of views opened (engagement analytics), sent so that it outlives the page. */
  reportViews = (views: ViewOpened[]) => this.request<unknown>('POST', '/v1/analytics/views', { body: { views }, keepalive: true });
  updatePreferences = (patch: PreferencesPatch) => this.request<unknown>('PATCH', '/v1/me/preferences', { body: patch });
  sessions = () => this.request<{ data: BrowserSession[] }>('GET', '/v1/me/sessions');
  endSession = (id: string) => this.request<void>('DELETE', `/v1/me/sessions/${encodeURIComponent(id)}`);
  endAllSessions = () => this.request<void>('DELETE', '/v1/me/sessions');
  mfa = () => this.request<MfaStatus>('GET', '/v1/me/mfa');
  startTotp = () => this.request<TotpEnrolment>('POST', '/v1/me/mfa/totp');
  confirmTotp = (code: string) => this.request<RecoveryCodes>('POST', '/v1/me/mfa/totp/confirm', { body: { code } });
  removeTotp = (code?: string) => this.request<void>('DELETE', '/v1/me/mfa/totp', code ? { body: { code } } : {});
  customers = () => this.all<Customer>('/v1/customers');
  people = (customerId?: string) => this.request<{ data: Person[] }>('GET', '/v1/people', { query: { customerId } }).then((r) => r.data);
  projects = (customerId?: string) => this.all<Project>('/v1/projects', { customerId });
  /** Staff: who a members-only project is for (its customer's contacts and staff). */
  projectMembers = (projectId: string) =>
    this.request<{ userIds?: string[]; data?: { id: string }[] }>('GET', `/v1/projects/${encodeURIComponent(projectId)}/members`).then((r) => r.userIds ?? (r.data ?? []).map((m) => m.id));

  tasks = (query: Query, onPage?: (items: Task[]) => void, signal?: AbortSignal) => this.all<Task>('/v1/tasks', query, onPage, signal);
  task = (id: string) => this.request<Task>('GET', `/v1/tasks/${encodeURIComponent(id)}`);
  createTask = (input: TaskInput) => this.request<Task>('POST', '/v1/tasks', { body: input });
  /** With `version`, a task changed meanwhile answers 409 instead of being overwritten. */
  updateTask = (id: string, patch: TaskInput, version?: number, key?: string) =>
    this.request<Task>('PATCH', `/v1/tasks/${encodeURIComponent(id)}`, { body: patch, key, headers: version === undefined ? {} : { 'if-match': `"${version}"` } });

  comments = (taskId: string) => this.all<Comment>(`/v1/tasks/${encodeURIComponent(taskId)}/comments`);
  createComment = (taskId: string, body: string, visibility?: Visibility, key?: string) =>
    this.request<Comment>('POST', `/v1/tasks/${encodeURIComponent(taskId)}/comments`, { body: { body, visibility }, key });

  milestones = (customerId?: string) => this.all<Milestone>('/v1/milestones', { customerId });
  createMilestone = (input: MilestoneInput) => this.request<Milestone>('POST', '/v1/milestones', { body: input });
  updateMilestone = (id: string, patch: MilestoneInput) => this.request<Milestone>('PATCH', `/v1/milestones/${encodeURIComponent(id)}`, { body: patch });
  deleteMilestone = (id: string) => this.request<void>('DELETE', `/v1/milestones/${encodeURIComponent(id)}`);
  threads = (customerId?: string) => this.all<Thread>('/v1/threads', { customerId });
  /** One page of a thread, newest first: the first one is what the view paints. */
  messages = (threadId: string, cursor?: string | null) =>
    this.request<Page<Message>>('GET', `/v1/threads/${encodeURIComponent(threadId)}/messages`, { query: { limit: FIRST_PAGE, cursor } });
  createMessage = (threadId: string, body: string, visibility?: Visibility, key?: string) =>
    this.request<Message>('POST', `/v1/threads/${encodeURIComponent(threadId)}/messages`, { body: { body, visibility }, key });
  markThreadRead = (threadId: string, messageId: string) => this.request<Thread>('POST', `/v1/threads/${encodeURIComponent(threadId)}/read`, { body: { messageId } });

  approvals = (query: Query) => this.all<Approval>('/v1/approvals', query);
  requestApproval = (body: { subject: { type: 'task' | 'document'; id: string }; approverIds: string[]; mode: ApprovalMode }) => this.request<Approval>('POST', '/v1/approvals', { body });
  decideApproval = (id: string, decision: ApprovalDecision, comment?: string) =>
    this.request<Approval>('POST', `/v1/approvals/${encodeURIComponent(id)}/decisions`, { body: { decision, comment: comment || undefined } });
  cancelApproval = (id: string) => this.request<Approval>('POST', `/v1/approvals/${encodeURIComponent(id)}/cancel`);

  documents = (customerId?: string) => this.all<PortalDocument>('/v1/documents', { customerId });
  /** The resources library: what is published to the caller's portal type (staff: everything). */
  library = () => this.all<PortalDocument>('/v1/library');
  deleteDocument = (id: string) => this.request<void>('DELETE', `/v1/documents/${encodeURIComponent(id)}`);
  /** The document's bytes (the current version, or version `version`), fetched with the token (a plain link could not carry it). */
  download = (id: string, version?: number) =>
    this.send('GET', `/v1/documents/${encodeURIComponent(id)}${version ? `/versions/${version}` : ''}/content`).then((r) => r.blob());

  /** A signed address of an audio or video document that a media element streams (with range requests) without the token. */
  mediaAddress = (id: string) => this.request<MediaAddress>('POST', `/v1/documents/${encodeURIComponent(id)}/media`).then((r) => this.url(r.url));

  notifications = () => this.request<Page<PortalNotification> & { unreadCount: number }>('GET', '/v1/notifications', { query: { limit: 50 } });
  markRead = (ids: string[] | 'all') => this.request<unknown>('POST', '/v1/notifications/read', { body: ids === 'all' ? { all: true } : { ids } });

  /** The live event stream, resumed after `lastEventId`. */
  events = (lastEventId: number | null, signal: AbortSignal) =>
    this.send('GET', '/v1/events', { headers: { accept: 'text/event-stream', ...(lastEventId === null ? {} : { 'last-event-id': String(lastEventId) }) }, signal });

  /** Whether a file of `size` bytes is sent with the resumable protocol (and so may be paused). */
  isResumable = (size: number) => size >= (this.options.resumableFrom?.() ?? RESUMABLE_FROM);

  /**
   * Uploads a file with progress, as a new document or (`versionOf`: a document's id) a new
   * version of one: a large file with the resumable protocol (its chunk is loaded then), which
   * survives a dropped connection or a reload and can be paused (`signal` aborted with reason
   * `'pause'`); a small one in one multipart request (XMLHttpRequest reports its progress).
   * @example await api.upload(file, { taskId }, (sent, total) => bar.value = sent / total);
   */
  async upload(
    file: File,
    fields: { taskId?: string | undefined; visibility?: Visibility | undefined; customerId?: string | undefined; folderId?: string | undefined; dealId?: string | undefined; libraryCategory?: string | undefined; portalType?: PortalType | undefined },
    onProgress?: (sent: number, total: number) => void,
    signal?: AbortSignal,
    versionOf?: string,
  ): Promise<PortalDocument> {
    const wire = Object.fromEntries(Object.entries(toWire(versionOf ? { documentId: versionOf } : fields) as Record<string, string | undefined>).filter((e): e is [string, string] => !!e[1]));
    if (this.isResumable(file.size)) {
      const { resumableUpload } = await import('./resumable-upload.js');
      return fromWire<PortalDocument>(await resumableUpload({ endpoint: this.url('/v1/uploads'), token: this.options.token, file, fields: wire, owner: this.options.owner?.() ?? '', onProgress, signal }));
    }
    const path = versionOf ? `/v1/documents/${encodeURIComponent(versionOf)}/versions` : '/v1/documents';
    const form = new FormData();
    if (!versionOf) for (const [key, value] of Object.entries(wire)) form.set(key, value);
    form.set('file', file, file.name);
    const send = (token: string) =>
      new Promise<XMLHttpRequest>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', this.url(path));
        xhr.setRequestHeader('authorization', `Bearer ${token}`);
        xhr.setRequestHeader('idempotency-key', idempotencyKey());
        xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.total || file.size);
        xhr.onload = () => resolve(xhr);
        xhr.onerror = () => reject(RequestError.network(null));
        xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
        signal?.addEventListener('abort', () => xhr.abort(), { once: true });
        xhr.send(form);
      });
    let xhr = await send(await this.options.token());
    if (xhr.status === 401) xhr = await send(await this.options.token(true));
    const response = new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, statusText: xhr.statusText });
    if (!response.ok) throw await RequestError.from(response);
    return fromWire<PortalDocument>(await response.json());
  }
}
