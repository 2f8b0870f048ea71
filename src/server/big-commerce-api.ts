import * as z from 'zod/mini';
import type { OrderStatus } from '../core/adapter';

/*
 * The two upstream calls. They return a reason instead of throwing, and never hand the upstream body back: the
 * caller turns a failure into a generic code and logs only the reason and the HTTP status.
 */

export type UpstreamFailureReason = 'http_status' | 'timeout' | 'network' | 'invalid_json' | 'invalid_response';

export type UpstreamResult<T> = { ok: true; value: T } | { ok: false; reason: UpstreamFailureReason; httpStatus?: number };

const nonEmpty = z.string().check(z.minLength(1));
const person = z.object({ id: z.number(), email: z.string() });

const tokenResponseSchema = z.object({
  access_token: nonEmpty,
  scope: z.string(),
  context: nonEmpty,
  user: person,
  owner: z.optional(z.nullable(person)),
  account_uuid: z.optional(z.nullable(z.string())),
});

export type TokenResponse = z.infer<typeof tokenResponseSchema>;

const orderStatusEntrySchema = z.object({
  id: z.number().check(z.int(), z.nonnegative()),
  name: z.optional(z.nullable(z.string())),
  system_label: z.optional(z.nullable(z.string())),
  custom_label: z.optional(z.nullable(z.string())),
  order: z.optional(z.nullable(z.number())),
});

type OrderStatusEntry = z.infer<typeof orderStatusEntrySchema>;

async function getJson(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<UpstreamResult<unknown>> {
  let response: Response;
  let text: string;
  try {
    // One signal for the whole exchange, body included: a server that sends headers and then stalls times out too.
    response = await fetchImpl(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    return { ok: false, reason: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network' };
  }
  if (!response.ok) return { ok: false, reason: 'http_status', httpStatus: response.status };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'invalid_json', httpStatus: response.status };
  }
}

export interface ExchangeInput {
  fetch: typeof fetch;
  loginBaseUrl: string;
  timeoutMs: number;
  clientId: string;
  clientSecret: string;
  code: string;
  context: string;
  scope: string;
  redirectUri: string;
}

/** `POST {loginBaseUrl}/oauth2/token` with the fields BigCommerce documents (DESIGN §2). */
export async function exchangeCode(input: ExchangeInput): Promise<UpstreamResult<TokenResponse>> {
  const result = await getJson(
    input.fetch,
    `${input.loginBaseUrl}/oauth2/token`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        client_id: input.clientId,
        client_secret: input.clientSecret,
        code: input.code,
        context: input.context,
        scope: input.scope,
        grant_type: 'authorization_code',
        redirect_uri: input.redirectUri,
      }),
    },
    input.timeoutMs,
  );
  if (!result.ok) return result;
  const parsed = tokenResponseSchema.safeParse(result.value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'invalid_response' };
}

export interface OrderStatusesInput {
  fetch: typeof fetch;
  apiBaseUrl: string;
  timeoutMs: number;
  storeHash: string;
  accessToken: string;
}

/** `GET {apiBaseUrl}/stores/{hash}/v2/order_statuses`, mapped and sorted. */
export async function fetchOrderStatuses(input: OrderStatusesInput): Promise<UpstreamResult<OrderStatus[]>> {
  const result = await getJson(
    input.fetch,
    `${input.apiBaseUrl}/stores/${encodeURIComponent(input.storeHash)}/v2/order_statuses`,
    { method: 'GET', headers: { 'X-Auth-Token': input.accessToken, Accept: 'application/json' } },
    input.timeoutMs,
  );
  if (!result.ok) return result;
  const parsed = z.array(orderStatusEntrySchema).safeParse(result.value);
  if (!parsed.success) return { ok: false, reason: 'invalid_response' };
  const statuses: OrderStatus[] = [];
  for (const entry of parsed.data) {
    const status = toOrderStatus(entry);
    if (!status) return { ok: false, reason: 'invalid_response' };
    statuses.push(status);
  }
  return { ok: true, value: sortOrderStatuses(statuses) };
}

/**
 * One upstream entry as the library's `OrderStatus`: `name` is the built-in label (`system_label`, else `name`),
 * `customLabel` the store's own label when it differs from the built-in one. `undefined` when there is no label.
 */
export function toOrderStatus(entry: OrderStatusEntry): OrderStatus | undefined {
  const name = entry.system_label || entry.name;
  if (!name) return undefined;
  const status: OrderStatus = { id: entry.id, name };
  const custom = entry.custom_label?.trim();
  if (custom && custom !== name) status.customLabel = custom;
  if (typeof entry.order === 'number' && Number.isFinite(entry.order)) status.order = entry.order;
  return status;
}

/** By `order`, entries without one after those with one, then by id. */
export function sortOrderStatuses(statuses: OrderStatus[]): OrderStatus[] {
  return [...statuses].sort(
    (a, b) => (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY) || a.id - b.id,
  );
}
