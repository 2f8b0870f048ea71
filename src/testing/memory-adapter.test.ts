import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callAdapter } from '../core/adapter';
import { createMemoryAdapter } from './memory-adapter';

const input = {
  name: 'C',
  merchant: { mode: 'new', name: 'M' },
  warehouse: { mode: 'new', platformId: 'acme-wms', credentials: { apiKey: 'k' } },
  store: { mode: 'new', name: 'S', platform: 'bigcommerce', settings: { storeHash: 'abc123', grantId: 'g', orderImportStatusId: 11 } },
} as const;

describe('createMemoryAdapter', () => {
  it('resolves values the adapter schemas accept', async () => {
    const adapter = createMemoryAdapter({ stores: [] });
    await expect(callAdapter(adapter, 'listMerchants')).resolves.toHaveLength(2);
    await expect(callAdapter(adapter, 'listWarehousePlatforms')).resolves.toHaveLength(2);
    await expect(callAdapter(adapter, 'listStores')).resolves.toEqual([]);
  });

  it('offers listStores only when stores are given', () => {
    expect(createMemoryAdapter().listStores).toBeUndefined();
    expect(createMemoryAdapter({ stores: [] }).listStores).toBeTypeOf('function');
  });

  it('records attempts and answers getAuthorization with what the test resolved', async () => {
    const adapter = createMemoryAdapter({ resultOrigin: 'https://app.example' });
    const begun = await adapter.beginAuthorization({ platform: 'bigcommerce', storeHash: 'abc123', attemptId: 'a1' });
    expect(begun.resultOrigin).toBe('https://app.example');
    expect(new URL(begun.url).searchParams.get('attempt')).toBe('a1');
    expect(adapter.attempts).toEqual([{ attemptId: 'a1', storeHash: 'abc123', status: 'pending' }]);
    await expect(adapter.getAuthorization({ attemptId: 'a1' })).resolves.toEqual({ status: 'pending' });
    adapter.resolveAuthorization('a1', { status: 'authorized', grantId: 'g1', storeHash: 'abc123' });
    await expect(adapter.getAuthorization({ attemptId: 'a1' })).resolves.toEqual({ status: 'authorized', grantId: 'g1', storeHash: 'abc123' });
    expect(adapter.attempts[0]?.status).toBe('authorized');
    await expect(adapter.getAuthorization({ attemptId: 'unknown' })).resolves.toEqual({ status: 'expired' });
    expect(() => adapter.resolveAuthorization('unknown', { status: 'denied' })).toThrow(/unknown/i);
  });

  it('returns the store labels as custom labels of the built-ins', async () => {
    const adapter = createMemoryAdapter({ orderStatusLabels: { 11: 'Ready to ship' } });
    const statuses = await adapter.listOrderStatuses({ storeHash: 'abc123', grantId: 'g' });
    expect(statuses).toHaveLength(15);
    expect(statuses[11]).toEqual({ id: 11, name: 'Awaiting Fulfillment', customLabel: 'Ready to ship', order: 11 });
    expect(statuses[0]).toEqual({ id: 0, name: 'Incomplete', order: 0 });
  });

  it('creates a connection once per idempotency key, disabled', async () => {
    const adapter = createMemoryAdapter();
    const first = await adapter.createConnection(structuredClone(input) as never, { idempotencyKey: 'k1' });
    const again = await adapter.createConnection(structuredClone(input) as never, { idempotencyKey: 'k1' });
    const other = await adapter.createConnection(structuredClone(input) as never, { idempotencyKey: 'k2' });
    expect(first).toMatchObject({ id: 'conn_1', name: 'C', enabled: false });
    expect(again.id).toBe(first.id);
    expect(other.id).toBe('conn_2');
    expect(adapter.connections.map((c) => c.idempotencyKey)).toEqual(['k1', 'k2']);
  });

  it('fails the methods it is told to, with code and message', async () => {
    const adapter = createMemoryAdapter({ fail: { listMerchants: true, createConnection: { code: 'conflict', message: 'Taken' } } });
    await expect(adapter.listMerchants()).rejects.toMatchObject({ message: 'listMerchants failed' });
    await expect(adapter.createConnection(input as never, { idempotencyKey: 'k' })).rejects.toMatchObject({ code: 'conflict', message: 'Taken' });
    expect(adapter.connections).toEqual([]);
  });

  it('tests warehouse credentials: "wrong" fails', async () => {
    const adapter = createMemoryAdapter();
    await expect(adapter.testWarehouseConnection?.({ platformId: 'p', credentials: { apiKey: 'wrong' } })).resolves.toMatchObject({ ok: false });
    await expect(adapter.testWarehouseConnection?.({ platformId: 'p', credentials: { apiKey: 'ok' } })).resolves.toEqual({ ok: true });
    expect(createMemoryAdapter({ testWarehouseConnection: false }).testWarehouseConnection).toBeUndefined();
  });

  describe('with latency', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('waits latencyMs before answering', async () => {
      const adapter = createMemoryAdapter({ latencyMs: 500 });
      let done = false;
      void adapter.listMerchants().then(() => {
        done = true;
      });
      await vi.advanceTimersByTimeAsync(499);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toBe(true);
    });
  });
});
