import { describe, expect, it } from 'vitest';
import { randomId } from './random-id';

describe('randomId', () => {
  it('uses randomUUID when there is one', () => {
    expect(randomId({ randomUUID: () => 'uuid' } as unknown as Crypto)).toBe('uuid');
  });

  it('falls back to 128 random bits outside secure contexts', () => {
    const id = randomId({ getRandomValues: (bytes: Uint8Array) => bytes.fill(171) } as unknown as Crypto);
    expect(id).toBe('ab'.repeat(16));
  });

  it('never falls back to Math.random', () => {
    expect(() => randomId({} as Crypto)).toThrow(/Web Crypto/);
  });

  it('gives different ids on the real crypto', () => {
    expect(new Set(Array.from({ length: 100 }, () => randomId())).size).toBe(100);
  });
});
