import { type MutableRefObject, useEffect, useId, useRef, useState } from 'react';
import type { StoreAuthorization } from '../core/draft';
import { type ConnectionError, type ConnectionErrorCode, toConnectionError } from '../core/errors';
import { parseStoreHash } from '../core/store-hash';
import {
  type AuthorizationAdapter,
  type AuthorizationResult,
  type AuthorizeInPopupOptions,
  type AuthorizePopupOptions,
  authorizeInPopup,
  beginLinkAuthorization,
  DEFAULT_POPUP_NAME,
  focusAuthorizationPopup,
} from '../oauth/popup';

/*
 * The state machine behind the Authorize section: idle → waiting → authorized | error{code}. It starts attempts
 * through the popup engine (`authorizeInPopup`, `beginLinkAuthorization`) and keeps only the newest one: an older
 * attempt's late outcome is ignored, a new store hash or an unmount aborts the live one. No markup here: the
 * machine itself is plain code (`createAuthorizationMachine`), the hook only gives it React state.
 */

export type AuthorizationMethod = 'popup' | 'link';

export type AuthorizationState =
  | { status: 'idle' }
  | { status: 'waiting'; method: 'popup' }
  /** `url` is undefined while the server prepares it; `copied` is undefined until the clipboard answered. */
  | { status: 'waiting'; method: 'link'; url?: string; copied?: boolean }
  /**
   * `viaFallback`: the popup's direct message never arrived (COOP cut the link, a partitioned iframe…) and the
   * server confirmed through a slower channel; the UI may say why it took longer. Only for the attempt that ran here.
   */
  | { status: 'authorized'; authorization: StoreAuthorization; viaFallback?: boolean }
  | { status: 'error'; method: AuthorizationMethod; code: ConnectionErrorCode; error: ConnectionError };

export type AuthorizationStatusName = AuthorizationState['status'];

/** Events for `onEvent`. They carry no grant, token or e-mail address. */
export type AuthorizationEvent =
  | { type: 'authorization_started'; method: AuthorizationMethod; storeHash: string }
  | { type: 'authorization_succeeded'; method: AuthorizationMethod; storeHash: string }
  | { type: 'authorization_failed'; method: AuthorizationMethod; storeHash: string; code: ConnectionErrorCode };

export interface UseAuthorizationOptions {
  /**
   * The store hash as typed; attempts use its normalised form and start only when it is valid. A function is read
   * at render and again when an attempt starts (for an owner that does not re-render on every keystroke).
   */
  storeHash: string | (() => string);
  adapter: AuthorizationAdapter;
  /**
   * The authorization the owner already holds (a controlled value, e.g. from a draft). When given (also `null`),
   * it alone decides the `authorized` state while no attempt is running or failed; it counts only for the current
   * store hash.
   */
  authorization?: StoreAuthorization | null;
  /** Popup size, name and the text of its placeholder page. */
  popup?: AuthorizePopupOptions;
  /** How long a popup attempt may take. @default 300_000 */
  timeoutMs?: number;
  /** @default 1_500 */
  closeGraceMs?: number;
  /** See `AuthorizeInPopupOptions.severanceWindowMs`. @default 3_000 */
  severanceWindowMs?: number;
  /** How long a copied link stays valid while this page waits. @default 600_000 */
  linkTimeoutMs?: number;
  onAuthorized?: (result: AuthorizationResult) => void;
  onError?: (error: ConnectionError) => void;
  onEvent?: (event: AuthorizationEvent) => void;
}

export interface UseAuthorizationReturn {
  state: AuthorizationState;
  status: AuthorizationStatusName;
  /** The normalised hash, or undefined while the typed one is invalid. */
  storeHash: string | undefined;
  /** Whether an attempt can start (a valid store hash). */
  canAuthorize: boolean;
  /**
   * Opens the popup now — call it synchronously in a click handler. While a popup attempt is waiting it brings
   * that popup to the front instead (one click, one popup, one attempt).
   */
  authorize(window?: Window): void;
  /** Brings the live popup to the front; false when there is none. */
  focusPopup(window?: Window): boolean;
  /** Starts the link flow (no popup) and copies the URL; while a link is waiting, copies it again. */
  copyLink(window?: Window): void;
  /** Aborts the live attempt; it ends in the `cancelled` error. */
  cancel(): void;
  /** Aborts the live attempt, if any, and returns to idle. */
  reset(): void;
}

/** The state and the store hash it belongs to: a state for another hash reads as idle. */
interface Internal {
  hash: string | undefined;
  state: AuthorizationState;
}

type AuthorizationActions = Pick<UseAuthorizationReturn, 'authorize' | 'focusPopup' | 'copyLink' | 'cancel' | 'reset'>;

