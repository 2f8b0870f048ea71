import { type AuthorizationStatus, type ConnectionAdapter, callAdapter } from '../core/adapter';
import { ConnectionError, type ConnectionErrorCode, toConnectionError } from '../core/errors';
import { randomId } from '../core/random-id';
import { parseStoreHash } from '../core/store-hash';
import { defaultMessages } from '../i18n/messages.en';
import { channelName, normalizeOrigin, parseResultMessage } from './protocol';

/*
 * The client half of the popup protocol (DESIGN §5). Two flows share one attempt engine (`createAttempt`):
 *
 * - `authorizeInPopup`: opens a popup synchronously inside the click, then asks the host's server where to send it;
 * - `beginLinkAuthorization`: no popup — a Store Owner elsewhere opens the link while this page waits.
 *
 * In both, every signal (a `message` from the popup, the `BroadcastChannel`, the opener regaining focus or
 * visibility, a poll, the popup closing, the timeout) is only a reason to ask the server. The server's
 * `getAuthorization` answer is the one thing that settles an attempt, through one confirmation path, once.
 *
 * Severance (RELIABILITY G48): on a host page served with `Cross-Origin-Opener-Policy: same-origin`, the popup's
 * first cross-origin navigation moves it into another browsing context group, and the opener's handle then reads
 * `closed === true` although the window is open and the user is signing in
 * (https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies). A `closed` reading that
 * soon after navigating is therefore taken as "severed": the attempt keeps listening and polls the server instead
 * of ending `popup_closed`.
 *
 * No React, and nothing touches `window` or `document` at import time (SSR).
 */

/** The `window.open` target name; one live popup attempt per opener window and name. */
export const DEFAULT_POPUP_NAME = 'rcw-bigcommerce-authorization';
/** BigCommerce suggests about 900×450; 650 leaves room for sign-in with two-factor authentication (DESIGN §2). */
export const DEFAULT_POPUP_WIDTH = 900;
export const DEFAULT_POPUP_HEIGHT = 650;
/** @default 5 minutes */
export const DEFAULT_TIMEOUT_MS = 300_000;
/** How long a closed popup may still deliver its result before `popup_closed`. */
export const DEFAULT_CLOSE_GRACE_MS = 1_500;
/**
 * A popup that reads `closed` within this long of being sent to the adapter's URL is taken as severed by COOP,
 * not closed: the severance follows the first navigation response (the host's `start` URL, then its 303 to
 * BigCommerce), which takes a round trip or two — whereas nobody signs in and closes the window that fast.
 */
export const DEFAULT_SEVERANCE_WINDOW_MS = 3_000;
/**
 * How often a severed attempt asks the server. With the handle gone, the server (plus the `BroadcastChannel` and
 * focus hints) is the only way to learn the outcome; 2 s keeps the wait short at one cheap request per tick.
 */
export const SEVERED_POLL_MS = 2_000;
/** A link travels to another person: wait as long as the server keeps the attempt (10 minutes). */
export const DEFAULT_LINK_TIMEOUT_MS = 600_000;
/** @default 3 seconds */
export const DEFAULT_LINK_POLL_MS = 3_000;
/** There is no `close` event on another window: polling `closed` is the only portable way. */
export const POPUP_POLL_MS = 500;
/** The last server check (after the popup closed or the timeout) may not hang the attempt for longer than this. */
export const FINAL_CHECK_TIMEOUT_MS = 10_000;
/** setTimeout fires at once for delays above 2^31 − 1 ms. */
const MAX_DELAY_MS = 2_147_483_647;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The two adapter methods authorization needs.
 *
 * @example
 * const adapter: AuthorizationAdapter = {
 *   beginAuthorization: (input) => post('/api/bigcommerce/authorizations', input),
 *   getAuthorization: ({ attemptId }) => get(`/api/bigcommerce/authorizations/${attemptId}`),
 * };
 */
export type AuthorizationAdapter = Pick<ConnectionAdapter, 'beginAuthorization' | 'getAuthorization'>;

/**
 * What triggered the server check that confirmed an authorization: a valid `postMessage` from the popup
 * (`'message'`), a `BroadcastChannel` message from the result page (`'broadcast'`), or anything else — the opener
 * regaining focus or visibility, a poll, the popup closing, the timeout (`'server'`). When several hints are
 * folded into one check, the most direct one counts (`'message'` over `'broadcast'` over `'server'`).
 */
