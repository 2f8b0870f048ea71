import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { BIGCOMMERCE_ORDER_STATUSES } from '../core/order-statuses';
import { parseStoreHash } from '../core/store-hash';

/*
 * A stand-in for login.bigcommerce.com and api.bigcommerce.com on loopback, for tests, demos and the end-to-end
 * suite. It is strict where BigCommerce is (every token field checked, codes single-use, tokens bound to their
 * store) so a server that passes against it does the real thing.
 *
 * This module is part of the `testing` entry, which Storybook also bundles for the browser: it must not import a
 * Node module at the top level. `node:http` (and `node:crypto` on Node 18) are imported inside the factory.
 */

/** The client the simulator accepts when no `clients` are given. */
export const SIMULATOR_CLIENT: Readonly<{ clientId: string; clientSecret: string }> = Object.freeze({
  clientId: 'sim-client-id',
  clientSecret: 'sim-client-secret',
});

export interface BigCommerceSimulatorOptions {
  /** Custom order status labels by store hash, then status id: `{ abc123: { 11: 'Ready to ship' } }`. */
  orderStatusLabels?: Record<string, Record<number, string>>;
  /** Email of every store's owner. @default 'owner@example.com' */
  ownerEmail?: string;
  /** Delay of every response. @default 0 */
  latencyMs?: number;
  /** Accepted apps: client id → client secret. @default { [SIMULATOR_CLIENT.clientId]: SIMULATOR_CLIENT.clientSecret } */
  clients?: Record<string, string>;
}

/** The endpoints `failNext` can break. */
export type SimulatorEndpoint = 'token' | 'order_statuses';

/** How the next request to an endpoint misbehaves. */
export interface SimulatorFailure {
  /** Response status. @default 500 (when only `delayMs` is given, the request is delayed and then served normally) */
  status?: number;
  /** Raw response body, sent as it is (it need not be JSON). @default a BigCommerce-style JSON error */
  body?: string;
  /** Wait this long before answering, e.g. longer than the caller's timeout. */
  delayMs?: number;
}

/** Who approves in `approve`. */
export interface SimulatorApproval {
  /** Who signs in. @default the owner email */
  email?: string;
  /** The scopes granted (space separated), when the app holds other scopes than requested. @default as requested */
  scope?: string;
}

export interface BigCommerceSimulator {
  /** Use as `loginBaseUrl`: `http://127.0.0.1:<port>`. */
  readonly loginBaseUrl: string;
  /** Use as `apiBaseUrl`: `http://127.0.0.1:<port>`. */
  readonly apiBaseUrl: string;
  /** Signs in and clicks **Confirm** through the pages; resolves the callback URL BigCommerce would redirect to. */
  approve(authorizeUrl: string, as?: SimulatorApproval): Promise<string>;
  /** Signs in as the owner and clicks **Cancel**; resolves the callback URL with `error=access_denied`. */
  deny(authorizeUrl: string): Promise<string>;
  /** Makes the next request to `endpoint` fail (or stall); calls queue up. */
  failNext(endpoint: SimulatorEndpoint, how: SimulatorFailure): void;
  /** Every body received at `/oauth2/token`, in order. */
  readonly tokenRequests: ReadonlyArray<Record<string, unknown>>;
  /** Stops the server and drops open connections. Safe to call twice. */
  close(): Promise<void>;
}

interface AuthorizeRequest {
  id: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  context: string;
  storeHash: string;
  /** Set by sign-in; consent requires it. */
  consentToken?: string;
  email?: string;
  grantedScope?: string;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  context: string;
  storeHash: string;
  email: string;
  used: boolean;
}

const SCOPE_LABELS: Record<string, string> = {
  store_v2_orders: 'Orders — modify',
  store_v2_orders_read_only: 'Orders — read-only',
  store_v2_products: 'Products — modify',
  store_v2_products_read_only: 'Products — read-only',
  store_inventory: 'Inventory — modify',
  store_inventory_read_only: 'Inventory — read-only',
  store_v2_information: 'Information & settings — modify',
  store_v2_information_read_only: 'Information & settings — read-only',
};

