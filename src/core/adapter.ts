import * as z from 'zod/mini';
import { ConnectionError, toConnectionError } from './errors';

/*
 * The host contract. Every method may reject; what it resolves is checked with the zod/mini schemas below, so a
 * malformed response becomes `invalid_adapter_response` naming the method and the field instead of a crash deep
 * inside a component.
 */

export interface Merchant {
  id: string;
  name: string;
  /** Present when the merchant already has a warehouse: step 3 then shows it and asks for nothing. */
  warehouse?: { id: string; name: string };
}

/** One credential field a warehouse platform needs. `secret` fields render as password inputs. */
export interface FieldSpec {
  /** Key in `credentials`. */
  name: string;
  label: string;
  /** @default 'text' */
  type?: 'text' | 'secret' | 'url' | 'email';
  /** @default true */
  required?: boolean;
  placeholder?: string;
  help?: string;
}

export interface WarehousePlatform {
  id: string;
  name: string;
  fields: FieldSpec[];
}

export interface StoreSummary {
  id: string;
  name: string;
  platform: string;
}

export type AuthorizationStatus =
  | { status: 'pending' }
  | { status: 'denied' }
  | { status: 'expired' }
  | { status: 'failed'; code?: string }
  | { status: 'authorized'; grantId: string; storeHash: string; ownerEmail?: string };

/** A store's order status: `name` is the built-in name, `customLabel` the store's own label. */
export interface OrderStatus {
  id: number;
  name: string;
  customLabel?: string;
  order?: number;
}

export interface BigCommerceStoreSettings {
  storeHash: string;
  grantId: string;
  orderImportStatusId: number;
}

export interface ConnectionInput {
  name: string;
  merchant: { mode: 'existing'; merchantId: string } | { mode: 'new'; name: string };
  warehouse:
    | { mode: 'existing'; warehouseId: string }
    | { mode: 'new'; platformId: string; credentials: Record<string, string> };
  store:
    | { mode: 'existing'; storeId: string }
    | { mode: 'new'; name: string; platform: 'bigcommerce'; settings: BigCommerceStoreSettings };
}

export type Connection = { id: string; name: string; enabled: boolean } & Record<string, unknown>;

export interface BeginAuthorizationInput {
  platform: 'bigcommerce';
  storeHash: string;
  attemptId: string;
}

export interface BeginAuthorizationResult {
  /** Where the popup goes: `https:` (or `http:` on localhost / 127.0.0.1) only. */
  url: string;
  /** The exact origin the popup's result page posts from. */
  resultOrigin: string;
}

/**
 * What the host implements: data for the wizard and the server-side half of authorization.
 *
 * @example
 * const adapter: ConnectionAdapter = {
 *   listMerchants: () => fetch('/api/merchants').then((r) => r.json()),
 *   // …
 * };
 */
export interface ConnectionAdapter {
  listMerchants(): Promise<Merchant[]>;
  listWarehousePlatforms(): Promise<WarehousePlatform[]>;
  testWarehouseConnection?(input: {
    platformId: string;
    credentials: Record<string, string>;
  }): Promise<{ ok: boolean; message?: string }>;
  listStores?(): Promise<StoreSummary[]>;
  beginAuthorization(input: BeginAuthorizationInput): Promise<BeginAuthorizationResult>;
  /** The server's truth about an attempt; a popup message is only a hint. */
  getAuthorization(input: { attemptId: string }): Promise<AuthorizationStatus>;
  listOrderStatuses(input: { storeHash: string; grantId: string }): Promise<OrderStatus[]>;
  createConnection(input: ConnectionInput, options: { idempotencyKey: string }): Promise<Connection>;
}

export type AdapterMethod = keyof ConnectionAdapter;

// ---- schemas of what an adapter resolves ----

const id = z.string().check(z.minLength(1));
const text = z.string();

