import { describe, expect, it } from 'vitest';
import { resolveStoreHashText } from './use-store-hash';

describe('resolveStoreHashText', () => {
  it('replaces an address by its hash when extraction is allowed', () => {
    expect(resolveStoreHashText('https://api.bigcommerce.com/stores/abcde/v3/', true)).toEqual({
      text: 'abcde',
      info: { ok: true, storeHash: 'abcde', source: 'api-path' },
      found: { storeHash: 'abcde', source: 'api-path' },
    });
  });

  it('keeps an address as typed while extraction waits for blur', () => {
    expect(resolveStoreHashText('stores/abcde', false)).toEqual({
      text: 'stores/abcde',
      info: { ok: true, storeHash: 'abcde', source: 'context' },
    });
  });

  it('never rewrites a bare hash or a rejection', () => {
    expect(resolveStoreHashText(' ABCDE ', true).text).toBe(' ABCDE ');
    expect(resolveStoreHashText('www.shop.com', true)).toEqual({
      text: 'www.shop.com',
      info: { ok: false, reason: 'no-hash-in-url' },
    });
  });
});
