import { describe, expect, it } from 'vitest';
import { callAdapter, checkAdapterResult, type ConnectionAdapter } from './adapter';
import { ConnectionError } from './errors';

function expectInvalid(run: () => unknown, message: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'invalid_adapter_response', recoverable: false });
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected invalid_adapter_response');
}

describe('checkAdapterResult', () => {
  it('passes a well-formed value through', () => {
    expect(checkAdapterResult('listMerchants', [{ id: 'm1', name: 'Brand X', warehouse: { id: 'w1', name: 'WMS' } }])).toEqual([
      { id: 'm1', name: 'Brand X', warehouse: { id: 'w1', name: 'WMS' } },
    ]);
    expect(checkAdapterResult('getAuthorization', { status: 'authorized', grantId: 'g', storeHash: 'abc123' })).toEqual({
      status: 'authorized',
      grantId: 'g',
      storeHash: 'abc123',
    });
  });

  it('keeps extra fields of a created connection (hosts return their own)', () => {
    expect(checkAdapterResult('createConnection', { id: 'c1', name: 'n', enabled: false, url: '/c/1' })).toMatchObject({ url: '/c/1' });
  });

  describe('when an adapter resolves a malformed value', () => {
    it.each([
      ['listMerchants', [{ id: 'm1', name: 3 }], /adapter\.listMerchants\(\) .* at \[0\]\.name/],
      ['listMerchants', { merchants: [] }, /adapter\.listMerchants\(\) .* at \(root\)/],
      ['listWarehousePlatforms', [{ id: 'p', name: 'P', fields: [{ name: 'k', label: 'K', type: 'password' }] }], /\[0\]\.fields\[0\]\.type/],
      ['getAuthorization', { status: 'authorized', grantId: 'g' }, /adapter\.getAuthorization\(\) .* at \.storeHash/],
      ['getAuthorization', { status: 'authorized', storeHash: 'abc123' }, /adapter\.getAuthorization\(\) .* at \.grantId/],
      ['getAuthorization', { status: 'authorized', grantId: '', storeHash: 'abc123' }, /\.grantId/],
      ['getAuthorization', { status: 'maybe' }, /adapter\.getAuthorization\(\) .* at \.status/],
      ['getAuthorization', { status: 'failed', code: 7 }, /\.code/],
      ['beginAuthorization', { url: 'https://x' }, /\.resultOrigin/],
      ['listOrderStatuses', [{ id: 1.5, name: 'Pending' }], /\[0\]\.id/],
      ['createConnection', { id: 'c1', name: 'n' }, /\.enabled/],
    ] as const)('%s → invalid_adapter_response naming the field', (method, value, message) => {
      expectInvalid(() => checkAdapterResult(method, value), message);
    });
  });
});

describe('callAdapter', () => {
  const base = { listMerchants: async () => [{ id: 'm1', name: 'A' }] } as Partial<ConnectionAdapter>;

  it('resolves the checked value', async () => {
    await expect(callAdapter(base, 'listMerchants')).resolves.toEqual([{ id: 'm1', name: 'A' }]);
  });

  it('turns a rejection into adapter_error and keeps the original as cause', async () => {
    const original = new Error('<b>500</b>');
    const adapter = { listMerchants: async () => Promise.reject(original) } as Partial<ConnectionAdapter>;
    await expect(callAdapter(adapter, 'listMerchants')).rejects.toMatchObject({ code: 'adapter_error', cause: original });
  });

  it('turns a synchronous throw into adapter_error', async () => {
    const adapter = {
      listMerchants: () => {
        throw new Error('sync');
      },
    } as unknown as Partial<ConnectionAdapter>;
    await expect(callAdapter(adapter, 'listMerchants')).rejects.toMatchObject({ code: 'adapter_error' });
  });

  it('reports a missing optional method as adapter_error', async () => {
    await expect(callAdapter(base, 'listStores')).rejects.toMatchObject({ code: 'adapter_error' });
  });

  it('passes arguments and keeps `this`', async () => {
    const adapter = {
      prefix: 'x',
      async createConnection(this: { prefix: string }, input: { name: string }, options: { idempotencyKey: string }) {
        return { id: `${this.prefix}-${options.idempotencyKey}`, name: input.name, enabled: false };
      },
    };
    await expect(
      callAdapter(adapter as unknown as ConnectionAdapter, 'createConnection', { name: 'n' } as never, { idempotencyKey: 'k' }),
    ).resolves.toEqual({ id: 'x-k', name: 'n', enabled: false });
  });
});