export const merchantSchema = z.object({
  id,
  name: text,
  warehouse: z.optional(z.object({ id, name: text })),
});

export const fieldSpecSchema = z.object({
  name: id,
  label: text,
  type: z.optional(z.enum(['text', 'secret', 'url', 'email'])),
  required: z.optional(z.boolean()),
  placeholder: z.optional(text),
  help: z.optional(text),
});

export const warehousePlatformSchema = z.object({ id, name: text, fields: z.array(fieldSpecSchema) });
export const storeSummarySchema = z.object({ id, name: text, platform: text });

export const authorizationStatusSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({ status: z.literal('denied') }),
  z.object({ status: z.literal('expired') }),
  z.object({ status: z.literal('failed'), code: z.optional(text) }),
  z.object({ status: z.literal('authorized'), grantId: id, storeHash: id, ownerEmail: z.optional(text) }),
]);

const statusId = z.number().check(z.int(), z.nonnegative());

export const orderStatusSchema = z.object({
  id: statusId,
  name: text,
  customLabel: z.optional(text),
  order: z.optional(z.number()),
});

export const beginAuthorizationResultSchema = z.object({ url: id, resultOrigin: id });
export const testConnectionResultSchema = z.object({ ok: z.boolean(), message: z.optional(text) });
export const connectionSchema = z.looseObject({ id, name: text, enabled: z.boolean() });

/** The schema for each method's resolved value. */
export const adapterResultSchemas = {
  listMerchants: z.array(merchantSchema),
  listWarehousePlatforms: z.array(warehousePlatformSchema),
  testWarehouseConnection: testConnectionResultSchema,
  listStores: z.array(storeSummarySchema),
  beginAuthorization: beginAuthorizationResultSchema,
  getAuthorization: authorizationStatusSchema,
  listOrderStatuses: z.array(orderStatusSchema),
  createConnection: connectionSchema,
} satisfies Record<AdapterMethod, z.ZodMiniType>;

type Resolved<M extends AdapterMethod> = Awaited<ReturnType<NonNullable<ConnectionAdapter[M]>>>;

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('') || '(root)';
}

/**
 * Checks what `adapter[method]` resolved. A mismatch throws `invalid_adapter_response` whose message names the
 * method and the field, e.g. `adapter.listMerchants() resolved an invalid value at [0].name`.
 */
export function checkAdapterResult<M extends AdapterMethod>(method: M, value: unknown): Resolved<M> {
  const result = adapterResultSchemas[method].safeParse(value);
  if (result.success) return result.data as Resolved<M>;
  const issue = result.error.issues[0];
  const field = formatPath(issue?.path ?? []);
  const expected = issue && 'expected' in issue ? ` (expected ${String(issue.expected)})` : '';
  throw new ConnectionError('invalid_adapter_response', {
    message: `adapter.${method}() resolved an invalid value at ${field}: ${issue?.code ?? 'invalid'}${expected}`,
    cause: { method, field, issues: result.error.issues },
  });
}

/**
 * Calls an adapter method and checks its result: a rejection becomes `adapter_error` (the original kept in
 * `cause`), a malformed value `invalid_adapter_response`. The one way the library calls a host adapter.
 *
 * @example
 * const merchants = await callAdapter(adapter, 'listMerchants');
 */
export async function callAdapter<M extends AdapterMethod>(
  adapter: Partial<ConnectionAdapter>,
  method: M,
  ...args: Parameters<NonNullable<ConnectionAdapter[M]>>
): Promise<Resolved<M>> {
  const fn = adapter[method] as ((...a: unknown[]) => Promise<unknown>) | undefined;
  if (typeof fn !== 'function') {
    throw new ConnectionError('adapter_error', { message: `adapter.${method} is not a function` });
  }
  let value: unknown;
  try {
    value = await fn.apply(adapter, args);
  } catch (error) {
    throw toConnectionError(error);
  }
  return checkAdapterResult(method, value);
}
