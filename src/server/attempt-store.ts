/**
 * Where the server keeps pending authorization attempts and the sessions that started them. Values are plain
 * JSON-compatible objects, so a Redis or database store only has to `JSON.stringify` them.
 *
 * @example
 * // A Redis-backed store (ioredis)
 * const store: AttemptStore = {
 *   async get(key) { const raw = await redis.get(key); return raw === null ? undefined : JSON.parse(raw); },
 *   async set(key, value, ttlMs) { await redis.set(key, JSON.stringify(value), 'PX', ttlMs); },
 *   async delete(key) { await redis.del(key); },
 *   async add(key, value, ttlMs) { return (await redis.set(key, JSON.stringify(value), 'PX', ttlMs, 'NX')) === 'OK'; },
 * };
 */
export interface AttemptStore {
  /** The value stored under `key`, or `undefined` when there is none or it has expired. */
  get(key: string): Promise<unknown>;
  /** Stores `value` under `key` for `ttlMs` milliseconds, replacing what was there. */
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Stores `value` only when `key` holds nothing yet and says whether it did, atomically (Redis `SET NX`).
   * Optional: with it, a replayed callback cannot exchange a code twice even across server instances; without
   * it the guarantee holds within one process.
   */
  add?(key: string, value: unknown, ttlMs: number): Promise<boolean>;
}

export interface MemoryAttemptStoreOptions {
  /** Clock used for expiry. @default Date.now */
  now?: () => number;
  /**
   * At most this many live entries; the oldest go first. Bounds memory when `start` is hammered.
   * @default 10_000
   */
  maxEntries?: number;
}

/**
 * The default `AttemptStore`: a `Map` in this process that expires entries by `now()`. Fine for one server
 * process; use a shared store (Redis, a database) when several instances serve the callback.
 *
 * @example
 * const store = createMemoryAttemptStore({ now: () => clock });
 */
export function createMemoryAttemptStore(options: MemoryAttemptStoreOptions = {}): AttemptStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  let lastSweep = now();

  function sweep(time: number): void {
    lastSweep = time;
    for (const [key, entry] of entries) if (time >= entry.expiresAt) entries.delete(key);
  }

  function live(key: string): { value: unknown } | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (now() >= entry.expiresAt) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function put(key: string, value: unknown, ttlMs: number): void {
    // Re-inserting moves the key to the end, so Map order stays "oldest write first" for eviction.
    entries.delete(key);
    const time = now();
    entries.set(key, { value: structuredClone(value), expiresAt: time + ttlMs });
    // Entries nobody reads again would otherwise linger until evicted: sweep them once a minute.
    if (time - lastSweep >= 60_000 || entries.size > maxEntries) sweep(time);
    for (const k of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(k);
    }
  }

  return {
    async get(key) {
      // A copy, so a caller mutating what it read cannot change the store behind its back (as with Redis).
      const entry = live(key);
      return entry === undefined ? undefined : structuredClone(entry.value);
    },
    async set(key, value, ttlMs) {
      put(key, value, ttlMs);
    },
    async delete(key) {
      entries.delete(key);
    },
    async add(key, value, ttlMs) {
      if (live(key)) return false;
      put(key, value, ttlMs);
      return true;
    },
  };
}
