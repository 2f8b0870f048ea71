import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  channelName,
  MAX_ATTEMPT_ID_LENGTH,
  MAX_ERROR_CODE_LENGTH,
  normalizeOrigin,
  parseResultMessage,
  RESULT_CHANNEL_PREFIX,
  RESULT_MESSAGE_TYPE,
  RESULT_MESSAGE_VERSION,
} from './protocol';

const ATTEMPT = '6f1c2b1e-94a3-4d0e-8d0c-1e3f7a9b2c4d';
const KEYS = ['v', 'type', 'attemptId', 'status', 'errorCode'] as const;
type Key = (typeof KEYS)[number];

function valid(): Record<string, unknown> {
  return { v: 1, type: RESULT_MESSAGE_TYPE, attemptId: ATTEMPT, status: 'authorized', errorCode: 'none' };
}

/** Whether `value` is acceptable for `key` — mirrors the spec (DESIGN §5.3), not the implementation. */
function acceptableFor(key: Key, value: unknown): boolean {
  switch (key) {
    case 'v':
      return value === 1;
    case 'type':
      return value === 'rcw:authorization-result';
    case 'attemptId':
      return typeof value === 'string' && value.length >= 1 && value.length <= 128;
    case 'status':
      return value === 'authorized' || value === 'denied' || value === 'error';
    case 'errorCode':
      return value === undefined || (typeof value === 'string' && value.length <= 64);
  }
}

function withKey(target: Record<string, unknown>, key: PropertyKey, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

const fieldKey = fc.constantFrom(...KEYS);
const requiredKey = fc.constantFrom<Key>('v', 'type', 'attemptId', 'status');

/** Mutations of a valid message, each of which the spec says must be rejected. */
const invalidMessage: fc.Arbitrary<unknown> = fc.oneof(
  // an extra key, of any name but the five
  fc
    .tuple(
      fc.string().filter((key) => !(KEYS as readonly string[]).includes(key)),
      fc.anything(),
    )
    .map(([key, value]) => withKey(valid(), key, value)),
  // keys that target prototypes, as JSON.parse creates them (own data properties)
  fc
    .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.jsonValue())
    .map(([key, value]) =>
      JSON.parse(`{"v":1,"type":"rcw:authorization-result","attemptId":"${ATTEMPT}","status":"authorized",${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}}`),
    ),
  // a wrong value (type, version, status, length) for one field
  fc
    .tuple(fieldKey, fc.oneof(fc.anything(), fc.string({ maxLength: 200 }), fc.integer(), fc.constantFrom(0, 2, '1', true)))
    .filter(([key, value]) => !acceptableFor(key, value))
    .map(([key, value]) => withKey(valid(), key, value)),
  // a required field missing
  requiredKey.map((key) => {
    const message = valid();
    delete message[key];
    return message;
  }),
  // over-long strings
  fc.integer({ min: MAX_ATTEMPT_ID_LENGTH + 1, max: 4096 }).map((length) => ({ ...valid(), attemptId: 'a'.repeat(length) })),
  fc.integer({ min: MAX_ERROR_CODE_LENGTH + 1, max: 4096 }).map((length) => ({ ...valid(), errorCode: 'e'.repeat(length) })),
  // a getter instead of a value
  fieldKey.map((key) => {
    const message = valid();
    const value = message[key];
    Object.defineProperty(message, key, { get: () => value, enumerable: true, configurable: true });
    return message;
  }),
  // a symbol key
  fc.anything().map((value) => withKey(valid(), Symbol('extra'), value)),
  // not a plain object
  fc.constantFrom<(message: Record<string, unknown>) => unknown>(
    (message) => [message],
    (message) => Object.assign(Object.create({ inherited: true }), message),
    (message) => Object.assign(new (class Message {})(), message),
    (message) => Object.assign(new Date(0), message),
    (message) => new Map(Object.entries(message)),
    (message) => JSON.stringify(message),
    (message) => Object.assign(() => {}, message),
  ).map((wrap) => wrap(valid())),
);

