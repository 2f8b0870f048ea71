// @vitest-environment node
/*
 * RELIABILITY D (27–37) over real HTTP: the example host (node:http + toNodeHandler + the JSON API + the JSON
 * file) against the BigCommerce simulator. The server unit tests cover each rule with fake requests; these check
 * the same rules survive the real wiring — cookies over the wire, Node's Host handling, the host's own routes and
 * its log — and that no code, token or secret leaks anywhere a browser or a log reader could see it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_CLIENT } from '../../src/testing/index';
import { CookieJar, type RawResponse, rawRequest, type StartedHost, startHost, tempDir } from './support';

let host: StartedHost;
let origin: string;
let callbackUrl: string;
let dataFile: string;
let cleanup: () => Promise<void>;
/** Every response any test received, to search for leaks at the end. */
const responses: RawResponse[] = [];
/** Every authorization code the simulator issued during the suite. */
const codes = new Set<string>();
let attemptCounter = 0;

const tokenRequests = () => host.app.simulator?.tokenRequests ?? [];

async function get(url: string, jar?: CookieJar, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await rawRequest(url, { headers: { ...jar?.header(), ...headers } });
  responses.push(response);
  jar?.store(response);
  return response;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await rawRequest(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  responses.push(response);
  return response;
}

function newAttemptId(): string {
  attemptCounter += 1;
  return `e2e-attempt-${attemptCounter}-${Date.now().toString(36)}`;
}

/** `start` as the popup opens it: returns the authorize URL the browser is sent to. */
async function start(jar: CookieJar, storeHash = 'abc123', extra = '', headers: Record<string, string> = {}) {
  const attemptId = newAttemptId();
  const response = await get(
    `${origin}/auth/bigcommerce/start?attempt=${attemptId}&store_hash=${storeHash}${extra}`,
    jar,
    headers,
  );
  expect(response.status).toBe(303);
  return { attemptId, authorizeUrl: response.location as string, response };
}

function remember(callback: string): string {
  const code = new URL(callback).searchParams.get('code');
  if (code) codes.add(code);
  return callback;
}

async function status(jar: CookieJar, attemptId: string): Promise<RawResponse> {
  return get(`${origin}/auth/bigcommerce/status?attempt=${attemptId}`, jar);
}

async function grants(): Promise<Array<{ grantId: string; accessToken: string; storeHash: string }>> {
  await host.app.db.flush();
  return JSON.parse(await readFile(dataFile, 'utf8')).grants;
}

/** A full approved authorization for `jar`; resolves the attempt id and the grant id. */
async function authorize(jar: CookieJar, storeHash = 'abc123'): Promise<{ attemptId: string; grantId: string }> {
  const { attemptId, authorizeUrl } = await start(jar, storeHash);
  const callback = remember(await host.app.simulator!.approve(authorizeUrl));
  const redirected = await get(callback, jar);
  expect(redirected.status).toBe(303);
  const answer = JSON.parse((await status(jar, attemptId)).body);
  expect(answer).toMatchObject({ status: 'authorized', storeHash });
  return { attemptId, grantId: answer.grantId };
}

beforeAll(async () => {
  const temp = await tempDir('server');
  cleanup = temp.cleanup;
  dataFile = path.join(temp.dir, 'db.json');
  // Served with COOP so 37 can check the result page never inherits it.
  host = await startHost({ dataFile, coop: true });
  origin = host.app.origin;
  callbackUrl = host.app.callbackUrl;
});

afterAll(async () => {
  await host?.app.close();
  await cleanup?.();
});

describe('the full server flow (approve)', () => {
  it('binds the attempt to a cookie, exchanges once with the configured redirect_uri and answers the status', async () => {
    const jar = new CookieJar();
    const { attemptId, authorizeUrl, response } = await start(jar);
    const authorize = new URL(authorizeUrl);
    expect(authorize.origin).toBe(host.app.simulator!.loginBaseUrl);
    expect(authorize.searchParams.get('redirect_uri')).toBe(callbackUrl);
    expect(authorize.searchParams.get('context')).toBe('stores/abc123');
    const cookie = response.setCookies.find((line) => line.startsWith('rcw_bc_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const before = tokenRequests().length;
    const callback = remember(await host.app.simulator!.approve(authorizeUrl));
    const redirected = await get(callback, jar);
    expect(redirected.status).toBe(303);
    // Back to the result page: the attempt id only, no code.
    expect(redirected.location).toBe(`${callbackUrl}?attempt=${attemptId}`);
    expect(tokenRequests()).toHaveLength(before + 1);
    expect(tokenRequests().at(-1)).toMatchObject({ redirect_uri: callbackUrl, context: 'stores/abc123' });

    const page = await get(redirected.location as string, jar);
    expect(page.status).toBe(200);
    expect(page.body).toContain('You can close this window');

    const answer = JSON.parse((await status(jar, attemptId)).body);
    expect(answer).toEqual({
      status: 'authorized',
      grantId: expect.stringMatching(/^grant_/),
      storeHash: 'abc123',
      ownerEmail: 'owner@example.com',
    });

    // The token is in the server's data file, under the grant id the browser got, and nowhere else.
    const stored = (await grants()).find((grant) => grant.grantId === answer.grantId);
    expect(stored?.accessToken).toMatch(/^simtok_/);

    const labels = await get(`${origin}/auth/bigcommerce/order-statuses?grant_id=${answer.grantId}`);
    expect(labels.status).toBe(200);
    const statuses = JSON.parse(labels.body) as Array<{ id: number; name: string; customLabel?: string }>;
    expect(statuses).toHaveLength(15);
    expect(statuses.find((s) => s.id === 11)).toMatchObject({
      name: 'Awaiting Fulfillment',
      customLabel: 'Ready for Warehouse',
    });
  });

  it('creates the connection once per Idempotency-Key, disabled, without echoing a secret', async () => {
    const { grantId } = await authorize(new CookieJar());
    const input = {
      name: 'Northwind — BigCommerce → ShipFast',
      merchant: { mode: 'existing', merchantId: 'm_northwind' },
      warehouse: {
        mode: 'new',
        platformId: 'shipfast',
        credentials: { endpoint: 'https://api.shipfast.example', username: 'nw', password: 'warehouse-password-123' },
      },
      store: {
        mode: 'new',
        name: 'Northwind BigCommerce',
        platform: 'bigcommerce',
        settings: { storeHash: 'abc123', grantId, orderImportStatusId: 11 },
      },
    };
    const key = 'e2e-key-1';
    const first = await post(`${origin}/api/connections`, input, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    const created = JSON.parse(first.body);
    expect(created).toMatchObject({ name: input.name, enabled: false });

    const retry = await post(`${origin}/api/connections`, input, { 'Idempotency-Key': key });
    expect(retry.status).toBe(200);
    expect(JSON.parse(retry.body).id).toBe(created.id);

    const reused = await post(
      `${origin}/api/connections`,
      { ...input, name: 'Something else' },
      { 'Idempotency-Key': key },
    );
    expect(reused.status).toBe(409);

    const list = JSON.parse((await get(`${origin}/api/connections`)).body) as Array<{ id: string }>;
    expect(list.filter((c) => c.id === created.id)).toHaveLength(1);
    for (const path of ['/api/connections', '/api/stores', '/api/merchants']) {
      const body = (await get(`${origin}${path}`)).body;
      expect(body).not.toContain('warehouse-password-123');
      expect(body).not.toContain('simtok_');
    }
  });

  it('refuses a grant of another store for the store being created', async () => {
    const { grantId } = await authorize(new CookieJar(), 'demo1');
    const response = await post(
      `${origin}/api/connections`,
      {
        name: 'Mismatched grant',
        merchant: { mode: 'new', name: 'Mallory Inc' },
        warehouse: { mode: 'new', platformId: 'acme-wms', credentials: { accountId: 'x', apiKey: 'y' } },
        store: {
          mode: 'new',
          name: 'S',
          platform: 'bigcommerce',
          settings: { storeHash: 'abc123', grantId, orderImportStatusId: 11 },
        },
      },
      { 'Idempotency-Key': 'e2e-key-mismatch' },
    );
    expect(response.status).toBe(422);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'unknown_grant' });
  });

  it('refuses a cross-origin write', async () => {
    const response = await post(
      `${origin}/api/connections`,
      {},
      { Origin: 'https://evil.example', 'Idempotency-Key': 'x' },
    );
    expect(response.status).toBe(403);
  });
});

describe('27 · a callback without the pending-attempt cookie', () => {
  it('is a 400, exchanges nothing, and does not burn the attempt', async () => {
    const jar = new CookieJar();
    const { attemptId, authorizeUrl } = await start(jar);
    const callback = remember(await host.app.simulator!.approve(authorizeUrl));
    const before = tokenRequests().length;

    const anonymous = await get(callback);
    expect(anonymous.status).toBe(400);
    expect(anonymous.headers['content-type']).toMatch(/text\/html/);
    expect(tokenRequests()).toHaveLength(before);

    // The rightful browser can still finish.
    expect((await get(callback, jar)).status).toBe(303);
    expect(JSON.parse((await status(jar, attemptId)).body)).toMatchObject({ status: 'authorized' });
  });
});

describe('28 · another session', () => {
  it('cannot complete an attempt it did not start, nor read one the wizard is already watching', async () => {
    const owner = new CookieJar();
    const { attemptId, authorizeUrl } = await start(owner);
    // The wizard asks for the status while it waits: the first reader becomes the attempt's watcher.
    expect(JSON.parse((await status(owner, attemptId)).body)).toEqual({ status: 'pending' });
    const stranger = new CookieJar();
    await start(stranger, 'demo1'); // the stranger has a session (and a pending attempt of its own)
    const callback = remember(await host.app.simulator!.approve(authorizeUrl));
    const before = tokenRequests().length;

    const hijack = await get(callback, stranger);
    // The stranger's own pending attempt is for another store: its callback fails store_mismatch, not ours.
    expect(hijack.status === 400 || hijack.status === 303).toBe(true);
    expect(hijack.location ?? '').not.toContain(attemptId);
    expect(tokenRequests()).toHaveLength(before);
    expect((await status(stranger, attemptId)).status).toBe(404);
    expect((await get(`${origin}/auth/bigcommerce/status?attempt=${attemptId}`)).status).toBe(404);

    expect((await get(callback, owner)).status).toBe(303);
    expect(JSON.parse((await status(owner, attemptId)).body)).toMatchObject({ status: 'authorized' });
  });
});

describe('29 · a replayed callback', () => {
  it('is rejected with no second exchange', async () => {
    const jar = new CookieJar();
    const { authorizeUrl } = await start(jar);
    const callback = remember(await host.app.simulator!.approve(authorizeUrl));
    expect((await get(callback, jar)).status).toBe(303);
    const exchanged = tokenRequests().length;

    const replay = await get(callback, jar);
    expect(replay.status).toBe(400);
    expect(tokenRequests()).toHaveLength(exchanged);
  });
});

describe('30 · spoofed Host and X-Forwarded-Host', () => {
  it('still sends the configured redirect_uri, to BigCommerce and back to the result page', async () => {
    const spoof = {
      Host: 'evil.example:8443',
      'X-Forwarded-Host': 'evil.example',
      'X-Forwarded-Proto': 'https',
      Forwarded: 'host=evil.example;proto=https',
    };
    const jar = new CookieJar();
    const { attemptId, authorizeUrl } = await start(jar, 'abc123', '', spoof);
    expect(new URL(authorizeUrl).searchParams.get('redirect_uri')).toBe(callbackUrl);

    const callback = remember(await host.app.simulator!.approve(authorizeUrl));
    const redirected = await get(callback, jar, spoof);
    expect(redirected.status).toBe(303);
    expect(redirected.location).toBe(`${callbackUrl}?attempt=${attemptId}`);
    expect(tokenRequests().at(-1)?.redirect_uri).toBe(callbackUrl);
    expect(JSON.stringify(responses.slice(-2).map((r) => r.headers))).not.toContain('evil.example');
  });
});

describe('31 · granted scopes that lack a configured scope', () => {
  it('fail the attempt and store no token', async () => {
    const jar = new CookieJar();
    const { attemptId, authorizeUrl } = await start(jar);
    const grantsBefore = (await grants()).length;
    const callback = remember(await host.app.simulator!.approve(authorizeUrl, { scope: 'store_v2_orders' }));
    expect((await get(callback, jar)).status).toBe(303);
    expect(JSON.parse((await status(jar, attemptId)).body)).toEqual({ status: 'failed', code: 'scope_mismatch' });
    expect(await grants()).toHaveLength(grantsBefore);
  });
});

describe('32 · a context for another store', () => {
  it('fails before the exchange', async () => {
    const jar = new CookieJar();
    const { attemptId, authorizeUrl } = await start(jar);
    const callback = new URL(remember(await host.app.simulator!.approve(authorizeUrl)));
    callback.searchParams.set('context', 'stores/zzzz99');
    const before = tokenRequests().length;
    expect((await get(callback.href, jar)).status).toBe(303);
    expect(JSON.parse((await status(jar, attemptId)).body)).toEqual({ status: 'failed', code: 'store_mismatch' });
    expect(tokenRequests()).toHaveLength(before);
  });
});

describe('33 · upstream errors', () => {
  it('become a generic failure; the upstream body goes nowhere', async () => {
    const jar = new CookieJar();
    const { attemptId, authorizeUrl } = await start(jar);
    const callback = remember(await host.app.simulator!.approve(authorizeUrl));
    host.app.simulator!.failNext('token', { status: 500, body: '<h1>upstream-internal-detail-42</h1>' });
    expect((await get(callback, jar)).status).toBe(303);
    expect(JSON.parse((await status(jar, attemptId)).body)).toEqual({ status: 'failed', code: 'exchange_failed' });

    const { grantId } = await authorize(new CookieJar());
    host.app.simulator!.failNext('order_statuses', { status: 503, body: 'order-status-upstream-detail-43' });
    const labels = await get(`${origin}/auth/bigcommerce/order-statuses?grant_id=${grantId}`);
    expect(labels.status).toBe(502);
    expect(JSON.parse(labels.body)).toEqual({ error: 'upstream_error' });

    const everything = responses.map((r) => r.body).join('\n') + host.logs.join('\n');
    expect(everything).not.toContain('upstream-internal-detail-42');
    expect(everything).not.toContain('order-status-upstream-detail-43');
  });
});

describe('34 · no open redirect', () => {
  it('ignores returnTo, redirect and redirect_uri on start and on the callback', async () => {
    const evil = encodeURIComponent('https://evil.example/steal');
    const jar = new CookieJar();
    const { attemptId, authorizeUrl } = await start(
      jar,
      'abc123',
      `&returnTo=${evil}&redirect=${evil}&redirect_uri=${evil}`,
    );
    expect(authorizeUrl.startsWith(`${host.app.simulator!.loginBaseUrl}/oauth2/authorize?`)).toBe(true);
    expect(new URL(authorizeUrl).searchParams.get('redirect_uri')).toBe(callbackUrl);

    const callback = new URL(remember(await host.app.simulator!.approve(authorizeUrl)));
    for (const name of ['returnTo', 'redirect', 'redirect_uri', 'next'])
      callback.searchParams.set(name, 'https://evil.example/steal');
    const redirected = await get(callback.href, jar);
    expect(redirected.location).toBe(`${callbackUrl}?attempt=${attemptId}`);
    const page = await get(`${redirected.location}&returnTo=${evil}`, jar);
    expect(page.status).toBe(200);
    expect(page.location).toBeUndefined();
    expect(page.body).not.toContain('evil.example');
  });
});

describe('35 · Cancel on the consent page', () => {
  it('ends the attempt denied, with no exchange and nothing stored', async () => {
    const jar = new CookieJar();
    const { attemptId, authorizeUrl } = await start(jar);
    const before = tokenRequests().length;
    const grantsBefore = (await grants()).length;
    const callback = await host.app.simulator!.deny(authorizeUrl);
    expect((await get(callback, jar)).status).toBe(303);
    expect(JSON.parse((await status(jar, attemptId)).body)).toEqual({ status: 'denied' });
    expect(tokenRequests()).toHaveLength(before);
    expect(await grants()).toHaveLength(grantsBefore);
  });
});

describe('37 · headers', () => {
  it('serve the result page with no-store, no-referrer and a nonce CSP, and without the dashboard’s COOP', async () => {
    const dashboard = await get(`${origin}/`);
    expect(dashboard.headers['cross-origin-opener-policy']).toBe('same-origin');

    const jar = new CookieJar();
    const { attemptId, authorizeUrl } = await start(jar);
    const redirected = await get(remember(await host.app.simulator!.approve(authorizeUrl)), jar);
    const page = await get(redirected.location as string, jar);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9_-]+'/);
    expect(csp).toContain("default-src 'none'");
    expect(page.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(page.body).toContain(attemptId);
    // The status endpoint is not cacheable either.
    expect((await status(jar, attemptId)).headers['cache-control']).toBe('no-store');
  });
});

describe('36 · no code, token or secret in any response or log line', () => {
  it('holds for everything this suite saw', async () => {
    const tokens = (await grants()).map((grant) => grant.accessToken);
    expect(tokens.length).toBeGreaterThan(3);
    expect(codes.size).toBeGreaterThan(5);
    const secrets = [...codes, ...tokens, SIMULATOR_CLIENT.clientSecret, 'simtok_'];
    const seen = [...responses.map((r) => `${JSON.stringify(r.headers)}\n${r.body}`), ...host.logs].join('\n');
    for (const secret of secrets) expect(seen.includes(secret), `leaked ${secret.slice(0, 12)}…`).toBe(false);
    // The host did log: the assertion above is not vacuous.
    expect(host.logs.some((line) => line.startsWith('GET /auth/bigcommerce/callback'))).toBe(true);
    expect(host.logs.some((line) => line.startsWith('[auth]'))).toBe(true);
  });
});