export type AuthorizationConfirmedVia = 'message' | 'broadcast' | 'server';

/**
 * A server-confirmed authorization. Only the grant id reaches the browser, never a token.
 *
 * @example
 * const { grantId, storeHash, severed, confirmedVia } = await authorizeInPopup({ storeHash: 'abc123', adapter });
 * // → { grantId: 'grant_1', storeHash: 'abc123', ownerEmail: 'owner@example.com', attemptId: '…',
 * //     confirmedVia: 'message', severed: false }
 * if (severed || confirmedVia !== 'message') showNote(messages.authorize.confirmedThroughServer);
 */
export interface AuthorizationResult {
  grantId: string;
  /** The store the server confirmed, equal to the one typed (lower case). */
  storeHash: string;
  ownerEmail?: string;
  attemptId: string;
  /**
   * What triggered the successful server check. Anything but `'message'` means the popup's direct message did
   * not arrive (COOP, a partitioned iframe, a closed window…) and the flow fell back to a slower channel: the UI
   * may say it was "confirmed through the server, which took a little longer". Always `'server'` or
   * `'broadcast'` for `beginLinkAuthorization`.
   */
  confirmedVia: AuthorizationConfirmedVia;
  /**
   * True when the opener lost its handle to the popup while it was open — typically the host page's
   * `Cross-Origin-Opener-Policy` severed it on navigation (see `severanceWindowMs`) — so the popup could be
   * neither watched, focused nor closed. Always false for `beginLinkAuthorization`.
   */
  severed: boolean;
}

/**
 * The popup window: size, target name and the text of its blank page (pass the host's dictionary).
 *
 * @example
 * authorizeInPopup({ storeHash, adapter, popup: { width: 1000, title: messages.authorize.popupTitle, body: messages.authorize.popupBody } });
 */
export interface AuthorizePopupOptions {
  /** @default 900 */
  width?: number;
  /** @default 650 */
  height?: number;
  /** `window.open` target name. @default 'rcw-bigcommerce-authorization' */
  name?: string;
  /** Title of the blank page shown while the server prepares the sign-in URL. @default messages.authorize.popupTitle */
  title?: string;
  /** Text of that page. @default messages.authorize.popupBody */
  body?: string;
}

/**
 * Options of `authorizeInPopup`.
 *
 * @example
 * const controller = new AbortController();
 * authorizeInPopup({ storeHash: 'abc123', adapter, window: button.ownerDocument.defaultView ?? undefined, signal: controller.signal });
 */
export interface AuthorizeInPopupOptions {
  /** The store hash the user typed; the server must confirm this very store. */
  storeHash: string;
  adapter: AuthorizationAdapter;
  /** The opener. @default globalThis (pass the clicked element's `ownerDocument.defaultView` inside iframes) */
  window?: Window;
  /** @default 300_000 */
  timeoutMs?: number;
  /**
   * How long to keep listening after the popup is really closed (see `severanceWindowMs`) before asking the
   * server one last time and rejecting with `popup_closed`: the result page may have posted just before closing.
   * @default 1_500
   */
  closeGraceMs?: number;
  /**
   * A popup whose `closed` first reads true within this many milliseconds of being sent to the adapter's URL is
   * taken as *severed*, not closed. Under `Cross-Origin-Opener-Policy: same-origin` on the host page, the popup's
   * first navigation moves it to another browsing context group and the opener's handle reads `closed === true`
   * while the user is still signing in
   * (https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies). A severed attempt keeps
   * listening (`BroadcastChannel`, focus, visibility) and asks the server every 2 s until it answers, the timeout
   * or the signal ends it; the popup can no longer be focused or closed from here. A `closed` reading later than
   * this — or before navigating, on the blank page — is a real close (`closeGraceMs`, then `popup_closed`).
   * `closed` is polled every 500 ms, so a reading may come up to that much after the fact. `0` turns detection
   * off: every `closed` reading is a close. The cost of a false "severed" (the user closed the popup within this
   * window) is waiting until the server answers or the timeout, so keep it short.
   * @default 3_000
   */
  severanceWindowMs?: number;
  /** Aborting rejects with `cancelled` and closes the popup. */
  signal?: AbortSignal;
  popup?: AuthorizePopupOptions;
}

