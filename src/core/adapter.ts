// Named imports, not `import * as z`: a namespace import of an external package costs an interop helper in every
// bundle that keeps zod external, and `import { z }` defeats tree-shaking of zod itself.
import {
  array,
  boolean,
  looseObject,
  number,
  object,
  optional,
  refine,
  string,
  type ZodMiniType,
} from 'zod/mini';
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

const AUTHORIZATION_STATUSES: ReadonlyArray<string> = ['pending', 'denied', 'expired', 'failed', 'authorized'];
const FIELD_TYPES: ReadonlyArray<string> = ['text', 'secret', 'url', 'email'];

type ResultSchemas = Record<AdapterMethod, ZodMiniType>;
let resultSchemas: ResultSchemas | undefined;

/**
 * The schema for each method's resolved value, built on first use: nothing runs at import time, so a host's
 * bundler can drop this module (and zod) from a bundle that never calls an adapter.
 */
function adapterResultSchemas(): ResultSchemas {
  if (resultSchemas) return resultSchemas;
  // One `refine` per rule instead of zod's `minLength`/`int`/`nonnegative`/`enum`: each built-in check class adds to
  // every host's bundle (about 0.8 kB brotli together, bench/RESULTS.md), a `refine` reuses the one check mechanism.
  // The issue's path, which names the field in `invalid_adapter_response`, is the same.
  const id = string().check(refine((value) => value !== ''));
  const text = string();
  const optionalText = optional(text);
  const list = (shape: Parameters<typeof object>[0]) => array(object(shape));
  const oneOf = (values: ReadonlyArray<string>) => string().check(refine((value) => values.includes(value)));
  const neededWhenAuthorized = (key: 'grantId' | 'storeHash') =>
    refine<{ status: string; grantId?: string; storeHash?: string }>((value) => value.status !== 'authorized' || value[key] !== undefined, {
      path: [key],
    });
  resultSchemas = {
    listMerchants: list({ id, name: text, warehouse: optional(object({ id, name: text })) }),
    listWarehousePlatforms: list({
      id,
      name: text,
      fields: list({
        name: id,
        label: text,
        type: optional(oneOf(FIELD_TYPES)),
        required: optional(boolean()),
        placeholder: optionalText,
        help: optionalText,
      }),
    }),
    testWarehouseConnection: object({ ok: boolean(), message: optionalText }),
    listStores: list({ id, name: text, platform: text }),
    beginAuthorization: object({ url: id, resultOrigin: id }),
    // One object with a rule per key `authorized` needs, not a discriminated union: the union and its literals
    // cost every host about 0.8 kB brotli, and the path still names the missing field.
    getAuthorization: object({
      status: oneOf(AUTHORIZATION_STATUSES),
      code: optionalText,
      grantId: optional(id),
      storeHash: optional(id),
      ownerEmail: optionalText,
    }).check(neededWhenAuthorized('grantId'), neededWhenAuthorized('storeHash')),
    listOrderStatuses: list({
      id: number().check(refine((value) => Number.isInteger(value) && value >= 0)),
      name: text,
      customLabel: optionalText,
      order: optional(number()),
    }),
    createConnection: looseObject({ id, name: text, enabled: boolean() }),
  };
  return resultSchemas;
}

type Resolved<M extends AdapterMethod> = Awaited<ReturnType<NonNullable<ConnectionAdapter[M]>>>;

/**
 * Checks what `adapter[method]` resolved. A mismatch throws `invalid_adapter_response` whose `cause` names the
 * method and the field (`{ method, field: '[0].name', issues }`); in development its message says it too, e.g.
 * `adapter.listMerchants() resolved an invalid value at [0].name`.
 */
export function checkAdapterResult<M extends AdapterMethod>(method: M, value: unknown): Resolved<M> {
  const result = adapterResultSchemas()[method].safeParse(value);
  if (result.success) return result.data as Resolved<M>;
  const issue = result.error.issues[0];
  const field = (issue?.path ?? []).map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('') || '(root)';
  throw new ConnectionError('invalid_adapter_response', {
    message:
      process.env.NODE_ENV !== 'production'
        ? `adapter.${method}() resolved an invalid value at ${field}: ${issue?.code ?? 'invalid'}${
            issue && 'expected' in issue ? ` (expected ${String(issue.expected)})` : ''
          }`
        : undefined,
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
    throw new ConnectionError('adapter_error', {
      message: process.env.NODE_ENV !== 'production' ? `adapter.${method} is not a function` : undefined,
    });
  }
  let value: unknown;
  try {
    value = await fn.apply(adapter, args);
  } catch (error) {
    throw toConnectionError(error);
  }
  return checkAdapterResult(method, value);
}
