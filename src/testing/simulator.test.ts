// @vitest-environment node
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadJsdom } from '../server/test-harness';
import { type BigCommerceSimulator, createBigCommerceSimulator, SIMULATOR_CLIENT } from './simulator';

const { JSDOM } = await loadJsdom();

const REDIRECT_URI = 'https://app.example.test/api/bigcommerce/callback';
const SCOPE = 'store_v2_orders store_v2_products_read_only store_inventory store_v2_information_read_only';

let sim: BigCommerceSimulator;

beforeEach(async () => {
  sim = await createBigCommerceSimulator({ orderStatusLabels: { abc123: { 11: 'Ready to ship' } } });
});

afterEach(async () => {
  await sim.close();
});

function authorizeUrl(overrides: Record<string, string | null> = {}, on: BigCommerceSimulator = sim): string {
  const params: Record<string, string | null> = {
    client_id: SIMULATOR_CLIENT.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: SCOPE,
    context: 'stores/abc123',
    ...overrides,
  };
  const url = new URL('/oauth2/authorize', on.loginBaseUrl);
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return url.href;
}

function parse(html: string): Document {
  return new JSDOM(html).window.document;
}

/** The accessible name of a form control: the text of its <label for>. */
function labelOf(document: Document, control: Element): string {
  return document.querySelector(`label[for="${control.id}"]`)?.textContent ?? '';
}

function form(html: string): URLSearchParams {
  const document = parse(html);
  const fields = new URLSearchParams();
  for (const input of document.querySelectorAll('input[type="hidden"]')) {
    fields.set(input.getAttribute('name') ?? '', input.getAttribute('value') ?? '');
  }
  return fields;
}

async function post(path: string, fields: URLSearchParams): Promise<Response> {
  return fetch(new URL(path, sim.loginBaseUrl), { method: 'POST', body: fields, redirect: 'manual' });
}

/** Runs the authorize flow and returns the token request fields the callback implies. */
async function issueCode(): Promise<Record<string, string>> {
  const callback = new URL(await sim.approve(authorizeUrl()));
  return {
    client_id: SIMULATOR_CLIENT.clientId,
    client_secret: SIMULATOR_CLIENT.clientSecret,
    code: callback.searchParams.get('code') ?? '',
    context: callback.searchParams.get('context') ?? '',
    scope: callback.searchParams.get('scope') ?? '',
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT_URI,
  };
}

