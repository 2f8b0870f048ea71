// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SIMULATOR_CLIENT } from '../testing/simulator';
import { createBigCommerceAuth, DEFAULT_BIGCOMMERCE_SCOPES } from './create-big-commerce-auth';
import {
  APP_ORIGIN,
  CALLBACK_URL,
  createHarness,
  type Harness,
  type HarnessOptions,
  loadJsdom,
  ORDER_STATUSES_URL,
  START_URL,
  STATUS_URL,
  withParam,
} from './test-harness';

type Browser = ReturnType<Harness['browser']>;

const { JSDOM } = await loadJsdom();

let h: Harness;
const extraHarnesses: Harness[] = [];

async function harness(options: HarnessOptions): Promise<Harness> {
  const created = await createHarness(options);
  extraHarnesses.push(created);
  return created;
}

beforeEach(async () => {
  h = await createHarness();
});

afterEach(async () => {
  await h.close();
  await Promise.all(extraHarnesses.splice(0).map((extra) => extra.close()));
});

/** start → sign in and Confirm at the simulator → BigCommerce's redirect to the callback → the result page. */
async function authorize(browser: Browser, on: Harness = h, storeHash = 'abc123') {
  const { attemptId, authorizeUrl } = await browser.start(storeHash);
  const callbackUrl = await on.simulator.approve(authorizeUrl);
  const landing = await browser.get(callbackUrl);
  const result = landing.location ? await browser.get(landing.location) : undefined;
  return { attemptId, authorizeUrl, callbackUrl, landing, result };
}

function resultUrl(attemptId: string): string {
  return `${CALLBACK_URL}?attempt=${attemptId}`;
}

/** Runs the result page's inline script in a DOM whose `window.opener` records what it is sent. */
function runResultPage(html: string, url: string) {
  const postMessage = vi.fn();
  const dom = new JSDOM(html, {
    url,
    runScripts: 'dangerously',
    beforeParse(window) {
      Object.defineProperty(window, 'opener', { value: { postMessage, closed: false }, configurable: true });
    },
  });
  dom.window.close();
  return postMessage;
}