/**
 * Options of `beginLinkAuthorization`.
 *
 * @example
 * beginLinkAuthorization({ storeHash: 'abc123', adapter, pollMs: 5_000, signal: controller.signal });
 */
export interface BeginLinkAuthorizationOptions {
  storeHash: string;
  adapter: AuthorizationAdapter;
  /** The waiting page's window (focus and visibility trigger checks). @default globalThis */
  window?: Window;
  signal?: AbortSignal;
  /** @default 600_000 */
  timeoutMs?: number;
  /** How often to ask the server. @default 3_000 */
  pollMs?: number;
}

/**
 * What `beginLinkAuthorization` resolves with.
 *
 * @example
 * const { url, result } = await beginLinkAuthorization({ storeHash, adapter });
 * showCopyButton(url);
 * result.then(onAuthorized, onError);
 */
export interface LinkAuthorization {
  /** The authorization URL to hand to the Store Owner. */
  url: string;
  attemptId: string;
  /** Settles like `authorizeInPopup`. Rejections are marked handled, so ignoring it raises no unhandled rejection. */
  result: Promise<AuthorizationResult>;
}

/**
 * Which live popup `focusAuthorizationPopup` looks for: the same opener and name `authorizeInPopup` was given.
 *
 * @example
 * focusAuthorizationPopup({ window: ownerWindow, name: 'my-popup' });
 */
