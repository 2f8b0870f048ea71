import * as z from 'zod/mini';
import type { AuthorizationStatus } from '../core/adapter';
import { parseStoreHash } from '../core/store-hash';
import { type AttemptStore, createMemoryAttemptStore } from './attempt-store';
import { exchangeCode, fetchOrderStatuses } from './big-commerce-api';
import {
  baseHeaders,
  jsonResponse,
  methodNotAllowed,
  randomToken,
  readCookie,
  safeEqual,
  serializeCookie,
} from './http';
import { resolveServerMessages, type ServerMessages } from './messages';
import { invalidPageResponse, type ResultPageOutcome, resultPageResponse } from './pages';

/** The scopes a fulfilment integration needs (DESIGN §2). */
export const DEFAULT_BIGCOMMERCE_SCOPES: readonly string[] = Object.freeze([
  'store_v2_orders',
  'store_v2_products_read_only',
  'store_inventory',
  'store_v2_information_read_only',
]);

/** Generic codes of a failed attempt (`{ status: 'failed', code }`); upstream details stay in the server log. */
export type AuthorizationFailureCode = 'store_mismatch' | 'scope_mismatch' | 'exchange_failed' | 'grant_failed';

/** What `onAuthorized` receives: the only place the access token leaves the handlers. */
export interface BigCommerceGrant {
  attemptId: string;
  storeHash: string;
  accessToken: string;
  /** The scopes BigCommerce granted, space separated. */
  scope: string;
  /** Who signed in. */
  user: { id: number; email: string };
  /** The store owner, when BigCommerce says. */
  owner?: { id: number; email: string };
  accountUuid?: string;
}

/** Where the handlers write warnings. Messages and metadata never contain a code, token or secret. */
export interface BigCommerceAuthLogger {
  warn(message: string, meta?: Record<string, unknown>): void;
}

export interface BigCommerceAuthOptions {
  clientId: string;
  clientSecret: string;
  /** The registered auth callback URL = the `redirect_uri`, used byte for byte. Never derived from a request. */
  callbackUrl: string;
  /** The exact origin of the wizard's page, which the result page posts to. */
  appOrigin: string;
  /** @default DEFAULT_BIGCOMMERCE_SCOPES */
  scopes?: readonly string[];
  /** @default 'https://login.bigcommerce.com' */
  loginBaseUrl?: string;
  /** @default 'https://api.bigcommerce.com' */
  apiBaseUrl?: string;
  /** Where pending attempts live. @default createMemoryAttemptStore({ now }) */
  store?: AttemptStore;
  /**
   * Stores the token; only the returned `grantId` reaches the browser. `context.request` is BigCommerce's redirect
   * to the callback, carrying the host's own session cookies, so the grant can be tied to the signed-in user.
   */
  onAuthorized(grant: BigCommerceGrant, context: { request: Request }): Promise<{ grantId: string }>;
  /**
   * The token stored for a grant, for `orderStatuses`; `null` when unknown or not the requesting user's (→ 404).
   * `context.request` is the wizard's request, for checking who asks.
   */
  getAccessToken(
    grantId: string,
    context: { request: Request },
  ): Promise<{ storeHash: string; accessToken: string } | null>;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default Date.now */
  now?: () => number;
  /** @default console.warn with a prefix */
  logger?: BigCommerceAuthLogger;
  /** Timeout of each upstream request (token exchange, order statuses). @default 10_000 */
  timeoutMs?: number;
  /** How long a started attempt may wait for its callback. @default 600_000 (10 minutes) */
  attemptTtlMs?: number;
  /** Overrides of the result and error pages' strings. */
  messages?: Partial<ServerMessages>;
}

/** A Fetch-API route handler (Next.js route handlers, Hono, Bun, Deno, or `node:http` via `toNodeHandler`). */
export type FetchHandler = (request: Request) => Promise<Response>;

export interface BigCommerceAuthHandlers {
  /** `GET ?attempt=&store_hash=` → 303 to BigCommerce's authorize page, with the session cookie. */
  start: FetchHandler;
  /** BigCommerce's redirect target (`code`/`error`) and, at `?attempt=`, the popup's result page. */
  callback: FetchHandler;
  /**
   * `GET ?attempt=` → `AuthorizationStatus` JSON for the attempt's watcher: the first session (or cookieless
   * client) that asked about it. Anyone else gets 404. An attempt not started yet answers `pending`.
   */
  status: FetchHandler;
  /** `GET ?grant_id=` → `OrderStatus[]` JSON of the grant's store. */
  orderStatuses: FetchHandler;
}

