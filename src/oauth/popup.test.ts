import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN,
  AUTHORIZE_URL,
  createHarness,
  disposeHarness,
  expectClean,
  FakePopup,
  flush,
  type Harness,
  messageEvent,
  type Observed,
  observe,
  resultMessage,
} from '../../test/helpers/popup-harness';
import type { AuthorizationStatus } from '../core/adapter';
import { ConnectionError, type ConnectionErrorCode } from '../core/errors';
import { defaultMessages } from '../i18n/messages.en';
import {
  type AuthorizationResult,
  type AuthorizeInPopupOptions,
  authorizeInPopup,
  DEFAULT_CLOSE_GRACE_MS,
  DEFAULT_POPUP_NAME,
  DEFAULT_SEVERANCE_WINDOW_MS,
  FINAL_CHECK_TIMEOUT_MS,
  focusAuthorizationPopup,
  POPUP_POLL_MS,
  SEVERED_POLL_MS,
} from './popup';
import { channelName } from './protocol';

const AUTHORIZED: AuthorizationStatus = {
  status: 'authorized',
  grantId: 'grant-1',
  storeHash: 'abc123',
  ownerEmail: 'owner@example.com',
};

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

function start(overrides: Partial<AuthorizeInPopupOptions> = {}): Observed<AuthorizationResult> {
  return observe(
    authorizeInPopup({
      storeHash: 'abc123',
      adapter: h.server.adapter,
      window: h.opener.asWindow(),
      signal: h.controller.signal,
      ...overrides,
    }),
  );
}

/** The attempt id the adapter was given for the n-th `beginAuthorization` call. */
function attemptId(call = 0): string {
  const input = h.server.beginAuthorization.mock.calls[call]?.[0];
  if (!input) throw new Error(`beginAuthorization call ${call} did not happen`);
  return input.attemptId;
}

/** The popup posts a result message for the attempt, from the right origin. */
function postResult(popup: FakePopup = h.opener.popup, id = attemptId(), status: 'authorized' | 'denied' | 'error' = 'authorized') {
  h.opener.postFrom(popup, APP_ORIGIN, resultMessage(id, status));
}

function expectRejected(observed: Observed<unknown>, code: ConnectionErrorCode, id?: string): ConnectionError {
  expect(observed.state).toBe('rejected');
  const error = observed.error as ConnectionError;
  expect(error).toBeInstanceOf(ConnectionError);
  expect(error.code).toBe(code);
  expect(typeof error.attemptId).toBe('string');
  if (id !== undefined) expect(error.attemptId).toBe(id);
  return error;
}

/** Starts an attempt and lets `beginAuthorization` resolve and the popup navigate. */
async function started(overrides: Partial<AuthorizeInPopupOptions> = {}) {
  const observed = start(overrides);
  await flush();
  expect(h.opener.popup.location.replace).toHaveBeenCalledWith(AUTHORIZE_URL);
  return observed;
}

/**
 * The user closes the popup for real: once the severance window after navigating has passed (a `closed` reading
 * inside it means COOP severed the handle, G48). The close poll notices within `POPUP_POLL_MS`.
 */
async function closeByUser(popup: FakePopup = h.opener.popup): Promise<void> {
  await vi.advanceTimersByTimeAsync(DEFAULT_SEVERANCE_WINDOW_MS);
  popup.closed = true;
}

