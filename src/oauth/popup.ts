import { type ConnectionAdapter, callAdapter } from '../core/adapter';
import { ConnectionError, type ConnectionErrorCode, toConnectionError } from '../core/errors';
import { randomId } from '../core/random-id';
import { parseStoreHash } from '../core/store-hash';
import { authorizeMessages } from '../i18n/messages.en';
import { channelName, normalizeOrigin, parseResultMessage } from './protocol';

/*
 * The client half of the popup protocol (DESIGN §5). Two flows share one attempt engine (`startAttempt`):
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
/**
 * What `beginAuthorization` may send the popup to, tested on `protocol + hostname`: https anywhere, http on loopback
 * only (local development). `javascript:`/`data:` would run in a window we opened; plain http elsewhere would leak
 * the sign-in.
 */
const SAFE_URL = /^(https:|http:(localhost|127\.0\.0\.1|\[::1\])$)/;

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

/**
 * Hints by rank: a check is named after the most direct channel among the hints that triggered it. Internally a
 * hint is its index here (0 server, 1 broadcast, 2 message), so "the most direct" is `Math.max`.
 */
const VIA: readonly AuthorizationConfirmedVia[] = ['server', 'broadcast', 'message'];

/** A live popup attempt, found by its opener window and popup name (for superseding and focusing). */
interface LiveAttempt {
  opener: Window;
  name: string;
  /** Focuses the popup; false when it is closed or severed (a severed handle no longer reaches the window). */
  focus(): boolean;
  /** Ends the attempt with `superseded`, leaving the window open when the newer attempt got the same one. */
  supersede(next: unknown): void;
}

/** Only attempts still running are here: each removes itself when it settles. */
const liveAttempts = new Set<LiveAttempt>();

function findLive(opener: Window, name: string): LiveAttempt | undefined {
  for (const live of liveAttempts) if (live.opener === opener && live.name === name) return live;
  return undefined;
}

/**
 * One attempt of either flow, from its synchronous start to its single outcome. `popupMode` opens the popup
 * first (inside the caller's click) and watches it; otherwise the attempt resolves with the link once the server
 * knows it. Everything it subscribes to is registered in `cleanups` and released, last registered first, the
 * moment it settles.
 */
