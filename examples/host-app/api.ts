/*
 * The example host's JSON API, the backend of its `ConnectionAdapter` (client/adapter.ts). Fetch-API handlers,
 * mounted on node:http with the library's own `toNodeHandler`. Secrets (warehouse credentials, access tokens)
 * are stored here and never appear in a response.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { Connection, ConnectionInput, Merchant, StoreSummary, WarehousePlatform } from '../../src/index';
import { sampleWarehousePlatforms } from '../../src/testing/memory-adapter';
import type { ConnectionRecord, Data, JsonStore } from './db';

/** The demo's warehouse platforms: the same sample the memory adapter and the stories use. */
export const WAREHOUSE_PLATFORMS: WarehousePlatform[] = sampleWarehousePlatforms;

/** Ids 0–14 are BigCommerce's fixed order statuses (DESIGN §2). */
const orderStatusId = z.number().int().min(0).max(14);
const id = z.string().min(1).max(200);

const connectionInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  merchant: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('existing'), merchantId: id }),
    z.strictObject({ mode: z.literal('new'), name: z.string().trim().min(1).max(200) }),
  ]),
  warehouse: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('existing'), warehouseId: id }),
    z.strictObject({
      mode: z.literal('new'),
      platformId: id,
      credentials: z.record(z.string(), z.string().max(2000)),
    }),
  ]),
  store: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('existing'), storeId: id }),
    z.strictObject({
      mode: z.literal('new'),
      name: z.string().trim().min(1).max(200),
      platform: z.literal('bigcommerce'),
      settings: z.strictObject({
        storeHash: z.string().regex(/^[a-z0-9]{4,16}$/),
        grantId: id,
        orderImportStatusId: orderStatusId,
      }),
    }),
  ]),
});

/** What the browser sees of a connection: names and ids, no credential, no token. */
export interface PublicConnection extends Connection {
  id: string;
  name: string;
  enabled: boolean;
  createdAt: string;
  merchant: { id: string; name: string };
  warehouse: { id: string; name: string; platformId: string };
  store: { id: string; name: string; platform: 'bigcommerce'; storeHash: string; orderImportStatusId: number };
}

export function json(body: unknown, status = 200, extra?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...extra,
    },
  });
}

function apiError(status: number, error: string, details?: Record<string, unknown>): Response {
  return json({ error, ...details }, status);
}

function publicConnection(data: Data, record: ConnectionRecord): PublicConnection {
  const merchant = data.merchants.find((m) => m.id === record.merchantId);
  const warehouse = data.warehouses.find((w) => w.id === record.warehouseId);
  const store = data.stores.find((s) => s.id === record.storeId);
  return {
    id: record.id,
    name: record.name,
    enabled: record.enabled,
    createdAt: record.createdAt,
    merchant: { id: record.merchantId, name: merchant?.name ?? '' },
    warehouse: { id: record.warehouseId, name: warehouse?.name ?? '', platformId: warehouse?.platformId ?? '' },
    store: {
      id: record.storeId,
      name: store?.name ?? '',
      platform: 'bigcommerce',
      storeHash: store?.storeHash ?? '',
      orderImportStatusId: store?.orderImportStatusId ?? 11,
    },
  };
}

function listMerchants(data: Data): Merchant[] {
  return data.merchants.map((merchant) => {
    const warehouse = merchant.warehouseId ? data.warehouses.find((w) => w.id === merchant.warehouseId) : undefined;
    return warehouse
      ? { id: merchant.id, name: merchant.name, warehouse: { id: warehouse.id, name: warehouse.name } }
      : { id: merchant.id, name: merchant.name };
  });
}

function listStores(data: Data): StoreSummary[] {
  return data.stores.map((store) => ({ id: store.id, name: store.name, platform: store.platform }));
}

/** A stable fingerprint of a JSON value (keys sorted), to tell a retry from a different request with the same key. */
function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as Record<string, unknown>)
          .sort()
          .map((key) => [key, canonical((v as Record<string, unknown>)[key])]),
      );
    }
    return v;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

