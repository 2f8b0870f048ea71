import { expect, fn, type Mock, waitFor } from 'storybook/test';
import { reportAuthorizationResult } from '../../src/callback/index';
import type { AuthorizationStatus } from '../../src/core/adapter';
import { DEFAULT_SEVERANCE_WINDOW_MS } from '../../src/oauth/popup';
import type { MemoryAdapter } from '../../src/testing/memory-adapter';

/*
 * Play-function helpers that drive the popup protocol without a real window: `window.open` is stubbed for the one
 * click (and restored right after), the "server" outcome is set with `adapter.resolveAuthorization`, and the
 * result page's hint is sent with the library's own `reportAuthorizationResult`, exactly as the callback page does.
 */

/** A stand-in for the popup `window.open` returns: enough for `authorizeInPopup` to drive and observe it. */
export interface FakePopup {
  closed: boolean;
  /** The URLs the wizard sent the popup to (the adapter's authorize URL). */
  readonly navigations: string[];
  /** When it was sent there (`Date.now()`), for `closeLikeAUser`. */
  navigatedAt: number | undefined;
  readonly focus: Mock<() => void>;
  close(): void;
  readonly document: { title: string; body: { textContent: string } };
  readonly location: { href: string; replace(url: string): void };
  postMessage(): void;
}

export function createFakePopup(): FakePopup {
  const navigations: string[] = [];
  const popup: FakePopup = {
    closed: false,
    navigations,
    navigatedAt: undefined,
    focus: fn<() => void>(),
    close() {
      popup.closed = true;
    },
    document: { title: '', body: { textContent: '' } },
    location: {
      href: 'about:blank',
      replace(url: string) {
        navigations.push(url);
        popup.navigatedAt ??= Date.now();
        popup.location.href = url;
      },
    },
    postMessage() {},
  };
  return popup;
}

/**
 * Runs `action` (the click on **Authorize**) with `window.open` returning `result` — a fake popup, or `null` as a
 * popup blocker would — and restores the real `window.open` afterwards, whatever happens.
 */
export async function withStubbedOpen(
  win: Window,
  result: FakePopup | null,
  action: () => Promise<unknown>,
): Promise<Array<Parameters<Window['open']>>> {
  const calls: Array<Parameters<Window['open']>> = [];
  const realOpen = win.open;
  win.open = (...args: Parameters<Window['open']>) => {
    calls.push(args);
    return result as unknown as Window | null;
  };
  try {
    await action();
  } finally {
    win.open = realOpen;
  }
  return calls;
}

/** Waits until the wizard asked the adapter to begin an attempt and sent the popup there; returns the attempt id. */
export async function waitForAttempt(adapter: MemoryAdapter, popup: FakePopup, index = 0): Promise<string> {
  await waitFor(() => expect(popup.navigations.length).toBeGreaterThan(index));
  const attempt = adapter.attempts[index];
  if (!attempt) throw new Error(`No attempt #${index}`);
  await expect(popup.navigations[index]).toContain(`attempt=${attempt.attemptId}`);
  return attempt.attemptId;
}

/**
 * The server learns the outcome (as BigCommerce's redirect to the host's callback would make it), then the result
 * page tells the wizard to ask — over `BroadcastChannel('rcw:' + attemptId)`, as with no `window.opener`.
 */
export function finishAttempt(
  win: Window,
  adapter: MemoryAdapter,
  attemptId: string,
  outcome: Exclude<AuthorizationStatus, { status: 'pending' }>,
): ReturnType<typeof reportAuthorizationResult> {
  adapter.resolveAuthorization(attemptId, outcome);
  return reportAuthorizationResult({
    appOrigin: win.location.origin,
    attemptId,
    status: outcome.status === 'authorized' ? 'authorized' : outcome.status === 'denied' ? 'denied' : 'error',
    window: win,
  });
}

/**
 * Runs `action` (the click on **Authorize**) while recording the windows `window.open` really opens, and returns
 * the first one: the Full flow stories drive that real, same-origin popup through its `document`.
 */
export async function captureRealPopup(win: Window, action: () => Promise<unknown>): Promise<Window> {
  const opened: Array<Window | null> = [];
  const realOpen = win.open;
  win.open = function open(this: Window, ...args: Parameters<Window['open']>) {
    const handle = realOpen.apply(win, args);
    opened.push(handle);
    return handle;
  };
  try {
    await action();
  } finally {
    win.open = realOpen;
  }
  const [popup] = opened;
  await expect(popup, 'window.open was called and returned a window').toBeTruthy();
  return popup as Window;
}

/**
 * Waits until the popup shows the simulated BigCommerce screen `screen` (`sign-in`, `consent`, `done`) and returns
 * its body. Loading Storybook's `iframe.html` in a fresh window takes a few seconds in `storybook dev`.
 */
export async function waitForSimulator(popup: Window, screen: string, timeout = 30_000): Promise<HTMLElement> {
  let body: HTMLElement | null = null;
  await waitFor(
    () => {
      const doc = popup.document;
      const found = doc.querySelector(`[data-rcw-simulator="${screen}"]`);
      expect(found, `the popup shows the simulated ${screen} screen`).not.toBeNull();
      body = doc.body;
    },
    { timeout },
  );
  return body as unknown as HTMLElement;
}

/**
 * Closes the popup the way a person does: some time after it went to the sign-in page. A `closed` reading within
 * `DEFAULT_SEVERANCE_WINDOW_MS` of that navigation is taken by the engine as a popup severed by
 * `Cross-Origin-Opener-Policy`, not closed (it then keeps waiting for the server), so the "user" lingers until the
 * window has passed. `sentAt` is when the popup was sent to the sign-in page (at the latest).
 */
export async function closeLikeAUser(popup: { close(): void }, sentAt: number): Promise<void> {
  const lingerMs = sentAt + DEFAULT_SEVERANCE_WINDOW_MS + 100 - Date.now();
  if (lingerMs > 0) await new Promise((resolve) => setTimeout(resolve, lingerMs));
  popup.close();
}
