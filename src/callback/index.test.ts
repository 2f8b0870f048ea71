import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createResourceTracker, type ResourceTracker } from '../../test/helpers/resource-tracker';
import { channelName, parseResultMessage, RESULT_MESSAGE_TYPE, RESULT_MESSAGE_VERSION } from '../oauth/protocol';
import { type ReportAuthorizationResultOptions, reportAuthorizationResult } from './index';

const APP_ORIGIN = 'https://app.example.com';
const ATTEMPT = '6f1c2b1e-94a3-4d0e-8d0c-1e3f7a9b2c4d';

interface FakeResultWindow {
  location: { search: string };
  opener: { postMessage: ReturnType<typeof vi.fn> } | null;
  BroadcastChannel?: unknown;
}

let tracker: ResourceTracker;

beforeEach(() => {
  tracker = createResourceTracker();
});

afterEach(() => {
  tracker.restore();
});

function resultWindow(search = '', options: { opener?: boolean; channel?: boolean } = {}): FakeResultWindow {
  return {
    location: { search },
    opener: options.opener === false ? null : { postMessage: vi.fn() },
    BroadcastChannel: options.channel === false ? undefined : globalThis.BroadcastChannel,
  };
}

function report(win: FakeResultWindow, options: Partial<ReportAuthorizationResultOptions> = {}) {
  return reportAuthorizationResult({ appOrigin: APP_ORIGIN, window: win as unknown as Window, ...options });
}

let broadcasts: unknown[] = [];

/** What the channels carried, recorded by `spyOnChannels`. */
function broadcastPayloads(): unknown[] {
  return broadcasts;
}

/** Records every payload posted on a channel (the tracked fake stays underneath). */
function spyOnChannels(): void {
  broadcasts = [];
  const Original = globalThis.BroadcastChannel;
  globalThis.BroadcastChannel = class extends Original {
    override postMessage(message: unknown): void {
      broadcasts.push(message);
      super.postMessage(message);
    }
  };
}

