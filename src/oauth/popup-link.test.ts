import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AUTHORIZE_URL,
  createHarness,
  disposeHarness,
  expectClean,
  flush,
  type Harness,
  type Observed,
  observe,
  resultMessage,
} from '../../test/helpers/popup-harness';
import type { AuthorizationStatus } from '../core/adapter';
import { ConnectionError, type ConnectionErrorCode } from '../core/errors';
import { type BeginLinkAuthorizationOptions, beginLinkAuthorization, type LinkAuthorization } from './popup';
import { channelName } from './protocol';

const AUTHORIZED: AuthorizationStatus = { status: 'authorized', grantId: 'grant-9', storeHash: 'abc123' };

let h: Harness;

beforeEach(() => {
  h = createHarness();
});

afterEach(async () => {
  // Every test ends in a terminal state (success, failure, abort or pagehide): nothing may be left (E43).
  await flush();
  try {
    expectClean(h.tracker);
  } finally {
    disposeHarness(h);
  }
});

function begin(overrides: Partial<BeginLinkAuthorizationOptions> = {}): Observed<LinkAuthorization> {
  return observe(
    beginLinkAuthorization({
      storeHash: 'abc123',
      adapter: h.server.adapter,
      window: h.opener.asWindow(),
      signal: h.controller.signal,
      ...overrides,
    }),
  );
}

/** Begins, lets the URL come back, and observes `result`. */
async function begun(overrides: Partial<BeginLinkAuthorizationOptions> = {}) {
  const link = begin(overrides);
  await flush();
  expect(link.state).toBe('fulfilled');
  const value = link.value as LinkAuthorization;
  return { ...value, observed: observe(value.result) };
}

function expectRejected(observed: Observed<unknown>, code: ConnectionErrorCode): ConnectionError {
  expect(observed.state).toBe('rejected');
  const error = observed.error as ConnectionError;
  expect(error).toBeInstanceOf(ConnectionError);
  expect(error.code).toBe(code);
  expect(typeof error.attemptId).toBe('string');
  return error;
}