const STYLE =
  'body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1f2328;background:#f6f7f9}' +
  'main{max-width:28rem;margin:8vh auto;padding:2rem;background:#fff;border:1px solid #d0d7de;border-radius:8px}' +
  'h1{font-size:1.375rem;margin:0 0 1rem}label{display:block;font-weight:600;margin:1rem 0 .25rem}' +
  'input{box-sizing:border-box;width:100%;padding:.5rem;font:inherit;border:1px solid #6e7781;border-radius:4px}' +
  '.actions{display:flex;gap:.75rem;margin-top:1.5rem}button{font:inherit;padding:.5rem 1.25rem;border-radius:4px;' +
  'border:1px solid #1f2328;background:#fff;color:#1f2328;cursor:pointer}button.primary{background:#0a57d0;' +
  'border-color:#0a57d0;color:#fff}:focus-visible{outline:3px solid #0a57d0;outline-offset:2px}.hint{color:#57606a}';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function htmlPage(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`
  );
}

function scopeSet(scope: string): string {
  return [...new Set(scope.split(/\s+/).filter(Boolean))].sort().join(' ');
}

/** The value of a hidden input in one of the simulator's own pages. */
function hiddenValue(html: string, name: string): string | undefined {
  return new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1];
}

function addParams(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

/**
 * Starts a BigCommerce stand-in on `127.0.0.1` at a random port: the sign-in and consent pages of
 * `/oauth2/authorize`, `POST /oauth2/token`, and `GET /stores/{hash}/v2/order_statuses`. Node only.
 *
 * @example
 * const simulator = await createBigCommerceSimulator({ orderStatusLabels: { abc123: { 11: 'Ready to ship' } } });
 * const auth = createBigCommerceAuth({
 *   clientId: SIMULATOR_CLIENT.clientId, clientSecret: SIMULATOR_CLIENT.clientSecret,
 *   loginBaseUrl: simulator.loginBaseUrl, apiBaseUrl: simulator.apiBaseUrl, ...rest,
 * });
 * const callbackUrl = await simulator.approve(authorizeUrlFromStart);
 * await simulator.close();
 */
export async function createBigCommerceSimulator(options: BigCommerceSimulatorOptions = {}): Promise<BigCommerceSimulator> {
  const http = await import('node:http');
  const webCrypto: Crypto = globalThis.crypto ?? ((await import('node:crypto')).webcrypto as Crypto);
  const ownerEmail = options.ownerEmail ?? 'owner@example.com';
  const latencyMs = options.latencyMs ?? 0;
  const clients: Record<string, string> = options.clients ?? { [SIMULATOR_CLIENT.clientId]: SIMULATOR_CLIENT.clientSecret };
  const labels = options.orderStatusLabels ?? {};

  const authorizeRequests = new Map<string, AuthorizeRequest>();
  const codes = new Map<string, IssuedCode>();
  const tokens = new Map<string, string>(); // access token → store hash
  const userIds = new Map<string, number>([[ownerEmail.toLowerCase(), 1]]);
  const accountUuid = webCrypto.randomUUID();
  const failures: Record<SimulatorEndpoint, SimulatorFailure[]> = { token: [], order_statuses: [] };
  const tokenRequests: Array<Record<string, unknown>> = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;

  function random(prefix: string): string {
    const bytes = webCrypto.getRandomValues(new Uint8Array(18));
    return prefix + Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }

  function userId(email: string): number {
    const key = email.toLowerCase();
    if (!userIds.has(key)) userIds.set(key, userIds.size + 1);
    return userIds.get(key) as number;
  }

  function wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  }

  const sendHtml = (res: ServerResponse, status: number, html: string) =>
    send(res, status, html, { 'Content-Type': 'text/html; charset=utf-8' });
  const sendJson = (res: ServerResponse, status: number, value: unknown) =>
    send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json' });
  const redirect = (res: ServerResponse, location: string) => send(res, 302, '', { Location: location });

  function errorPage(res: ServerResponse, status: number, reason: string): void {
    sendHtml(
      res,
      status,
      htmlPage('Authorization error — BigCommerce', `<h1>This authorization request is invalid</h1><p role="alert">${escapeHtml(reason)}</p>`),
    );
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 1_000_000) throw new Error('body too large');
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function readFields(req: IncomingMessage): Promise<Record<string, unknown>> {
    const text = await readBody(req);
    if (/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
      return value as Record<string, unknown>;
    }
    return Object.fromEntries(new URLSearchParams(text));
  }

  /** Checks an authorize request's query; returns the reason it is invalid, or the parsed request. */
  function parseAuthorize(params: URLSearchParams): string | Omit<AuthorizeRequest, 'id'> {
    const clientId = params.get('client_id') ?? '';
    if (!clientId) return 'client_id is missing.';
    if (!Object.hasOwn(clients, clientId)) return 'Unknown client_id.';
    const redirectUri = params.get('redirect_uri') ?? '';
    let redirect: URL;
    try {
      redirect = new URL(redirectUri);
    } catch {
      return 'redirect_uri must be an absolute URL.';
    }
    if ((redirect.protocol !== 'https:' && redirect.protocol !== 'http:') || redirect.hash) {
      return 'redirect_uri must be an http(s) URL without a fragment.';
    }
    if (params.get('response_type') !== 'code') return 'response_type must be code.';
    const scope = params.get('scope') ?? '';
    const scopes = scope.split(/\s+/).filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => !/^[a-z0-9_]+$/.test(s))) return 'scope must list space-separated scopes.';
    const context = params.get('context') ?? '';
    const match = /^stores\/([a-z0-9]+)$/.exec(context);
    const parsed = parseStoreHash(match?.[1] ?? '');
    if (!match || !parsed.ok || parsed.storeHash !== match[1]) return 'context must be stores/{store_hash}.';
    return { clientId, redirectUri, scope, context, storeHash: parsed.storeHash };
  }

  function signInPage(request: AuthorizeRequest): string {
    return htmlPage(
      'Sign in — BigCommerce',
      `<h1>Sign in to BigCommerce</h1>` +
        `<p>Sign in as the Store Owner of store <strong>${escapeHtml(request.storeHash)}</strong> to review the app's request.</p>` +
        `<form method="post" action="/login">` +
        `<input type="hidden" name="request" value="${escapeHtml(request.id)}">` +
        `<label for="email">Email address</label>` +
        `<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(ownerEmail)}">` +
        `<label for="password">Password</label>` +
        `<input id="password" name="password" type="password" autocomplete="current-password" required aria-describedby="password-hint">` +
        `<p id="password-hint" class="hint">Simulator: any password works.</p>` +
        `<div class="actions"><button class="primary" type="submit">Sign in</button></div></form>`,
    );
  }

  function consentPage(request: AuthorizeRequest): string {
    const items = request.scope
      .split(/\s+/)
      .filter(Boolean)
      .map((scope) => `<li>${escapeHtml(SCOPE_LABELS[scope] ?? scope)} <code>${escapeHtml(scope)}</code></li>`)
      .join('');
    return htmlPage(
      'Authorize app — BigCommerce',
      `<h1>Authorize this app?</h1>` +
        `<p>Signed in as <strong>${escapeHtml(request.email ?? '')}</strong>. The app asks for access to store ` +
        `<strong>${escapeHtml(request.storeHash)}</strong>:</p><ul aria-label="Requested permissions">${items}</ul>` +
        `<form method="post" action="/consent">` +
        `<input type="hidden" name="request" value="${escapeHtml(request.id)}">` +
        `<input type="hidden" name="consent" value="${escapeHtml(request.consentToken ?? '')}">` +
        `<div class="actions"><button class="primary" type="submit" name="action" value="confirm">Confirm</button>` +
        `<button type="submit" name="action" value="cancel">Cancel</button></div></form>`,
    );
  }

  function handleAuthorize(url: URL, res: ServerResponse): void {
    const parsed = parseAuthorize(url.searchParams);
    if (typeof parsed === 'string') {
      errorPage(res, 400, parsed);
      return;
    }
    const request: AuthorizeRequest = { id: random('req_'), ...parsed };
    authorizeRequests.set(request.id, request);
    sendHtml(res, 200, signInPage(request));
  }

  async function handleLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fields = await readFields(req);
    const request = authorizeRequests.get(String(fields.request ?? ''));
    if (!request) return errorPage(res, 400, 'This sign-in form has expired. Start again from the app.');
    const email = String(fields.email ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(email) || String(fields.password ?? '') === '') {
      return errorPage(res, 400, 'Enter an email address and a password.');
    }
    request.email = email;
    request.consentToken = random('cst_');
    sendHtml(res, 200, consentPage(request));
  }

  async function handleConsent(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fields = await readFields(req);
    const request = authorizeRequests.get(String(fields.request ?? ''));
    if (!request?.consentToken || request.consentToken !== String(fields.consent ?? '') || !request.email) {
      return errorPage(res, 400, 'Sign in before confirming.');
    }
    authorizeRequests.delete(request.id);
    if (fields.action === 'cancel') {
      return redirect(
        res,
        addParams(request.redirectUri, { error: 'access_denied', error_description: 'The user cancelled the authorization.' }),
      );
    }
    if (fields.action !== 'confirm') return errorPage(res, 400, 'Choose Confirm or Cancel.');
    const scope = request.grantedScope ?? request.scope;
    const code = random('code_');
    codes.set(code, {
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      scope,
      context: request.context,
      storeHash: request.storeHash,
      email: request.email,
      used: false,
    });
    redirect(res, addParams(request.redirectUri, { code, scope, context: request.context, account_uuid: accountUuid }));
  }

  /** Applies a queued `failNext`; true when it answered the request. */
  async function injectedFailure(endpoint: SimulatorEndpoint, res: ServerResponse): Promise<boolean> {
    const failure = failures[endpoint].shift();
    if (!failure) return false;
    await wait(failure.delayMs ?? 0);
    if (failure.status === undefined && failure.body === undefined) return false;
    const status = failure.status ?? 500;
    send(res, status, failure.body ?? JSON.stringify([{ status, message: 'Simulated upstream failure' }]), {
      'Content-Type': 'application/json',
    });
    return true;
  }

  async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let fields: Record<string, unknown>;
    try {
      fields = await readFields(req);
    } catch {
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'The body must be JSON or a form.' });
    }
    tokenRequests.push({ ...fields });
    if (await injectedFailure('token', res)) return;

    for (const name of ['client_id', 'client_secret', 'code', 'context', 'scope', 'grant_type', 'redirect_uri']) {
      if (typeof fields[name] !== 'string' || fields[name] === '') {
        return sendJson(res, 400, { error: 'invalid_request', error_description: `${name} is required.` });
      }
    }
    const field = (name: string) => fields[name] as string;
    if (field('grant_type') !== 'authorization_code') {
      return sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'grant_type must be authorization_code.' });
    }
    const clientId = field('client_id');
    if (!Object.hasOwn(clients, clientId) || clients[clientId] !== field('client_secret')) {
      return sendJson(res, 401, { error: 'invalid_client', error_description: 'Invalid client id or secret.' });
    }
    const issued = codes.get(field('code'));
    if (!issued || issued.used || issued.clientId !== clientId) {
      return sendJson(res, 400, { error: 'invalid_grant', error_description: 'The code is invalid or was already used.' });
    }
    // A presented code is spent, whatever follows (RFC 6749 §4.1.2: a code is used at most once).
    issued.used = true;
    if (field('redirect_uri') !== issued.redirectUri) {
      return sendJson(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri does not match the authorization request.' });
    }
    if (field('context') !== issued.context) {
      return sendJson(res, 400, { error: 'invalid_grant', error_description: 'context does not match the authorization.' });
    }
    if (scopeSet(field('scope')) !== scopeSet(issued.scope)) {
      return sendJson(res, 400, { error: 'invalid_scope', error_description: 'scope does not match the authorization.' });
    }
    const accessToken = random('simtok_');
    tokens.set(accessToken, issued.storeHash);
    const username = (email: string) => email.split('@')[0] ?? email;
    sendJson(res, 200, {
      access_token: accessToken,
      scope: issued.scope,
      user: { id: userId(issued.email), username: username(issued.email), email: issued.email },
      owner: { id: userId(ownerEmail), username: username(ownerEmail), email: ownerEmail },
      context: issued.context,
      account_uuid: accountUuid,
    });
  }

  async function handleOrderStatuses(storeHash: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (await injectedFailure('order_statuses', res)) return;
    const token = req.headers['x-auth-token'];
    if (typeof token !== 'string' || tokens.get(token) !== storeHash) {
      return sendJson(res, 401, [{ status: 401, message: 'You are not authorized to access this store.' }]);
    }
    const custom = labels[storeHash] ?? {};
    sendJson(
      res,
      200,
      BIGCOMMERCE_ORDER_STATUSES.map((status) => {
        const label = custom[status.id] ?? status.name;
        return {
          id: status.id,
          name: label,
          system_label: status.name,
          custom_label: label,
          system_description: status.description,
          order: status.id,
        };
      }),
    );
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    await wait(latencyMs);
    const method = req.method ?? 'GET';
    const ordersPath = /^\/stores\/([^/]+)\/v2\/order_statuses\/?$/.exec(url.pathname);
    const allow = (methods: string) => {
      if (methods.split(', ').includes(method)) return true;
      send(res, 405, '', { Allow: methods });
      return false;
    };
    if (url.pathname === '/oauth2/authorize') {
      if (allow('GET')) handleAuthorize(url, res);
    } else if (url.pathname === '/login') {
      if (allow('POST')) await handleLogin(req, res);
    } else if (url.pathname === '/consent') {
      if (allow('POST')) await handleConsent(req, res);
    } else if (url.pathname === '/oauth2/token') {
      if (allow('POST')) await handleToken(req, res);
    } else if (ordersPath) {
      if (allow('GET')) await handleOrderStatuses(decodeURIComponent(ordersPath[1] ?? ''), req, res);
    } else {
      sendJson(res, 404, { error: 'not_found' });
    }
  }

  const server: Server = http.createServer((req, res) => {
    route(req, res).catch(() => sendJson(res, 400, { error: 'invalid_request' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('simulator: no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;

  async function consentFormFor(authorizeUrl: string, as: SimulatorApproval = {}): Promise<{ request: string; consent: string }> {
    if (!authorizeUrl.startsWith(`${origin}/oauth2/authorize?`)) {
      throw new Error(`simulator: not an authorize URL of this simulator: ${authorizeUrl}`);
    }
    const signIn = await fetch(authorizeUrl);
    const signInHtml = await signIn.text();
    const request = hiddenValue(signInHtml, 'request');
    if (!signIn.ok || !request) {
      const reason = /<p role="alert">([^<]*)<\/p>/.exec(signInHtml)?.[1] ?? `HTTP ${signIn.status}`;
      throw new Error(`simulator: authorize request rejected: ${reason}`);
    }
    const pending = authorizeRequests.get(request);
    if (pending && as.scope !== undefined) pending.grantedScope = as.scope;
    const consentHtml = await (
      await fetch(`${origin}/login`, {
        method: 'POST',
        body: new URLSearchParams({ request, email: as.email ?? ownerEmail, password: 'simulator' }),
      })
    ).text();
    const consent = hiddenValue(consentHtml, 'consent');
    if (!consent) throw new Error('simulator: sign-in failed');
    return { request, consent };
  }

  async function choose(form: { request: string; consent: string }, action: 'confirm' | 'cancel'): Promise<string> {
    const response = await fetch(`${origin}/consent`, {
      method: 'POST',
      body: new URLSearchParams({ ...form, action }),
      redirect: 'manual',
    });
    const location = response.headers.get('location');
    await response.body?.cancel();
    if (response.status !== 302 || !location) throw new Error(`simulator: consent failed with HTTP ${response.status}`);
    return location;
  }

  return {
    loginBaseUrl: origin,
    apiBaseUrl: origin,
    tokenRequests,
    async approve(authorizeUrl, as) {
      return choose(await consentFormFor(authorizeUrl, as), 'confirm');
    },
    async deny(authorizeUrl) {
      return choose(await consentFormFor(authorizeUrl), 'cancel');
    },
    failNext(endpoint, how) {
      failures[endpoint].push({ ...how });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets and requests stalled by `delayMs` would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}