describe('reportAuthorizationResult (RELIABILITY C)', () => {
  describe('when the result page has an opener', () => {
    it('posts to the opener with the exact appOrigin as target, never "*" (C23)', () => {
      const win = resultWindow(`?attempt=${ATTEMPT}&status=authorized`);
      expect(report(win)).toBe('posted');
      expect(win.opener?.postMessage).toHaveBeenCalledTimes(1);
      expect(win.opener?.postMessage).toHaveBeenCalledWith(
        { v: 1, type: 'rcw:authorization-result', attemptId: ATTEMPT, status: 'authorized' },
        APP_ORIGIN,
      );
      expect(win.opener?.postMessage.mock.calls[0]?.[1]).not.toBe('*');
    });

    it('also broadcasts on rcw:<attemptId> and closes the channel right away', () => {
      spyOnChannels();
      const win = resultWindow(`?attempt=${ATTEMPT}&status=denied`, { opener: true });
      win.BroadcastChannel = globalThis.BroadcastChannel;
      expect(report(win)).toBe('posted');
      expect(tracker.channels.instances.map((channel) => channel.name)).toEqual([channelName(ATTEMPT)]);
      expect(broadcastPayloads()).toEqual([{ v: 1, type: RESULT_MESSAGE_TYPE, attemptId: ATTEMPT, status: 'denied' }]);
      expect(tracker.channels.live()).toEqual([]);
    });

    it('prefers explicit options over the query string', () => {
      const win = resultWindow(`?attempt=from-url&status=denied&error=x`);
      report(win, { attemptId: ATTEMPT, status: 'error', errorCode: 'exchange_failed' });
      expect(win.opener?.postMessage).toHaveBeenCalledWith(
        { v: 1, type: RESULT_MESSAGE_TYPE, attemptId: ATTEMPT, status: 'error', errorCode: 'exchange_failed' },
        APP_ORIGIN,
      );
    });

    it('reads attempt, status and error from location.search, reports an unknown status as "error" and cuts errorCode to 64', () => {
      const longCode = 'x'.repeat(100);
      const win = resultWindow(`?attempt=${ATTEMPT}&status=hacked&error=${longCode}`, { channel: false });
      report(win);
      const [message] = win.opener?.postMessage.mock.calls[0] ?? [];
      expect(message).toEqual({ v: 1, type: RESULT_MESSAGE_TYPE, attemptId: ATTEMPT, status: 'error', errorCode: 'x'.repeat(64) });
      expect(parseResultMessage(message)).not.toBeNull();
    });

    it('falls back to the channel when posting to the opener throws (COOP severed it)', () => {
      const win = resultWindow(`?attempt=${ATTEMPT}&status=authorized`);
      win.opener?.postMessage.mockImplementation(() => {
        throw new DOMException('blocked', 'SecurityError');
      });
      expect(report(win)).toBe('broadcast');
    });
  });

  describe('when appOrigin is not an exact origin (C24)', () => {
    it.each([
      '*',
      '',
      'null',
      'https://app.example.com/',
      'https://app.example.com/callback',
      'https://app.example.com?x=1',
      'https://app.example.com#x',
      'https://app.example.com:443',
      'HTTPS://APP.EXAMPLE.COM',
      'app.example.com',
      'javascript:alert(1)',
      'file:///tmp',
      'ftp://app.example.com',
    ])('throws a TypeError for %j and sends nothing', (appOrigin) => {
      spyOnChannels();
      const win = resultWindow(`?attempt=${ATTEMPT}&status=authorized`);
      win.BroadcastChannel = globalThis.BroadcastChannel;
      expect(() => report(win, { appOrigin })).toThrow(TypeError);
      expect(win.opener?.postMessage).not.toHaveBeenCalled();
      expect(tracker.channels.opened).toBe(0);
    });

    it('throws for a non-string appOrigin', () => {
      const win = resultWindow(`?attempt=${ATTEMPT}`);
      expect(() => report(win, { appOrigin: { toString: () => APP_ORIGIN } as unknown as string })).toThrow(TypeError);
      expect(win.opener?.postMessage).not.toHaveBeenCalled();
    });
  });

  describe('when there is no opener (C25)', () => {
    it('broadcasts on BroadcastChannel("rcw:" + attemptId), which the opener receives', async () => {
      const win = resultWindow(`?attempt=${ATTEMPT}&status=authorized`, { opener: false });
      const listener = new BroadcastChannel(channelName(ATTEMPT));
      const received = new Promise<unknown>((resolve) =>
        listener.addEventListener('message', (event) => resolve((event as MessageEvent).data)),
      );
      expect(report(win)).toBe('broadcast');
      await expect(received).resolves.toEqual({ v: 1, type: RESULT_MESSAGE_TYPE, attemptId: ATTEMPT, status: 'authorized' });
      listener.close();
      expect(tracker.channels.live()).toEqual([]);
    });

    it('returns "none" when there is neither an opener nor a BroadcastChannel', () => {
      const win = resultWindow(`?attempt=${ATTEMPT}&status=authorized`, { opener: false, channel: false });
      expect(report(win)).toBe('none');
    });
  });

  describe('when there is no attempt id (C25)', () => {
    it.each([
      ['no attempt parameter', '?status=authorized'],
      ['an empty attempt parameter', '?attempt=&status=authorized'],
      ['an attempt id over 128 characters', `?attempt=${'a'.repeat(129)}`],
    ])('sends nothing for %s', (_name, search) => {
      const win = resultWindow(search);
      expect(report(win)).toBe('none');
      expect(win.opener?.postMessage).not.toHaveBeenCalled();
      expect(tracker.channels.opened).toBe(0);
    });
  });

  describe('what it sends (C26)', () => {
    it('carries only the protocol fields, never a code, token or secret from the URL', () => {
      spyOnChannels();
      const win = resultWindow(
        `?attempt=${ATTEMPT}&status=authorized&code=oauth-code&access_token=tok&client_secret=s&scope=store_v2_orders&context=stores/abc`,
      );
      win.BroadcastChannel = globalThis.BroadcastChannel;
      report(win);
      const sent = [win.opener?.postMessage.mock.calls[0]?.[0], ...broadcastPayloads()];
      expect(sent).toHaveLength(2);
      for (const message of sent) {
        expect(Object.keys(message as object).sort()).toEqual(['attemptId', 'status', 'type', 'v']);
        expect(JSON.stringify(message)).not.toMatch(/oauth-code|tok|client_secret|store_v2_orders/);
      }
    });
  });

  describe('self-containment (the server inlines its source)', () => {
    it('writes the protocol constants as literals equal to those of oauth/protocol', () => {
      spyOnChannels();
      const win = resultWindow(`?attempt=${ATTEMPT}&status=authorized`);
      win.BroadcastChannel = globalThis.BroadcastChannel;
      report(win);
      const [message] = win.opener?.postMessage.mock.calls[0] ?? [];
      expect((message as { type: string }).type).toBe(RESULT_MESSAGE_TYPE);
      expect((message as { v: number }).v).toBe(RESULT_MESSAGE_VERSION);
      expect(tracker.channels.instances[0]?.name).toBe(channelName(ATTEMPT));
      expect(parseResultMessage(message)).toEqual(message);
      const source = reportAuthorizationResult.toString();
      // Quote style depends on the transform; the literal values must not.
      expect(source).toMatch(new RegExp(`["']${RESULT_MESSAGE_TYPE}["']`));
      expect(source).toMatch(new RegExp(`\\bv: ${RESULT_MESSAGE_VERSION}\\b`));
      expect(source).toMatch(new RegExp(`["']${channelName('')}["'] \\+ attemptId`));
    });

    it('references no import or module binding in its source', () => {
      const source = reportAuthorizationResult.toString();
      // Vitest rewrites imports to __vi_import_N__ / __vite_ssr_import_N__; a bundler would leave other names that
      // the evaluation tests below would trip over.
      expect(source).not.toMatch(/__vi_import|__vite_ssr|require\(|import\(/);
    });

    describe('evaluated from its source text in a fresh scope', () => {
      const inlined = () =>
        new Function(`return (${reportAuthorizationResult.toString()})`)() as typeof reportAuthorizationResult;

      it('posts to the opener of the window it is given', () => {
        const win = resultWindow(`?attempt=${ATTEMPT}&status=authorized`, { channel: false });
        expect(inlined()({ appOrigin: APP_ORIGIN, window: win as unknown as Window })).toBe('posted');
        expect(win.opener?.postMessage).toHaveBeenCalledWith(
          { v: 1, type: RESULT_MESSAGE_TYPE, attemptId: ATTEMPT, status: 'authorized' },
          APP_ORIGIN,
        );
      });

      it('broadcasts, returns "none" and throws exactly like the module function', () => {
        const fn = inlined();
        const noOpener = resultWindow(`?attempt=${ATTEMPT}&status=denied&error=access_denied`, { opener: false });
        expect(fn({ appOrigin: APP_ORIGIN, window: noOpener as unknown as Window })).toBe('broadcast');
        expect(tracker.channels.instances.at(-1)?.name).toBe(channelName(ATTEMPT));
        expect(tracker.channels.live()).toEqual([]);
        expect(fn({ appOrigin: APP_ORIGIN, window: resultWindow('') as unknown as Window })).toBe('none');
        expect(() => fn({ appOrigin: '*', window: resultWindow(`?attempt=${ATTEMPT}`) as unknown as Window })).toThrow(
          TypeError,
        );
      });

      it('can be called the way the server inlines it, with a JSON options literal', () => {
        const win = resultWindow('', { channel: false });
        const options = JSON.stringify({ appOrigin: APP_ORIGIN, attemptId: ATTEMPT, status: 'authorized' });
        const run = new Function('win', `var o = ${options}; o.window = win; return (${reportAuthorizationResult.toString()})(o);`);
        expect(run(win)).toBe('posted');
        expect(win.opener?.postMessage).toHaveBeenCalledTimes(1);
      });
    });
  });
});