type Created =
  | { status: 200 | 201; connection: PublicConnection }
  | { status: 400 | 404 | 409 | 422; error: string; field?: string };

/**
 * Checks the input against the data and creates what it describes, all in one synchronous step (no other request
 * can slip in between the idempotency check and the insert).
 */
function createConnection(
  data: Data,
  input: ConnectionInput,
  idempotencyKey: string | null,
  requestHash: string,
): Created {
  if (idempotencyKey !== null) {
    const seen = data.idempotency[idempotencyKey];
    if (seen) {
      if (seen.requestHash !== requestHash) return { status: 409, error: 'idempotency_key_reused' };
      const existing = data.connections.find((c) => c.id === seen.connectionId);
      if (existing) return { status: 200, connection: publicConnection(data, existing) };
    }
  }

  // Check everything first, then write: a rejected request leaves nothing behind.
  let merchantId: string;
  let newMerchant: { id: string; name: string } | undefined;
  if (input.merchant.mode === 'existing') {
    const merchant = data.merchants.find((m) => m.id === (input.merchant as { merchantId: string }).merchantId);
    if (!merchant) return { status: 422, error: 'unknown_merchant', field: 'merchant.merchantId' };
    merchantId = merchant.id;
  } else {
    newMerchant = { id: newId('m'), name: input.merchant.name.trim() };
    merchantId = newMerchant.id;
  }

  let warehouseId: string;
  let newWarehouse: Data['warehouses'][number] | undefined;
  if (input.warehouse.mode === 'existing') {
    const wanted = input.warehouse.warehouseId;
    const warehouse = data.warehouses.find((w) => w.id === wanted);
    if (!warehouse || warehouse.merchantId !== merchantId) {
      return { status: 422, error: 'unknown_warehouse', field: 'warehouse.warehouseId' };
    }
    warehouseId = warehouse.id;
  } else {
    const { platformId, credentials } = input.warehouse;
    const platform = WAREHOUSE_PLATFORMS.find((p) => p.id === platformId);
    if (!platform) return { status: 422, error: 'unknown_warehouse_platform', field: 'warehouse.platformId' };
    const missing = platform.fields.find((f) => f.required !== false && !credentials[f.name]?.trim());
    if (missing) return { status: 422, error: 'missing_credential', field: `warehouse.credentials.${missing.name}` };
    const known = new Set(platform.fields.map((f) => f.name));
    const storedCredentials = Object.fromEntries(Object.entries(credentials).filter(([key]) => known.has(key)));
    warehouseId = newId('w');
    newWarehouse = {
      id: warehouseId,
      name: `${platform.name} — ${newMerchant?.name ?? data.merchants.find((m) => m.id === merchantId)?.name ?? merchantId}`,
      merchantId,
      platformId,
      credentials: storedCredentials,
    };
  }

  let storeId: string;
  let newStore: Data['stores'][number] | undefined;
  if (input.store.mode === 'existing') {
    const wanted = input.store.storeId;
    const store = data.stores.find((s) => s.id === wanted);
    if (!store) return { status: 422, error: 'unknown_store', field: 'store.storeId' };
    storeId = store.id;
  } else {
    const { settings, name } = input.store;
    const grant = data.grants.find((g) => g.grantId === settings.grantId);
    // The grant must be for the very store being added: a grant id from another store's authorization is refused.
    if (!grant || grant.storeHash !== settings.storeHash)
      return { status: 422, error: 'unknown_grant', field: 'store.settings.grantId' };
    storeId = newId('s');
    newStore = {
      id: storeId,
      name: name.trim(),
      platform: 'bigcommerce',
      storeHash: settings.storeHash,
      grantId: grant.grantId,
      orderImportStatusId: settings.orderImportStatusId,
      merchantId,
    };
  }

  if (newMerchant) data.merchants.push(newWarehouse ? { ...newMerchant, warehouseId } : newMerchant);
  if (newWarehouse) {
    data.warehouses.push(newWarehouse);
    const merchant = data.merchants.find((m) => m.id === merchantId);
    if (merchant && !merchant.warehouseId) merchant.warehouseId = warehouseId;
  }
  if (newStore) data.stores.push(newStore);
  const record: ConnectionRecord = {
    id: newId('conn'),
    name: input.name.trim(),
    // New connections start disabled: nothing syncs until someone turns it on (DESIGN §1).
    enabled: false,
    merchantId,
    warehouseId,
    storeId,
    createdAt: new Date().toISOString(),
  };
  data.connections.push(record);
  if (idempotencyKey !== null) data.idempotency[idempotencyKey] = { connectionId: record.id, requestHash };
  return { status: 201, connection: publicConnection(data, record) };
}

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const type = request.headers.get('content-type') ?? '';
  // application/json only: a cross-site <form> cannot send it without a CORS preflight this server never grants.
  if (!/^application\/json\b/i.test(type)) return { ok: false, response: apiError(415, 'unsupported_media_type') };
  const text = await request.text();
  if (text.length > 64_000) return { ok: false, response: apiError(413, 'payload_too_large') };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: apiError(400, 'invalid_json') };
  }
}