function token(body: Record<string, unknown>, asForm = false): Promise<Response> {
  return fetch(`${sim.loginBaseUrl}/oauth2/token`, asForm
    ? { method: 'POST', body: new URLSearchParams(body as Record<string, string>) }
    : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function accessToken(): Promise<string> {
  const response = await token(await issueCode());
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('createBigCommerceSimulator', () => {
  it('listens on loopback at a random port and serves login and API from it', async () => {
    expect(sim.loginBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.apiBaseUrl).toBe(sim.loginBaseUrl);
    const other = await createBigCommerceSimulator();
    expect(other.loginBaseUrl).not.toBe(sim.loginBaseUrl);
    await other.close();
  });

  it('imports no Node module at the top level (the testing entry is also bundled for browsers)', () => {
    const source = readFileSync(new URL('./simulator.ts', import.meta.url), 'utf8');
    const staticImports = source.match(/^import\s(?!type\b)[^;]*;/gm) ?? [];
    expect(staticImports.filter((line) => /['"]node:|['"](http|crypto|fs|net)['"]/.test(line))).toEqual([]);
    expect(source).toContain("await import('node:http')");
  });

  describe('GET /oauth2/authorize', () => {
    it('shows an accessible sign-in page asking for the Store Owner’s email and password', async () => {
      const response = await fetch(authorizeUrl());
      expect(response.status).toBe(200);
      const document = parse(await response.text());
      expect(document.documentElement.lang).toBe('en');
      expect(document.title).toMatch(/sign in/i);
      expect(document.querySelectorAll('main')).toHaveLength(1);
      expect(document.querySelector('main h1')?.textContent).toMatch(/sign in/i);
      expect(document.querySelector('main')?.textContent).toContain('Store Owner');
      const email = document.querySelector('input[type="email"]');
      const password = document.querySelector('input[type="password"]');
      expect(email && labelOf(document, email)).toBe('Email address');
      expect(password && labelOf(document, password)).toBe('Password');
      expect(document.querySelector('button[type="submit"]')?.textContent).toBe('Sign in');
    });

    it.each([
      ['client_id is missing', { client_id: null }],
      ['client_id is unknown', { client_id: 'someone-else' }],
      ['redirect_uri is missing', { redirect_uri: null }],
      ['redirect_uri is relative', { redirect_uri: '/callback' }],
      ['redirect_uri is javascript:', { redirect_uri: 'javascript:alert(1)' }],
      ['response_type is token', { response_type: 'token' }],
      ['scope is missing', { scope: null }],
      ['scope is malformed', { scope: 'store_v2_orders,<x>' }],
      ['context is missing', { context: null }],
      ['context is not stores/{hash}', { context: 'abc123' }],
      ['context has an upper-case hash', { context: 'stores/ABC123' }],
      ['context has a too short hash', { context: 'stores/ab' }],
    ])('answers 400 with an error page when %s', async (_, overrides) => {
      const response = await fetch(authorizeUrl(overrides));
      expect(response.status).toBe(400);
      const document = parse(await response.text());
      expect(document.querySelector('[role="alert"]')?.textContent).not.toBe('');
      await expect(sim.approve(authorizeUrl(overrides))).rejects.toThrow(/authorize request rejected/);
    });
  });

  describe('sign-in and consent', () => {
    async function consentPage(email = 'owner@example.com'): Promise<{ html: string; fields: URLSearchParams }> {
      const signIn = await (await fetch(authorizeUrl())).text();
      const fields = form(signIn);
      fields.set('email', email);
      fields.set('password', 'hunter2');
      const html = await (await post('/login', fields)).text();
      return { html, fields: form(html) };
    }

    it('lists the requested scopes with Confirm and Cancel buttons', async () => {
      const { html } = await consentPage();
      const document = parse(html);
      expect(document.title).toMatch(/authorize/i);
      expect(document.querySelector('main h1')).not.toBeNull();
      const scopes = [...document.querySelectorAll('main li code')].map((code) => code.textContent);
      expect(scopes).toEqual(SCOPE.split(' '));
      const buttons = [...document.querySelectorAll('button')].map((button) => button.textContent);
      expect(buttons).toEqual(['Confirm', 'Cancel']);
    });

    it('Confirm redirects to redirect_uri with code, scope, context and account_uuid', async () => {
      const { fields } = await consentPage();
      fields.set('action', 'confirm');
      const response = await post('/consent', fields);
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
      expect(location.searchParams.get('code')).toMatch(/^code_[0-9a-f]+$/);
      expect(location.searchParams.get('scope')).toBe(SCOPE);
      expect(location.searchParams.get('context')).toBe('stores/abc123');
      expect(location.searchParams.get('account_uuid')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('Cancel redirects to redirect_uri with error=access_denied and no code', async () => {
      const { fields } = await consentPage();
      fields.set('action', 'cancel');
      const response = await post('/consent', fields);
      const location = new URL(response.headers.get('location') ?? '');
      expect(location.searchParams.get('error')).toBe('access_denied');
      expect(location.searchParams.get('error_description')).not.toBe('');
      expect(location.searchParams.has('code')).toBe(false);
    });

    it('refuses to confirm without signing in first, and a consent form twice', async () => {
      const signIn = form(await (await fetch(authorizeUrl())).text());
      signIn.set('action', 'confirm');
      expect((await post('/consent', signIn)).status).toBe(400);

      const { fields } = await consentPage();
      fields.set('action', 'confirm');
      expect((await post('/consent', fields)).status).toBe(302);
      expect((await post('/consent', fields)).status).toBe(400);
    });

    it('refuses a sign-in without a password', async () => {
      const fields = form(await (await fetch(authorizeUrl())).text());
      fields.set('email', 'owner@example.com');
      expect((await post('/login', fields)).status).toBe(400);
    });

    it('escapes what it echoes', async () => {
      const { html } = await consentPage('<img src=x onerror=alert(1)>@example.com');
      expect(html).not.toContain('<img');
    });
  });

  describe('approve and deny', () => {
    it('approve returns the callback URL BigCommerce would redirect to', async () => {
      const callback = new URL(await sim.approve(authorizeUrl()));
      expect(callback.href.startsWith(`${REDIRECT_URI}?`)).toBe(true);
      expect(callback.searchParams.get('code')).toBeTruthy();
      expect(callback.searchParams.get('context')).toBe('stores/abc123');
    });

    it('keeps the query redirect_uri already had', async () => {
      const callback = new URL(await sim.approve(authorizeUrl({ redirect_uri: `${REDIRECT_URI}?provider=bc` })));
      expect(callback.searchParams.get('provider')).toBe('bc');
      expect(callback.searchParams.get('code')).toBeTruthy();
    });

    it('deny returns the callback URL with error=access_denied', async () => {
      const callback = new URL(await sim.deny(authorizeUrl()));
      expect(callback.searchParams.get('error')).toBe('access_denied');
      expect(callback.searchParams.has('code')).toBe(false);
    });

    it('rejects a URL that is not this simulator’s authorize page', async () => {
      await expect(sim.approve('https://login.bigcommerce.com/oauth2/authorize?x=1')).rejects.toThrow(/not an authorize URL/);
    });

    it('signs in as someone else when asked, and grants other scopes when told to', async () => {
      const callback = new URL(await sim.approve(authorizeUrl(), { email: 'staff@example.com', scope: 'store_v2_orders' }));
      expect(callback.searchParams.get('scope')).toBe('store_v2_orders');
      const response = await token({
        client_id: SIMULATOR_CLIENT.clientId,
        client_secret: SIMULATOR_CLIENT.clientSecret,
        code: callback.searchParams.get('code'),
        context: 'stores/abc123',
        scope: 'store_v2_orders',
        grant_type: 'authorization_code',
        redirect_uri: REDIRECT_URI,
      });
      const body = (await response.json()) as { user: { email: string }; owner: { email: string }; scope: string };
      expect(body.user.email).toBe('staff@example.com');
      expect(body.owner.email).toBe('owner@example.com');
      expect(body.scope).toBe('store_v2_orders');
    });
  });

  describe('POST /oauth2/token', () => {
    it('answers the token JSON of DESIGN §2 and records the request body', async () => {
      const fields = await issueCode();
      const response = await token(fields);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        access_token: expect.stringMatching(/^simtok_/),
        scope: SCOPE,
        user: { id: 1, username: 'owner', email: 'owner@example.com' },
        owner: { id: 1, username: 'owner', email: 'owner@example.com' },
        context: 'stores/abc123',
        account_uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(sim.tokenRequests).toEqual([fields]);
    });

    it('also accepts a form-encoded body', async () => {
      expect((await token(await issueCode(), true)).status).toBe(200);
    });

    it.each(['client_id', 'client_secret', 'code', 'context', 'scope', 'grant_type', 'redirect_uri'])(
      'answers 400 when %s is missing',
      async (name) => {
        const fields: Record<string, string> = await issueCode();
        delete fields[name];
        const response = await token(fields);
        expect(response.status).toBe(400);
        expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
      },
    );

    it.each([
      ['a wrong client secret', { client_secret: 'nope' }, 401, 'invalid_client'],
      ['an unknown client id', { client_id: 'nope' }, 401, 'invalid_client'],
      ['another grant type', { grant_type: 'refresh_token' }, 400, 'unsupported_grant_type'],
      ['an unknown code', { code: 'code_unknown' }, 400, 'invalid_grant'],
      ['another redirect_uri', { redirect_uri: 'https://evil.example/callback' }, 400, 'invalid_grant'],
      ['another context', { context: 'stores/zzzz99' }, 400, 'invalid_grant'],
      ['another scope', { scope: 'store_v2_orders' }, 400, 'invalid_scope'],
    ])('refuses %s', async (_, override, status, error) => {
      const response = await token({ ...(await issueCode()), ...override });
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: string }).error).toBe(error);
    });

    it('accepts the scopes in any order', async () => {
      const fields = await issueCode();
      expect((await token({ ...fields, scope: fields.scope?.split(' ').reverse().join(' ') })).status).toBe(200);
    });

    it('spends a code on first use, even when that request fails', async () => {
      const fields = await issueCode();
      expect((await token({ ...fields, redirect_uri: 'https://evil.example/' })).status).toBe(400);
      expect((await token(fields)).status).toBe(400);

      const fresh = await issueCode();
      expect((await token(fresh)).status).toBe(200);
      expect((await token(fresh)).status).toBe(400);
    });

    it('accepts only the configured clients', async () => {
      const custom = await createBigCommerceSimulator({ clients: { mine: 'my-secret' } });
      expect((await fetch(authorizeUrl({}, custom))).status).toBe(400);
      const callback = new URL(await custom.approve(authorizeUrl({ client_id: 'mine' }, custom)));
      const exchange = (clientSecret: string) =>
        fetch(`${custom.loginBaseUrl}/oauth2/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            client_id: 'mine',
            client_secret: clientSecret,
            code: callback.searchParams.get('code'),
            context: 'stores/abc123',
            scope: SCOPE,
            grant_type: 'authorization_code',
            redirect_uri: REDIRECT_URI,
          }),
        });
      expect((await exchange(SIMULATOR_CLIENT.clientSecret)).status).toBe(401);
      expect((await exchange('my-secret')).status).toBe(200);
      await custom.close();
    });
  });

  describe('GET /stores/{hash}/v2/order_statuses', () => {
    it('returns the 15 built-in statuses with the store’s custom labels', async () => {
      const response = await fetch(`${sim.apiBaseUrl}/stores/abc123/v2/order_statuses`, {
        headers: { 'X-Auth-Token': await accessToken(), Accept: 'application/json' },
      });
      expect(response.status).toBe(200);
      const statuses = (await response.json()) as Array<Record<string, unknown>>;
      expect(statuses).toHaveLength(15);
      expect(statuses[11]).toEqual({
        id: 11,
        name: 'Ready to ship',
        system_label: 'Awaiting Fulfillment',
        custom_label: 'Ready to ship',
        system_description: expect.stringContaining('payment has been confirmed'),
        order: 11,
      });
      expect(statuses[0]).toMatchObject({ id: 0, name: 'Incomplete', system_label: 'Incomplete', custom_label: 'Incomplete' });
    });

    it.each([
      ['without a token', undefined],
      ['with an unknown token', 'simtok_unknown'],
    ])('answers 401 %s', async (_, value) => {
      const response = await fetch(`${sim.apiBaseUrl}/stores/abc123/v2/order_statuses`, {
        headers: value ? { 'X-Auth-Token': value } : {},
      });
      expect(response.status).toBe(401);
    });

    it('answers 401 to a token issued for another store', async () => {
      const response = await fetch(`${sim.apiBaseUrl}/stores/zzzz99/v2/order_statuses`, {
        headers: { 'X-Auth-Token': await accessToken() },
      });
      expect(response.status).toBe(401);
    });
  });

  describe('failNext', () => {
    it('answers the next token request with the given status and raw body, then behaves again', async () => {
      sim.failNext('token', { status: 503, body: '<html>down</html>' });
      const fields = await issueCode();
      const failed = await token(fields);
      expect(failed.status).toBe(503);
      expect(await failed.text()).toBe('<html>down</html>');
      expect(sim.tokenRequests).toHaveLength(1);
      expect((await token(await issueCode())).status).toBe(200);
    });

    it('defaults to a 500 with a JSON error', async () => {
      sim.failNext('order_statuses', {});
      sim.failNext('order_statuses', { body: 'x' });
      const url = `${sim.apiBaseUrl}/stores/abc123/v2/order_statuses`;
      const first = await fetch(url);
      // `{}` has neither status nor body: it only delays (by 0), then the request is served normally (401 here).
      expect(first.status).toBe(401);
      const second = await fetch(url);
      expect(second.status).toBe(500);
      expect(await second.text()).toBe('x');
    });

    it('delays the next response by delayMs', async () => {
      sim.failNext('order_statuses', { status: 500, delayMs: 120 });
      const started = performance.now();
      const response = await fetch(`${sim.apiBaseUrl}/stores/abc123/v2/order_statuses`);
      expect(response.status).toBe(500);
      expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    });
  });

  describe('latencyMs', () => {
    it('delays every response', async () => {
      const slow = await createBigCommerceSimulator({ latencyMs: 120 });
      const started = performance.now();
      await fetch(`${slow.apiBaseUrl}/nowhere`);
      expect(performance.now() - started).toBeGreaterThanOrEqual(100);
      await slow.close();
    });
  });

  describe('ownerEmail', () => {
    it('is the owner of every store', async () => {
      const other = await createBigCommerceSimulator({ ownerEmail: 'boss@shop.test' });
      const callback = new URL(await other.approve(authorizeUrl({}, other)));
      const response = await fetch(`${other.loginBaseUrl}/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          client_id: SIMULATOR_CLIENT.clientId,
          client_secret: SIMULATOR_CLIENT.clientSecret,
          code: callback.searchParams.get('code'),
          context: 'stores/abc123',
          scope: SCOPE,
          grant_type: 'authorization_code',
          redirect_uri: REDIRECT_URI,
        }),
      });
      expect(((await response.json()) as { owner: { email: string } }).owner.email).toBe('boss@shop.test');
      await other.close();
    });
  });

  describe('close', () => {
    it('stops listening, also with a request stalled by delayMs, and can be called twice', async () => {
      sim.failNext('token', { delayMs: 60_000 });
      const stalled = fetch(`${sim.loginBaseUrl}/oauth2/token`, { method: 'POST', body: '{}' }).catch(() => 'aborted');
      await vi.waitFor(() => expect(sim.tokenRequests).toHaveLength(1));
      await sim.close();
      await sim.close();
      expect(await stalled).toBe('aborted');
      await expect(fetch(`${sim.loginBaseUrl}/oauth2/authorize`)).rejects.toThrow();
    });
  });
});