const IDLE: AuthorizationState = { status: 'idle' };

function normalisedHash(storeHash: UseAuthorizationOptions['storeHash']): string | undefined {
  const parsed = parseStoreHash(typeof storeHash === 'function' ? storeHash() : storeHash);
  return parsed.ok ? parsed.storeHash : undefined;
}

/**
 * Copies the link and resolves whether it worked; never rejects. Safari allows clipboard writes only during the
 * click's user activation, which the `await` for the URL would outlive; a `ClipboardItem` accepts a promise of its
 * content, so where it exists the write starts inside the click and completes when the URL arrives. Elsewhere (or
 * when that write is refused) `writeText` once the URL is known. A missing clipboard fails the same way.
 * @see https://webkit.org/blog/10855/async-clipboard-api/
 */
function copyText(win: Window | undefined, url: Promise<string>): Promise<boolean> {
  const clipboard = win?.navigator.clipboard;
  const Item = (win as (Window & { ClipboardItem?: typeof ClipboardItem }) | undefined)?.ClipboardItem;
  return new Promise((resolve, reject) => {
    // Checked first: the item's promise of a Blob must not be left unobserved.
    if (!Item || !clipboard?.write) return reject();
    resolve(clipboard.write([new Item({ 'text/plain': url.then((text) => new Blob([text], { type: 'text/plain' })) })]));
  })
    .catch(() => url.then((text) => clipboard!.writeText(text)))
    .then(
      () => true,
      () => false,
    );
}

/** What the draft keeps of a confirmed authorization: the grant, the store and, when known, the owner's e-mail. */
export function toStoreAuthorization({ grantId, storeHash, ownerEmail }: AuthorizationResult): StoreAuthorization {
  return ownerEmail === undefined ? { grantId, storeHash } : { grantId, storeHash, ownerEmail };
}

/**
 * The machine without React: it reads the newest options through `options`, and reports every new state through
 * `publish` (the hook's `setState`).
 */
function createAuthorizationMachine(
  options: MutableRefObject<UseAuthorizationOptions>,
  publish: (next: Internal) => void,
  initial: Internal,
): AuthorizationActions {
  let internal = initial;
  /** The newest attempt; an outcome of any other is ignored. */
  let live: AbortController | undefined;
  const update = (hash: string | undefined, state: AuthorizationState) => {
    internal = { hash, state };
    publish(internal);
  };
  const currentHash = () => normalisedHash(options.current.storeHash);
  /** The waiting state of the live attempt for `hash`, if there is one. */
  const waitingFor = (hash: string) => {
    const { state } = internal;
    return live && internal.hash === hash && state.status === 'waiting' ? state : undefined;
  };
  /**
   * Shows `state` (for the attempt's store hash) while `attempt` is the live one, and says whether it did: the late
   * news of an older attempt changes nothing. An outcome (`settled`) also ends the attempt.
   */
  const apply = (attempt: AbortController, state: AuthorizationState, settled?: boolean) => {
    const isLive = live === attempt;
    if (isLive) {
      if (settled) live = undefined;
      update(internal.hash, state);
    }
    return isLive;
  };
  /** Says whether the link was copied (a quick confirmation may have ended the attempt by then). */
  const report = (attempt: AbortController, url: string, copied: Promise<boolean>) =>
    copied.then((ok) => apply(attempt, { status: 'waiting', method: 'link', url, copied: ok }));

  /**
   * Starts an attempt (ending the previous one); `run` calls the engine synchronously, with the options the engines
   * share, and settles with its outcome.
   */
  function start(
    method: AuthorizationMethod,
    hash: string,
    win: Window | undefined,
    run: (engineOptions: AuthorizeInPopupOptions, attempt: AbortController) => Promise<AuthorizationResult>,
  ) {
    // The engine's rejection of the aborted attempt arrives later, when `live` is the new one already.
    live?.abort();
    const attempt = new AbortController();
    live = attempt;
    update(hash, { status: 'waiting', method });
    const emit = (event: { type: AuthorizationEvent['type']; code?: ConnectionErrorCode }) =>
      options.current.onEvent?.({ method, storeHash: hash, ...event } as AuthorizationEvent);
    // The hook's options are named like the engines' (`adapter`, `popup`, the timeouts); the rest is ignored there.
    const engineOptions = { ...options.current, storeHash: hash, window: win, signal: attempt.signal };
    // A synchronous throw becomes a rejection like any other failure.
    new Promise<AuthorizationResult>((resolve) => resolve(run(engineOptions, attempt))).then(
      (result) => {
        const viaFallback = method === 'popup' && (result.severed || result.confirmedVia !== 'message');
        if (!apply(attempt, { status: 'authorized', authorization: toStoreAuthorization(result), viaFallback }, true)) return;
        emit({ type: 'authorization_succeeded' });
        options.current.onAuthorized?.(result);
      },
      (reason: unknown) => {
        const error = toConnectionError(reason);
        if (!apply(attempt, { status: 'error', method, code: error.code, error }, true)) return;
        emit({ type: 'authorization_failed', code: error.code });
        options.current.onError?.(error);
      },
    );
    // After the engine's synchronous part: a throwing host `onEvent` cannot stop the popup.
    emit({ type: 'authorization_started' });
  }

  const focusPopup = (win?: Window) => focusAuthorizationPopup({ window: win, name: options.current.popup?.name });

  return {
    focusPopup,
    authorize(win) {
      const hash = currentHash();
      if (!hash) return;
      // One popup per attempt: a second click brings it back. Only when it is gone does a click start anew.
      if (waitingFor(hash)?.method === 'popup' && focusPopup(win)) return;
      // Synchronous, inside the click: the engine calls window.open before its first await.
      start('popup', hash, win, authorizeInPopup);
    },
    copyLink(win) {
      const hash = currentHash();
      if (!hash) return;
      const waiting = waitingFor(hash);
      if (waiting?.method === 'link' && waiting.url) {
        // The link is out already: copy it again (the clipboard may work now), same attempt.
        report(live!, waiting.url, copyText(win, Promise.resolve(waiting.url)));
        return;
      }
      start('link', hash, win, (engineOptions, attempt) => {
        const link = beginLinkAuthorization({ ...engineOptions, timeoutMs: options.current.linkTimeoutMs });
        // Started inside the click, for Safari (see `copyText`).
        const copied = copyText(
          win,
          link.then((started) => started.url),
        );
        return link.then(({ url, result }) => {
          apply(attempt, { status: 'waiting', method: 'link', url });
          report(attempt, url, copied);
          return result;
        });
      });
    },
    cancel() {
      live?.abort();
    },
    reset() {
      if (!live && internal.state.status === 'idle') return;
      live?.abort();
      live = undefined;
      update(currentHash(), IDLE);
    },
  };
}