function startAttempt(
  options: AuthorizeInPopupOptions & Pick<BeginLinkAuthorizationOptions, 'pollMs'>,
  popupMode: boolean,
): Promise<unknown> {
  let resolveLink: (link: LinkAuthorization) => void = () => {};
  // A promise executor runs synchronously: the popup opens and every channel is subscribed before this returns, and
  // anything that throws on the way rejects the attempt instead of escaping into the caller's click handler.
  const result = new Promise<AuthorizationResult>((resolve, reject) => {
    const { adapter, signal, popup: popupOptions = {} } = options;
    const opener = resolveOpener(options.window);
    const attemptId = randomId(read(() => opener.crypto));
    const name = popupName(popupOptions.name);
    const parsed = parseStoreHash(options.storeHash);
    const storeHash = parsed.ok ? parsed.storeHash : '';
    const cleanups: Array<() => void> = [];
    let settled = false;
    /** Set once `beginAuthorization` resolved: from then on the server knows the attempt and checks may run. */
    let resultOrigin: string | null = null;
    let checking = false;
    /** The strongest hint that arrived while a check was in flight: it asks once more after the answer. */
    let again: number | undefined;
    /** Set by the timeout or a real close: the next check is the last. */
    let finalCode: 'popup_closed' | 'timeout' | undefined;
    let severed = false;
    /** When the popup was sent to the adapter's URL (`performance.now()`); never, while it shows the blank page. */
    let navigatedAt = -Infinity;
    /** The newer attempt that superseded this one drives the same named window: leave it open. */
    let keepPopup = false;

    /** Releases everything the attempt registered, once. */
    function release(): void {
      if (settled) return;
      settled = true;
      for (const cleanup of cleanups.reverse()) cleanup();
    }

    /**
     * Rejects with `reason` (a code, or an adapter's error) plus the attempt id; a no-op once settled. Adapter errors
     * are copied, not stamped: the host may hand the same error object to several attempts.
     */
    function fail(reason: ConnectionErrorCode | ConnectionError, cause?: unknown): void {
      release();
      const error = typeof reason === 'string' ? new ConnectionError(reason, { cause }) : toConnectionError(reason);
      reject(new ConnectionError(error.code, { ...error, message: error.message, attemptId }));
    }

    function listen(target: EventTarget, type: string, listener: (event: MessageEvent) => void): void {
      target.addEventListener(type, listener as EventListener);
      cleanups.push(() => target.removeEventListener(type, listener as EventListener));
    }

    /** A timeout, or an interval with `repeat`; returns a function that stops it early. */
    function timer(ms: number, callback: () => void, repeat?: boolean): () => void {
      const id = (repeat ? setInterval : setTimeout)(callback, Math.min(ms, MAX_DELAY_MS));
      const stop = () => (repeat ? clearInterval : clearTimeout)(id);
      cleanups.push(stop);
      return stop;
    }

    /**
     * Asks the server, the one thing that settles an attempt. One request at a time: hints that arrive meanwhile ask
     * once more after the answer, so a result delivered on two channels, or a flood of focus events, costs at most
     * one extra request. `via` is what triggered it (a `VIA` index).
     */
    async function check(via = 0): Promise<void> {
      if (settled || !resultOrigin) return;
      if (checking) {
        again = Math.max(again ?? 0, via);
        return;
      }
      checking = true;
      again = undefined;
      const last = finalCode;
      try {
        const answer = await callAdapter(adapter, 'getAuthorization', { attemptId });
        const { status } = answer;
        if (status === 'authorized' && answer.storeHash.toLowerCase() === storeHash) {
          release();
          resolve({
            grantId: answer.grantId,
            storeHash,
            ownerEmail: answer.ownerEmail,
            attemptId,
            confirmedVia: VIA[via] as AuthorizationConfirmedVia,
            severed,
          });
        } else if (status !== 'pending') {
          fail(
            status === 'denied'
              ? 'access_denied'
              : status === 'expired'
                ? 'timeout'
                : status === 'failed' && answer.code !== 'store_mismatch'
                  ? 'authorization_failed'
                  : 'store_mismatch',
            // Signed in to another store than the one typed: its grant must not be used for this connection.
            status === 'authorized' ? { expected: storeHash, actual: answer.storeHash.toLowerCase() } : answer,
          );
        }
      } catch (error) {
        // A network blip while waiting is not the end: the next hint, poll or the last check asks again. A
        // malformed answer will not fix itself, and after the last check there is no "again".
        if (last || (error as ConnectionError).code !== 'adapter_error') fail(error as ConnectionError);
      }
      checking = false;
      // Still pending after the last check: that is the outcome (a no-op when the answer settled it).
      if (last) fail(last);
      else if (again !== undefined || finalCode) check(again);
    }

    /** Asks the server one last time (for at most `FINAL_CHECK_TIMEOUT_MS`); still pending → rejects with `code`. */
    function conclude(code: 'popup_closed' | 'timeout'): void {
      if (finalCode) return;
      finalCode = code;
      if (resultOrigin) {
        timer(FINAL_CHECK_TIMEOUT_MS, () => fail(code));
        check();
      } else {
        // Before the server knows the attempt there is nothing to ask.
        fail(code);
      }
    }

    /** A payload from a channel already checked for origin and source: a valid message for this attempt is a hint. */
    function accept(data: unknown, via: number): void {
      if (parseResultMessage(data)?.attemptId === attemptId) check(via);
    }

    // Whatever throws on the way (a revoked opener, a hostile stub) still releases what was registered and rejects
    // with a `ConnectionError`, never a raw error.
    try {
      if (!parsed.ok) return fail('invalid_store_hash');
      if (signal?.aborted) return fail('cancelled', signal.reason);

      // Never `noopener`: the result page needs `window.opener`, and a noopener open returns null anyway.
      const popup = popupMode ? read(() => opener.open('', name, popupFeatures(opener, popupOptions))) : undefined;
      if (popupMode) {
        // Registered first, so released last: the message listener and the close poll are gone before the window
        // closes, and closing it cannot look like "the user closed the popup".
        cleanups.push(() => {
          if (!keepPopup) closeQuietly(popup);
        });
        // After opening, not before: `window.open` with the same name hands back the older attempt's window, which
        // this attempt now drives, so the older one must not close it.
        findLive(opener, name)?.supersede(popup);
        // A popup blocker may return null, a closed window, or a stub whose `closed` is not a boolean.
        if (!isOpen(popup)) return fail('popup_blocked');

        const entry: LiveAttempt = {
          opener,
          name,
          // A severed popup is still open, but this handle no longer reaches it: report false rather than pretend.
          focus: () =>
            !severed &&
            isOpen(popup) &&
            read(() => {
              popup.focus();
              return true;
            }) === true,
          supersede(next) {
            keepPopup = next === popup;
            fail('superseded');
          },
        };
        liveAttempts.add(entry);
        cleanups.push(() => liveAttempts.delete(entry));

        listen(opener, 'message', (event) => {
          // Cheapest checks first: a flood of foreign messages costs two comparisons each. `resultOrigin` is null, and
          // matches no origin, until the server has answered.
          if (event.source === popup && event.origin === resultOrigin) accept(event.data, 2);
        });

        const closeGraceMs = numberOr(options.closeGraceMs, DEFAULT_CLOSE_GRACE_MS, true);
        const severanceWindowMs = numberOr(options.severanceWindowMs, DEFAULT_SEVERANCE_WINDOW_MS, true);
        const stopPolling = timer(
          POPUP_POLL_MS,
          () => {
            if (isOpen(popup)) return;
            stopPolling();
            if (performance.now() - navigatedAt < severanceWindowMs) {
              // COOP severance, not a close: a host page with `Cross-Origin-Opener-Policy: same-origin` loses the
              // popup's browsing context as soon as the popup's navigation response arrives, and the handle reads
              // `closed` from then on. The window is still open and the user signing in; the result page, same-origin
              // with this page, still reaches the BroadcastChannel, and the server still knows the outcome. `closed`
              // can never tell us again when to stop, so poll the server until it answers or the timeout / signal
              // ends the attempt.
              severed = true;
              timer(SEVERED_POLL_MS, check, true);
            } else {
              // A real close — after the window, or on the blank page, which is same-origin with the opener and so
              // cannot be severed. The result page may have posted just before closing: give it the grace, then ask once.
              timer(closeGraceMs, () => conclude('popup_closed'));
            }
          },
          true,
        );

        // A neutral page while the server prepares the sign-in URL, instead of a blank white window. Text only; a
        // reused window already on another origin, or one without a document or body, keeps what it shows.
        read(() => {
          const page = popup.document;
          page.title = popupOptions.title ?? authorizeMessages.popupTitle;
          page.body.textContent = popupOptions.body ?? authorizeMessages.popupBody;
        });
      }

      // Channels common to both flows, subscribed in the same synchronous part.
      // Page unload (or entering the back/forward cache) ends the attempt: nobody is left to receive the result.
      listen(opener, 'pagehide', () => fail('cancelled', 'pagehide'));
      listen(opener, 'focus', () => check());
      if (signal) listen(signal, 'abort', () => fail('cancelled', signal.reason));
      const doc = opener.document;
      listen(doc, 'visibilitychange', () => {
        // Coming back to the tab is a hint; leaving it is not.
        if (doc.visibilityState === 'visible') check();
      });
      const Channel = (opener as Window & typeof globalThis).BroadcastChannel ?? globalThis.BroadcastChannel;
      // Opaque origins may refuse a channel: the other channels still work.
      const channel = Channel && read(() => new Channel(channelName(attemptId)));
      if (channel) {
        cleanups.push(() => channel.close());
        listen(channel, 'message', (event) => accept(event.data, 1));
      }
      timer(numberOr(options.timeoutMs, popupMode ? DEFAULT_TIMEOUT_MS : DEFAULT_LINK_TIMEOUT_MS), () => {
        // A timed-out popup closes at once, before the last server check.
        closeQuietly(popup);
        conclude('timeout');
      });

      callAdapter(adapter, 'beginAuthorization', { platform: 'bigcommerce', storeHash, attemptId }).then((started) => {
        if (settled) return;
        // Relative URLs resolve against the opener's address.
        const url = read(() => new URL(started.url, opener.location.href));
        const safe = url && SAFE_URL.test(url.protocol + url.hostname);
        resultOrigin = normalizeOrigin(started.resultOrigin);
        if (!url || !safe || !resultOrigin) {
          return fail('invalid_adapter_response', { method: 'beginAuthorization', field: safe ? 'resultOrigin' : 'url' });
        }
        if (!popup) {
          timer(numberOr(options.pollMs, DEFAULT_LINK_POLL_MS), check, true);
          return resolveLink({ url: url.href, attemptId, result });
        }
        // Closed on the blank page, before the poll noticed: a real close. Navigating now would start the severance
        // window and let that stale reading pass for COOP; leave it to the poll (`popup_closed`).
        if (!isOpen(popup)) return;
        // `replace`, so Back in the popup does not land on the blank page.
        const navigated = read(() => {
          popup.location.replace(url.href);
          return true;
        });
        if (!navigated) return fail('popup_blocked');
        navigatedAt = performance.now();
      }, fail);
    } catch (error) {
      fail(error as ConnectionError);
    }
  });
  if (popupMode) return result;
  // Before the URL is out, a failure rejects the link promise; after, that is a no-op and the caller owns `result`
  // (whose rejections are thereby marked handled).
  return new Promise<LinkAuthorization>((resolve, reject) => {
    resolveLink = resolve;
    result.catch(reject);
  });
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
  return startAttempt(options, true) as Promise<AuthorizationResult>;
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
  return findLive(resolveOpener(options.window), popupName(options.name))?.focus() ?? false;
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
  return startAttempt(options, false) as Promise<LinkAuthorization>;
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers. Each guards one browser quirk; none runs at import time.

function resolveOpener(value: Window | undefined): Window {
  return value ?? (globalThis as unknown as Window);
}

/** `get()`, or undefined when it throws (a cross-origin window, a revoked handle, a stub). */
function read<T>(get: () => T): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

function popupName(name: string | undefined): string {
  return name || DEFAULT_POPUP_NAME;
}

/** A finite number above zero (or at zero with `allowZero`), else `fallback`. */
function numberOr(value: number | undefined, fallback: number, allowZero?: boolean): number {
  return Number.isFinite(value) && (allowZero ? (value as number) >= 0 : (value as number) > 0) ? (value as number) : fallback;
}

/**
 * `popup,width,height`, centred on the opener when its geometry is readable. No rounding: `window.open` parses
 * each value as an integer and drops a fraction.
 */
function popupFeatures(opener: Window, options: AuthorizePopupOptions): string {
  const width = numberOr(options.width, DEFAULT_POPUP_WIDTH);
  const height = numberOr(options.height, DEFAULT_POPUP_HEIGHT);
  let features = `popup,width=${width},height=${height}`;
  read(() => {
    const left = opener.screenX + (opener.outerWidth - width) / 2;
    const top = opener.screenY + (opener.outerHeight - height) / 2;
    // NaN when the opener has no geometry.
    if (Number.isFinite(left + top)) features += `,left=${left},top=${top}`;
  });
  return features;
}

/** Whether `popup` is a window whose `closed` reads exactly `false` (null, stubs and closed windows are not). */
function isOpen(popup: unknown): popup is Window {
  return read(() => (popup as Window).closed) === false;
}

function closeQuietly(popup: unknown): void {
  // Already gone, or not a window: nothing to close.
  read(() => (popup as Window | undefined)?.close());
}