export interface FocusAuthorizationPopupOptions {
  /** @default globalThis */
  window?: Window;
  /** @default 'rcw-bigcommerce-authorization' */
  name?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// The attempt engine, shared by both flows.

type FinalCode = 'popup_closed' | 'timeout';

/** Ranks hints folded into one check: the most direct channel names it. */
const VIA_RANK: Readonly<Record<AuthorizationConfirmedVia, number>> = { server: 0, broadcast: 1, message: 2 };

function strongest(a: AuthorizationConfirmedVia | null, b: AuthorizationConfirmedVia): AuthorizationConfirmedVia {
  return a !== null && VIA_RANK[a] >= VIA_RANK[b] ? a : b;
}

interface AttemptConfig {
  attemptId: string;
  storeHash: string;
  adapter: AuthorizationAdapter;
  opener: Window;
  signal: AbortSignal | undefined;
  timeoutMs: number;
  /** Runs when the timeout expires, before the last server check. */
  onTimeout?: () => void;
}

interface Attempt {
  readonly attemptId: string;
  readonly promise: Promise<AuthorizationResult>;
  isSettled(): boolean;
  /** The server knows the attempt (`beginAuthorization` resolved): checks may run from now on. */
  begin(): void;
  /** Something happened that may mean the server has an answer: ask it (coalesced). Confirms `via: 'server'`. */
  hint(): void;
  /**
   * A payload from a channel already checked for origin and source: a valid message for this attempt is a hint,
   * named after its channel (`'message'` for `postMessage`, `'broadcast'` for the `BroadcastChannel`).
   */
  acceptMessage(data: unknown, via: 'message' | 'broadcast'): void;
  /**
   * The opener lost its handle to the popup (COOP): the result says `severed: true`, and the server is asked every
   * `pollMs` from now on, since the handle's `closed` can no longer tell when to stop waiting.
   */
  sever(pollMs: number): void;
  isSevered(): boolean;
  /** Ask the server one last time; still pending → reject with `code`. */
  conclude(code: FinalCode): void;
  fail(error: unknown): void;
  /** Runs when the attempt settles, whatever the outcome (last registered, first run). */
  onSettle(cleanup: () => void): void;
  listen(target: EventTarget, type: string, listener: (event: Event) => void): void;
  after(ms: number, callback: () => void): void;
  /** Returns a function that stops the interval early. */
  every(ms: number, callback: () => void): () => void;
}

/** Copies a `ConnectionError` (or wraps anything else as `adapter_error`) so it carries the attempt id. */
function withAttemptId(error: unknown, attemptId: string): ConnectionError {
  const reason = toConnectionError(error);
  if (reason.attemptId === attemptId) return reason;
  return new ConnectionError(reason.code, {
    message: reason.message,
    recoverable: reason.recoverable,
    attemptId,
    cause: reason.cause,
  });
}

function createAttempt(config: AttemptConfig): Attempt {
  const { attemptId, storeHash, adapter, opener, signal } = config;
  const cleanups: Array<() => void> = [];
  let settled = false;
  let begun = false;
  let checking = false;
  /** Hints that arrived while a check was in flight ask once more after it, named by the strongest of them. */
  let againVia: AuthorizationConfirmedVia | null = null;
  let severed = false;
  let finalCode: FinalCode | null = null;
  let resolvePromise: (value: AuthorizationResult) => void = () => {};
  let rejectPromise: (reason: ConnectionError) => void = () => {};
  const promise = new Promise<AuthorizationResult>((resolve, reject) => {
    resolvePromise = resolve;
    rejectPromise = reject;
  });

  function release(): void {
    settled = true;
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        cleanup();
      } catch {
        // One failing cleanup (a popup that throws on close) must not keep the others registered.
      }
    }
  }

  function succeed(result: AuthorizationResult): void {
    if (settled) return;
    release();
    resolvePromise(result);
  }

  function fail(error: unknown): void {
    if (settled) return;
    release();
    rejectPromise(withAttemptId(error, attemptId));
  }

  function failWith(code: ConnectionErrorCode, cause?: unknown): void {
    fail(new ConnectionError(code, { attemptId, cause }));
  }

  function onSettle(cleanup: () => void): void {
    if (settled) cleanup();
    else cleanups.push(cleanup);
  }

  function listen(target: EventTarget, type: string, listener: (event: Event) => void): void {
    if (settled) return;
    try {
      target.addEventListener(type, listener);
    } catch {
      return;
    }
    cleanups.push(() => target.removeEventListener(type, listener));
  }

  function after(ms: number, callback: () => void): void {
    if (settled) return;
    const id = setTimeout(() => {
      if (!settled) callback();
    }, clampDelay(ms));
    cleanups.push(() => clearTimeout(id));
  }

  function every(ms: number, callback: () => void): () => void {
    if (settled) return () => {};
    const id = setInterval(() => {
      if (!settled) callback();
    }, clampDelay(ms));
    const stop = () => clearInterval(id);
    cleanups.push(stop);
    return stop;
  }

  /**
   * The one confirmation path: maps the server's answer to the outcome. `via` is what triggered the check that
   * got this answer. Returns false while pending.
   */
  function confirm(answer: AuthorizationStatus, via: AuthorizationConfirmedVia): boolean {
    switch (answer.status) {
      case 'pending':
        return false;
      case 'authorized': {
        const confirmed = answer.storeHash.toLowerCase();
        if (confirmed !== storeHash) {
          // Signed in to another store than the one typed: its grant must not be used for this connection.
          failWith('store_mismatch', { expected: storeHash, actual: confirmed });
        } else {
          const result: AuthorizationResult = {
            grantId: answer.grantId,
            storeHash: confirmed,
            attemptId,
            confirmedVia: via,
            severed,
          };
          if (answer.ownerEmail !== undefined) result.ownerEmail = answer.ownerEmail;
          succeed(result);
        }
        return true;
      }
      case 'denied':
        failWith('access_denied', answer);
        return true;
      case 'expired':
        failWith('timeout', answer);
        return true;
      case 'failed':
        failWith(answer.code === 'store_mismatch' ? 'store_mismatch' : 'authorization_failed', answer);
        return true;
    }
  }

  /**
   * Asks the server. One request at a time: a hint that arrives meanwhile asks again once the answer is in, so a
   * result delivered on two channels, or a flood of focus events, costs at most one extra request.
   */
  function check(via: AuthorizationConfirmedVia = 'server'): void {
    if (settled || !begun) return;
    if (checking) {
      againVia = strongest(againVia, via);
      return;
    }
    checking = true;
    againVia = null;
    const last = finalCode !== null;
    callAdapter(adapter, 'getAuthorization', { attemptId }).then(
      (answer) => {
        checking = false;
        if (settled || confirm(answer, via)) return;
        next(last);
      },
      (error: unknown) => {
        checking = false;
        if (settled) return;
        const reason = toConnectionError(error);
        // A network blip while waiting is not the end: the next hint, poll or the last check asks again. A
        // malformed answer will not fix itself, and after the last check there is no "again".
        if (last || reason.code !== 'adapter_error') fail(reason);
        else next(false);
      },
    );
  }

  function next(wasLast: boolean): void {
    if (wasLast && finalCode !== null) failWith(finalCode);
    else if (againVia !== null || finalCode !== null) check(againVia ?? 'server');
  }

  function conclude(code: FinalCode): void {
    if (settled || finalCode !== null) return;
    finalCode = code;
    // Before the server knows the attempt there is nothing to ask.
    if (!begun) {
      failWith(code);
      return;
    }
    after(FINAL_CHECK_TIMEOUT_MS, () => failWith(code));
    check();
  }

  function acceptMessage(data: unknown, via: 'message' | 'broadcast'): void {
    if (settled) return;
    const message = parseResultMessage(data);
    if (message !== null && message.attemptId === attemptId) check(via);
  }

  function sever(pollMs: number): void {
    if (settled || severed) return;
    severed = true;
    every(pollMs, () => check('server'));
  }

  // Channels common to both flows, all subscribed synchronously by the caller's synchronous part.
  if (signal) listen(signal, 'abort', () => failWith('cancelled', signal.reason));
  // Page unload (or entering the back/forward cache) ends the attempt: nobody is left to receive the result.
  listen(opener, 'pagehide', () => failWith('cancelled', 'pagehide'));
  listen(opener, 'focus', () => check());
  const doc = read(() => opener.document);
  if (doc) {
    listen(doc, 'visibilitychange', () => {
      // Coming back to the tab is a hint; leaving it is not.
      if (read(() => doc.visibilityState) === 'visible') check();
    });
  }
  const Channel = resolveBroadcastChannel(opener);
  if (Channel) {
    try {
      const channel = new Channel(channelName(attemptId));
      cleanups.push(() => channel.close());
      listen(channel, 'message', (event) => acceptMessage((event as MessageEvent).data, 'broadcast'));
    } catch {
      // Opaque origins may refuse a channel: the other channels still work.
    }
  }
  after(config.timeoutMs, () => {
    config.onTimeout?.();
    conclude('timeout');
  });

  return {
    attemptId,
    promise,
    isSettled: () => settled,
    begin() {
      begun = true;
    },
    hint: () => check('server'),
    acceptMessage,
    sever,
    isSevered: () => severed,
    conclude,
    fail,
    onSettle,
    listen,
    after,
    every,
  };
}

