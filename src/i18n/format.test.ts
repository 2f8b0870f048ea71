import { describe, expect, it } from 'vitest';
import { formatMessage, mergeMessages } from './format';
import { defaultMessages } from './messages.en';

describe('mergeMessages', () => {
  it('returns the defaults without overrides', () => {
    expect(mergeMessages()).toBe(defaultMessages);
  });

  it('overrides any subset at any depth and keeps the rest', () => {
    const merged = mergeMessages({ wizard: { submit: 'Verbindung hinzufügen' }, storeHash: { rejected: { empty: 'Leer' } } });
    expect(merged.wizard.submit).toBe('Verbindung hinzufügen');
    expect(merged.wizard.back).toBe('Back');
    expect(merged.storeHash.rejected.empty).toBe('Leer');
    expect(merged.storeHash.rejected['too-long']).toBe(defaultMessages.storeHash.rejected['too-long']);
    expect(defaultMessages.wizard.submit).toBe('Add connection');
  });

  it('ignores unknown keys, non-strings and prototype keys', () => {
    const overrides = JSON.parse('{"__proto__": {"polluted": "yes"}, "wizard": {"submit": 5, "nope": "x"}}');
    const merged = mergeMessages(overrides);
    expect(merged.wizard.submit).toBe('Add connection');
    expect(merged.wizard).not.toHaveProperty('nope');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('formatMessage', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('Authorized — store {hash} ({email})', { hash: 'abc123', email: 'o@e.com' })).toBe(
      'Authorized — store abc123 (o@e.com)',
    );
    expect(formatMessage('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});

describe('the English dictionary', () => {
  it('has a message for every store hash rejection and error code', async () => {
    const { CONNECTION_ERROR_CODES } = await import('../core/errors');
    for (const code of CONNECTION_ERROR_CODES) expect(defaultMessages.errors[code]).toMatch(/\w/);
    for (const reason of ['empty', 'no-hash-in-url', 'invalid-characters', 'too-short', 'too-long'] as const) {
      expect(defaultMessages.storeHash.rejected[reason]).toMatch(/\w/);
    }
  });
});
