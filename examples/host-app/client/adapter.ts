/*
 * The example host's `ConnectionAdapter`: every method is one request to its own server (server.ts). This is
 * the file a host copies and points at its backend. Nothing secret passes through it: the browser sends the
 * warehouse credentials the user typed once (to create the connection) and only ever receives a `grantId` for
 * BigCommerce, never a token.
 */
import type { ConnectionAdapter } from '../../../src/index';

/** A non-2xx answer. The wizard shows its own message for the failure; `code` is for the console. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    path: string,
  ) {
    super(`${path} answered HTTP ${status}${code ? ` (${code})` : ''}`);
    this.name = 'HttpError';
  }
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    // The status check is bound to the session cookie the /start request set.
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...init.headers },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
    throw new HttpError(
      response.status,
      typeof body?.error === 'string' ? body.error : undefined,
      path.split('?')[0] ?? path,
    );
  }
  return (await response.json()) as T;
}

function postJson<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  return request<T>(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/**
 * Creates the adapter for a page served by the example host. `origin` is where the host runs; the default, the
 * page's own origin, is right for the dashboard and for `/embed` inside an iframe alike.
 *
 * @example
 * <ConnectionWizard adapter={createFetchAdapter()} />
 */
export function createFetchAdapter(origin: string = window.location.origin): ConnectionAdapter {
  const url = (path: string, params?: Record<string, string>) => {
    const target = new URL(path, origin);
    for (const [key, value] of Object.entries(params ?? {})) target.searchParams.set(key, value);
    return target.href;
  };
  return {
    listMerchants: () => request(url('/api/merchants')),
    listWarehousePlatforms: () => request(url('/api/warehouse-platforms')),
    listStores: () => request(url('/api/stores')),
    testWarehouseConnection: (input) => postJson(url('/api/warehouse-test'), input),
    // No request needed: /start records the attempt (bound to a cookie) when the popup opens it.
    beginAuthorization: ({ storeHash, attemptId }) =>
      Promise.resolve({
        url: url('/auth/bigcommerce/start', { attempt: attemptId, store_hash: storeHash }),
        // The result page is served by this same server (its callback URL), so it posts from this origin.
        resultOrigin: new URL(origin).origin,
      }),
    getAuthorization: ({ attemptId }) => request(url('/auth/bigcommerce/status', { attempt: attemptId })),
    listOrderStatuses: ({ grantId }) => request(url('/auth/bigcommerce/order-statuses', { grant_id: grantId })),
    createConnection: (input, { idempotencyKey }) =>
      postJson(url('/api/connections'), input, { 'Idempotency-Key': idempotencyKey }),
  };
}