/** `beginAuthorization` plus the checks of what it returned; null once the attempt has failed or settled. */
async function beginServerAttempt(
  attempt: Attempt,
  adapter: AuthorizationAdapter,
  storeHash: string,
  opener: Window,
): Promise<{ url: string; resultOrigin: string } | null> {
  let started: Awaited<ReturnType<AuthorizationAdapter['beginAuthorization']>>;
  try {
    started = await callAdapter(adapter, 'beginAuthorization', {
      platform: 'bigcommerce',
      storeHash,
      attemptId: attempt.attemptId,
    });
  } catch (error) {
    attempt.fail(error);
    return null;
  }
  if (attempt.isSettled()) return null;
  const url = toAuthorizeUrl(started.url, opener);
  if (url === null) {
    // `javascript:`/`data:` would run in a window we opened; plain http off loopback would leak the sign-in.
    attempt.fail(
      new ConnectionError('invalid_adapter_response', {
        message: 'adapter.beginAuthorization() resolved a url that is neither https: nor http: on localhost',
        cause: { method: 'beginAuthorization', field: 'url' },
      }),
    );
    return null;
  }
  const resultOrigin = normalizeOrigin(started.resultOrigin);
  if (resultOrigin === null) {
    attempt.fail(
      new ConnectionError('invalid_adapter_response', {
        message: 'adapter.beginAuthorization() resolved a resultOrigin that is not an http(s) origin',
        cause: { method: 'beginAuthorization', field: 'resultOrigin' },
      }),
    );
    return null;
  }
  return { url, resultOrigin };
}

// ---------------------------------------------------------------------------------------------------------------
// Live popup attempts, per opener window and popup name (for superseding and focusing).

interface LiveEntry {
  popup: Window;
  /** A severed handle can be neither focused nor closed: it no longer reaches the user's window. */
  isSevered(): boolean;
  supersede(next: Window | null): void;
}

const liveAttempts = new WeakMap<object, Map<string, LiveEntry>>();