export interface ApiOptions {
  db: JsonStore;
  /** Origins allowed to send writes (besides the request's own host). */
  appOrigin: string;
}

/** One handler for everything under `/api/`. */
export function createApiHandler({ db, appOrigin }: ApiOptions): (request: Request) => Promise<Response> {
  function sameOrigin(request: Request): boolean {
    const origin = request.headers.get('origin');
    if (origin === null) return true; // not a browser, or a same-origin GET
    const host = request.headers.get('host');
    return origin === appOrigin || (host !== null && (origin === `http://${host}` || origin === `https://${host}`));
  }

  return async (request) => {
    const { pathname } = new URL(request.url);
    const method = request.method;
    const route = `${method} ${pathname}`;
    if (method !== 'GET' && !sameOrigin(request)) return apiError(403, 'cross_origin_request');
    const data = db.read();

    switch (route) {
      case 'GET /api/merchants':
        return json(listMerchants(data));
      case 'GET /api/warehouse-platforms':
        return json(WAREHOUSE_PLATFORMS);
      case 'GET /api/stores':
        return json(listStores(data));
      case 'GET /api/connections':
        return json(
          [...data.connections]
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((record) => publicConnection(data, record)),
        );
      case 'POST /api/warehouse-test': {
        const body = await readJson(request);
        if (!body.ok) return body.response;
        const parsed = z
          .object({ platformId: id, credentials: z.record(z.string(), z.string()) })
          .safeParse(body.value);
        if (!parsed.success) return apiError(400, 'invalid_request');
        const platform = WAREHOUSE_PLATFORMS.find((p) => p.id === parsed.data.platformId);
        if (!platform) return apiError(422, 'unknown_warehouse_platform');
        // A pretend check: the demo "warehouse" refuses any credential containing "wrong".
        const rejected = Object.values(parsed.data.credentials).some((value) => value.toLowerCase().includes('wrong'));
        return json(rejected ? { ok: false, message: `${platform.name} rejected these credentials.` } : { ok: true });
      }
      case 'POST /api/connections': {
        const key = request.headers.get('idempotency-key');
        if (key !== null && !/^[\x21-\x7e]{1,200}$/.test(key)) return apiError(400, 'invalid_idempotency_key');
        const body = await readJson(request);
        if (!body.ok) return body.response;
        const parsed = connectionInputSchema.safeParse(body.value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return apiError(400, 'invalid_request', { field: issue?.path.join('.') ?? '' });
        }
        const input = parsed.data as ConnectionInput;
        const result = await db.update((current) => createConnection(current, input, key, fingerprint(body.value)));
        if ('connection' in result) return json(result.connection, result.status);
        return apiError(result.status, result.error, result.field ? { field: result.field } : undefined);
      }
      default: {
        const known = [
          '/api/merchants',
          '/api/warehouse-platforms',
          '/api/stores',
          '/api/connections',
          '/api/warehouse-test',
        ].includes(pathname);
        return known ? apiError(405, 'method_not_allowed') : apiError(404, 'not_found');
      }
    }
  };
}
