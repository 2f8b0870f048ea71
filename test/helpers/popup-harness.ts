import { vi } from 'vitest';
import type { AuthorizationStatus } from '../../src/core/adapter';
import { createResourceTracker, type ResourceTracker, type ResourceTrackerOptions } from './resource-tracker';

/*
 * Fakes for the popup engine's unit tests: a popup window and an opener the test fully controls, a scripted
 * adapter ("the server"), and a way to observe a promise without awaiting it. Use with `vi.useFakeTimers()`.
 */

export const APP_ORIGIN = 'https://app.example.com';
export const AUTHORIZE_URL = 'https://login.bigcommerce.com/oauth2/authorize?client_id=x&context=stores/abc123';

/** A popup window: `closed`, `focus`, `close`, `location`, `document`, `postMessage`. */
export class FakePopup {
  closed = false;
  /** Set by `sever()`: the window is still open, only the opener's handle lost it. */
  severed = false;
  readonly focus = vi.fn();
  readonly close = vi.fn(() => {
    // A severed handle no longer reaches the window: close() changes nothing the user sees.
    this.closed = true;
  });
  readonly postMessage = vi.fn();
  readonly location = {
    href: 'about:blank',
    replace: vi.fn((url: string) => {
      this.location.href = url;
    }),
  };
  readonly document: { title: string; body: { textContent: string } | null } = {
    title: '',
    body: { textContent: '' },
  };

  /**
   * What `Cross-Origin-Opener-Policy: same-origin` on the opener does once the popup navigates away: the handle
   * reads `closed === true` while the window stays open and the user keeps signing in; `focus()` and `close()`
   * no longer reach it. @see https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies
   */
  sever(): void {
    this.severed = true;
    this.closed = true;
  }
}

export class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
}

/** An opener window: an EventTarget with `open`, `document`, `location` and geometry. */
export class FakeOpener extends EventTarget {
  /** What the next `open()` returns; `'new'` creates a fresh `FakePopup`. */
  nextPopup: unknown = 'new';
  readonly popups: FakePopup[] = [];
  readonly document = new FakeDocument();
  readonly location = { href: `${APP_ORIGIN}/connections/new`, origin: APP_ORIGIN };
  screenX = 100;
  screenY = 50;
  outerWidth = 1400;
  outerHeight = 900;
  readonly open = vi.fn((_url?: string, _name?: string, _features?: string): unknown => {
    if (this.nextPopup !== 'new') return this.nextPopup;
    const popup = new FakePopup();
    this.popups.push(popup);
    return popup;
  });

  get popup(): FakePopup {
    const popup = this.popups.at(-1);
    if (!popup) throw new Error('no popup was opened');
    return popup;
  }

  asWindow(): Window {
    return this as unknown as Window;
  }

  /** Dispatches a `message` event with the given origin and source (jsdom refuses a fake `source` in the init). */
  postFrom(source: unknown, origin: string, data: unknown): void {
    this.dispatchEvent(messageEvent(data, origin, source));
  }
}

export function messageEvent(data: unknown, origin: string, source: unknown): MessageEvent {
  const event = new MessageEvent('message', { data, origin });
  Object.defineProperty(event, 'source', { value: source });
  return event;
}

/** A valid result message for `attemptId`. */
export function resultMessage(
  attemptId: string,
  status: 'authorized' | 'denied' | 'error' = 'authorized',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { v: 1, type: 'rcw:authorization-result', attemptId, status, ...extra };
}

/**
 * A scripted adapter. `getAuthorization` answers `server.status` (settable) at once, or waits while `hold()` is on.
 */
export function createFakeServer(initial: AuthorizationStatus = { status: 'pending' }) {
  let status: AuthorizationStatus = initial;
  let held: Array<() => void> | null = null;
  const beginAuthorization = vi.fn(
    async (_input: { platform: 'bigcommerce'; storeHash: string; attemptId: string }): Promise<{
      url: string;
      resultOrigin: string;
    }> => ({ url: AUTHORIZE_URL, resultOrigin: APP_ORIGIN }),
  );
  const getAuthorization = vi.fn(async (_input: { attemptId: string }): Promise<AuthorizationStatus> => {
    if (held) await new Promise<void>((resolve) => held?.push(resolve));
    return status;
  });
  return {
    adapter: { beginAuthorization, getAuthorization },
    beginAuthorization,
    getAuthorization,
    get status() {
      return status;
    },
    set status(next: AuthorizationStatus) {
      status = next;
    },
    /** Answers to `getAuthorization` wait until `release()`. */
    hold() {
      held = [];
    },
    release() {
      const waiting = held ?? [];
      held = null;
      for (const resume of waiting) resume();
    },
    /** `getAuthorization` calls currently waiting on `hold()`. */
    get waiting() {
      return held?.length ?? 0;
    },
  };
}

export type FakeServer = ReturnType<typeof createFakeServer>;

export interface Observed<T> {
  readonly state: 'pending' | 'fulfilled' | 'rejected';
  readonly value: T | undefined;
  readonly error: unknown;
}

/** Observes a promise without awaiting it (and marks its rejection handled). */
export function observe<T>(promise: Promise<T>): Observed<T> {
  const observed = { state: 'pending' as Observed<T>['state'], value: undefined as T | undefined, error: undefined as unknown };
  promise.then(
    (value) => {
      observed.state = 'fulfilled';
      observed.value = value;
    },
    (error: unknown) => {
      observed.state = 'rejected';
      observed.error = error;
    },
  );
  return observed;
}

/** Lets every queued promise reaction run (adapter calls go through a few awaits). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 25; i += 1) await Promise.resolve();
}

export interface Harness {
  tracker: ResourceTracker;
  opener: FakeOpener;
  server: FakeServer;
  controller: AbortController;
}

/** Fake timers, a tracked opener (window + document), a tracked AbortSignal and a scripted server. */
export function createHarness(options: ResourceTrackerOptions & { status?: AuthorizationStatus } = {}): Harness {
  vi.useFakeTimers();
  const tracker = createResourceTracker(options);
  const opener = new FakeOpener();
  tracker.track(opener, 'window');
  tracker.track(opener.document, 'document');
  const controller = new AbortController();
  tracker.track(controller.signal, 'signal');
  return { tracker, opener, server: createFakeServer(options.status), controller };
}

/** Asserts that nothing is left, then puts the globals back. */
export function expectClean(tracker: ResourceTracker): void {
  tracker.assertClean();
  if (vi.getTimerCount() !== 0) throw new Error(`${vi.getTimerCount()} fake timer(s) still scheduled`);
}

export function disposeHarness(harness: Harness): void {
  harness.tracker.restore();
  vi.useRealTimers();
}