function register(opener: Window, name: string, entry: LiveEntry): () => void {
  let byName = liveAttempts.get(opener);
  if (!byName) {
    byName = new Map();
    liveAttempts.set(opener, byName);
  }
  byName.set(name, entry);
  return () => {
    if (byName.get(name) === entry) byName.delete(name);
  };
}

/**
 * Opens the BigCommerce sign-in popup and resolves once the host's server confirms the authorization of this very
 * store. Call it synchronously inside the click handler: the popup opens before the first `await` (Safari blocks
 * it otherwise). Messages from the popup are only hints; every outcome is the server's answer to
 * `adapter.getAuthorization`. Rejects with a `ConnectionError` carrying `attemptId` — `popup_blocked`,
 * `popup_closed`, `timeout`, `cancelled`, `superseded`, `access_denied`, `store_mismatch`, `authorization_failed`,
 * `invalid_store_hash`, `adapter_error` or `invalid_adapter_response` — and leaves no listener, timer or channel
 * behind, whatever the outcome. When the host page's `Cross-Origin-Opener-Policy` severs the popup (its `closed`
 * reads true within `severanceWindowMs` of navigating), the attempt keeps waiting on the `BroadcastChannel`, focus
 * and a server poll instead of ending `popup_closed`; the result then says `severed: true`.
 *
 * @example
 * button.addEventListener('click', () => {
 *   if (focusAuthorizationPopup()) return; // already waiting: bring the popup back
 *   authorizeInPopup({ storeHash: 'abc123', adapter })
 *     .then(({ grantId, ownerEmail }) => save(grantId, ownerEmail))
 *     .catch((error: ConnectionError) => show(messages.errors[error.code]));
 * });
 */
export function authorizeInPopup(options: AuthorizeInPopupOptions): Promise<AuthorizationResult> {
  const opener = resolveOpener(options.window);
  const attemptId = createAttemptId(opener);
  const storeHash = normaliseStoreHash(options.storeHash);
  if (storeHash === null) return Promise.reject(new ConnectionError('invalid_store_hash', { attemptId }));
  const signal = options.signal;
  if (signal?.aborted) return Promise.reject(new ConnectionError('cancelled', { attemptId, cause: signal.reason }));
  const popupOptions = options.popup ?? {};
  const name = popupName(popupOptions.name);

  let handle: Window | null = null;
  try {
    // Never `noopener`: the result page needs `window.opener`, and a noopener open returns null anyway.
    handle = opener.open('', name, popupFeatures(opener, popupOptions));
  } catch {
    handle = null;
  }
  // After opening, not before: `window.open` with the same name hands back the older attempt's window, which this
  // attempt now drives, so the older one must not close it.
  liveAttempts.get(opener)?.get(name)?.supersede(handle);
  if (!isUsablePopup(handle)) {
    closeQuietly(handle);
    return Promise.reject(new ConnectionError('popup_blocked', { attemptId }));
  }
  const popup = handle;

  const attempt = createAttempt({
    attemptId,
    storeHash,
    adapter: options.adapter,
    opener,
    signal,
    timeoutMs: positiveOr(options.timeoutMs, DEFAULT_TIMEOUT_MS),
    onTimeout: () => closeQuietly(popup),
  });
  let keepPopup = false;
  // Cleanups run last-registered first: the message listener and the close poll below are gone before the window
  // closes, so closing it cannot look like "the user closed the popup".
  attempt.onSettle(() => {
    if (!keepPopup) closeQuietly(popup);
  });
  attempt.onSettle(
    register(opener, name, {
      popup,
      isSevered: attempt.isSevered,
      supersede(next) {
        keepPopup = next === popup;
        attempt.fail(new ConnectionError('superseded', { attemptId }));
      },
    }),
  );

  let resultOrigin: string | null = null;
  attempt.listen(opener, 'message', (event) => {
    // Cheapest checks first: a flood of foreign messages costs two comparisons each.
    if (resultOrigin === null) return;
    const { source, origin, data } = event as MessageEvent;
    if (source !== popup || origin !== resultOrigin) return;
    attempt.acceptMessage(data, 'message');
  });

  const closeGraceMs = nonNegativeOr(options.closeGraceMs, DEFAULT_CLOSE_GRACE_MS);
  const severanceWindowMs = nonNegativeOr(options.severanceWindowMs, DEFAULT_SEVERANCE_WINDOW_MS);
  /** When the popup was sent to the adapter's URL (`now()`); null while it shows the blank page. */
  let navigatedAt: number | null = null;
  const stopPolling = attempt.every(POPUP_POLL_MS, () => {
    if (!isPopupClosed(popup)) return;
    stopPolling();
    if (navigatedAt !== null && now() - navigatedAt < severanceWindowMs) {
      // COOP severance, not a close: a host page with `Cross-Origin-Opener-Policy: same-origin` loses the popup's
      // browsing context as soon as the popup's navigation response arrives, and the handle reads `closed` from
      // then on (https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies). The window
      // is still open and the user signing in; the result page, same-origin with this page, still reaches the
      // BroadcastChannel, and the server still knows the outcome. `closed` can never tell us again when to stop,
      // so poll the server until it answers or the timeout / signal ends the attempt.
      attempt.sever(SEVERED_POLL_MS);
      return;
    }
    // A real close — after the window, or on the blank page, which is same-origin with the opener and so cannot
    // be severed. The result page may have posted just before closing: give it the grace, then ask once.
    attempt.after(closeGraceMs, () => attempt.conclude('popup_closed'));
  });

  writeNeutralPage(
    popup,
    popupOptions.title ?? defaultMessages.authorize.popupTitle,
    popupOptions.body ?? defaultMessages.authorize.popupBody,
  );

  void beginServerAttempt(attempt, options.adapter, storeHash, opener).then((started) => {
    if (!started) return;
    resultOrigin = started.resultOrigin;
    attempt.begin();
    // Closed on the blank page, before the poll noticed: a real close. Navigating now would start the severance
    // window and let that stale reading pass for COOP; leave it to the poll (`popup_closed`).
    if (isPopupClosed(popup)) return;
    if (!navigate(popup, started.url)) {
      attempt.fail(new ConnectionError('popup_blocked', { attemptId, message: 'The popup could not be navigated' }));
      return;
    }
    navigatedAt = now();
  });

  return attempt.promise;
}

