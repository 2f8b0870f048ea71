/*
 * The example host's whole database: one JSON file, rewritten atomically (write a temporary file, then rename it
 * over the old one) after every change, so a crash or a restart never leaves half a file and loses nothing that a
 * response already confirmed. Good enough for a demo; a real host keeps the same shapes in its own database.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface MerchantRecord {
  id: string;
  name: string;
  warehouseId?: string;
}

export interface WarehouseRecord {
  id: string;
  name: string;
  merchantId: string;
  platformId: string;
  /** Secret: never leaves the server. */
  credentials: Record<string, string>;
}

export interface StoreRecord {
  id: string;
  name: string;
  platform: 'bigcommerce';
  storeHash: string;
  grantId?: string;
  orderImportStatusId: number;
  merchantId?: string;
}

/** A BigCommerce authorization. The access token stays here: only `grantId` ever reaches a browser. */
export interface GrantRecord {
  grantId: string;
  storeHash: string;
  /** Secret: never leaves the server. */
  accessToken: string;
  scope: string;
  userEmail: string;
  ownerEmail?: string;
  accountUuid?: string;
  createdAt: string;
}

export interface ConnectionRecord {
  id: string;
  name: string;
  enabled: boolean;
  merchantId: string;
  warehouseId: string;
  storeId: string;
  createdAt: string;
}

export interface IdempotencyRecord {
  connectionId: string;
  /** Fingerprint of the request body: the same key with another body is refused. */
  requestHash: string;
}

export interface Data {
  version: 1;
  merchants: MerchantRecord[];
  warehouses: WarehouseRecord[];
  stores: StoreRecord[];
  grants: GrantRecord[];
  connections: ConnectionRecord[];
  idempotency: Record<string, IdempotencyRecord>;
}

/** What a fresh data file starts with: a merchant that already ships from a warehouse, and one that does not. */
export function seedData(): Data {
  return {
    version: 1,
    merchants: [
      { id: 'm_brandx', name: 'Brand X', warehouseId: 'w_acme_reno' },
      { id: 'm_northwind', name: 'Northwind Outfitters' },
    ],
    warehouses: [
      {
        id: 'w_acme_reno',
        name: 'ACME WMS — Reno',
        merchantId: 'm_brandx',
        platformId: 'acme-wms',
        credentials: { accountId: 'brandx', apiKey: 'seeded-demo-key' },
      },
    ],
    stores: [],
    grants: [],
    connections: [],
    idempotency: {},
  };
}

export interface JsonStore {
  readonly file: string;
  /** The current data. Mutate it only inside `update`. */
  read(): Data;
  /**
   * Applies `change` synchronously (so no other request interleaves between a check and its write) and resolves
   * once the file on disk holds the result.
   */
  update<T>(change: (data: Data) => T): Promise<T>;
  /** Resolves when every pending write is on disk. */
  flush(): Promise<void>;
}

function isData(value: unknown): value is Data {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  return (
    data.version === 1 &&
    ['merchants', 'warehouses', 'stores', 'grants', 'connections'].every((key) => Array.isArray(data[key])) &&
    typeof data.idempotency === 'object' &&
    data.idempotency !== null
  );
}

/**
 * Opens (or creates, with the seed data) the JSON file. A file that exists but cannot be parsed is an error, not
 * a reason to start over: the demo never overwrites data it did not understand.
 */
export async function openJsonStore(file: string): Promise<JsonStore> {
  const absolute = path.resolve(file);
  await mkdir(path.dirname(absolute), { recursive: true });
  let data: Data;
  let text: string | undefined;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text === undefined) {
    data = seedData();
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${absolute} is not valid JSON; move it away to start with fresh demo data`);
    }
    if (!isData(parsed)) throw new Error(`${absolute} is not a host-app data file (version 1)`);
    data = parsed;
  }

  let writing: Promise<void> = Promise.resolve();

  async function persist(snapshot: string): Promise<void> {
    const temporary = `${absolute}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, snapshot, { encoding: 'utf8', mode: 0o600 });
      // rename() replaces the old file in one step on the same file system: readers see the old or the new file.
      await rename(temporary, absolute);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  function enqueue(): Promise<void> {
    // Serialised: each write starts after the previous one finished, and each writes the latest state.
    const snapshot = JSON.stringify(data, null, 2);
    writing = writing.catch(() => {}).then(() => persist(snapshot));
    return writing;
  }

  if (text === undefined) await enqueue();

  return {
    file: absolute,
    read: () => data,
    async update(change) {
      const result = change(data);
      await enqueue();
      return result;
    },
    flush: () => writing.catch(() => {}),
  };
}