describe('createBigCommerceAuth', () => {
  describe('when the Store Owner signs in and confirms', () => {
    it('exchanges the code server-side and reports only a grant id to the browser', async () => {
      const browser = h.browser();
      const { attemptId, landing, result } = await authorize(browser);

      expect(landing.status).toBe(303);
      expect(landing.location).toBe(resultUrl(attemptId));
      expect(result?.status).toBe(200);
      expect(await browser.status(attemptId)).toEqual({
        status: 200,
        json: { status: 'authorized', grantId: 'grant_1', storeHash: 'abc123', ownerEmail: 'owner@example.com' },
      });
      expect(h.onAuthorized).toHaveBeenCalledTimes(1);
      const grant = h.onAuthorized.mock.calls[0]?.[0];
      expect(grant).toMatchObject({
        attemptId,
        storeHash: 'abc123',
        accessToken: expect.stringMatching(/^simtok_/),
        scope: expect.stringContaining('store_v2_orders'),
        user: { email: 'owner@example.com' },
        owner: { email: 'owner@example.com' },
        accountUuid: expect.any(String),
      });
      expect(h.simulator.tokenRequests).toHaveLength(1);
      expect(h.simulator.tokenRequests[0]).toMatchObject({
        client_id: SIMULATOR_CLIENT.clientId,
        client_secret: SIMULATOR_CLIENT.clientSecret,
        grant_type: 'authorization_code',
        context: 'stores/abc123',
        redirect_uri: CALLBACK_URL,
      });
    });

    it('hands the host the incoming requests, so it can tie the grant to its signed-in user', async () => {
      const browser = h.browser();
      browser.jar.set('host_session', 'user-42');
      const { attemptId } = await authorize(browser);
      const callbackRequest = h.onAuthorized.mock.calls[0]?.[1].request;
      expect(callbackRequest?.headers.get('cookie')).toContain('host_session=user-42');
      const { json } = await browser.status(attemptId);
      await browser.get(`${ORDER_STATUSES_URL}?grant_id=${(json as { grantId: string }).grantId}`);
      expect(h.getAccessToken.mock.calls[0]?.[1].request.headers.get('cookie')).toContain('host_session=user-42');
    });

    it('reports the owner email from owner, not from the user who signed in', async () => {
      const browser = h.browser();
      const { attemptId, authorizeUrl } = await browser.start();
      const landing = await browser.get(await h.simulator.approve(authorizeUrl, { email: 'staff@example.com' }));
      expect(landing.status).toBe(303);
      expect((await browser.status(attemptId)).json).toMatchObject({ status: 'authorized', ownerEmail: 'owner@example.com' });
      expect(h.onAuthorized.mock.calls[0]?.[0].user.email).toBe('staff@example.com');
    });

    it('serves the store’s own order status labels for the grant', async () => {
      const custom = await harness({ simulator: { orderStatusLabels: { abc123: { 11: 'Ready to ship', 2: 'Shipped' } } } });
      const browser = custom.browser();
      const { attemptId } = await authorize(browser, custom);
      const { json } = await browser.status(attemptId);
      const grantId = (json as { grantId: string }).grantId;

      const response = await browser.get(`${ORDER_STATUSES_URL}?grant_id=${grantId}`);
      expect(response.status).toBe(200);
      const statuses = JSON.parse(response.body) as Array<{ id: number; name: string; customLabel?: string }>;
      expect(statuses).toHaveLength(15);
      expect(statuses.map((status) => status.id)).toEqual([...Array(15).keys()]);
      expect(statuses[11]).toEqual({ id: 11, name: 'Awaiting Fulfillment', customLabel: 'Ready to ship', order: 11 });
      // The same label as the built-in one is not a custom label.
      expect(statuses[2]).toEqual({ id: 2, name: 'Shipped', order: 2 });
    });
  });

  describe('start', () => {
    it('sets an HttpOnly, SameSite=Lax, Secure session cookie for ten minutes and redirects to the authorize URL', async () => {
      const browser = h.browser();
      const { response } = await browser.start('ABC123', 'attempt-1');

      expect(response.status).toBe(303);
      expect(response.location).toBe(
        `${h.simulator.loginBaseUrl}/oauth2/authorize?client_id=sim-client-id` +
          `&redirect_uri=${encodeURIComponent(CALLBACK_URL)}&response_type=code` +
          `&scope=${encodeURIComponent(DEFAULT_BIGCOMMERCE_SCOPES.join(' '))}&context=stores%2Fabc123`,
      );
      const authorize = new URL(response.location ?? '');
      expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK_URL);
      expect(authorize.searchParams.get('scope')).toBe(
        'store_v2_orders store_v2_products_read_only store_inventory store_v2_information_read_only',
      );
      expect(authorize.searchParams.get('context')).toBe('stores/abc123');
      const [cookie] = response.headers.getSetCookie();
      expect(cookie).toMatch(/^__Host-rcw_bc_session=[A-Za-z0-9_-]{43}; /);
      expect(cookie?.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=600', 'Path=/', 'SameSite=Lax', 'Secure']);
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('reuses the session cookie it already set', async () => {
      const browser = h.browser();
      const first = await browser.start();
      const second = await browser.start();
      expect(second.response.headers.getSetCookie()[0]?.split(';')[0]).toBe(first.response.headers.getSetCookie()[0]?.split(';')[0]);
    });

    it('sets a cookie without Secure when the callback URL is plain http (local development)', async () => {
      const local = await harness({ callbackUrl: 'http://localhost:3000/api/bigcommerce/callback', appOrigin: 'http://localhost:3000' });
      const { response } = await local.browser().start();
      const [cookie] = response.headers.getSetCookie();
      expect(cookie).toMatch(/^rcw_bc_session=/);
      expect(cookie).not.toMatch(/Secure/);
    });

    it.each([
      ['missing', null],
      ['empty', ''],
      ['129 characters long', 'a'.repeat(129)],
      ['with a space', 'a b'],
      ['with a slash', 'a/b'],
      ['with markup', '<script>'],
      ['non-ASCII', 'versuch-ä'],
    ])('answers 400 to an attempt id that is %s', async (_, attemptId) => {
      const url = new URL(START_URL);
      if (attemptId !== null) url.searchParams.set('attempt', attemptId);
      url.searchParams.set('store_hash', 'abc123');
      const response = await h.browser().get(url.href);
      expect(response.status).toBe(400);
      expect(response.location).toBeNull();
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it('accepts an attempt id of 128 characters of [A-Za-z0-9-_]', async () => {
      const id = `${'aZ09-_'.repeat(21)}xy`;
      expect(id).toHaveLength(128);
      const { response } = await h.browser().start('abc123', id);
      expect(response.status).toBe(303);
    });

    it.each([
      ['missing', null],
      ['too short', 'abc'],
      ['too long', 'a'.repeat(17)],
      ['with invalid characters', 'ab.cd'],
      ['an API path rather than a bare hash', 'https://api.bigcommerce.com/stores/abc123/v3/'],
      ['a context string rather than a bare hash', 'stores/abc123'],
    ])('answers 400 to a store hash that is %s', async (_, storeHash) => {
      const url = new URL(START_URL);
      url.searchParams.set('attempt', 'attempt-1');
      if (storeHash !== null) url.searchParams.set('store_hash', storeHash);
      const response = await h.browser().get(url.href);
      expect(response.status).toBe(400);
      expect(response.location).toBeNull();
    });

    it('refuses to rebind an attempt id that another browser started', async () => {
      await h.browser().start('abc123', 'shared-id');
      const other = await h.browser().start('abc123', 'shared-id');
      expect(other.response.status).toBe(409);
    });

    it('refuses to restart an attempt that already finished', async () => {
      const browser = h.browser();
      const { attemptId } = await authorize(browser);
      const again = await browser.start('abc123', attemptId);
      expect(again.response.status).toBe(409);
      expect((await browser.status(attemptId)).json).toMatchObject({ status: 'authorized' });
    });

    it('answers 405 to anything but GET', async () => {
      const response = await h.browser().get(`${START_URL}?attempt=a&store_hash=abc123`, { method: 'POST' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
    });
  });

  describe('status', () => {
    it('says pending to the browser that started the attempt', async () => {
      const browser = h.browser();
      const { attemptId } = await browser.start();
      expect(await browser.status(attemptId)).toEqual({ status: 200, json: { status: 'pending' } });
    });

    it('answers 404 to a request without the cookie once the browser that started the attempt watches it', async () => {
      const browser = h.browser();
      const { attemptId } = await browser.start();
      expect((await browser.status(attemptId)).json).toEqual({ status: 'pending' });
      const anonymous = await browser.get(`${STATUS_URL}?attempt=${attemptId}`, { headers: { cookie: '' } });
      expect(anonymous.status).toBe(404);
      expect(anonymous.headers.getSetCookie()).toEqual([]);
      expect((await browser.status(attemptId)).json).toEqual({ status: 'pending' });
    });

    it.each([
      ['missing', null],
      ['empty', ''],
      ['129 characters long', 'a'.repeat(129)],
      ['with markup', '<script>'],
    ])('answers 400 to an attempt id that is %s, and records nothing', async (_, attemptId) => {
      const url = new URL(STATUS_URL);
      if (attemptId !== null) url.searchParams.set('attempt', attemptId);
      const response = await h.browser().get(url.href);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toEqual({ error: 'invalid_request' });
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it('says expired once the ten minutes are over', async () => {
      const browser = h.browser();
      const { attemptId } = await browser.start();
      h.advance(600_000);
      expect((await browser.status(attemptId)).json).toEqual({ status: 'expired' });
    });

    it('is never cached', async () => {
      const browser = h.browser();
      const { attemptId } = await browser.start();
      const response = await browser.get(`${APP_ORIGIN}/api/bigcommerce/status?attempt=${attemptId}`);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    });
  });

  describe('status — the watcher (trust on first use)', () => {
    /** BigCommerce's side of a started attempt: sign in, Confirm, the redirect to the callback, the result page. */
    async function finishAt(browser: Browser, authorizeUrl: string) {
      const landing = await browser.get(await h.simulator.approve(authorizeUrl));
      const page = landing.location ? await browser.get(landing.location) : undefined;
      return { landing, page };
    }

    /** A browser with a session of its own, from an attempt it started earlier. */
    async function browserWithSession(): Promise<Browser> {
      const browser = h.browser();
      await browser.start('zzzz99');
      expect(browser.jar.get('__Host-rcw_bc_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      return browser;
    }

    it('says pending before the popup reached start, then the same browser completes the flow', async () => {
      const browser = await browserWithSession();
      const attemptId = crypto.randomUUID();
      expect(await browser.status(attemptId)).toEqual({ status: 200, json: { status: 'pending' } });

      const { response, authorizeUrl } = await browser.start('abc123', attemptId);
      expect(response.status).toBe(303);
      expect(await browser.status(attemptId)).toEqual({ status: 200, json: { status: 'pending' } });
      const { landing, page } = await finishAt(browser, authorizeUrl);

      expect(landing.location).toBe(resultUrl(attemptId));
      expect(page?.status).toBe(200);
      expect((await browser.status(attemptId)).json).toEqual({
        status: 'authorized',
        grantId: 'grant_1',
        storeHash: 'abc123',
        ownerEmail: 'owner@example.com',
      });
      expect(h.simulator.tokenRequests).toHaveLength(1);
    });

    it('gives a browser without a session one from status, which start then reuses', async () => {
      const browser = h.browser();
      const attemptId = crypto.randomUUID();
      const first = await browser.get(`${STATUS_URL}?attempt=${attemptId}`);
      expect(JSON.parse(first.body)).toEqual({ status: 'pending' });
      const [cookie] = first.headers.getSetCookie();
      expect(cookie).toMatch(/^__Host-rcw_bc_session=[A-Za-z0-9_-]{43}; /);
      expect(cookie?.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=600', 'Path=/', 'SameSite=Lax', 'Secure']);

      const { response, authorizeUrl } = await browser.start('abc123', attemptId);
      expect(response.headers.getSetCookie()[0]?.split(';')[0]).toBe(cookie?.split(';')[0]);
      await finishAt(browser, authorizeUrl);
      expect((await browser.status(attemptId)).json).toMatchObject({ status: 'authorized', grantId: 'grant_1' });
      // Only the first answer offers a session; a watcher that kept it is not offered another.
      expect((await browser.get(`${STATUS_URL}?attempt=${attemptId}`)).headers.getSetCookie()).toEqual([]);
    });

    it('lets the 3PL’s wizard read a copied link’s result when the Store Owner completes it elsewhere', async () => {
      const threePl = await browserWithSession();
      const owner = h.browser(); // another machine: no cookie of the 3PL's
      const stranger = await browserWithSession();
      const attemptId = crypto.randomUUID();
      expect((await threePl.status(attemptId)).json).toEqual({ status: 'pending' });

      const { response, authorizeUrl } = await owner.start('abc123', attemptId);
      expect(response.status).toBe(303);
      expect(owner.jar.get('__Host-rcw_bc_session')).not.toBe(threePl.jar.get('__Host-rcw_bc_session'));
      expect((await threePl.status(attemptId)).json).toEqual({ status: 'pending' });
      const { landing, page } = await finishAt(owner, authorizeUrl);

      expect(landing.status).toBe(303);
      expect(landing.location).toBe(resultUrl(attemptId));
      expect(page?.status).toBe(200);
      expect(page?.body).toContain('You can close this window');
      expect(h.onAuthorized).toHaveBeenCalledTimes(1);
      expect(await threePl.status(attemptId)).toEqual({
        status: 200,
        json: { status: 'authorized', grantId: 'grant_1', storeHash: 'abc123', ownerEmail: 'owner@example.com' },
      });
      // Starting the attempt does not make the Store Owner its watcher; nobody else can read it either.
      expect(await owner.status(attemptId)).toEqual({ status: 404, json: { error: 'not_found' } });
      expect((await stranger.status(attemptId)).status).toBe(404);
      expect((await threePl.get(`${STATUS_URL}?attempt=${attemptId}`, { headers: { cookie: '' } })).status).toBe(404);
      // The result page stays the Store Owner's: the 3PL's browser did not start the attempt.
      expect((await threePl.get(resultUrl(attemptId))).status).toBe(400);
    });

    it('does not make the Store Owner the watcher when the link is opened before the wizard’s first poll', async () => {
      const threePl = await browserWithSession();
      const owner = h.browser();
      const attemptId = crypto.randomUUID();
      const { authorizeUrl } = await owner.start('abc123', attemptId);
      expect((await threePl.status(attemptId)).json).toEqual({ status: 'pending' });
      await finishAt(owner, authorizeUrl);
      expect((await threePl.status(attemptId)).json).toMatchObject({ status: 'authorized', grantId: 'grant_1' });
      expect((await owner.status(attemptId)).status).toBe(404);
    });

    it('serves a wizard in a cross-site iframe, which sends no cookie, through a cookieless binding', async () => {
      const iframe = h.browser({ keepsCookies: false });
      const popup = h.browser(); // top-level: first-party cookies
      const stranger = await browserWithSession();
      const attemptId = crypto.randomUUID();

      const first = await iframe.get(`${STATUS_URL}?attempt=${attemptId}`);
      expect(JSON.parse(first.body)).toEqual({ status: 'pending' });
      expect(first.headers.getSetCookie()).toHaveLength(1); // offered, and dropped by this browser
      expect(iframe.jar.size).toBe(0);
      expect((await iframe.status(attemptId)).json).toEqual({ status: 'pending' });

      const { authorizeUrl } = await popup.start('abc123', attemptId);
      expect((await iframe.status(attemptId)).json).toEqual({ status: 'pending' });
      const { landing, page } = await finishAt(popup, authorizeUrl);

      expect(landing.location).toBe(resultUrl(attemptId));
      expect(page?.status).toBe(200);
      expect(await iframe.status(attemptId)).toEqual({
        status: 200,
        json: { status: 'authorized', grantId: 'grant_1', storeHash: 'abc123', ownerEmail: 'owner@example.com' },
      });
      expect((await stranger.status(attemptId)).status).toBe(404);
      expect((await popup.status(attemptId)).status).toBe(404);
      const forged = h.browser();
      forged.jar.set('__Host-rcw_bc_session', 'C'.repeat(43));
      expect((await forged.status(attemptId)).status).toBe(404);
    });

    it('still accepts the session it offered a cookieless watcher, when that browser kept it', async () => {
      const wizard = h.browser();
      const popup = h.browser(); // its `start` went out before the wizard's cookie arrived: a session of its own
      const attemptId = crypto.randomUUID();
      expect((await wizard.status(attemptId)).json).toEqual({ status: 'pending' }); // cookieless; keeps the offer
      expect(wizard.jar.size).toBe(1);
      const { authorizeUrl } = await popup.start('abc123', attemptId);
      expect(popup.jar.get('__Host-rcw_bc_session')).not.toBe(wizard.jar.get('__Host-rcw_bc_session'));
      await finishAt(popup, authorizeUrl);

      expect((await wizard.status(attemptId)).json).toMatchObject({ status: 'authorized', grantId: 'grant_1' });
      const cookieless = await wizard.get(`${STATUS_URL}?attempt=${attemptId}`, { headers: { cookie: '' } });
      expect(JSON.parse(cookieless.body)).toMatchObject({ status: 'authorized' });
      expect((await popup.status(attemptId)).status).toBe(404);
    });

    it('lets a placeholder be started once: a second browser gets 409 and cannot take the attempt over', async () => {
      const wizard = await browserWithSession();
      const first = h.browser();
      const second = h.browser();
      const attemptId = crypto.randomUUID();
      await wizard.status(attemptId);

      const started = await first.start('abc123', attemptId);
      expect(started.response.status).toBe(303);
      const taken = await second.start('abc123', attemptId);
      expect(taken.response.status).toBe(409);
      expect(taken.response.location).toBeNull();
      expect(taken.response.headers.getSetCookie()).toEqual([]);

      // The second browser's callback has no pending attempt of its session: 400, no exchange.
      const callbackUrl = await h.simulator.approve(started.authorizeUrl);
      expect((await second.get(callbackUrl)).status).toBe(400);
      expect(h.simulator.tokenRequests).toHaveLength(0);
      expect((await first.get(callbackUrl)).location).toBe(resultUrl(attemptId));
      expect((await wizard.status(attemptId)).json).toMatchObject({ status: 'authorized' });
    });

    it('says expired for a placeholder nobody started in time, and refuses to start it then', async () => {
      const wizard = await browserWithSession();
      const attemptId = crypto.randomUUID();
      await wizard.status(attemptId);
      h.advance(600_000);

      expect((await wizard.status(attemptId)).json).toEqual({ status: 'expired' });
      const late = await h.browser().start('abc123', attemptId);
      expect(late.response.status).toBe(409);
      expect(late.response.location).toBeNull();
      expect((await wizard.status(attemptId)).json).toEqual({ status: 'expired' });
    });

    it('keeps the watcher as long as the attempt record it guards', async () => {
      const wizard = await browserWithSession();
      const owner = h.browser();
      const stranger = await browserWithSession();
      const attemptId = crypto.randomUUID();
      await wizard.status(attemptId);
      h.advance(540_000); // the link is opened at minute 9
      const { authorizeUrl } = await owner.start('abc123', attemptId);
      h.advance(540_000); // and confirmed at minute 18
      await finishAt(owner, authorizeUrl);
      h.advance(600_000); // minute 28: past the first binding's own retention (20 minutes)

      expect((await stranger.status(attemptId)).status).toBe(404);
      expect((await wizard.status(attemptId)).json).toMatchObject({ status: 'authorized', grantId: 'grant_1' });
    });

    it('binds the first of two concurrent first readers only', async () => {
      const a = await browserWithSession();
      const b = await browserWithSession();
      const attemptId = crypto.randomUUID();
      const [ra, rb] = await Promise.all([a.status(attemptId), b.status(attemptId)]);
      expect([ra.status, rb.status].sort()).toEqual([200, 404]);
    });

    it('works where globalThis.crypto is missing (Node 18), through node:crypto', async () => {
      vi.stubGlobal('crypto', undefined);
      try {
        const node18 = await harness({});
        const wizard = node18.browser();
        const popup = node18.browser();
        expect((await wizard.status('node18-attempt')).json).toEqual({ status: 'pending' });
        const { response, authorizeUrl } = await popup.start('abc123', 'node18-attempt');
        expect(response.headers.getSetCookie()[0]).toMatch(/^__Host-rcw_bc_session=[A-Za-z0-9_-]{43}; /);
        const landing = await popup.get(await node18.simulator.approve(authorizeUrl));
        const page = await popup.get(landing.location ?? '');
        expect(page.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[A-Za-z0-9_-]{22}'/);
        expect((await wizard.status('node18-attempt')).json).toMatchObject({ status: 'authorized' });
      } finally {
        vi.unstubAllGlobals();
      }
    });
  });

  describe('callback', () => {
    it('does not burn a pending attempt for a request with neither code nor error', async () => {
      const browser = h.browser();
      const { attemptId, authorizeUrl } = await browser.start();
      expect((await browser.get(`${CALLBACK_URL}?scope=x&context=stores/abc123`)).status).toBe(400);
      expect((await browser.get(CALLBACK_URL)).status).toBe(400);

      const landing = await browser.get(await h.simulator.approve(authorizeUrl));
      expect(landing.location).toBe(resultUrl(attemptId));
      expect((await browser.status(attemptId)).json).toMatchObject({ status: 'authorized' });
    });

    it('completes the attempt for the callback’s store when several are pending in one browser', async () => {
      const browser = h.browser();
      const older = await browser.start('abc123');
      const newer = await browser.start('def456');
      const landing = await browser.get(await h.simulator.approve(older.authorizeUrl));

      expect(landing.location).toBe(resultUrl(older.attemptId));
      expect((await browser.status(older.attemptId)).json).toMatchObject({ status: 'authorized', storeHash: 'abc123' });
      expect((await browser.status(newer.attemptId)).json).toEqual({ status: 'pending' });
    });

    it('records failed (grant_failed) when onAuthorized throws, and says so generically', async () => {
      h.onAuthorized.mockRejectedValueOnce(new Error('database down'));
      const browser = h.browser();
      const { attemptId, result } = await authorize(browser);
      expect((await browser.status(attemptId)).json).toEqual({ status: 'failed', code: 'grant_failed' });
      expect(result?.body).not.toContain('database down');
    });

    it('answers the result page with 400 for another browser or an unknown attempt', async () => {
      const { attemptId } = await authorize(h.browser());
      expect((await h.browser().get(resultUrl(attemptId))).status).toBe(400);
      expect((await h.browser().get(resultUrl('unknown'))).status).toBe(400);
    });
  });

  describe('RELIABILITY D — server handlers against the simulator', () => {
    describe('27. when the callback arrives without the pending-attempt cookie', () => {
      it('answers 400 with a plain page and exchanges no token', async () => {
        const browser = h.browser();
        const { attemptId, authorizeUrl } = await browser.start();
        const callbackUrl = await h.simulator.approve(authorizeUrl);

        const response = await browser.get(callbackUrl, { headers: { cookie: '' } });

        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/^text\/html/);
        expect(response.body).not.toContain('<script');
        expect(response.location).toBeNull();
        expect(h.simulator.tokenRequests).toHaveLength(0);
        expect(h.onAuthorized).not.toHaveBeenCalled();
        expect((await browser.status(attemptId)).json).toEqual({ status: 'pending' });
      });
    });

    describe('28. when the callback arrives from another session', () => {
      it('rejects it and exchanges nothing; the attempt stays pending for the browser that started it', async () => {
        const victim = h.browser();
        const attacker = h.browser();
        await attacker.start('zzzz99'); // the attacker has a session of their own, with an attempt of their own
        const { attemptId, authorizeUrl } = await victim.start();
        const callbackUrl = await h.simulator.approve(authorizeUrl);

        const response = await attacker.get(callbackUrl);

        // The attacker's own attempt is for another store: it fails closed before any exchange.
        expect(response.status).toBe(303);
        expect(h.simulator.tokenRequests).toHaveLength(0);
        expect(h.onAuthorized).not.toHaveBeenCalled();
        expect((await victim.status(attemptId)).json).toEqual({ status: 'pending' });
        expect((await attacker.status(attemptId)).status).toBe(404);
        // The victim's own callback still works afterwards.
        expect((await victim.get(callbackUrl)).location).toBe(resultUrl(attemptId));
        expect((await victim.status(attemptId)).json).toMatchObject({ status: 'authorized' });
      });

      it('answers 400 to a session whose attempts are all finished, or that the server does not know', async () => {
        const victim = h.browser();
        const stranger = h.browser();
        await stranger.get(await h.simulator.deny((await stranger.start()).authorizeUrl));
        const { authorizeUrl } = await victim.start();
        const callbackUrl = await h.simulator.approve(authorizeUrl);
        const forged = h.browser();
        forged.jar.set('__Host-rcw_bc_session', 'A'.repeat(43));

        expect((await stranger.get(callbackUrl)).status).toBe(400);
        expect((await forged.get(callbackUrl)).status).toBe(400);
        expect(h.simulator.tokenRequests).toHaveLength(0);
      });
    });

    describe('29. when the attempt has expired', () => {
      it('answers 400, exchanges nothing, and status says expired', async () => {
        const browser = h.browser();
        const { attemptId, authorizeUrl } = await browser.start();
        const callbackUrl = await h.simulator.approve(authorizeUrl);
        h.advance(600_001);

        const response = await browser.get(callbackUrl);

        expect(response.status).toBe(400);
        expect(h.simulator.tokenRequests).toHaveLength(0);
        expect((await browser.status(attemptId)).json).toEqual({ status: 'expired' });
      });
    });

    describe('29. when the callback is replayed', () => {
      it('answers 400 the second time and the code is exchanged only once', async () => {
        const browser = h.browser();
        const { attemptId, callbackUrl } = await authorize(browser);

        const replay = await browser.get(callbackUrl);

        expect(replay.status).toBe(400);
        expect(h.simulator.tokenRequests).toHaveLength(1);
        expect(h.onAuthorized).toHaveBeenCalledTimes(1);
        expect((await browser.status(attemptId)).json).toMatchObject({ status: 'authorized', grantId: 'grant_1' });
      });

      it('exchanges once when the same callback arrives twice at the same time', async () => {
        const browser = h.browser();
        const { authorizeUrl } = await browser.start();
        const callbackUrl = await h.simulator.approve(authorizeUrl);

        const [a, b] = await Promise.all([browser.get(callbackUrl), browser.get(callbackUrl)]);

        expect([a.status, b.status].sort()).toEqual([303, 400]);
        expect(h.simulator.tokenRequests).toHaveLength(1);
        expect(h.onAuthorized).toHaveBeenCalledTimes(1);
      });
    });

    describe('30. when Host and X-Forwarded-Host are spoofed', () => {
      it('still uses the configured redirect_uri for the authorize page, the exchange and the result redirect', async () => {
        const browser = h.browser();
        const spoofed = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' };
        const start = await browser.get('https://evil.example/api/bigcommerce/start?attempt=spoof-1&store_hash=abc123', {
          headers: spoofed,
        });
        expect(new URL(start.location ?? '').searchParams.get('redirect_uri')).toBe(CALLBACK_URL);

        const callbackUrl = await h.simulator.approve(start.location ?? '');
        const callbackOnEvilHost = callbackUrl.replace(APP_ORIGIN, 'https://evil.example');
        const landing = await browser.get(callbackOnEvilHost, { headers: spoofed });

        expect(h.simulator.tokenRequests[0]?.redirect_uri).toBe(CALLBACK_URL);
        expect(landing.location).toBe(resultUrl('spoof-1'));
        expect((await browser.status('spoof-1')).json).toMatchObject({ status: 'authorized' });
      });
    });

    describe('31. when the granted scope differs from the configured scopes', () => {
      it('fails with scope_mismatch before any exchange when the callback’s scope lacks one', async () => {
        const browser = h.browser();
        const { attemptId, authorizeUrl } = await browser.start();
        const callbackUrl = await h.simulator.approve(authorizeUrl, { scope: 'store_v2_orders store_inventory' });

        const landing = await browser.get(callbackUrl);

        expect(landing.location).toBe(resultUrl(attemptId));
        expect((await browser.status(attemptId)).json).toEqual({ status: 'failed', code: 'scope_mismatch' });
        expect(h.simulator.tokenRequests).toHaveLength(0);
        expect(h.onAuthorized).not.toHaveBeenCalled();
      });

      it('fails with scope_mismatch and drops the token when the token response’s scope lacks one', async () => {
        const browser = h.browser();
        const { attemptId, authorizeUrl } = await browser.start();
        const callbackUrl = await h.simulator.approve(authorizeUrl);
        h.simulator.failNext('token', {
          status: 200,
          body: JSON.stringify({
            access_token: 'NARROW-TOKEN-VALUE',
            scope: 'store_v2_orders',
            user: { id: 1, username: 'owner', email: 'owner@example.com' },
            owner: { id: 1, username: 'owner', email: 'owner@example.com' },
            context: 'stores/abc123',
            account_uuid: 'acc',
          }),
        });

        await browser.get(callbackUrl);

        expect((await browser.status(attemptId)).json).toEqual({ status: 'failed', code: 'scope_mismatch' });
        expect(h.onAuthorized).not.toHaveBeenCalled();
        expect(h.grants.size).toBe(0);
        expect(JSON.stringify([h.responses, h.logs])).not.toContain('NARROW-TOKEN-VALUE');
      });

      it('accepts a grant holding more scopes than configured', async () => {
        const browser = h.browser();
        const { attemptId, authorizeUrl } = await browser.start();
        const granted = `${DEFAULT_BIGCOMMERCE_SCOPES.join(' ')} store_v2_customers`;
        await browser.get(await h.simulator.approve(authorizeUrl, { scope: granted }));
        expect((await browser.status(attemptId)).json).toMatchObject({ status: 'authorized' });
      });
    });

    describe('32. when context is malformed or names another store', () => {
      it.each([
        ['another store', 'stores/zzzz99'],
        ['upper case', 'stores/ABC123'],
        ['an extra segment', 'stores/abc123/extra'],
        ['no stores/ prefix', 'abc123'],
        ['an empty value', ''],
        ['markup', 'stores/<script>'],
        ['no context at all', null],
      ])('fails with store_mismatch before the exchange (%s)', async (_, context) => {
        const browser = h.browser();
        const { attemptId, authorizeUrl } = await browser.start();
        const callbackUrl = withParam(await h.simulator.approve(authorizeUrl), 'context', context);

        const landing = await browser.get(callbackUrl);

        expect(landing.status).toBe(303);
        expect(landing.location).toBe(resultUrl(attemptId));
        expect((await browser.status(attemptId)).json).toEqual({ status: 'failed', code: 'store_mismatch' });
        expect(h.simulator.tokenRequests).toHaveLength(0);
        expect(h.onAuthorized).not.toHaveBeenCalled();
      });

      it('fails with store_mismatch and drops the token when the token response is for another store', async () => {
        const browser = h.browser();
        const { attemptId, authorizeUrl } = await browser.start();
        const callbackUrl = await h.simulator.approve(authorizeUrl);
        h.simulator.failNext('token', {
          status: 200,
          body: JSON.stringify({
            access_token: 'OTHER-STORE-TOKEN',
            scope: DEFAULT_BIGCOMMERCE_SCOPES.join(' '),
            user: { id: 1, email: 'owner@example.com' },
            context: 'stores/zzzz99',
          }),
        });
        await browser.get(callbackUrl);
        expect((await browser.status(attemptId)).json).toEqual({ status: 'failed', code: 'store_mismatch' });
        expect(h.onAuthorized).not.toHaveBeenCalled();
      });
    });

    describe('33. when the token endpoint fails', () => {
      const UPSTREAM_BODY = 'UPSTREAM-DETAIL-7f3a: invalid client secret sim-client-secret';
      it.each([
        ['a 400 with an error body', { status: 400, body: JSON.stringify({ error: UPSTREAM_BODY }) }],
        ['a 401', { status: 401, body: UPSTREAM_BODY }],
        ['a 500', { status: 500, body: UPSTREAM_BODY }],
        ['a 503 with an HTML page', { status: 503, body: `<html><body>${UPSTREAM_BODY}</body></html>` }],
        ['a 200 that is not JSON', { status: 200, body: `not json ${UPSTREAM_BODY}` }],
        ['a 200 without access_token', { status: 200, body: JSON.stringify({ scope: 'x', note: UPSTREAM_BODY }) }],
        ['a 200 with JSON null', { status: 200, body: 'null' }],
      ])('fails with exchange_failed on %s and forwards nothing of the body', async (_, failure) => {
        const browser = h.browser();
        const { attemptId, authorizeUrl } = await browser.start();
        const callbackUrl = await h.simulator.approve(authorizeUrl);
        h.simulator.failNext('token', failure);

        const landing = await browser.get(callbackUrl);
        const page = await browser.get(landing.location ?? '');

        expect((await browser.status(attemptId)).json).toEqual({ status: 'failed', code: 'exchange_failed' });
        expect(page.status).toBe(200);
        expect(h.onAuthorized).not.toHaveBeenCalled();
        expect(JSON.stringify([h.responses, h.logs])).not.toContain('UPSTREAM-DETAIL-7f3a');
        expect(h.logs).toContainEqual({
          message: 'callback: token exchange failed',
          meta: expect.objectContaining({ attemptId, reason: expect.any(String) }),
        });
      });

      it('fails with exchange_failed when the token endpoint does not answer in time', async () => {
        const quick = await harness({ timeoutMs: 150 });
        const browser = quick.browser();
        const { attemptId, authorizeUrl } = await browser.start();
        const callbackUrl = await quick.simulator.approve(authorizeUrl);
        quick.simulator.failNext('token', { delayMs: 5_000 });

        await browser.get(callbackUrl);

        expect((await browser.status(attemptId)).json).toEqual({ status: 'failed', code: 'exchange_failed' });
        expect(quick.logs).toContainEqual({
          message: 'callback: token exchange failed',
          meta: expect.objectContaining({ reason: 'timeout' }),
        });
      });

      it('fails with exchange_failed when the token endpoint cannot be reached', async () => {
        const browser = h.browser();
        const { attemptId, authorizeUrl } = await browser.start();
        const callbackUrl = await h.simulator.approve(authorizeUrl);
        await h.simulator.close();

        await browser.get(callbackUrl);

        expect((await browser.status(attemptId)).json).toEqual({ status: 'failed', code: 'exchange_failed' });
      });
    });

    describe('34. when redirect parameters are passed (no open redirect)', () => {
      it('ignores returnTo, redirect and redirect_uri on start', async () => {
        const browser = h.browser();
        const response = await browser.get(
          `${START_URL}?attempt=open-1&store_hash=abc123&returnTo=https://evil.example/&redirect=https://evil.example/` +
            `&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`,
        );
        const location = new URL(response.location ?? '');
        expect(location.origin).toBe(h.simulator.loginBaseUrl);
        expect(location.searchParams.get('redirect_uri')).toBe(CALLBACK_URL);
        expect(response.location).not.toContain('evil');
      });

      it('ignores them on the callback and on the result page', async () => {
        const browser = h.browser();
        const { attemptId, authorizeUrl } = await browser.start();
        let callbackUrl = await h.simulator.approve(authorizeUrl);
        for (const name of ['returnTo', 'redirect', 'redirect_uri']) callbackUrl = withParam(callbackUrl, name, 'https://evil.example/');

        const landing = await browser.get(callbackUrl);
        expect(landing.location).toBe(resultUrl(attemptId));

        const page = await browser.get(`${resultUrl(attemptId)}&returnTo=https://evil.example/&redirect=https://evil.example/`);
        expect(page.status).toBe(200);
        expect(page.location).toBeNull();
        expect(page.body).not.toContain('evil');
      });
    });

    describe('35. when the user cancels at the consent page', () => {
      it('marks the attempt denied, exchanges nothing and stores nothing', async () => {
        const browser = h.browser();
        const { attemptId, authorizeUrl } = await browser.start();
        const callbackUrl = await h.simulator.deny(authorizeUrl);
        expect(new URL(callbackUrl).searchParams.get('error')).toBe('access_denied');

        const landing = await browser.get(callbackUrl);
        const page = await browser.get(landing.location ?? '');

        expect(landing.location).toBe(resultUrl(attemptId));
        expect((await browser.status(attemptId)).json).toEqual({ status: 'denied' });
        expect(h.simulator.tokenRequests).toHaveLength(0);
        expect(h.onAuthorized).not.toHaveBeenCalled();
        const postMessage = runResultPage(page.body, resultUrl(attemptId));
        expect(postMessage).toHaveBeenCalledWith(
          { v: 1, type: 'rcw:authorization-result', attemptId, status: 'denied' },
          APP_ORIGIN,
        );
      });
    });

    describe('36. logs and responses', () => {
      it('never contain a code, an access token or the client secret, whatever happens', async () => {
        const quick = await harness({ timeoutMs: 150 });
        const codes: string[] = [];
        const approve = async (browser: Browser, storeHash = 'abc123', as?: { scope?: string }) => {
          const { attemptId, authorizeUrl } = await browser.start(storeHash);
          const callbackUrl = await quick.simulator.approve(authorizeUrl, as);
          codes.push(new URL(callbackUrl).searchParams.get('code') ?? '');
          return { attemptId, callbackUrl };
        };
        const finish = async (browser: Browser, callbackUrl: string, headers?: Record<string, string>) => {
          const landing = await browser.get(callbackUrl, headers ? { headers } : {});
          if (landing.location) await browser.get(landing.location);
        };

        // success, then a replay, then the order statuses of the grant
        const owner = quick.browser();
        const ok = await approve(owner);
        await finish(owner, ok.callbackUrl);
        await finish(owner, ok.callbackUrl);
        await owner.status(ok.attemptId);
        await owner.get(`${ORDER_STATUSES_URL}?grant_id=grant_1`);
        quick.simulator.failNext('order_statuses', { status: 500, body: 'boom' });
        await owner.get(`${ORDER_STATUSES_URL}?grant_id=grant_1`);
        // no cookie, another session, expired
        await finish(owner, (await approve(owner)).callbackUrl, { cookie: '' });
        await finish(quick.browser(), (await approve(owner)).callbackUrl);
        // scope mismatch at the callback and in the token response, store mismatch
        await finish(owner, (await approve(owner, 'abc123', { scope: 'store_v2_orders' })).callbackUrl);
        const narrow = await approve(owner);
        quick.simulator.failNext('token', {
          status: 200,
          body: JSON.stringify({ access_token: 'INJECTED-TOKEN', scope: 'x', user: { id: 1, email: 'a@b.c' }, context: 'stores/abc123' }),
        });
        await finish(owner, narrow.callbackUrl);
        await finish(owner, withParam((await approve(owner)).callbackUrl, 'context', 'stores/zzzz99'));
        // upstream failures: 4xx echoing the secret, 5xx, timeout, non-JSON
        for (const failure of [
          { status: 400, body: `bad secret ${SIMULATOR_CLIENT.clientSecret}` },
          { status: 502 },
          { delayMs: 2_000 },
          { status: 200, body: '<html>' },
        ]) {
          const attempt = await approve(owner);
          quick.simulator.failNext('token', failure);
          await finish(owner, attempt.callbackUrl);
        }
        // refusal
        const denied = await owner.start();
        await finish(owner, await quick.simulator.deny(denied.authorizeUrl));
        // onAuthorized throwing with the token in its message
        quick.onAuthorized.mockImplementationOnce(async (grant) => {
          throw new Error(`cannot store ${grant.accessToken}`);
        });
        await finish(owner, (await approve(owner)).callbackUrl);
        // expired last: it moves the clock
        const late = await approve(owner);
        quick.advance(600_001);
        await finish(owner, late.callbackUrl);

        const tokens = [
          ...quick.onAuthorized.mock.calls.map(([grant]) => grant.accessToken),
          ...[...quick.grants.values()].map((grant) => grant.accessToken),
          'INJECTED-TOKEN',
        ];
        const secrets = [...codes, ...tokens, SIMULATOR_CLIENT.clientSecret];
        expect(codes.every((code) => code.startsWith('code_'))).toBe(true);
        expect(tokens.length).toBeGreaterThan(1);
        expect(quick.responses.length).toBeGreaterThan(30);
        expect(quick.logs.length).toBeGreaterThan(5);

        const output = [
          ...quick.responses.map((response) => JSON.stringify([response.status, response.headers, response.body])),
          ...quick.logs.map((line) => JSON.stringify(line)),
        ].join('\n');
        for (const secret of secrets) expect(output).not.toContain(secret);
        expect(output).not.toMatch(/simtok_|code_[0-9a-f]/);
      });
    });

    describe('37. the result page', () => {
      it('is sent with Cache-Control: no-store, Referrer-Policy: no-referrer, a nonce CSP and no COOP', async () => {
        const { result } = await authorize(h.browser());
        const headers = result?.headers ?? new Headers();

        expect(result?.status).toBe(200);
        expect(headers.get('cache-control')).toBe('no-store');
        expect(headers.get('referrer-policy')).toBe('no-referrer');
        expect(headers.has('cross-origin-opener-policy')).toBe(false);
        const csp = headers.get('content-security-policy') ?? '';
        const nonce = /script-src 'nonce-([A-Za-z0-9_-]{16,})'/.exec(csp)?.[1];
        expect(nonce).toBeDefined();
        expect(csp).toContain("default-src 'none'");
        expect(csp).toContain(`style-src 'nonce-${nonce}'`);
        expect(csp).not.toContain('unsafe-inline');
        expect(result?.body).toContain(`<script nonce="${nonce}">`);
        expect(result?.body).toContain(`<style nonce="${nonce}">`);
        expect(result?.body).toContain('You can close this window');
      });

      it('uses a fresh nonce for every response', async () => {
        const browser = h.browser();
        const { attemptId, result } = await authorize(browser);
        const again = await browser.get(resultUrl(attemptId));
        expect(again.headers.get('content-security-policy')).not.toBe(result?.headers.get('content-security-policy'));
      });

      it('reports the outcome to the opener with the exact app origin', async () => {
        const { attemptId, result } = await authorize(h.browser());
        const postMessage = runResultPage(result?.body ?? '', resultUrl(attemptId));
        expect(postMessage).toHaveBeenCalledTimes(1);
        expect(postMessage).toHaveBeenCalledWith({ v: 1, type: 'rcw:authorization-result', attemptId, status: 'authorized' }, APP_ORIGIN);
      });

      it('reports a failure as error with the generic code only', async () => {
        const browser = h.browser();
        const { attemptId, authorizeUrl } = await browser.start();
        const landing = await browser.get(withParam(await h.simulator.approve(authorizeUrl), 'context', 'stores/zzzz99'));
        const page = await browser.get(landing.location ?? '');
        const postMessage = runResultPage(page.body, resultUrl(attemptId));
        expect(postMessage).toHaveBeenCalledWith(
          { v: 1, type: 'rcw:authorization-result', attemptId, status: 'error', errorCode: 'store_mismatch' },
          APP_ORIGIN,
        );
        expect(page.body).toContain('Authorization failed');
      });

      it('reports an expired attempt as error with code expired', async () => {
        const browser = h.browser();
        const { attemptId } = await browser.start();
        h.advance(600_000);
        const page = await browser.get(resultUrl(attemptId));
        expect(page.status).toBe(200);
        expect(runResultPage(page.body, resultUrl(attemptId))).toHaveBeenCalledWith(
          expect.objectContaining({ status: 'error', errorCode: 'expired' }),
          APP_ORIGIN,
        );
      });

      it('answers 400 without a script while the attempt is still pending', async () => {
        const browser = h.browser();
        const { attemptId } = await browser.start();
        const page = await browser.get(resultUrl(attemptId));
        expect(page.status).toBe(400);
        expect(page.body).not.toContain('<script');
      });

      it('shows the host’s strings when given', async () => {
        const german = await harness({ messages: { closeWindow: 'Sie können dieses Fenster schließen.', lang: 'de' } });
        const { result } = await authorize(german.browser(), german);
        expect(result?.body).toContain('Sie können dieses Fenster schließen.');
        expect(result?.body).toContain('<html lang="de">');
      });
    });
  });

  describe('orderStatuses', () => {
    async function grantId(browser: Browser): Promise<string> {
      const { attemptId } = await authorize(browser);
      return ((await browser.status(attemptId)).json as { grantId: string }).grantId;
    }

    it('maps system and custom labels and sorts by order, then id', async () => {
      const browser = h.browser();
      const id = await grantId(browser);
      h.simulator.failNext('order_statuses', {
        status: 200,
        body: JSON.stringify([
          { id: 11, name: 'Ready', system_label: 'Awaiting Fulfillment', custom_label: 'Ready', system_description: '', order: 2 },
          { id: 2, name: 'Shipped', system_label: 'Shipped', custom_label: 'Shipped', order: 1 },
          { id: 5, name: 'Cancelled', custom_label: '' },
          { id: 1, name: 'Pending', system_label: 'Pending', custom_label: null },
          { id: 9, name: 'Awaiting Shipment', system_label: '', custom_label: 'Packed', order: 1 },
        ]),
      });

      const response = await browser.get(`${ORDER_STATUSES_URL}?grant_id=${id}`);

      expect(JSON.parse(response.body)).toEqual([
        { id: 2, name: 'Shipped', order: 1 },
        { id: 9, name: 'Awaiting Shipment', customLabel: 'Packed', order: 1 },
        { id: 11, name: 'Awaiting Fulfillment', customLabel: 'Ready', order: 2 },
        { id: 1, name: 'Pending' },
        { id: 5, name: 'Cancelled' },
      ]);
    });

    it('sends the stored token as X-Auth-Token to the grant’s store', async () => {
      const browser = h.browser();
      const id = await grantId(browser);
      expect((await browser.get(`${ORDER_STATUSES_URL}?grant_id=${id}`)).status).toBe(200);
      // A token of another store is refused by the simulator: the store hash comes from the grant.
      h.grants.set('forged', { storeHash: 'zzzz99', accessToken: h.grants.get(id)?.accessToken ?? '' });
      expect((await browser.get(`${ORDER_STATUSES_URL}?grant_id=forged`)).status).toBe(502);
    });

    it('answers 404 for an unknown grant and 400 without grant_id', async () => {
      const browser = h.browser();
      expect((await browser.get(`${ORDER_STATUSES_URL}?grant_id=nope`)).status).toBe(404);
      expect((await browser.get(ORDER_STATUSES_URL)).status).toBe(400);
    });

    it('answers 500 without calling upstream when getAccessToken returns a bad store hash', async () => {
      h.grants.set('bad', { storeHash: '../../admin', accessToken: 't' });
      const response = await h.browser().get(`${ORDER_STATUSES_URL}?grant_id=bad`);
      expect(response.status).toBe(500);
    });

    it.each([
      ['a 500', { status: 500, body: 'ORDER-UPSTREAM-DETAIL' }],
      ['a 404', { status: 404, body: 'ORDER-UPSTREAM-DETAIL' }],
      ['a 200 that is not JSON', { status: 200, body: 'ORDER-UPSTREAM-DETAIL' }],
      ['a 200 that is not a list', { status: 200, body: JSON.stringify({ detail: 'ORDER-UPSTREAM-DETAIL' }) }],
      ['a 200 with an entry without a label', { status: 200, body: JSON.stringify([{ id: 3, note: 'ORDER-UPSTREAM-DETAIL' }]) }],
    ])('answers 502 with a generic body on %s', async (_, failure) => {
      const browser = h.browser();
      const id = await grantId(browser);
      h.simulator.failNext('order_statuses', failure);
      const response = await browser.get(`${ORDER_STATUSES_URL}?grant_id=${id}`);
      expect(response.status).toBe(502);
      expect(JSON.parse(response.body)).toEqual({ error: 'upstream_error' });
      expect(JSON.stringify(h.logs)).not.toContain('ORDER-UPSTREAM-DETAIL');
    });

    it('answers 502 when the store API does not answer in time', async () => {
      const quick = await harness({ timeoutMs: 150 });
      const browser = quick.browser();
      const { attemptId } = await authorize(browser, quick);
      const id = ((await browser.status(attemptId)).json as { grantId: string }).grantId;
      quick.simulator.failNext('order_statuses', { delayMs: 5_000 });
      expect((await browser.get(`${ORDER_STATUSES_URL}?grant_id=${id}`)).status).toBe(502);
    });
  });

  describe('options', () => {
    const valid = {
      clientId: 'id',
      clientSecret: 'secret',
      callbackUrl: CALLBACK_URL,
      appOrigin: APP_ORIGIN,
      onAuthorized: async () => ({ grantId: 'g' }),
      getAccessToken: async () => null,
    };

    it.each([
      ['an empty client secret', { clientSecret: '' }],
      ['a relative callback URL', { callbackUrl: '/api/bigcommerce/callback' }],
      ['a callback URL with a fragment', { callbackUrl: `${CALLBACK_URL}#x` }],
      ['an app origin with a trailing slash', { appOrigin: `${APP_ORIGIN}/` }],
      ['an app origin of *', { appOrigin: '*' }],
      ['no scopes', { scopes: [] }],
      ['a scope with a space', { scopes: ['a b'] }],
      ['a non-http login base URL', { loginBaseUrl: 'javascript:alert(1)' }],
    ])('throws at creation for %s', (_, override) => {
      expect(() => createBigCommerceAuth({ ...valid, ...override })).toThrow(TypeError);
    });

    it('appends the attempt to a callback URL that has its own query', async () => {
      const withQuery = await harness({ callbackUrl: `${CALLBACK_URL}?provider=bc` });
      const browser = withQuery.browser();
      const { attemptId, landing } = await authorize(browser, withQuery);
      expect(landing.location).toBe(`${CALLBACK_URL}?provider=bc&attempt=${attemptId}`);
      expect(withQuery.simulator.tokenRequests[0]?.redirect_uri).toBe(`${CALLBACK_URL}?provider=bc`);
      expect((await browser.get(landing.location ?? '')).status).toBe(200);
    });
  });
});
