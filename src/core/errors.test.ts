import { describe, expect, it } from 'vitest';
import { CONNECTION_ERROR_CODES, ConnectionError, isConnectionError, toConnectionError } from './errors';

describe('ConnectionError', () => {
  it('has every code of DESIGN §4', () => {
    expect([...CONNECTION_ERROR_CODES].sort()).toEqual(
      [
        'popup_blocked', 'popup_closed', 'timeout', 'cancelled', 'superseded', 'access_denied', 'store_mismatch',
        'authorization_failed', 'invalid_store_hash', 'adapter_error', 'invalid_adapter_response',
      ].sort(),
    );
  });

  it('carries code, recoverable, attemptId and cause', () => {
    const cause = new Error('boom');
    const error = new ConnectionError('popup_closed', { attemptId: 'a1', cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ConnectionError', code: 'popup_closed', recoverable: true, attemptId: 'a1', cause });
    expect(error.message).toBe('popup_closed');
  });

  it('is not recoverable for a bad store hash or a malformed adapter response unless told otherwise', () => {
    expect(new ConnectionError('invalid_store_hash').recoverable).toBe(false);
    expect(new ConnectionError('invalid_adapter_response').recoverable).toBe(false);
    expect(new ConnectionError('timeout').recoverable).toBe(true);
    expect(new ConnectionError('timeout', { recoverable: false }).recoverable).toBe(false);
  });

  it('recognises errors by shape and wraps anything else as adapter_error', () => {
    const foreign = Object.assign(new Error('x'), { name: 'ConnectionError', code: 'timeout' });
    expect(isConnectionError(foreign)).toBe(true);
    expect(isConnectionError(Object.assign(new Error('x'), { name: 'ConnectionError', code: 'nope' }))).toBe(false);
    expect(isConnectionError('timeout')).toBe(false);
    const original = new TypeError('fetch failed');
    expect(toConnectionError(original)).toMatchObject({ code: 'adapter_error', cause: original });
    const known = new ConnectionError('cancelled');
    expect(toConnectionError(known)).toBe(known);
  });
});