describe('authorizeInPopup', () => {
  describe('launching the popup (RELIABILITY A)', () => {
    it('calls window.open synchronously, before the adapter settles (A1)', async () => {
      h.server.beginAuthorization.mockImplementation(() => new Promise(() => {}));
      const observed = start();
      // Nothing has been awaited yet: the popup is open and every channel subscribed in the same synchronous part.
      expect(h.opener.open).toHaveBeenCalledTimes(1);
      expect(h.opener.open).toHaveBeenCalledWith('', DEFAULT_POPUP_NAME, expect.stringMatching(/^popup,/));
      expect(h.tracker.listeners.live().sort()).toEqual(
        ['document visibilitychange', 'signal abort', 'window focus', 'window message', 'window pagehide', `BroadcastChannel(${channelName(attemptId())}) message`].sort(),
      );
      expect(h.tracker.channels.live()).toEqual([channelName(attemptId())]);
      h.controller.abort();
      await flush();
      expectRejected(observed, 'cancelled');
      expectClean(h.tracker);
    });

    it('opens at least 900×650 by default, centred on the opener', () => {
      start();
      const features = h.opener.open.mock.calls[0]?.[2];
      // opener at (100, 50), 1400×900 → left = 100 + (1400 − 900) / 2, top = 50 + (900 − 650) / 2
      expect(features).toBe('popup,width=900,height=650,left=350,top=175');
      h.controller.abort();
    });

    it('uses the size and name it is given and omits the position when the opener geometry is unreadable', () => {
      Object.defineProperty(h.opener, 'outerWidth', {
        get() {
          throw new Error('no geometry');
        },
      });
      start({ popup: { width: 1000, height: 700, name: 'custom' } });
      expect(h.opener.open).toHaveBeenCalledWith('', 'custom', 'popup,width=1000,height=700');
      h.controller.abort();
    });

    it('writes a neutral page into the blank popup, as text, from the dictionary by default', () => {
      h.server.beginAuthorization.mockImplementation(() => new Promise(() => {}));
      start();
      expect(h.opener.popup.document.title).toBe(defaultMessages.authorize.popupTitle);
      expect(h.opener.popup.document.body?.textContent).toBe(defaultMessages.authorize.popupBody);
      h.controller.abort();
    });

    it('takes the page text from options and survives an inaccessible popup document', async () => {
      start({ popup: { title: 'Verbinden…', body: 'Verbindung mit BigCommerce…' } });
      expect(h.opener.popup.document.title).toBe('Verbinden…');
      h.controller.abort();
      const popup = new FakePopup();
      Object.defineProperty(popup, 'document', {
        get() {
          throw new DOMException('Blocked a frame with origin', 'SecurityError');
        },
      });
      h.opener.nextPopup = popup;
      const observed = start({ signal: undefined });
      expect(h.opener.open).toHaveBeenCalledTimes(2);
      await flush();
      expect(observed.state).toBe('pending');
      h.opener.dispatchEvent(new Event('pagehide'));
    });

    it('never asks for noopener or noreferrer (A2)', () => {
      start({ popup: { width: 1200, height: 800, name: 'x' } });
      start();
      for (const call of h.opener.open.mock.calls) expect(call[2]).not.toMatch(/noopener|noreferrer/i);
      h.controller.abort();
    });

    describe('when window.open returns null (A3)', () => {
      it('rejects with popup_blocked, registers nothing and never calls the adapter', async () => {
        h.opener.nextPopup = null;
        const observed = start();
        await flush();
        expectRejected(observed, 'popup_blocked');
        expect(h.server.beginAuthorization).not.toHaveBeenCalled();
        expect(h.server.getAuthorization).not.toHaveBeenCalled();
        expect(h.tracker.listeners.added).toBe(0);
        expect(h.tracker.timers.set).toBe(0);
        expect(h.tracker.channels.opened).toBe(0);
        expect(focusAuthorizationPopup({ window: h.opener.asWindow() })).toBe(false);
        expectClean(h.tracker);
      });

      it('rejects with popup_blocked when window.open throws', async () => {
        h.opener.open.mockImplementation(() => {
          throw new Error('blocked');
        });
        const observed = start();
        await flush();
        expectRejected(observed, 'popup_blocked');
        expect(h.tracker.listeners.added).toBe(0);
      });
    });

    describe('when the handle is unusable (A4)', () => {
      const closedThrows = {
        close: vi.fn(),
        get closed(): boolean {
          throw new Error('stub');
        },
      };
      it.each([
        ['closed is undefined', { close: vi.fn() }],
        ['closed is a string', { closed: 'false', close: vi.fn() }],
        ['closed is null', { closed: null }],
        ['reading closed throws', closedThrows],
        ['closed is already true', { closed: true, close: vi.fn() }],
        ['the handle is a number', 1],
      ])('rejects with popup_blocked, not a hang, when %s', async (_name, handle) => {
        h.opener.nextPopup = handle;
        const observed = start();
        await flush();
        expectRejected(observed, 'popup_blocked');
        expect(h.server.beginAuthorization).not.toHaveBeenCalled();
        expect(h.tracker.listeners.added).toBe(0);
        expect(h.tracker.timers.set).toBe(0);
        expectClean(h.tracker);
      });
    });

    describe('when the user clicks again while waiting (A5)', () => {
      it('focuses the same popup instead of opening another: one open, one attempt', async () => {
        const opener = h.opener.asWindow();
        // What AuthorizeButton does on click.
        const click = () => focusAuthorizationPopup({ window: opener }) || start();
        const first = click();
        await flush();
        expect(click()).toBe(true);
        expect(click()).toBe(true);
        expect(h.opener.open).toHaveBeenCalledTimes(1);
        expect(h.opener.popup.focus).toHaveBeenCalledTimes(2);
        expect(h.server.beginAuthorization).toHaveBeenCalledTimes(1);
        expect((first as Observed<unknown>).state).toBe('pending');
        h.controller.abort();
        expect(focusAuthorizationPopup({ window: opener })).toBe(false);
        expectClean(h.tracker);
      });

      it('does not focus across openers or popup names, nor a popup already closed', async () => {
        start();
        await flush();
        expect(focusAuthorizationPopup({ window: h.opener.asWindow(), name: 'other' })).toBe(false);
        expect(focusAuthorizationPopup({ window: {} as Window })).toBe(false);
        h.opener.popup.closed = true;
        expect(focusAuthorizationPopup({ window: h.opener.asWindow() })).toBe(false);
        h.controller.abort();
      });
    });

    describe('when a new attempt starts while an older one is live (A6)', () => {
      it('supersedes the older one, whose late success is ignored', async () => {
        const older = start({ signal: undefined });
        await flush();
        const olderPopup = h.opener.popup;
        const olderId = attemptId(0);
        const newer = start();
        await flush();
        expectRejected(older, 'superseded', olderId);
        expect(olderPopup.close).toHaveBeenCalled();
        expect(newer.state).toBe('pending');

        // The older attempt's result arrives late, on both channels, and the server would even confirm it.
        h.server.status = AUTHORIZED;
        postResult(olderPopup, olderId);
        h.tracker.channels.deliver(channelName(olderId), resultMessage(olderId));
        await flush();
        expect(h.server.getAuthorization).not.toHaveBeenCalled();
        expectRejected(older, 'superseded');

        // The newer attempt completes normally.
        postResult(h.opener.popup, attemptId(1));
        await flush();
        expect(newer.state).toBe('fulfilled');
        expect(newer.value?.attemptId).toBe(attemptId(1));
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
        expect(h.server.getAuthorization).toHaveBeenCalledWith({ attemptId: attemptId(1) });
        expectClean(h.tracker);
      });

      it('leaves the shared named window open for the newer attempt when window.open hands back the same one', async () => {
        const older = start({ signal: undefined });
        await flush();
        const shared = h.opener.popup;
        h.opener.nextPopup = shared;
        const newer = start();
        await flush();
        expectRejected(older, 'superseded');
        expect(shared.close).not.toHaveBeenCalled();
        expect(shared.location.replace).toHaveBeenCalledTimes(2);
        h.server.status = AUTHORIZED;
        postResult(shared, attemptId(1));
        await flush();
        expect(newer.state).toBe('fulfilled');
        expect(shared.close).toHaveBeenCalledTimes(1);
        expectClean(h.tracker);
      });

      it('only supersedes attempts of the same opener and popup name', async () => {
        const first = start({ signal: undefined });
        const second = start({ popup: { name: 'another' } });
        await flush();
        expect(first.state).toBe('pending');
        expect(second.state).toBe('pending');
        h.controller.abort();
        await flush();
        expectRejected(second, 'cancelled');
        expect(first.state).toBe('pending');
        h.opener.dispatchEvent(new Event('pagehide'));
        await flush();
        expectRejected(first, 'cancelled');
        expectClean(h.tracker);
      });
    });

    describe('when beginAuthorization fails (A7)', () => {
      it('closes the popup and rejects with adapter_error when it rejects', async () => {
        const failure = new Error('503');
        h.server.beginAuthorization.mockRejectedValue(failure);
        const observed = start();
        await flush();
        const error = expectRejected(observed, 'adapter_error', attemptId());
        expect(error.cause).toBe(failure);
        expect(h.opener.popup.close).toHaveBeenCalled();
        expect(h.opener.popup.location.replace).not.toHaveBeenCalled();
        expectClean(h.tracker);
      });

      it.each([
        'javascript:alert(document.domain)',
        'data:text/html,<script>alert(1)</script>',
        'http://login.bigcommerce.com/oauth2/authorize',
        'http://localhost.evil.example/',
        'http://127.0.0.1.nip.io/',
        'ftp://login.bigcommerce.com/',
        'blob:https://app.example.com/0f0e',
        'vbscript:msgbox',
      ])('closes the popup and rejects with invalid_adapter_response for the url %s', async (url) => {
        h.server.beginAuthorization.mockResolvedValue({ url, resultOrigin: APP_ORIGIN });
        const observed = start();
        await flush();
        expectRejected(observed, 'invalid_adapter_response', attemptId());
        expect(h.opener.popup.location.replace).not.toHaveBeenCalled();
        expect(h.opener.popup.close).toHaveBeenCalled();
        expectClean(h.tracker);
      });

      it.each(['null', '*', 'file:///x', 'not an origin'])(
        'rejects with invalid_adapter_response for the resultOrigin %s',
        async (resultOrigin) => {
          h.server.beginAuthorization.mockResolvedValue({ url: AUTHORIZE_URL, resultOrigin });
          const observed = start();
          await flush();
          expectRejected(observed, 'invalid_adapter_response');
          expect(h.opener.popup.close).toHaveBeenCalled();
          expectClean(h.tracker);
        },
      );

      it('rejects with invalid_adapter_response for a malformed result', async () => {
        h.server.beginAuthorization.mockResolvedValue({ href: AUTHORIZE_URL } as never);
        const observed = start();
        await flush();
        expectRejected(observed, 'invalid_adapter_response');
        expectClean(h.tracker);
      });

      it.each([
        ['http://localhost:3000/auth/start?attempt=1', 'http://localhost:3000/auth/start?attempt=1'],
        ['http://127.0.0.1:8080/start', 'http://127.0.0.1:8080/start'],
        ['http://[::1]:5173/start', 'http://[::1]:5173/start'],
        ['/auth/start?attempt=1', `${APP_ORIGIN}/auth/start?attempt=1`],
      ])('navigates to the loopback or relative url %s', async (url, expected) => {
        h.server.beginAuthorization.mockResolvedValue({ url, resultOrigin: 'http://localhost:3000' });
        const observed = start();
        await flush();
        expect(h.opener.popup.location.replace).toHaveBeenCalledWith(expected);
        expect(observed.state).toBe('pending');
        h.controller.abort();
      });

      it('calls beginAuthorization with the platform, the lower-cased store hash and the attempt id', async () => {
        start({ storeHash: '  ABC123 ' });
        await flush();
        expect(h.server.beginAuthorization).toHaveBeenCalledWith({
          platform: 'bigcommerce',
          storeHash: 'abc123',
          attemptId: expect.any(String),
        });
        h.controller.abort();
      });
    });

    describe('on unmount or page unload (A8)', () => {
      it('closes the popup and removes every listener when the signal aborts', async () => {
        const observed = await started();
        h.controller.abort(new Error('unmounted'));
        await flush();
        expectRejected(observed, 'cancelled');
        expect(h.opener.popup.close).toHaveBeenCalled();
        expectClean(h.tracker);
      });

      it('closes the popup and removes every listener on pagehide', async () => {
        const observed = await started({ signal: undefined });
        h.opener.dispatchEvent(new Event('pagehide'));
        await flush();
        expectRejected(observed, 'cancelled');
        expect(h.opener.popup.close).toHaveBeenCalled();
        expectClean(h.tracker);
      });
    });

    it('rejects with a ConnectionError and releases everything when the opener throws midway', async () => {
      // A revoked or hostile opener: the popup is open and listeners are registered when `document` throws.
      Object.defineProperty(h.opener, 'document', {
        configurable: true,
        get() {
          throw new Error('revoked');
        },
      });
      const observed = start();
      await flush();
      expectRejected(observed, 'adapter_error');
      expect(h.opener.popup.close).toHaveBeenCalled();
      expectClean(h.tracker);
    });

    it('rejects invalid_store_hash without opening anything', async () => {
      const observed = start({ storeHash: 'no!' });
      await flush();
      expectRejected(observed, 'invalid_store_hash');
      expect(h.opener.open).not.toHaveBeenCalled();
      expect(h.tracker.listeners.added).toBe(0);
    });
  });

  describe('hostile or malformed messages (RELIABILITY B)', () => {
    it('ignores the right payload from a foreign origin and keeps waiting (B9)', async () => {
      const observed = await started();
      h.opener.postFrom(h.opener.popup, 'https://evil.example', resultMessage(attemptId()));
      await flush();
      expect(h.server.getAuthorization).not.toHaveBeenCalled();
      expect(observed.state).toBe('pending');
      h.controller.abort();
    });

    it.each([
      ['a suffix domain', 'https://app.example.com.evil.example'],
      ['a look-alike prefix', 'https://evilapp.example.com'],
      ['a sub-domain', 'https://sub.app.example.com'],
      ['a scheme downgrade', 'http://app.example.com'],
      ['another port', 'https://app.example.com:8443'],
      ['a trailing slash', 'https://app.example.com/'],
      ['a path', 'https://app.example.com/callback'],
      ['an explicit default port', 'https://app.example.com:443'],
      ['upper case', 'HTTPS://APP.EXAMPLE.COM'],
      ['an empty origin', ''],
    ])('ignores a look-alike origin: %s (B10)', async (_name, origin) => {
      const observed = await started();
      h.opener.postFrom(h.opener.popup, origin, resultMessage(attemptId()));
      await flush();
      expect(h.server.getAuthorization).not.toHaveBeenCalled();
      expect(observed.state).toBe('pending');
      h.controller.abort();
    });

    it('ignores event.origin "null" (B11)', async () => {
      const observed = await started();
      h.opener.postFrom(h.opener.popup, 'null', resultMessage(attemptId()));
      await flush();
      expect(h.server.getAuthorization).not.toHaveBeenCalled();
      expect(observed.state).toBe('pending');
      h.controller.abort();
    });

    it.each([
      ['another window', () => new FakePopup()],
      ['the opener itself', () => h.opener],
      ['no source', () => null],
      ['a look-alike object', () => ({ ...h.opener.popup })],
    ])('ignores the right origin when the source is %s (B12)', async (_name, source) => {
      const observed = await started();
      h.opener.postFrom(source(), APP_ORIGIN, resultMessage(attemptId()));
      await flush();
      expect(h.server.getAuthorization).not.toHaveBeenCalled();
      expect(observed.state).toBe('pending');
      h.controller.abort();
    });

    it('ignores the right origin and source with another attemptId (B13)', async () => {
      const observed = await started();
      postResult(h.opener.popup, 'another-attempt');
      postResult(h.opener.popup, `${attemptId()} `);
      postResult(h.opener.popup, attemptId().toUpperCase());
      await flush();
      expect(h.server.getAuthorization).not.toHaveBeenCalled();
      expect(observed.state).toBe('pending');
      h.controller.abort();
    });

    it.each([
      ['missing', { v: 1, type: 'rcw:authorization-result', status: 'authorized' }],
      ['empty', { v: 1, type: 'rcw:authorization-result', attemptId: '', status: 'authorized' }],
      ['a number', { v: 1, type: 'rcw:authorization-result', attemptId: 1, status: 'authorized' }],
      ['null', { v: 1, type: 'rcw:authorization-result', attemptId: null, status: 'authorized' }],
      ['an array', { v: 1, type: 'rcw:authorization-result', attemptId: ['x'], status: 'authorized' }],
      ['an object', { v: 1, type: 'rcw:authorization-result', attemptId: { id: 'x' }, status: 'authorized' }],
    ])('never matches when attemptId is %s (B14)', async (_name, data) => {
      const observed = await started();
      h.opener.postFrom(h.opener.popup, APP_ORIGIN, data);
      h.tracker.channels.deliver(channelName(attemptId()), data);
      await flush();
      expect(h.server.getAuthorization).not.toHaveBeenCalled();
      expect(observed.state).toBe('pending');
      h.controller.abort();
    });

    it('ignores 10,000 fuzzed payloads from the right origin and source, throwing nothing (B15, B16)', async () => {
      const addListener = vi.spyOn(h.opener, 'addEventListener');
      const observed = await started();
      const onMessage = addListener.mock.calls.find(([type]) => type === 'message')?.[1] as (event: Event) => void;
      expect(onMessage).toBeTypeOf('function');
      const id = attemptId();
      const before = Object.getOwnPropertyNames(Object.prototype).sort();
      const mutation = fc.oneof(
        fc.anything({ withNullPrototype: true, withObjectString: true, withMap: true, withBigInt: true }),
        fc.tuple(fc.string(), fc.anything()).map(([key, value]) =>
          Object.defineProperty(resultMessage(id), key === '' ? '__proto__' : key, { value, enumerable: true }),
        ),
        fc.constantFrom('__proto__', 'constructor').map((key) =>
          JSON.parse(`{"v":1,"type":"rcw:authorization-result","attemptId":"${id}","status":"authorized","${key}":{"polluted":true}}`),
        ),
        fc.constantFrom('v', 'type', 'attemptId', 'status', 'errorCode').chain((key) =>
          fc.oneof(fc.anything(), fc.string({ minLength: 129, maxLength: 300 })).map((value) => ({ ...resultMessage(id), [key]: value })),
        ),
      ).filter((payload) => {
        // A mutation that happens to leave a valid message for this attempt is not hostile; skip it.
        const p = payload as Record<string, unknown> | null;
        return !(p && typeof p === 'object' && Object.keys(p).length <= 5 && p.v === 1 && p.type === 'rcw:authorization-result' && p.attemptId === id && ['authorized', 'denied', 'error'].includes(p.status as string) && (p.errorCode === undefined || (typeof p.errorCode === 'string' && p.errorCode.length <= 64)) && Object.getPrototypeOf(p) === Object.prototype && !Object.hasOwn(p, '__proto__'));
      });
      fc.assert(
        fc.property(mutation, (data) => {
          onMessage(messageEvent(data, APP_ORIGIN, h.opener.popup));
        }),
        { numRuns: 10_000 },
      );
      await flush();
      expect(h.server.getAuthorization).not.toHaveBeenCalled();
      expect(observed.state).toBe('pending');
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      h.controller.abort();
      expectClean(h.tracker);
    });

    it('rejects __proto__ and constructor payloads without prototype pollution (B16)', async () => {
      const observed = await started();
      const id = attemptId();
      for (const key of ['__proto__', 'constructor']) {
        const data = JSON.parse(
          `{"v":1,"type":"rcw:authorization-result","attemptId":"${id}","status":"authorized","${key}":{"polluted":true,"prototype":{"polluted":true}}}`,
        );
        h.opener.postFrom(h.opener.popup, APP_ORIGIN, data);
        h.tracker.channels.deliver(channelName(id), data);
      }
      await flush();
      expect(h.server.getAuthorization).not.toHaveBeenCalled();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(observed.state).toBe('pending');
      h.controller.abort();
    });

    // B17 (HTML in error text rendered as text) belongs to the components: this engine renders nothing and puts
    // no adapter text in its errors' messages for the UI to show (the UI shows the dictionary text for the code).

    it('does no work for a flood of junk: no server call, no timer, no listener, no state change (B18)', async () => {
      const observed = await started();
      const timers = h.tracker.timers.set;
      const listeners = h.tracker.listeners.added;
      const id = attemptId();
      for (let i = 0; i < 10_000; i += 1) {
        const kind = i % 4;
        if (kind === 0) h.opener.postFrom(h.opener.popup, 'https://evil.example', resultMessage(id));
        else if (kind === 1) h.opener.postFrom(new FakePopup(), APP_ORIGIN, resultMessage(id));
        else if (kind === 2) h.opener.postFrom(h.opener.popup, APP_ORIGIN, { junk: i, payload: 'x'.repeat(1000) });
        else h.opener.postFrom(h.opener.popup, APP_ORIGIN, resultMessage(`other-${i}`));
      }
      await flush();
      expect(h.server.getAuthorization).not.toHaveBeenCalled();
      expect(h.tracker.timers.set).toBe(timers);
      expect(h.tracker.listeners.added).toBe(listeners);
      expect(observed.state).toBe('pending');
      h.controller.abort();
      expectClean(h.tracker);
    });

    it('confirms once and resolves once when the same success arrives on two channels (B19)', async () => {
      const observed = await started();
      h.server.status = AUTHORIZED;
      h.server.hold();
      const id = attemptId();
      postResult(h.opener.popup, id);
      h.tracker.channels.deliver(channelName(id), resultMessage(id));
      h.opener.dispatchEvent(new Event('focus'));
      await flush();
      expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
      h.server.release();
      await flush();
      expect(observed.state).toBe('fulfilled');
      expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
      expect(observed.value).toEqual({
        grantId: 'grant-1',
        storeHash: 'abc123',
        ownerEmail: 'owner@example.com',
        attemptId: id,
        confirmedVia: 'message',
        severed: false,
      });
      expect(h.opener.popup.close).toHaveBeenCalled();
      expectClean(h.tracker);
    });

    it('coalesces hints during a check into one re-check after it', async () => {
      const observed = await started();
      h.server.hold();
      postResult();
      await flush();
      for (let i = 0; i < 50; i += 1) h.opener.dispatchEvent(new Event('focus'));
      await flush();
      expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
      h.server.release();
      await flush();
      // The answer was pending, and hints came in meanwhile: exactly one more check, then none until a new hint.
      expect(h.server.getAuthorization).toHaveBeenCalledTimes(2);
      expect(observed.state).toBe('pending');
      h.server.status = AUTHORIZED;
      h.opener.dispatchEvent(new Event('focus'));
      await flush();
      expect(observed.state).toBe('fulfilled');
      expect(h.server.getAuthorization).toHaveBeenCalledTimes(3);
      expectClean(h.tracker);
    });

    it.each([
      ['cancel', () => h.controller.abort(), 'cancelled'],
      [
        'timeout',
        async () => {
          await vi.advanceTimersByTimeAsync(300_000);
        },
        'timeout',
      ],
    ] as const)('produces no result for a success after %s (B20)', async (_name, end, code) => {
      const observed = await started();
      await end();
      await flush();
      expectRejected(observed, code);
      const calls = h.server.getAuthorization.mock.calls.length;
      h.server.status = AUTHORIZED;
      postResult();
      h.tracker.channels.deliver(channelName(attemptId()), resultMessage(attemptId()));
      h.opener.dispatchEvent(new Event('focus'));
      await flush();
      expect(h.server.getAuthorization).toHaveBeenCalledTimes(calls);
      expectRejected(observed, code);
      expectClean(h.tracker);
    });

    describe('when the server does not confirm a well-formed "authorized" message (B21)', () => {
      it('keeps waiting while the server says pending, then fails; no result', async () => {
        const observed = await started();
        postResult();
        await flush();
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
        expect(observed.state).toBe('pending');
        await closeByUser();
        await vi.advanceTimersByTimeAsync(500 + 1_500);
        expectRejected(observed, 'popup_closed');
        expectClean(h.tracker);
      });

      it.each([
        [{ status: 'denied' }, 'access_denied'],
        [{ status: 'expired' }, 'timeout'],
        [{ status: 'failed', code: 'exchange_failed' }, 'authorization_failed'],
        [{ status: 'failed' }, 'authorization_failed'],
        [{ status: 'failed', code: 'store_mismatch' }, 'store_mismatch'],
      ] as Array<[AuthorizationStatus, ConnectionErrorCode]>)('maps the server answer %j to %s', async (answer, code) => {
        const observed = await started();
        h.server.status = answer;
        postResult();
        await flush();
        const error = expectRejected(observed, code, attemptId());
        if (answer.status === 'failed') expect(error.cause).toEqual(answer);
        expect(h.opener.popup.close).toHaveBeenCalled();
        expectClean(h.tracker);
      });

      it('rejects at once when getAuthorization resolves something malformed', async () => {
        const observed = await started();
        h.server.getAuthorization.mockResolvedValue({ status: 'authorized' } as never);
        postResult();
        await flush();
        expectRejected(observed, 'invalid_adapter_response');
        expectClean(h.tracker);
      });

      it('keeps waiting through a failing check, then succeeds on the next hint', async () => {
        const observed = await started();
        h.server.getAuthorization.mockRejectedValueOnce(new Error('network'));
        postResult();
        await flush();
        expect(observed.state).toBe('pending');
        h.server.status = AUTHORIZED;
        h.opener.dispatchEvent(new Event('focus'));
        await flush();
        expect(observed.state).toBe('fulfilled');
        expectClean(h.tracker);
      });
    });

    it('rejects with store_mismatch when the server confirms another store than typed (B22)', async () => {
      const observed = await started();
      h.server.status = { status: 'authorized', grantId: 'grant-2', storeHash: 'zzz999' };
      postResult();
      await flush();
      const error = expectRejected(observed, 'store_mismatch', attemptId());
      expect(error.cause).toEqual({ expected: 'abc123', actual: 'zzz999' });
      expectClean(h.tracker);
    });

    it('compares store hashes case-insensitively', async () => {
      const observed = await started({ storeHash: 'ABC123' });
      h.server.status = { status: 'authorized', grantId: 'grant-1', storeHash: 'AbC123' };
      postResult();
      await flush();
      expect(observed.value).toEqual({
        grantId: 'grant-1',
        storeHash: 'abc123',
        attemptId: attemptId(),
        confirmedVia: 'message',
        severed: false,
      });
    });
  });

  describe('closing, timeouts, COOP (RELIABILITY E)', () => {
    describe('when the popup is closed with no result (E38)', () => {
      it('rejects with popup_closed only after the grace, having asked the server once', async () => {
        const observed = await started();
        await closeByUser();
        await vi.advanceTimersByTimeAsync(500); // the poll notices
        await vi.advanceTimersByTimeAsync(1_499);
        expect(observed.state).toBe('pending');
        expect(h.server.getAuthorization).not.toHaveBeenCalled();
        await vi.advanceTimersByTimeAsync(1);
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
        expectRejected(observed, 'popup_closed', attemptId());
        expectClean(h.tracker);
      });

      it('still succeeds when the result arrives inside the grace', async () => {
        const observed = await started();
        await closeByUser();
        await vi.advanceTimersByTimeAsync(500 + 1_000);
        expect(h.server.getAuthorization).not.toHaveBeenCalled();
        h.server.status = AUTHORIZED;
        postResult();
        await flush();
        expect(observed.state).toBe('fulfilled');
        expect(observed.value).toMatchObject({ confirmedVia: 'message', severed: false });
        expectClean(h.tracker);
      });

      it('succeeds when the last server check says authorized', async () => {
        const observed = await started();
        h.server.status = AUTHORIZED;
        await closeByUser();
        await vi.advanceTimersByTimeAsync(2_000);
        expect(observed.state).toBe('fulfilled');
        expect(observed.value).toMatchObject({ confirmedVia: 'server', severed: false });
        expectClean(h.tracker);
      });

      it('honours a custom closeGraceMs', async () => {
        const observed = await started({ closeGraceMs: 60_000 });
        await closeByUser();
        await vi.advanceTimersByTimeAsync(60_499);
        expect(observed.state).toBe('pending');
        await vi.advanceTimersByTimeAsync(1);
        expectRejected(observed, 'popup_closed');
        expectClean(h.tracker);
      });

      it('waits for a check in flight and asks once more before giving up', async () => {
        const observed = await started();
        h.server.hold();
        postResult();
        await flush();
        await closeByUser();
        await vi.advanceTimersByTimeAsync(2_000);
        expect(observed.state).toBe('pending');
        h.server.release(); // the check started before the close answers pending …
        await flush();
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(2); // … so the last check runs after it
        h.server.release();
        await flush();
        expectRejected(observed, 'popup_closed');
        expectClean(h.tracker);
      });

      it('rejects popup_closed without asking when the popup closes before the server knows the attempt', async () => {
        h.server.beginAuthorization.mockImplementation(() => new Promise(() => {}));
        const observed = start();
        h.opener.popup.closed = true;
        await vi.advanceTimersByTimeAsync(2_000);
        expectRejected(observed, 'popup_closed');
        expect(h.server.getAuthorization).not.toHaveBeenCalled();
        expectClean(h.tracker);
      });

      it('rejects with adapter_error when the last check cannot reach the server', async () => {
        const observed = await started();
        h.server.getAuthorization.mockRejectedValue(new Error('offline'));
        await closeByUser();
        await vi.advanceTimersByTimeAsync(2_000);
        expectRejected(observed, 'adapter_error');
        expectClean(h.tracker);
      });

      it('does not hang when the last check never answers', async () => {
        const observed = await started();
        h.server.hold();
        await closeByUser();
        await vi.advanceTimersByTimeAsync(2_000 + FINAL_CHECK_TIMEOUT_MS - 1);
        expect(observed.state).toBe('pending');
        await vi.advanceTimersByTimeAsync(1);
        expectRejected(observed, 'popup_closed');
        expectClean(h.tracker);
        h.server.release();
        await flush();
        expectRejected(observed, 'popup_closed');
      });
    });

    describe('COOP severance: closed reads true soon after navigating, the popup is still open (E39, G48)', () => {
      /**
       * The handle reads closed 50 ms after navigation (at 0 ms), as under `Cross-Origin-Opener-Policy:
       * same-origin`; returns at 500 ms, the close poll that reads it.
       */
      async function severSoonAfterNavigation(): Promise<void> {
        await vi.advanceTimersByTimeAsync(50);
        h.opener.popup.sever();
        await vi.advanceTimersByTimeAsync(POPUP_POLL_MS - 50);
      }

      it('keeps waiting and polls the server, then succeeds through the BroadcastChannel (a)', async () => {
        const observed = await started();
        await severSoonAfterNavigation();
        // Well past closeGraceMs and the last-check timeout: a close would have ended it long ago.
        await vi.advanceTimersByTimeAsync(60_000);
        expect(observed.state).toBe('pending');
        const polls = h.server.getAuthorization.mock.calls.length;
        // One request every SEVERED_POLL_MS since the poll read `closed`.
        expect(polls).toBe(60_000 / SEVERED_POLL_MS);
        // The handle no longer reaches the window: nothing to focus, and a second click starts afresh.
        expect(focusAuthorizationPopup({ window: h.opener.asWindow() })).toBe(false);
        expect(h.opener.popup.focus).not.toHaveBeenCalled();
        expect(h.opener.popup.close).not.toHaveBeenCalled();

        h.server.status = AUTHORIZED;
        h.tracker.channels.deliver(channelName(attemptId()), resultMessage(attemptId()));
        await flush();
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(polls + 1);
        expect(observed.state).toBe('fulfilled');
        expect(observed.value).toEqual({
          grantId: 'grant-1',
          storeHash: 'abc123',
          ownerEmail: 'owner@example.com',
          attemptId: attemptId(),
          confirmedVia: 'broadcast',
          severed: true,
        });
        expectClean(h.tracker);
      });

      it('polls every SEVERED_POLL_MS from the moment the severance is read', async () => {
        const observed = await started();
        await severSoonAfterNavigation();
        expect(h.server.getAuthorization).not.toHaveBeenCalled();
        await vi.advanceTimersByTimeAsync(SEVERED_POLL_MS - 1);
        expect(h.server.getAuthorization).not.toHaveBeenCalled();
        await vi.advanceTimersByTimeAsync(1);
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
        expect(h.server.getAuthorization).toHaveBeenCalledWith({ attemptId: attemptId() });
        await vi.advanceTimersByTimeAsync(SEVERED_POLL_MS);
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(2);
        h.controller.abort();
        await flush();
        expectRejected(observed, 'cancelled');
      });

      it('does not stack polls while the server is slow', async () => {
        const observed = await started();
        await severSoonAfterNavigation();
        h.server.hold();
        await vi.advanceTimersByTimeAsync(SEVERED_POLL_MS * 10);
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
        h.server.status = AUTHORIZED;
        h.server.release();
        await flush();
        expect(observed.state).toBe('fulfilled');
        expect(observed.value).toMatchObject({ confirmedVia: 'server', severed: true });
        expectClean(h.tracker);
      });

      it('also resolves when the opener regains focus', async () => {
        const observed = await started();
        await severSoonAfterNavigation();
        h.server.status = AUTHORIZED;
        h.opener.dispatchEvent(new Event('focus'));
        await flush();
        expect(observed.value).toMatchObject({ confirmedVia: 'server', severed: true });
        expectClean(h.tracker);
      });

      it.each([
        [{ status: 'denied' }, 'access_denied'],
        [{ status: 'failed', code: 'store_mismatch' }, 'store_mismatch'],
        [{ status: 'expired' }, 'timeout'],
      ] as Array<[AuthorizationStatus, ConnectionErrorCode]>)('ends on the terminal server answer %j → %s', async (answer, code) => {
        const observed = await started();
        await severSoonAfterNavigation();
        h.server.status = answer;
        await vi.advanceTimersByTimeAsync(SEVERED_POLL_MS);
        expectRejected(observed, code, attemptId());
        expectClean(h.tracker);
      });

      describe('without any channel (partitioned iframe + COOP)', () => {
        beforeEach(() => {
          disposeHarness(h);
          h = createHarness({ broadcastChannel: false });
        });

        it('resolves through the periodic server poll alone (b)', async () => {
          const observed = await started();
          await severSoonAfterNavigation();
          await vi.advanceTimersByTimeAsync(30_000);
          expect(observed.state).toBe('pending');
          h.server.status = AUTHORIZED;
          await vi.advanceTimersByTimeAsync(SEVERED_POLL_MS - 1);
          expect(observed.state).toBe('pending');
          await vi.advanceTimersByTimeAsync(1);
          expect(observed.state).toBe('fulfilled');
          expect(observed.value).toMatchObject({ attemptId: attemptId(), confirmedVia: 'server', severed: true });
          expect(h.tracker.channels.opened).toBe(0);
          expectClean(h.tracker);
        });
      });

      it('times out, after a last server check, and releases everything (c)', async () => {
        const observed = await started({ timeoutMs: 30_000 });
        await severSoonAfterNavigation();
        await vi.advanceTimersByTimeAsync(30_000 - POPUP_POLL_MS - 1);
        expect(observed.state).toBe('pending');
        const calls = h.server.getAuthorization.mock.calls.length;
        await vi.advanceTimersByTimeAsync(1);
        expectRejected(observed, 'timeout', attemptId());
        expect(h.server.getAuthorization.mock.calls.length).toBeGreaterThan(calls);
        expectClean(h.tracker);
        await vi.advanceTimersByTimeAsync(SEVERED_POLL_MS * 5);
        expect(vi.getTimerCount()).toBe(0);
      });

      it('still succeeds when the last check at the timeout says authorized', async () => {
        const observed = await started({ timeoutMs: 31_000 });
        await severSoonAfterNavigation();
        await vi.advanceTimersByTimeAsync(30_000);
        h.server.status = AUTHORIZED;
        await vi.advanceTimersByTimeAsync(1_000 - POPUP_POLL_MS);
        expect(observed.value).toMatchObject({ confirmedVia: 'server', severed: true });
        expectClean(h.tracker);
      });

      it('cancels on abort, asks nothing more, and releases everything (d)', async () => {
        const observed = await started();
        await severSoonAfterNavigation();
        await vi.advanceTimersByTimeAsync(10_000);
        h.controller.abort();
        await flush();
        expectRejected(observed, 'cancelled', attemptId());
        expectClean(h.tracker);
        const calls = h.server.getAuthorization.mock.calls.length;
        h.server.status = AUTHORIZED;
        h.tracker.channels.deliver(channelName(attemptId()), resultMessage(attemptId()));
        await vi.advanceTimersByTimeAsync(SEVERED_POLL_MS * 5);
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(calls);
        expectRejected(observed, 'cancelled');
      });

      it('is superseded by a new click, which opens a new popup', async () => {
        const older = await started({ signal: undefined });
        await severSoonAfterNavigation();
        const opener = h.opener.asWindow();
        const click = () => focusAuthorizationPopup({ window: opener }) || start();
        const newer = click() as Observed<AuthorizationResult>;
        await flush();
        expect(h.opener.open).toHaveBeenCalledTimes(2);
        expectRejected(older, 'superseded', attemptId(0));
        h.server.status = AUTHORIZED;
        postResult(h.opener.popup, attemptId(1));
        await flush();
        expect(newer.value).toMatchObject({ attemptId: attemptId(1), confirmedVia: 'message', severed: false });
        expectClean(h.tracker);
      });

      it('takes a closed reading just inside the window as severance', async () => {
        const observed = await started();
        // Read by the poll at 2,500 ms: inside the 3,000 ms window.
        await vi.advanceTimersByTimeAsync(2_400);
        h.opener.popup.sever();
        await vi.advanceTimersByTimeAsync(100 + DEFAULT_CLOSE_GRACE_MS + FINAL_CHECK_TIMEOUT_MS);
        expect(observed.state).toBe('pending');
        expect(h.server.getAuthorization.mock.calls.length).toBeGreaterThan(0);
        h.controller.abort();
        await flush();
        expectRejected(observed, 'cancelled');
      });

      it('honours severanceWindowMs', async () => {
        const observed = await started({ severanceWindowMs: 10_000 });
        await vi.advanceTimersByTimeAsync(8_000);
        h.opener.popup.sever();
        await vi.advanceTimersByTimeAsync(60_000);
        expect(observed.state).toBe('pending');
        h.server.status = AUTHORIZED;
        await vi.advanceTimersByTimeAsync(SEVERED_POLL_MS);
        expect(observed.value).toMatchObject({ confirmedVia: 'server', severed: true });
        expectClean(h.tracker);
      });

      it('treats every closed reading as a close with severanceWindowMs: 0', async () => {
        const observed = await started({ severanceWindowMs: 0 });
        await vi.advanceTimersByTimeAsync(50);
        h.opener.popup.closed = true;
        await vi.advanceTimersByTimeAsync(POPUP_POLL_MS - 50 + DEFAULT_CLOSE_GRACE_MS);
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
        expectRejected(observed, 'popup_closed', attemptId());
        expectClean(h.tracker);
      });
    });

    describe('a real close is not severance (E38, G48) (e)', () => {
      it('rejects popup_closed after the grace when closed is first read after the severance window', async () => {
        const observed = await started();
        await vi.advanceTimersByTimeAsync(2_600);
        h.opener.popup.closed = true; // read by the poll at 3,000 ms: the window has passed
        await vi.advanceTimersByTimeAsync(400 + DEFAULT_CLOSE_GRACE_MS - 1);
        expect(observed.state).toBe('pending');
        expect(h.server.getAuthorization).not.toHaveBeenCalled();
        await vi.advanceTimersByTimeAsync(1);
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
        expectRejected(observed, 'popup_closed', attemptId());
        // A closed popup is not severed: focus reports it gone too.
        expect(focusAuthorizationPopup({ window: h.opener.asWindow() })).toBe(false);
        expectClean(h.tracker);
      });

      it('rejects popup_closed when the popup closes on the blank page, before the server answers', async () => {
        let resolveBegin: (value: { url: string; resultOrigin: string }) => void = () => {};
        h.server.beginAuthorization.mockImplementation(() => new Promise((resolve) => (resolveBegin = resolve)));
        const observed = start();
        await vi.advanceTimersByTimeAsync(100);
        h.opener.popup.closed = true;
        await vi.advanceTimersByTimeAsync(POPUP_POLL_MS); // the poll reads closed on the blank page
        resolveBegin({ url: AUTHORIZE_URL, resultOrigin: APP_ORIGIN });
        await flush();
        expect(h.opener.popup.location.replace).not.toHaveBeenCalled();
        await vi.advanceTimersByTimeAsync(DEFAULT_CLOSE_GRACE_MS);
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
        expectRejected(observed, 'popup_closed', attemptId());
        expectClean(h.tracker);
      });

      it('does not mistake a blank-page close the poll has not read yet for severance', async () => {
        let resolveBegin: (value: { url: string; resultOrigin: string }) => void = () => {};
        h.server.beginAuthorization.mockImplementation(() => new Promise((resolve) => (resolveBegin = resolve)));
        const observed = start();
        await vi.advanceTimersByTimeAsync(100);
        h.opener.popup.closed = true;
        // The server answers before the poll runs: navigating now would make the stale reading look like COOP.
        resolveBegin({ url: AUTHORIZE_URL, resultOrigin: APP_ORIGIN });
        await flush();
        expect(h.opener.popup.location.replace).not.toHaveBeenCalled();
        await vi.advanceTimersByTimeAsync(POPUP_POLL_MS - 100 + DEFAULT_CLOSE_GRACE_MS);
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
        expectRejected(observed, 'popup_closed', attemptId());
        expectClean(h.tracker);
      });
    });

    describe('how the attempt was confirmed (confirmedVia, severed)', () => {
      it('says message for a valid postMessage from the popup', async () => {
        const observed = await started();
        h.server.status = AUTHORIZED;
        postResult();
        await flush();
        expect(observed.value).toMatchObject({ confirmedVia: 'message', severed: false });
        expectClean(h.tracker);
      });

      it('says broadcast for a BroadcastChannel message while the handle is intact', async () => {
        const observed = await started();
        h.server.status = AUTHORIZED;
        h.tracker.channels.deliver(channelName(attemptId()), resultMessage(attemptId()));
        await flush();
        expect(observed.value).toMatchObject({ confirmedVia: 'broadcast', severed: false });
        expectClean(h.tracker);
      });

      it.each([
        ['a message', 'message'],
        ['only a broadcast', 'broadcast'],
      ] as const)('names a re-check after the most direct hint that arrived during a check in flight: %s', async (_name, via) => {
        const observed = await started();
        let answerFirst: (answer: AuthorizationStatus) => void = () => {};
        h.server.getAuthorization.mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve)));
        h.opener.dispatchEvent(new Event('focus')); // check 1, triggered by focus
        await flush();
        h.tracker.channels.deliver(channelName(attemptId()), resultMessage(attemptId()));
        if (via === 'message') postResult();
        h.opener.dispatchEvent(new Event('focus'));
        await flush();
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
        h.server.status = AUTHORIZED;
        answerFirst({ status: 'pending' });
        await flush();
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(2);
        expect(observed.value).toMatchObject({ confirmedVia: via, severed: false });
        expectClean(h.tracker);
      });

      it('names the check that got the answer, not a hint that arrived while it was in flight', async () => {
        const observed = await started();
        h.server.status = AUTHORIZED;
        h.server.hold();
        h.opener.dispatchEvent(new Event('focus'));
        await flush();
        postResult();
        await flush();
        h.server.release();
        await flush();
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
        expect(observed.value).toMatchObject({ confirmedVia: 'server', severed: false });
        expectClean(h.tracker);
      });
    });

    describe('with no opener channel and no BroadcastChannel (E40, partitioned iframe)', () => {
      beforeEach(() => {
        disposeHarness(h);
        h = createHarness({ broadcastChannel: false });
      });

      it('subscribes without a channel', () => {
        start();
        expect(h.tracker.channels.opened).toBe(0);
        h.controller.abort();
        expectClean(h.tracker);
      });

      it('resolves through the server check on focus', async () => {
        const observed = await started();
        h.server.status = AUTHORIZED;
        h.opener.dispatchEvent(new Event('focus'));
        await flush();
        expect(observed.state).toBe('fulfilled');
        expect(observed.value).toMatchObject({ confirmedVia: 'server', severed: false });
        expectClean(h.tracker);
      });

      it('resolves through the server check when the page becomes visible, not while hidden', async () => {
        const observed = await started();
        h.server.status = AUTHORIZED;
        h.opener.document.visibilityState = 'hidden';
        h.opener.document.dispatchEvent(new Event('visibilitychange'));
        await flush();
        expect(h.server.getAuthorization).not.toHaveBeenCalled();
        h.opener.document.visibilityState = 'visible';
        h.opener.document.dispatchEvent(new Event('visibilitychange'));
        await flush();
        expect(observed.state).toBe('fulfilled');
        expectClean(h.tracker);
      });

      it('resolves through the server check when the popup closes', async () => {
        const observed = await started();
        h.server.status = AUTHORIZED;
        await closeByUser();
        await vi.advanceTimersByTimeAsync(2_000);
        expect(observed.state).toBe('fulfilled');
        expect(observed.value).toMatchObject({ confirmedVia: 'server', severed: false });
        expectClean(h.tracker);
      });

      it('resolves through the server check at the timeout', async () => {
        const observed = await started({ timeoutMs: 60_000 });
        h.server.status = AUTHORIZED;
        await vi.advanceTimersByTimeAsync(60_000);
        expect(observed.state).toBe('fulfilled');
        expect(observed.value).toMatchObject({ confirmedVia: 'server', severed: false });
        expect(h.opener.popup.close).toHaveBeenCalled();
        expectClean(h.tracker);
      });
    });

    describe('timeout (E41)', () => {
      it('defaults to 5 minutes', async () => {
        const observed = await started();
        await vi.advanceTimersByTimeAsync(299_999);
        expect(observed.state).toBe('pending');
        await vi.advanceTimersByTimeAsync(1);
        expectRejected(observed, 'timeout');
        expectClean(h.tracker);
      });

      it('is configurable; on expiry the popup closes and everything is released', async () => {
        const observed = await started({ timeoutMs: 10_000 });
        await vi.advanceTimersByTimeAsync(9_999);
        expect(observed.state).toBe('pending');
        expect(h.opener.popup.close).not.toHaveBeenCalled();
        await vi.advanceTimersByTimeAsync(1);
        expect(h.opener.popup.close).toHaveBeenCalled();
        expect(h.server.getAuthorization).toHaveBeenCalledTimes(1);
        expectRejected(observed, 'timeout', attemptId());
        expectClean(h.tracker);
      });

      it('times out while beginAuthorization has not answered', async () => {
        h.server.beginAuthorization.mockImplementation(() => new Promise(() => {}));
        const observed = start({ timeoutMs: 5_000 });
        await vi.advanceTimersByTimeAsync(5_000);
        expectRejected(observed, 'timeout');
        expect(h.opener.popup.close).toHaveBeenCalled();
        expectClean(h.tracker);
      });
    });

    describe('cancel (E42)', () => {
      it('rejects with cancelled, closes the popup and releases everything', async () => {
        const observed = await started();
        h.controller.abort();
        await flush();
        expectRejected(observed, 'cancelled', attemptId());
        expect(h.opener.popup.close).toHaveBeenCalledTimes(1);
        expectClean(h.tracker);
      });

      it('rejects an already-aborted signal without opening a popup', async () => {
        h.controller.abort();
        const observed = start();
        await flush();
        expectRejected(observed, 'cancelled');
        expect(h.opener.open).not.toHaveBeenCalled();
        expect(h.tracker.listeners.added).toBe(0);
      });

      it('cancels while beginAuthorization is in flight and ignores its late answer', async () => {
        let resolveBegin: (value: { url: string; resultOrigin: string }) => void = () => {};
        h.server.beginAuthorization.mockImplementation(() => new Promise((resolve) => (resolveBegin = resolve)));
        const observed = start();
        h.controller.abort();
        resolveBegin({ url: AUTHORIZE_URL, resultOrigin: APP_ORIGIN });
        await flush();
        expectRejected(observed, 'cancelled');
        expect(h.opener.popup.location.replace).not.toHaveBeenCalled();
        expectClean(h.tracker);
      });
    });

    describe('after every terminal state (E43)', () => {
      type Scenario = (observed: () => Observed<AuthorizationResult>) => Promise<void>;
      const scenarios: Array<[string, 'fulfilled' | ConnectionErrorCode, Scenario]> = [
        ['success', 'fulfilled', async () => {
          h.server.status = AUTHORIZED;
          postResult();
        }],
        ['popup closed', 'popup_closed', async () => {
          await closeByUser();
          await vi.advanceTimersByTimeAsync(2_000);
        }],
        ['COOP severance, then the BroadcastChannel', 'fulfilled', async () => {
          h.opener.popup.sever();
          await vi.advanceTimersByTimeAsync(10_000);
          h.server.status = AUTHORIZED;
          h.tracker.channels.deliver(channelName(attemptId()), resultMessage(attemptId()));
        }],
        ['COOP severance, then the server poll', 'fulfilled', async () => {
          h.opener.popup.sever();
          await vi.advanceTimersByTimeAsync(10_000);
          h.server.status = AUTHORIZED;
          await vi.advanceTimersByTimeAsync(SEVERED_POLL_MS);
        }],
        ['COOP severance, then the timeout', 'timeout', async () => {
          h.opener.popup.sever();
          await vi.advanceTimersByTimeAsync(300_000);
        }],
        ['COOP severance, then abort', 'cancelled', async () => {
          h.opener.popup.sever();
          await vi.advanceTimersByTimeAsync(10_000);
          h.controller.abort();
        }],
        ['timeout', 'timeout', async () => {
          await vi.advanceTimersByTimeAsync(300_000);
        }],
        ['abort', 'cancelled', async () => h.controller.abort()],
        ['pagehide', 'cancelled', async () => {
          h.opener.dispatchEvent(new Event('pagehide'));
        }],
        ['superseded', 'superseded', async () => {
          start({ signal: undefined });
          await flush();
          h.opener.dispatchEvent(new Event('pagehide')); // ends the newer one too
        }],
        ['denied', 'access_denied', async () => {
          h.server.status = { status: 'denied' };
          postResult();
        }],
        ['store mismatch', 'store_mismatch', async () => {
          h.server.status = { ...AUTHORIZED, storeHash: 'other1' };
          postResult();
        }],
        ['failed', 'authorization_failed', async () => {
          h.server.status = { status: 'failed', code: 'scope_mismatch' };
          postResult();
        }],
        ['expired', 'timeout', async () => {
          h.server.status = { status: 'expired' };
          h.opener.dispatchEvent(new Event('focus'));
        }],
      ];

      it.each(scenarios)('leaves zero timers and balanced listeners after %s', async (_name, outcome, scenario) => {
        const observed = await started();
        await scenario(() => observed);
        await flush();
        if (outcome === 'fulfilled') expect(observed.state).toBe('fulfilled');
        else expectRejected(observed, outcome, attemptId());
        expect(h.opener.popup.closed).toBe(true);
        expect(h.tracker.listeners.added).toBeGreaterThan(0);
        expect(h.tracker.listeners.removed).toBe(h.tracker.listeners.added);
        expect(h.tracker.timers.live()).toBe(0);
        expect(vi.getTimerCount()).toBe(0);
        expect(h.tracker.channels.closed).toBe(h.tracker.channels.opened);
        expectClean(h.tracker);
      });

      it.each([
        ['adapter_error', () => h.server.beginAuthorization.mockRejectedValue(new Error('down'))],
        ['invalid_adapter_response', () => h.server.beginAuthorization.mockResolvedValue({ url: 'javascript:x', resultOrigin: APP_ORIGIN })],
        ['popup_blocked', () => {
          h.opener.nextPopup = null;
        }],
      ] as const)('leaves nothing after %s', async (code, arrange) => {
        arrange();
        const observed = start();
        await flush();
        expectRejected(observed, code);
        expectClean(h.tracker);
      });
    });
  });

  it('settles exactly once even when outcomes race', async () => {
    const observed = await started();
    h.server.status = AUTHORIZED;
    const settle = vi.fn();
    const promise = authorizeInPopup({ storeHash: 'abc123', adapter: h.server.adapter, window: h.opener.asWindow(), popup: { name: 'race' } });
    promise.then(settle, settle);
    await flush();
    const popup = h.opener.popup;
    h.opener.postFrom(popup, APP_ORIGIN, resultMessage(attemptId(1)));
    h.opener.dispatchEvent(new Event('pagehide'));
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(400_000);
    expect(settle).toHaveBeenCalledTimes(1);
    expect(observed.state).toBe('rejected');
    expectClean(h.tracker);
  });
});