describe('the result message protocol', () => {
  describe('constants', () => {
    it('names the message type, version and channel as DESIGN §5 does', () => {
      expect(RESULT_MESSAGE_TYPE).toBe('rcw:authorization-result');
      expect(RESULT_MESSAGE_VERSION).toBe(1);
      expect(RESULT_CHANNEL_PREFIX).toBe('rcw:');
      expect(channelName('abc')).toBe('rcw:abc');
    });
  });

  describe('parseResultMessage', () => {
    it('accepts a valid message and returns a fresh plain copy', () => {
      const input = valid();
      const parsed = parseResultMessage(input);
      expect(parsed).toEqual(input);
      expect(parsed).not.toBe(input);
      expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    });

    it('accepts every status, with or without errorCode', () => {
      for (const status of ['authorized', 'denied', 'error']) {
        expect(parseResultMessage({ v: 1, type: RESULT_MESSAGE_TYPE, attemptId: 'x', status })).toEqual({
          v: 1,
          type: RESULT_MESSAGE_TYPE,
          attemptId: 'x',
          status,
        });
      }
    });

    it('accepts a null-prototype object (a structured clone may arrive as one) and strings at the length limits', () => {
      const message = Object.assign(Object.create(null), {
        ...valid(),
        attemptId: 'a'.repeat(MAX_ATTEMPT_ID_LENGTH),
        errorCode: 'e'.repeat(MAX_ERROR_CODE_LENGTH),
      });
      expect(parseResultMessage(message)?.attemptId).toHaveLength(MAX_ATTEMPT_ID_LENGTH);
    });

    describe('when the message carries anything else', () => {
      it.each([
        ['an access_token', { ...valid(), access_token: 'secret' }],
        ['a code', { ...valid(), code: 'oauth-code' }],
        ['v 2', { ...valid(), v: 2 }],
        ['v "1"', { ...valid(), v: '1' }],
        ['another type', { ...valid(), type: 'rcw:something-else' }],
        ['an unknown status', { ...valid(), status: 'ok' }],
        ['an empty attemptId', { ...valid(), attemptId: '' }],
        ['a numeric attemptId', { ...valid(), attemptId: 42 }],
        ['no attemptId', { v: 1, type: RESULT_MESSAGE_TYPE, status: 'authorized' }],
        ['a 129-character attemptId', { ...valid(), attemptId: 'a'.repeat(129) }],
        ['a 65-character errorCode', { ...valid(), errorCode: 'e'.repeat(65) }],
        ['a numeric errorCode', { ...valid(), errorCode: 500 }],
      ])('rejects %s', (_name, input) => {
        expect(parseResultMessage(input)).toBeNull();
      });

      it.each([null, undefined, 0, 1, '', 'rcw:authorization-result', true, Symbol('x'), 10n, [], () => {}])(
        'rejects the non-object %s',
        (input) => {
          expect(parseResultMessage(input)).toBeNull();
        },
      );

      it('never invokes a getter', () => {
        const getter = vi.fn(() => ATTEMPT);
        const message = valid();
        Object.defineProperty(message, 'attemptId', { get: getter, enumerable: true });
        expect(parseResultMessage(message)).toBeNull();
        expect(getter).not.toHaveBeenCalled();
      });

      it('survives proxies with throwing traps and revoked proxies', () => {
        const throwing = new Proxy(valid(), {
          getPrototypeOf() {
            throw new Error('trap');
          },
        });
        const ownKeysThrow = new Proxy(valid(), {
          ownKeys() {
            throw new Error('trap');
          },
        });
        const revocable = Proxy.revocable(valid(), {});
        revocable.revoke();
        for (const input of [throwing, ownKeysThrow, revocable.proxy]) {
          expect(() => parseResultMessage(input)).not.toThrow();
          expect(parseResultMessage(input)).toBeNull();
        }
      });

      it('rejects __proto__ and constructor keys without polluting Object.prototype', () => {
        const before = Object.getOwnPropertyNames(Object.prototype).sort();
        const proto = JSON.parse(`{"v":1,"type":"${RESULT_MESSAGE_TYPE}","attemptId":"x","status":"authorized","__proto__":{"polluted":true}}`);
        const ctor = JSON.parse(`{"v":1,"type":"${RESULT_MESSAGE_TYPE}","attemptId":"x","status":"authorized","constructor":{"prototype":{"polluted":true}}}`);
        expect(parseResultMessage(proto)).toBeNull();
        expect(parseResultMessage(ctor)).toBeNull();
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
      });
    });

    describe('fuzzed (RELIABILITY B15, B16)', () => {
      it('accepts none of 10,000 random payloads and mutations of a valid message, never throws, pollutes nothing', () => {
        const before = Object.getOwnPropertyNames(Object.prototype).sort();
        const payload = fc.oneof(
          fc.anything({
            withBigInt: true,
            withBoxedValues: true,
            withDate: true,
            withMap: true,
            withSet: true,
            withNullPrototype: true,
            withObjectString: true,
            withSparseArray: true,
            withTypedArray: true,
            withUnicodeString: true,
          }),
          invalidMessage,
          invalidMessage,
        );
        fc.assert(
          fc.property(payload, (input) => {
            expect(parseResultMessage(input)).toBeNull();
          }),
          { numRuns: 10_000 },
        );
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });
    });
  });

  describe('normalizeOrigin', () => {
    it.each([
      ['https://app.example.com', 'https://app.example.com'],
      ['https://App.Example.com:443/callback?x=1#y', 'https://app.example.com'],
      ['http://localhost:3000/', 'http://localhost:3000'],
      ['http://[::1]:5173', 'http://[::1]:5173'],
    ])('normalises %s to %s', (input, expected) => {
      expect(normalizeOrigin(input)).toBe(expected);
    });

    it.each(['null', '', '*', 'app.example.com', 'file:///etc/passwd', 'data:text/html,x', 'javascript:alert(1)', 'blob:https://app.example.com/uuid', 'about:blank', 42, null, undefined, {}])(
      'rejects %s (never the string "null")',
      (input) => {
        expect(normalizeOrigin(input)).toBeNull();
      },
    );
  });
});