const ATTEMPT_ID = /^[A-Za-z0-9_-]{1,128}$/;
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
const CONTEXT = /^stores\/([a-z0-9]+)$/;
/** A session remembers this many recent attempts; older ones can no longer be completed from it. */
const MAX_ATTEMPTS_PER_SESSION = 20;

const finalStatusSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('denied') }),
  z.object({ status: z.literal('failed'), code: z.optional(z.string()) }),
  z.object({
    status: z.literal('authorized'),
    grantId: z.string(),
    storeHash: z.string(),
    ownerEmail: z.optional(z.string()),
  }),
]);

type FinalStatus = z.infer<typeof finalStatusSchema>;

const attemptRecordSchema = z.object({
  v: z.literal(1),
  attemptId: z.string(),
  sessionId: z.string(),
  storeHash: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  used: z.boolean(),
  result: z.optional(finalStatusSchema),
});

type AttemptRecord = z.infer<typeof attemptRecordSchema>;

const sessionRecordSchema = z.object({ v: z.literal(1), attempts: z.array(z.string()) });

type SessionRecord = z.infer<typeof sessionRecordSchema>;

/**
 * Who may read an attempt's status (the "watcher"), bound by the first `status` request for it. Kept apart from the
 * attempt record, and never changed once written, so a `status` racing a `start` cannot overwrite the browser
 * session that `start` binds (or the other way round). Without an attempt record it is the placeholder of an
 * attempt the wizard is waiting for but nobody has started yet.
 */
const watchRecordSchema = z.object({
  v: z.literal(1),
  attemptId: z.string(),
  /** The watching session id, or `null` for a client that sent no session cookie. */
  watcher: z.nullable(z.string()),
  /** With a `null` watcher: the session cookie `status` offered that client, if the browser keeps it after all. */
  watcherCookie: z.optional(z.string()),
  createdAt: z.number(),
  /** When a placeholder (no attempt record) stops being startable and reads `expired`. */
  expiresAt: z.number(),
});

type WatchRecord = z.infer<typeof watchRecordSchema>;

function requireString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`createBigCommerceAuth: ${name} is required`);
  return value;
}

function httpUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`createBigCommerceAuth: ${name} must be an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`createBigCommerceAuth: ${name} must be an http(s) URL`);
  }
  return url;
}

function baseUrl(name: string, value: string): string {
  httpUrl(name, value);
  return value.replace(/\/+$/, '');
}

/** Whether a space-separated scope string holds every scope in `required`. */
function hasAllScopes(granted: string | null | undefined, required: readonly string[]): boolean {
  const scopes = new Set((granted ?? '').split(/\s+/).filter(Boolean));
  return required.every((scope) => scopes.has(scope));
}

function defaultLogger(): BigCommerceAuthLogger {
  return {
    warn(message, meta) {
      console.warn(`[react-connection-wizard/server] ${message}`, meta ?? {});
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/**
 * The backend half of the popup protocol: Fetch-API handlers that start a BigCommerce authorization, receive
 * its callback, exchange the code server-side and tell the wizard how it went. Tokens go to `onAuthorized` and
 * nowhere else; the browser only ever sees a `grantId`.
 *
 * BigCommerce documents no `state` parameter, so every attempt is bound to an HttpOnly session cookie set by
 * `start`: a callback is accepted only from the browser that started a pending attempt, and only once. Its status
 * is readable by its watcher, the first client that asked for it, which need not be that browser: the wizard may
 * ask before its popup has started, a Store Owner may open a copied link on another machine, and a wizard in a
 * cross-site iframe sends no cookie at all.
 *
 * @example
 * // lib/bigcommerce-auth.ts
 * export const auth = createBigCommerceAuth({
 *   clientId: process.env.BC_CLIENT_ID!,
 *   clientSecret: process.env.BC_CLIENT_SECRET!,
 *   callbackUrl: 'https://app.example.com/api/bigcommerce/callback',
 *   appOrigin: 'https://app.example.com',
 *   onAuthorized: async (grant) => ({ grantId: await db.grants.insert(grant) }),
 *   getAccessToken: (grantId) => db.grants.find(grantId),
 * });
 * // app/api/bigcommerce/start/route.ts (Next.js), likewise callback, status and order-statuses
 * export const GET = auth.start;
 */
export function createBigCommerceAuth(options: BigCommerceAuthOptions): BigCommerceAuthHandlers {
  const clientId = requireString('clientId', options.clientId);
  const clientSecret = requireString('clientSecret', options.clientSecret);
  const callbackUrl = requireString('callbackUrl', options.callbackUrl);
  const callback = httpUrl('callbackUrl', callbackUrl);
  if (callback.hash !== '' || callbackUrl.includes('#')) {
    throw new TypeError('createBigCommerceAuth: callbackUrl must not have a fragment');
  }
  const appOrigin = requireString('appOrigin', options.appOrigin);
  if (httpUrl('appOrigin', appOrigin).origin !== appOrigin) {
    throw new TypeError('createBigCommerceAuth: appOrigin must be an exact origin such as https://app.example.com');
  }
  const scopes = [...(options.scopes ?? DEFAULT_BIGCOMMERCE_SCOPES)];
  if (scopes.length === 0 || scopes.some((scope) => typeof scope !== 'string' || !/^\S+$/.test(scope))) {
    throw new TypeError('createBigCommerceAuth: scopes must be non-empty strings without spaces');
  }
  if (typeof options.onAuthorized !== 'function' || typeof options.getAccessToken !== 'function') {
    throw new TypeError('createBigCommerceAuth: onAuthorized and getAccessToken are required');
  }
  const loginBaseUrl = baseUrl('loginBaseUrl', options.loginBaseUrl ?? 'https://login.bigcommerce.com');
  const apiBaseUrl = baseUrl('apiBaseUrl', options.apiBaseUrl ?? 'https://api.bigcommerce.com');
  const now = options.now ?? Date.now;
  const store = options.store ?? createMemoryAttemptStore({ now });
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const logger = options.logger ?? defaultLogger();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const attemptTtlMs = options.attemptTtlMs ?? 600_000;
  // Records outlive the attempt's TTL so `status` can still answer `expired` (and a result can still be read)
  // for a while instead of an unexplained 404.
  const retentionMs = attemptTtlMs * 2;
  const messages = resolveServerMessages(options.messages);
  const secure = callback.protocol === 'https:';
  // `__Host-` makes browsers refuse the cookie unless Secure, Path=/ and host-only: no sibling sub-domain can plant it.
  const cookieName = secure ? '__Host-rcw_bc_session' : 'rcw_bc_session';
  const authorizeBase =
    `${loginBaseUrl}/oauth2/authorize?client_id=${encodeURIComponent(clientId)}` +
    `&redirect_uri=${encodeURIComponent(callbackUrl)}&response_type=code&scope=${encodeURIComponent(scopes.join(' '))}`;
  // Attempts being claimed in this process; with `store.add` the claim also holds across processes.
  const claiming = new Set<string>();

  const attemptKey = (attemptId: string) => `rcw:bc:attempt:${attemptId}`;
  const sessionKey = (sessionId: string) => `rcw:bc:session:${sessionId}`;
  const watchKey = (attemptId: string) => `rcw:bc:watch:${attemptId}`;
  const maxAgeSeconds = Math.ceil(attemptTtlMs / 1000);

  async function loadAttempt(attemptId: string): Promise<AttemptRecord | undefined> {
    const parsed = attemptRecordSchema.safeParse(await store.get(attemptKey(attemptId)));
    return parsed.success && parsed.data.attemptId === attemptId ? parsed.data : undefined;
  }

  async function saveAttempt(record: AttemptRecord): Promise<void> {
    await store.set(attemptKey(record.attemptId), record, retentionMs);
    // The watcher binding must live as long as the record it guards; if it expired first, the next reader would
    // bind itself afresh and could read the result. It never changes once written, so writing it back is safe.
    const watch = await store.get(watchKey(record.attemptId));
    if (watch !== undefined) await store.set(watchKey(record.attemptId), watch, retentionMs);
  }

  async function loadWatch(attemptId: string): Promise<WatchRecord | undefined> {
    const parsed = watchRecordSchema.safeParse(await store.get(watchKey(attemptId)));
    return parsed.success && parsed.data.attemptId === attemptId ? parsed.data : undefined;
  }

  /**
   * Stores `binding` unless the attempt already has a watcher, and returns the binding that holds: `binding`
   * itself when it won. `store.add` makes the first reader win atomically, across processes too; without it, two
   * first readers within the same few milliseconds may both be answered once before the last write decides.
   */
  async function bindWatcher(binding: WatchRecord): Promise<WatchRecord | undefined> {
    const key = watchKey(binding.attemptId);
    if (store.add) {
      if (await store.add(key, binding, retentionMs)) return binding;
      return loadWatch(binding.attemptId);
    }
    const current = await loadWatch(binding.attemptId);
    if (current) return current;
    await store.set(key, binding, retentionMs);
    return binding;
  }

  /** Whether a request carrying `sessionId` (or no session cookie) is the attempt's watcher. */
  function mayWatch(watch: WatchRecord, sessionId: string | undefined): boolean {
    if (watch.watcher !== null) return sessionId !== undefined && safeEqual(watch.watcher, sessionId);
    if (sessionId === undefined) return true;
    return watch.watcherCookie !== undefined && safeEqual(watch.watcherCookie, sessionId);
  }

  async function loadSession(sessionId: string): Promise<SessionRecord | undefined> {
    const parsed = sessionRecordSchema.safeParse(await store.get(sessionKey(sessionId)));
    return parsed.success ? parsed.data : undefined;
  }

  function sessionOf(request: Request): string | undefined {
    const value = readCookie(request, cookieName);
    return value !== undefined && SESSION_ID.test(value) ? value : undefined;
  }

  function statusOf(record: AttemptRecord): AuthorizationStatus {
    if (record.result) return record.result;
    return now() >= record.expiresAt ? { status: 'expired' } : { status: 'pending' };
  }

  function resultUrl(attemptId: string): string {
    return `${callbackUrl}${callbackUrl.includes('?') ? '&' : '?'}attempt=${attemptId}`;
  }

  function redirect(location: string): Response {
    const headers = baseHeaders('text/plain; charset=utf-8');
    headers.set('Location', location);
    return new Response(null, { status: 303, headers });
  }

  /** Wraps a handler so an unexpected failure (a store outage, a host callback throwing) is a logged 500. */
  function guarded(name: string, handler: FetchHandler): FetchHandler {
    return async (request) => {
      try {
        return await handler(request);
      } catch (error) {
        logger.warn(`${name}: unexpected error`, { error: errorName(error) });
        return jsonResponse({ error: 'internal_error' }, 500);
      }
    };
  }

  async function start(request: Request): Promise<Response> {
    if (request.method !== 'GET') return methodNotAllowed(['GET']);
    // Only these two parameters are read: returnTo, redirect, redirect_uri… are ignored, so no open redirect.
    const params = new URL(request.url).searchParams;
    const attemptId = params.get('attempt') ?? '';
    const parsedHash = parseStoreHash(params.get('store_hash') ?? '');
    if (!ATTEMPT_ID.test(attemptId) || !parsedHash.ok || parsedHash.source !== 'bare') {
      return invalidPageResponse(messages, 400);
    }
    const storeHash = parsedHash.storeHash;
    const sessionId = sessionOf(request) ?? (await randomToken(32));
    const existing = await loadAttempt(attemptId);
    // Reloading `start` is fine; taking over another browser's attempt id, or restarting a finished one, is not.
    if (existing && (!safeEqual(existing.sessionId, sessionId) || existing.used || existing.result)) {
      logger.warn('start: attempt id already in use', { attemptId });
      return invalidPageResponse(messages, 409);
    }
    if (!existing) {
      // An attempt the wizard is already watching (`status` came first: the popup was slow, or this is a copied
      // link opened by the Store Owner) is started by whoever opens it first, in time. `start` never sets the
      // watcher: the link's opener must not become able to read the result in the 3PL's place.
      const watch = await loadWatch(attemptId);
      if (watch && now() >= watch.expiresAt) {
        // Its watcher has been, or will be, told `expired`: a grant made now would reach nobody.
        logger.warn('start: attempt expired before it was started', { attemptId });
        return invalidPageResponse(messages, 409);
      }
    }
    const time = now();
    await saveAttempt({
      v: 1,
      attemptId,
      sessionId,
      storeHash,
      createdAt: time,
      expiresAt: time + attemptTtlMs,
      used: false,
    });
    const session = (await loadSession(sessionId)) ?? { v: 1 as const, attempts: [] };
    const attempts = [...session.attempts.filter((id) => id !== attemptId), attemptId].slice(-MAX_ATTEMPTS_PER_SESSION);
    await store.set(sessionKey(sessionId), { v: 1, attempts }, retentionMs);

    const response = redirect(`${authorizeBase}&context=${encodeURIComponent(`stores/${storeHash}`)}`);
    // The cookie lives as long as the attempt it binds (600 s by default); every `start` renews it.
    response.headers.append('Set-Cookie', serializeCookie(cookieName, sessionId, { maxAgeSeconds, secure }));
    return response;
  }

  /**
   * The attempt a callback completes: a pending (unused, unexpired) attempt of this browser's session — the one
   * for the callback's store when several are pending, else the newest.
   */
  async function findPendingAttempt(sessionId: string, contextHash: string | undefined): Promise<AttemptRecord | undefined> {
    const session = await loadSession(sessionId);
    if (!session) return undefined;
    const time = now();
    const pending: AttemptRecord[] = [];
    for (const attemptId of session.attempts) {
      const record = await loadAttempt(attemptId);
      if (record && safeEqual(record.sessionId, sessionId) && !record.used && !record.result && time < record.expiresAt) {
        pending.push(record);
      }
    }
    const newestFirst = pending.sort((a, b) => b.createdAt - a.createdAt);
    return newestFirst.find((record) => record.storeHash === contextHash) ?? newestFirst[0];
  }

  /** Marks an attempt used before anything is exchanged, so a replayed or concurrent callback gets nothing. */
  async function claim(record: AttemptRecord): Promise<AttemptRecord | undefined> {
    if (claiming.has(record.attemptId)) return undefined;
    claiming.add(record.attemptId);
    try {
      if (store.add && !(await store.add(`rcw:bc:claim:${record.attemptId}`, 1, retentionMs))) return undefined;
      const fresh = await loadAttempt(record.attemptId);
      if (!fresh || fresh.used || fresh.result) return undefined;
      const claimed = { ...fresh, used: true };
      await saveAttempt(claimed);
      return claimed;
    } finally {
      claiming.delete(record.attemptId);
    }
  }

  /** Runs the checks and the exchange for a claimed attempt; every outcome is a final status. */
  async function complete(record: AttemptRecord, params: URLSearchParams, request: Request): Promise<FinalStatus> {
    const meta = { attemptId: record.attemptId, storeHash: record.storeHash };
    if (params.has('error')) return { status: 'denied' };

    const context = params.get('context') ?? '';
    const expectedContext = `stores/${record.storeHash}`;
    if (context !== expectedContext) {
      logger.warn('callback: context does not match the attempt', { ...meta, contextValid: CONTEXT.test(context) });
      return { status: 'failed', code: 'store_mismatch' };
    }
    const callbackScope = params.get('scope') ?? '';
    if (!hasAllScopes(callbackScope, scopes)) {
      logger.warn('callback: granted scopes lack a configured scope', meta);
      return { status: 'failed', code: 'scope_mismatch' };
    }
    const code = params.get('code') ?? '';
    if (code === '') {
      logger.warn('callback: no code', meta);
      return { status: 'failed', code: 'exchange_failed' };
    }

    const exchanged = await exchangeCode({
      fetch: fetchImpl,
      loginBaseUrl,
      timeoutMs,
      clientId,
      clientSecret,
      code,
      context,
      scope: callbackScope,
      redirectUri: callbackUrl,
    });
    if (!exchanged.ok) {
      logger.warn('callback: token exchange failed', { ...meta, reason: exchanged.reason, httpStatus: exchanged.httpStatus });
      return { status: 'failed', code: 'exchange_failed' };
    }
    const token = exchanged.value;
    // From here on a failure drops the token: it is never stored, returned or logged.
    if (token.context !== expectedContext) {
      logger.warn('callback: token is for another store', meta);
      return { status: 'failed', code: 'store_mismatch' };
    }
    if (!hasAllScopes(token.scope, scopes)) {
      logger.warn('callback: token scopes lack a configured scope', meta);
      return { status: 'failed', code: 'scope_mismatch' };
    }

    const grant: BigCommerceGrant = {
      attemptId: record.attemptId,
      storeHash: record.storeHash,
      accessToken: token.access_token,
      scope: token.scope,
      user: { id: token.user.id, email: token.user.email },
    };
    if (token.owner) grant.owner = { id: token.owner.id, email: token.owner.email };
    if (token.account_uuid) grant.accountUuid = token.account_uuid;
    let grantId: unknown;
    try {
      grantId = (await options.onAuthorized(grant, { request }))?.grantId;
    } catch (error) {
      logger.warn('callback: onAuthorized failed', { ...meta, error: errorName(error) });
      return { status: 'failed', code: 'grant_failed' };
    }
    if (typeof grantId !== 'string' || grantId === '') {
      logger.warn('callback: onAuthorized returned no grantId', meta);
      return { status: 'failed', code: 'grant_failed' };
    }
    const ownerEmail = token.owner?.email || token.user.email;
    return {
      status: 'authorized',
      grantId,
      storeHash: record.storeHash,
      ...(ownerEmail ? { ownerEmail } : {}),
    };
  }

  async function resultPage(request: Request, attemptId: string): Promise<Response> {
    const sessionId = sessionOf(request);
    const record = ATTEMPT_ID.test(attemptId) ? await loadAttempt(attemptId) : undefined;
    if (!record || !sessionId || !safeEqual(record.sessionId, sessionId)) return invalidPageResponse(messages, 400);
    const status = statusOf(record);
    let outcome: ResultPageOutcome;
    switch (status.status) {
      case 'authorized':
        outcome = { attemptId, status: 'authorized' };
        break;
      case 'denied':
        outcome = { attemptId, status: 'denied' };
        break;
      case 'failed':
        outcome = { attemptId, status: 'error', errorCode: status.code ?? 'authorization_failed' };
        break;
      case 'expired':
        outcome = { attemptId, status: 'error', errorCode: 'expired' };
        break;
      default:
        // Still pending: this page only follows a finished callback, so there is nothing to report yet.
        return invalidPageResponse(messages, 400);
    }
    return resultPageResponse(outcome, appOrigin, messages);
  }

  async function handleCallback(request: Request): Promise<Response> {
    if (request.method !== 'GET') return methodNotAllowed(['GET']);
    const params = new URL(request.url).searchParams;
    if (!params.has('code') && !params.has('error')) {
      const attemptId = params.get('attempt');
      // Not from BigCommerce and not the result page: do nothing, and above all do not burn a pending attempt.
      return attemptId === null ? invalidPageResponse(messages, 400) : resultPage(request, attemptId);
    }
    const sessionId = sessionOf(request);
    if (!sessionId) {
      logger.warn('callback: no session cookie');
      return invalidPageResponse(messages, 400);
    }
    const contextHash = CONTEXT.exec(params.get('context') ?? '')?.[1];
    const pending = await findPendingAttempt(sessionId, contextHash);
    const claimed = pending && (await claim(pending));
    if (!claimed) {
      logger.warn('callback: no pending attempt for this session (unknown, expired or already used)');
      return invalidPageResponse(messages, 400);
    }
    let result: FinalStatus;
    try {
      result = await complete(claimed, params, request);
    } catch (error) {
      // The attempt is already used; record a generic failure rather than leaving it pending until it expires.
      logger.warn('callback: unexpected error', { attemptId: claimed.attemptId, error: errorName(error) });
      result = { status: 'failed', code: 'exchange_failed' };
    }
    await saveAttempt({ ...claimed, result });
    return redirect(resultUrl(claimed.attemptId));
  }

  /*
   * Who may read a status — trust on first use. The attempt id is a 122-bit random UUID that only the wizard (and
   * the popup or link it hands it to) knows, so guessing one is not a practical attack. The first `status` request
   * for an attempt binds it to that request's session (or, with no session cookie, to "cookieless clients"); from
   * then on another session cannot read it, so the id leaking later (a proxy log, a shared screen) does not leak
   * the result. A `null` binding is only as strong as the id's secrecy, which is all a wizard in a cross-site
   * iframe can offer: its browser neither sends nor keeps a SameSite=Lax cookie there.
   *
   * The status only ever carries the outcome and a grant id the host's own endpoints authorize again. What stops
   * login CSRF (RFC 9700 §4.7: an attacker's authorization completed in the victim's browser) is the callback's
   * binding to the session cookie set by `start`, which this does not touch: reading a status completes nothing.
   */
  async function status(request: Request): Promise<Response> {
    if (request.method !== 'GET') return methodNotAllowed(['GET']);
    const attemptId = new URL(request.url).searchParams.get('attempt') ?? '';
    if (!ATTEMPT_ID.test(attemptId)) return jsonResponse({ error: 'invalid_request' }, 400);
    const sessionId = sessionOf(request);
    const record = await loadAttempt(attemptId);
    let watch = await loadWatch(attemptId);
    let offeredCookie: string | undefined;
    if (!watch) {
      // The first to ask becomes the watcher. Without an attempt record this is a placeholder: the wizard asked
      // before the popup reached `start`, or is waiting for a copied link to be opened elsewhere.
      const cookie = sessionId === undefined ? await randomToken(32) : undefined;
      const time = now();
      const binding: WatchRecord = {
        v: 1,
        attemptId,
        watcher: sessionId ?? null,
        ...(cookie === undefined ? {} : { watcherCookie: cookie }),
        createdAt: time,
        expiresAt: record ? record.expiresAt : time + attemptTtlMs,
      };
      watch = await bindWatcher(binding);
      if (watch === binding) offeredCookie = cookie;
    }
    // Someone else's attempt and a malformed binding look the same: 404.
    if (!watch || !mayWatch(watch, sessionId)) return jsonResponse({ error: 'not_found' }, 404);
    let answer: AuthorizationStatus;
    if (record) answer = statusOf(record);
    else answer = now() >= watch.expiresAt ? { status: 'expired' } : { status: 'pending' };
    const response = jsonResponse(answer);
    // A cookieless watcher is offered a session, as `start` would set it. A first-party browser keeps it (and
    // `mayWatch` accepts it); a cross-site iframe drops it and keeps matching the cookieless binding.
    if (offeredCookie !== undefined) {
      response.headers.append('Set-Cookie', serializeCookie(cookieName, offeredCookie, { maxAgeSeconds, secure }));
    }
    return response;
  }

  async function orderStatuses(request: Request): Promise<Response> {
    if (request.method !== 'GET') return methodNotAllowed(['GET']);
    const grantId = new URL(request.url).searchParams.get('grant_id') ?? '';
    if (grantId === '' || grantId.length > 512) return jsonResponse({ error: 'invalid_request' }, 400);
    const grant = await options.getAccessToken(grantId, { request });
    if (grant === null || grant === undefined) return jsonResponse({ error: 'not_found' }, 404);
    const parsedHash = parseStoreHash(typeof grant.storeHash === 'string' ? grant.storeHash : '');
    if (!parsedHash.ok || parsedHash.source !== 'bare' || typeof grant.accessToken !== 'string' || grant.accessToken === '') {
      logger.warn('orderStatuses: getAccessToken returned an invalid grant');
      return jsonResponse({ error: 'internal_error' }, 500);
    }
    const result = await fetchOrderStatuses({
      fetch: fetchImpl,
      apiBaseUrl,
      timeoutMs,
      storeHash: parsedHash.storeHash,
      accessToken: grant.accessToken,
    });
    if (!result.ok) {
      logger.warn('orderStatuses: upstream request failed', {
        storeHash: parsedHash.storeHash,
        reason: result.reason,
        httpStatus: result.httpStatus,
      });
      return jsonResponse({ error: 'upstream_error' }, 502);
    }
    return jsonResponse(result.value);
  }

  return {
    start: guarded('start', start),
    callback: guarded('callback', handleCallback),
    status: guarded('status', status),
    orderStatuses: guarded('orderStatuses', orderStatuses),
  };
}
