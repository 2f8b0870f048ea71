import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStoreHash, STORE_HASH_MAX_LENGTH, STORE_HASH_MIN_LENGTH } from './store-hash';

const NUM_RUNS = 1_000;

describe('parseStoreHash', () => {
  describe('accepts every shape of DESIGN §2', () => {
    it.each([
      // API path
      ['https://api.bigcommerce.com/stores/abc123/v3/catalog', 'abc123', 'api-path'],
      ['https://api.bigcommerce.com/stores/abc123/v3/', 'abc123', 'api-path'],
      ['https://api.bigcommerce.com/stores/abc123/v2/orders', 'abc123', 'api-path'],
      ['https://api.bigcommerce.com/stores/abc123/graphql', 'abc123', 'api-path'],
      ['api.bigcommerce.com/stores/abc123/v3/catalog', 'abc123', 'api-path'],
      ['HTTPS://API.BIGCOMMERCE.COM/stores/ABC123/v3/', 'abc123', 'api-path'],
      // control panel / permanent address
      ['https://store-abc123.mybigcommerce.com/manage/orders', 'abc123', 'control-panel'],
      ['store-abc123.mybigcommerce.com/manage', 'abc123', 'control-panel'],
      ['https://store-abc123.mybigcommerce.com', 'abc123', 'control-panel'],
      // channel host
      ['https://store-abc123-1234.mybigcommerce.com', 'abc123', 'control-panel'],
      ['store-abc123-1234.mybigcommerce.com/', 'abc123', 'control-panel'],
      // context string
      ['stores/abc123', 'abc123', 'context'],
      ['context=stores%2Fabc123', 'abc123', 'context'],
      ['context=stores/abc123', 'abc123', 'context'],
      ['https://login.bigcommerce.com/oauth2/authorize?client_id=x&context=stores%2Fabc123', 'abc123', 'context'],
      // bare
      ['abc123', 'abc123', 'bare'],
      ['  ABC123 ', 'abc123', 'bare'],
      ['abcd', 'abcd', 'bare'],
      ['a1b2c3d4e5f6g7h8', 'a1b2c3d4e5f6g7h8', 'bare'],
      ['%20abc123%20', 'abc123', 'bare'],
    ])('%s → %s (%s)', (input, storeHash, source) => {
      expect(parseStoreHash(input)).toEqual({ ok: true, storeHash, source });
    });
  });

  describe('rejects with a specific reason', () => {
    it.each([
      ['', 'empty'],
      ['   ', 'empty'],
      ['%20%20', 'empty'],
      ['www.shop.com', 'no-hash-in-url'],
      ['https://www.shop.com/checkout', 'no-hash-in-url'],
      ['shop.com', 'no-hash-in-url'],
      ['login.bigcommerce.com/login', 'no-hash-in-url'],
      ['https://login.bigcommerce.com/deep-links/manage', 'no-hash-in-url'],
      ['https://api.bigcommerce.com/stores//v3/', 'no-hash-in-url'],
      ['context=', 'no-hash-in-url'],
      ['ab.cd', 'invalid-characters'],
      ['abc_123', 'invalid-characters'],
      ['abc 123', 'invalid-characters'],
      ['abc-123', 'invalid-characters'],
      ['<script>', 'invalid-characters'],
      ['https://api.bigcommerce.com/stores/ab_c1/v3/', 'invalid-characters'],
      ['abc', 'too-short'],
      ['a', 'too-short'],
      ['stores/abc', 'too-short'],
      ['abcdefghijklmnopq', 'too-long'],
      ['https://store-abcdefghijklmnopqrstu.mybigcommerce.com', 'too-long'],
    ])('%j → %s', (input, reason) => {
      expect(parseStoreHash(input)).toEqual({ ok: false, reason });
    });

    it('tries the reasons for non-URL input in the order empty → invalid-characters → too-short → too-long', () => {
      expect(parseStoreHash('a_')).toEqual({ ok: false, reason: 'invalid-characters' });
      expect(parseStoreHash('a_bcdefghijklmnopqrstuv')).toEqual({ ok: false, reason: 'invalid-characters' });
      expect(parseStoreHash('ab')).toEqual({ ok: false, reason: 'too-short' });
    });

    it('survives malformed percent-encoding', () => {
      expect(parseStoreHash('%E0%A4%A')).toEqual({ ok: false, reason: 'invalid-characters' });
    });

    it('treats a non-string as empty instead of throwing', () => {
      expect(parseStoreHash(undefined as unknown as string)).toEqual({ ok: false, reason: 'empty' });
    });
  });

  describe('properties', () => {
    const validHash = fc.stringMatching(new RegExp(`^[a-z0-9]{${STORE_HASH_MIN_LENGTH},${STORE_HASH_MAX_LENGTH}}$`));

    it('never throws on any string', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.webUrl()), (input) => {
          const result = parseStoreHash(input);
          expect(typeof result.ok).toBe('boolean');
        }),
        { numRuns: NUM_RUNS },
      );
    });

    it('re-parses an accepted hash to itself as bare', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), validHash, validHash.map((h) => `https://api.bigcommerce.com/stores/${h}/v3/`)), (input) => {
          const result = parseStoreHash(input);
          if (!result.ok) return;
          expect(parseStoreHash(result.storeHash)).toEqual({ ok: true, storeHash: result.storeHash, source: 'bare' });
        }),
        { numRuns: NUM_RUNS },
      );
    });

    it('finds the hash inside every URL shape', () => {
      const shapes: Array<[(hash: string, n: number) => string, string]> = [
        [(h) => `https://api.bigcommerce.com/stores/${h}/v3/catalog/products`, 'api-path'],
        [(h) => `api.bigcommerce.com/stores/${h}/v2/orders?limit=5`, 'api-path'],
        [(h) => `https://api.bigcommerce.com/stores/${h}/graphql`, 'api-path'],
        [(h) => `https://store-${h}.mybigcommerce.com/manage/orders`, 'control-panel'],
        [(h) => `store-${h}.mybigcommerce.com/manage`, 'control-panel'],
        [(h, n) => `https://store-${h}-${n}.mybigcommerce.com`, 'control-panel'],
        [(h) => `stores/${h}`, 'context'],
        [(h) => `context=stores%2F${h}`, 'context'],
      ];
      fc.assert(
        fc.property(validHash, fc.nat(99_999), fc.constantFrom(...shapes.keys()), fc.boolean(), (hash, n, index, upper) => {
          const [shape, source] = shapes[index]!;
          const input = shape(upper ? hash.toUpperCase() : hash, n);
          expect(parseStoreHash(input)).toEqual({ ok: true, storeHash: hash, source });
        }),
        { numRuns: NUM_RUNS },
      );
    });
  });
});