/**
 * Focuses the popup of the live `authorizeInPopup` attempt for this opener window and popup name. Returns false
 * when there is none, it was closed, or COOP severed it (the handle no longer reaches the window), so the caller
 * starts a new attempt instead: a second click while waiting brings the popup back rather than opening another.
 *
 * @example
 * function onClick() {
 *   if (!focusAuthorizationPopup({ window: ownerWindow })) start();
 * }
 */
export function focusAuthorizationPopup(options: FocusAuthorizationPopupOptions = {}): boolean {
  const entry = liveAttempts.get(resolveOpener(options.window))?.get(popupName(options.name));
  // A severed popup is still open, but this handle no longer reaches it: report false rather than pretend.
  if (!entry || entry.isSevered() || isPopupClosed(entry.popup)) return false;
  try {
    entry.popup.focus();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts an authorization for a Store Owner who is elsewhere: resolves with the URL to send them (no popup) and
 * a `result` promise that settles when the server confirms, exactly like `authorizeInPopup`. It asks the server
 * every `pollMs` and whenever this page regains focus or visibility, until the timeout or `signal` ends it.
 *
 * @example
 * const { url, result } = await beginLinkAuthorization({ storeHash: 'abc123', adapter, signal });
 * await navigator.clipboard.writeText(url);
 * const { grantId } = await result;
 */
export function beginLinkAuthorization(options: BeginLinkAuthorizationOptions): Promise<LinkAuthorization> {
  const opener = resolveOpener(options.window);
  const attemptId = createAttemptId(opener);
  const storeHash = normaliseStoreHash(options.storeHash);
  if (storeHash === null) return Promise.reject(new ConnectionError('invalid_store_hash', { attemptId }));
  const signal = options.signal;
  if (signal?.aborted) return Promise.reject(new ConnectionError('cancelled', { attemptId, cause: signal.reason }));

  const attempt = createAttempt({
    attemptId,
    storeHash,
    adapter: options.adapter,
    opener,
    signal,
    timeoutMs: positiveOr(options.timeoutMs, DEFAULT_LINK_TIMEOUT_MS),
  });
  const pollMs = positiveOr(options.pollMs, DEFAULT_LINK_POLL_MS);

  return new Promise<LinkAuthorization>((resolve, reject) => {
    // Before the URL is out, a failure rejects this promise; after, `reject` is a no-op and the caller owns `result`.
    attempt.promise.catch(reject);
    void beginServerAttempt(attempt, options.adapter, storeHash, opener).then((started) => {
      if (!started) return;
      attempt.begin();
      attempt.every(pollMs, attempt.hint);
      resolve({ url: started.url, attemptId, result: attempt.promise });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers. Each guards one browser quirk; none runs at import time.

function resolveOpener(value: Window | undefined): Window {
  return value ?? (globalThis as unknown as Window);
}

function read<T>(get: () => T): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

function popupName(name: string | undefined): string {
  return typeof name === 'string' && name !== '' ? name : DEFAULT_POPUP_NAME;
}

function normaliseStoreHash(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const parsed = parseStoreHash(input);
  return parsed.ok ? parsed.storeHash : null;
}

/** Monotonic where available: a wall-clock change must not stretch or shrink the severance window. */
function now(): number {
  const perf = (globalThis as { performance?: Performance }).performance;
  return typeof perf?.now === 'function' ? perf.now() : Date.now();
}

function clampDelay(ms: number): number {
  return Math.min(Math.max(0, ms), MAX_DELAY_MS);
}

function positiveOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegativeOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function createAttemptId(opener: Window): string {
  return randomId(read(() => opener.crypto) ?? (globalThis.crypto as Crypto | undefined));
}

/** `popup,width,height`, centred on the opener when its geometry is readable. */
function popupFeatures(opener: Window, options: AuthorizePopupOptions): string {
  const width = Math.round(positiveOr(options.width, DEFAULT_POPUP_WIDTH));
  const height = Math.round(positiveOr(options.height, DEFAULT_POPUP_HEIGHT));
  let features = `popup,width=${width},height=${height}`;
  const left = read(() => opener.screenX + (opener.outerWidth - width) / 2);
  const top = read(() => opener.screenY + (opener.outerHeight - height) / 2);
  const openerWidth = read(() => opener.outerWidth);
  if (Number.isFinite(left) && Number.isFinite(top) && typeof openerWidth === 'number' && openerWidth > 0) {
    features += `,left=${Math.round(left as number)},top=${Math.round(top as number)}`;
  }
  return features;
}

/** A popup blocker may return null, a closed window, or a stub whose `closed` is not a boolean. */
function isUsablePopup(popup: Window | null): popup is Window {
  if (popup === null || (typeof popup !== 'object' && typeof popup !== 'function')) return false;
  return read(() => popup.closed) === false;
}

function isPopupClosed(popup: Window): boolean {
  return read(() => popup.closed) !== false;
}

function closeQuietly(popup: Window | null): void {
  try {
    popup?.close();
  } catch {
    // Already gone.
  }
}

/** A neutral page while the server prepares the sign-in URL, instead of a blank white window. Text only. */
function writeNeutralPage(popup: Window, title: string, body: string): void {
  try {
    const doc = popup.document;
    doc.title = title;
    if (doc.body) doc.body.textContent = body;
  } catch {
    // A reused window already on another origin, or no document: the page is cosmetic.
  }
}

function navigate(popup: Window, url: string): boolean {
  try {
    // replace: Back in the popup must not land on the blank page.
    popup.location.replace(url);
    return true;
  } catch {
    try {
      popup.location.href = url;
      return true;
    } catch {
      return false;
    }
  }
}

/** https, or http on loopback (local development); relative URLs resolve against the opener's address. */
function toAuthorizeUrl(value: string, opener: Window): string | null {
  const base = read(() => opener.location.href);
  try {
    const url = new URL(value, base);
    if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) return url.href;
  } catch {
    // Not a URL.
  }
  return null;
}

type BroadcastChannelConstructor = new (name: string) => BroadcastChannel;

function resolveBroadcastChannel(opener: Window): BroadcastChannelConstructor | undefined {
  const own = read(() => (opener as Window & typeof globalThis).BroadcastChannel);
  if (typeof own === 'function') return own;
  const global = (globalThis as { BroadcastChannel?: BroadcastChannelConstructor }).BroadcastChannel;
  return typeof global === 'function' ? global : undefined;
}