describe('beginLinkAuthorization (a Store Owner elsewhere)', () => {
  it('resolves with the URL and attempt id without opening a popup', async () => {
    const { url, attemptId, observed } = await begun();
    expect(url).toBe(AUTHORIZE_URL);
    expect(h.server.beginAuthorization).toHaveBeenCalledWith({ platform: 'bigcommerce', storeHash: 'abc123', attemptId });
    expect(h.opener.open).not.toHaveBeenCalled();
    expect(observed.state).toBe('pending');
    h.controller.abort();
  });

  describe('while waiting for the owner', () => {
    it('asks the server every 3 seconds by default and resolves once it confirms', async () => {
      const { attemptId, observed } = await begun();
      await vi.advanceTimersByTimeAsync(2_999);
      expect(h.server.getAuthorization).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(h.server.getAuthorization).toHaveBeenCalledWith({ attemptId });
      await vi.advanceTimersByTimeAsync(3_000);
      expect(h.server.getAuthorization).toHaveBeenCalledTimes(2);
      h.server.status = AUTHORIZED;
      await vi.advanceTimersByTimeAsync(3_000);
      expect(observed.state).toBe('fulfilled');
      expect(observed.value).toEqual({ grantId: 'grant-9', storeHash: 'abc123', attemptId, confirmedVia: 'server', severed: false });
      expectClean(h.tracker);
    });

    it('honours pollMs', async () => {
      const { observed } = await begun({ pollMs: 500 });
      await vi.advanceTimersByTimeAsync(1_000);
      expect(h.server.getAuthorization).toHaveBeenCalledTimes(2);
      h.controller.abort();
      await flush();
      expectRejected(observed, 'cancelled');
    });

    it('asks at once when this page regains focus or visibility', async () => {
      const { observed } = await begun();
      h.server.status = AUTHORIZED;
      h.opener.document.dispatchEvent(new Event('visibilitychange'));
      await flush();
      expect(observed.state).toBe('fulfilled');
      expect(observed.value).toMatchObject({ confirmedVia: 'server', severed: false });
      expectClean(h.tracker);
    });

    it('asks when a same-origin tab broadcasts the result', async () => {
      const { attemptId, observed } = await begun();
      h.server.status = AUTHORIZED;
      h.tracker.channels.deliver(channelName(attemptId), resultMessage(attemptId));
      await flush();
      expect(observed.state).toBe('fulfilled');
      expect(observed.value).toMatchObject({ confirmedVia: 'broadcast', severed: false });
      expectClean(h.tracker);
    });

    it('does not stack requests when the server is slow', async () => {
      const { observed } = await begun({ pollMs: 100 });
      h.server.hold();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
      h.server.status = AUTHORIZED;
      h.server.release();
      await flush();
      expect(observed.state).toBe('fulfilled');
      expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
      expectClean(h.tracker);
    });

    it('keeps polling through a failing request', async () => {
      const { observed } = await begun();
      h.server.getAuthorization.mockRejectedValueOnce(new Error('network'));
      await vi.advanceTimersByTimeAsync(3_000);
      expect(observed.state).toBe('pending');
      h.server.status = AUTHORIZED;
      await vi.advanceTimersByTimeAsync(3_000);
      expect(observed.state).toBe('fulfilled');
      expectClean(h.tracker);
    });
  });

  describe('applies the same confirmation rules', () => {
    it.each([
      [{ status: 'authorized', grantId: 'g', storeHash: 'other1' }, 'store_mismatch'],
      [{ status: 'denied' }, 'access_denied'],
      [{ status: 'expired' }, 'timeout'],
      [{ status: 'failed', code: 'scope_mismatch' }, 'authorization_failed'],
      [{ status: 'failed', code: 'store_mismatch' }, 'store_mismatch'],
    ] as Array<[AuthorizationStatus, ConnectionErrorCode]>)('maps %j to %s and releases everything', async (answer, code) => {
      const { observed } = await begun();
      h.server.status = answer;
      await vi.advanceTimersByTimeAsync(3_000);
      expectRejected(observed, code);
      expectClean(h.tracker);
    });
  });

  describe('ending', () => {
    it('times out (10 minutes by default) after a last server check', async () => {
      const { observed } = await begun();
      await vi.advanceTimersByTimeAsync(599_999);
      expect(observed.state).toBe('pending');
      const calls = h.server.getAuthorization.mock.calls.length;
      await vi.advanceTimersByTimeAsync(1);
      expectRejected(observed, 'timeout');
      expect(h.server.getAuthorization.mock.calls.length).toBeGreaterThan(calls);
      expectClean(h.tracker);
    });

    it('honours timeoutMs', async () => {
      const { observed } = await begun({ timeoutMs: 20_000 });
      await vi.advanceTimersByTimeAsync(20_000);
      expectRejected(observed, 'timeout');
      expectClean(h.tracker);
    });

    it('rejects result with cancelled when aborted after the URL is out', async () => {
      const { observed } = await begun();
      h.controller.abort();
      await flush();
      expectRejected(observed, 'cancelled');
      expectClean(h.tracker);
    });

    it('rejects the URL promise itself when aborted before the URL is out', async () => {
      h.server.beginAuthorization.mockImplementation(() => new Promise(() => {}));
      const link = begin();
      h.controller.abort();
      await flush();
      expectRejected(link, 'cancelled');
      expectClean(h.tracker);
    });

    it('rejects an already-aborted signal and registers nothing', async () => {
      h.controller.abort();
      const link = begin();
      await flush();
      expectRejected(link, 'cancelled');
      expect(h.server.beginAuthorization).not.toHaveBeenCalled();
      expect(h.tracker.listeners.added).toBe(0);
    });

    it('ends on pagehide', async () => {
      const { observed } = await begun({ signal: undefined });
      h.opener.dispatchEvent(new Event('pagehide'));
      await flush();
      expectRejected(observed, 'cancelled');
      expectClean(h.tracker);
    });

    it('ignores everything after settling', async () => {
      const { attemptId, observed } = await begun();
      h.controller.abort();
      await flush();
      h.server.status = AUTHORIZED;
      h.opener.dispatchEvent(new Event('focus'));
      h.tracker.channels.deliver(channelName(attemptId), resultMessage(attemptId));
      await vi.advanceTimersByTimeAsync(10_000);
      expect(h.server.getAuthorization).not.toHaveBeenCalled();
      expectRejected(observed, 'cancelled');
    });
  });

  describe('when beginAuthorization fails', () => {
    it('rejects with adapter_error and releases everything', async () => {
      h.server.beginAuthorization.mockRejectedValue(new Error('down'));
      const link = begin();
      await flush();
      expectRejected(link, 'adapter_error');
      expectClean(h.tracker);
    });

    it.each(['javascript:alert(1)', 'http://evil.example/', 'data:text/plain,x'])(
      'rejects with invalid_adapter_response for the url %s',
      async (url) => {
        h.server.beginAuthorization.mockResolvedValue({ url, resultOrigin: 'https://app.example.com' });
        const link = begin();
        await flush();
        expectRejected(link, 'invalid_adapter_response');
        expectClean(h.tracker);
      },
    );

    it('rejects invalid_store_hash without calling the adapter', async () => {
      const link = begin({ storeHash: '' });
      await flush();
      expectRejected(link, 'invalid_store_hash');
      expect(h.server.beginAuthorization).not.toHaveBeenCalled();
    });
  });
});