/**
 * The Authorize section's state machine.
 *
 * @example
 * const auth = useAuthorization({ storeHash, adapter, onAuthorized: (r) => save(r.grantId) });
 * <button onClick={(e) => auth.authorize(e.currentTarget.ownerDocument.defaultView ?? undefined)}>Authorize</button>
 * {auth.state.status === 'error' && <p role="alert">{messages.errors[auth.state.code]}</p>}
 */
export function useAuthorization(options: UseAuthorizationOptions): UseAuthorizationReturn {
  const storeHash = normalisedHash(options.storeHash);
  // Each instance opens its own named window: two wizards on one page authorize side by side instead of the second
  // taking over (superseding) the first one's popup (RELIABILITY F45). A host's `popup.name` still wins.
  const name = `${DEFAULT_POPUP_NAME}-${useId()}`;
  const withName = { ...options, popup: { ...options.popup, name: options.popup?.name || name } };
  const optionsRef = useRef(withName);
  optionsRef.current = withName;
  const [internal, setInternal] = useState<Internal>({ hash: storeHash, state: IDLE });
  const [actions] = useState(() => createAuthorizationMachine(optionsRef, setInternal, internal));

  // Unmount (or a page that navigates away) ends the attempt: the engine closes the popup and cleans up.
  useEffect(() => actions.reset, [actions]);
  // A different store ends whatever ran for the old one. The state below reads as idle at once; the reset makes
  // sure going back to the old hash does not bring back a "waiting" whose attempt is gone. Nothing to do when the
  // state is for this very hash (an owner that re-renders only when the hash's validity changes started it after
  // typing on), or when idle with nothing running (no second render).
  useEffect(() => {
    if (internal.hash !== storeHash) actions.reset();
  }, [actions, internal.hash, storeHash]);

  const controlled = options.authorization;
  let state = internal.hash === storeHash ? internal.state : IDLE;
  // The owner's authorization decides, unless an attempt is running or failed; it counts for the current hash only.
  if (controlled !== undefined && state.status !== 'waiting' && state.status !== 'error') {
    state =
      !controlled || controlled.storeHash !== storeHash
        ? IDLE
        : // The same grant this hook obtained: keep what it knows about how it was confirmed.
          state.status === 'authorized' && state.authorization.grantId === controlled.grantId
          ? state
          : { status: 'authorized', authorization: controlled };
  }

  return { ...actions, state, status: state.status, storeHash, canAuthorize: !!storeHash };
}
