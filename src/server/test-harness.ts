import { vi } from 'vitest';
import { type BigCommerceSimulatorOptions, createBigCommerceSimulator, SIMULATOR_CLIENT } from '../testing/simulator';
import { type BigCommerceAuthOptions, type BigCommerceGrant, createBigCommerceAuth } from './create-big-commerce-auth';

/*
 * Test support for the server suites (not a test file, not exported): the handlers wired to a real simulator on
 * loopback, a fake clock, a logger and a "browser" with a cookie jar that records every response it sees, so a
 * test can search all of the server's output for secrets.
 */

export const APP_ORIGIN = 'https://app.example.test';
export const CALLBACK_URL = `${APP_ORIGIN}/api/bigcommerce/callback`;
export const START_URL = `${APP_ORIGIN}/api/bigcommerce/start`;
export const STATUS_URL = `${APP_ORIGIN}/api/bigcommerce/status`;
export const ORDER_STATUSES_URL = `${APP_ORIGIN}/api/bigcommerce/order-statuses`;

const ROUTES = {
  '/api/bigcommerce/start': 'start',
  '/api/bigcommerce/callback': 'callback',
  '/api/bigcommerce/status': 'status',
  '/api/bigcommerce/order-statuses': 'orderStatuses',
} as const;

export interface SeenResponse {
  url: string;
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

export interface BrowserResponse {
  status: number;
  headers: Headers;
  body: string;
  location: string | null;
}

export interface HarnessOptions extends Partial<Omit<BigCommerceAuthOptions, 'onAuthorized' | 'getAccessToken'>> {
  simulator?: BigCommerceSimulatorOptions;
}

export async function createHarness(options: HarnessOptions = {}) {
  const { simulator: simulatorOptions, ...authOverrides } = options;
  const simulator = await createBigCommerceSimulator(simulatorOptions);
  let time = Date.UTC(2030, 0, 1);
  const logs: Array<{ message: string; meta?: Record<string, unknown> }> = [];
  const responses: SeenResponse[] = [];
  const grants = new Map<string, { storeHash: string; accessToken: string }>();
  const onAuthorized = vi.fn(async (grant: BigCommerceGrant, _context: { request: Request }) => {
    const grantId = `grant_${grants.size + 1}`;
    grants.set(grantId, { storeHash: grant.storeHash, accessToken: grant.accessToken });
    return { grantId };
  });
  const getAccessToken = vi.fn(async (grantId: string, _context: { request: Request }) => grants.get(grantId) ?? null);
  const auth = createBigCommerceAuth({
    clientId: SIMULATOR_CLIENT.clientId,
    clientSecret: SIMULATOR_CLIENT.clientSecret,
    callbackUrl: CALLBACK_URL,
    appOrigin: APP_ORIGIN,
    loginBaseUrl: simulator.loginBaseUrl,
    apiBaseUrl: simulator.apiBaseUrl,
    now: () => time,
    logger: { warn: (message, meta) => logs.push(meta === undefined ? { message } : { message, meta }) },
    ...authOverrides,
    onAuthorized,
    getAccessToken,
  });

  /**
   * A browser tab of the host app: its own cookie jar, requests routed to the handlers by path. With
   * `keepsCookies: false` it is a wizard in a cross-site iframe: it sends no cookie and drops every `Set-Cookie`.
   */
  function browser({ keepsCookies = true }: { keepsCookies?: boolean } = {}) {
    const jar = new Map<string, string>();
    async function get(url: string, init: { headers?: Record<string, string>; method?: string } = {}): Promise<BrowserResponse> {
      const target = new URL(url, APP_ORIGIN);
      const route = ROUTES[target.pathname as keyof typeof ROUTES];
      if (!route) throw new Error(`no handler for ${target.pathname}`);
      const headers = new Headers(init.headers);
      if (jar.size > 0 && !headers.has('cookie')) {
        headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
      }
      const response = await auth[route](new Request(target, { method: init.method ?? 'GET', headers }));
      for (const cookie of keepsCookies ? response.headers.getSetCookie() : []) {
        const [pair = ''] = cookie.split(';');
        const index = pair.indexOf('=');
        jar.set(pair.slice(0, index), pair.slice(index + 1));
      }
      const body = await response.text();
      responses.push({ url: target.href, status: response.status, headers: [...response.headers], body });
      return { status: response.status, headers: response.headers, body, location: response.headers.get('location') };
    }
    return {
      get,
      jar,
      /** `start` for a new attempt; resolves the authorize URL BigCommerce's page would be opened at. */
      async start(storeHash = 'abc123', attemptId: string = crypto.randomUUID()) {
        const response = await get(`${START_URL}?attempt=${encodeURIComponent(attemptId)}&store_hash=${encodeURIComponent(storeHash)}`);
        return { attemptId, response, authorizeUrl: response.location ?? '' };
      },
      async status(attemptId: string) {
        const response = await get(`${STATUS_URL}?attempt=${encodeURIComponent(attemptId)}`);
        return { status: response.status, json: JSON.parse(response.body) as unknown };
      },
    };
  }

  return {
    simulator,
    auth,
    logs,
    responses,
    grants,
    onAuthorized,
    getAccessToken,
    browser,
    advance(ms: number) {
      time += ms;
    },
    close: () => simulator.close(),
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/** Replaces (or adds) one query parameter of a URL, as a tampering attacker would. */
export function withParam(url: string, name: string, value: string | null): string {
  const next = new URL(url);
  if (value === null) next.searchParams.delete(name);
  else next.searchParams.set(name, value);
  return next.href;
}

/** The slice of jsdom's API the server and simulator suites use (jsdom ships no types; @types/jsdom is not installed). */
export interface Jsdom {
  JSDOM: new (
    html: string,
    options?: { url?: string; runScripts?: 'dangerously'; beforeParse?: (window: Window) => void },
  ) => { window: Window & typeof globalThis };
}

/** jsdom, imported through a `string`-typed specifier so TypeScript does not ask for its missing declarations. */
export async function loadJsdom(): Promise<Jsdom> {
  const specifier: string = 'jsdom';
  return (await import(/* @vite-ignore */ specifier)) as Jsdom;
}

