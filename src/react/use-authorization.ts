import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StoreAuthorization } from '../core/draft';
import { type ConnectionError, type ConnectionErrorCode, toConnectionError } from '../core/errors';
import { parseStoreHash } from '../core/store-hash';
import {
  type AuthorizationAdapter,
  type AuthorizationResult,
  type AuthorizePopupOptions,
  authorizeInPopup,
  beginLinkAuthorization,
  focusAuthorizationPopup,
} from '../oauth/popup';
import { useLatestCallback } from './use-latest-callback';

/*
 * The state machine behind the Authorize section: idle → waiting → authorized | error{code}. It starts attempts
 * through the popup engine (`authorizeInPopup`, `beginLinkAuthorization`) and keeps only the newest one: an older
 * attempt's late outcome is ignored, a new store hash or an unmount aborts the live one. No markup here.
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

type Internal = AuthorizationState & { forHash: string | undefined };

const IDLE: AuthorizationState = { status: 'idle' };

/**
 * The clipboard write for the link flow. Safari allows clipboard writes only during the click's user activation,
 * which the `await` for the URL would outlive; a `ClipboardItem` accepts a promise of its content, so where it
 * exists the write starts inside the click and completes when the URL arrives. Elsewhere (or when that write is
 * refused) `writeText` once the URL is known. The returned function resolves whether the link was copied; it never
 * rejects.
 * @see https://webkit.org/blog/10855/async-clipboard-api/
 */
function startClipboardWrite(win: Window | undefined, url: Promise<string>): () => Promise<boolean> {
  const clipboard = win?.navigator?.clipboard;
  const Item = (win as (Window & { ClipboardItem?: typeof ClipboardItem }) | undefined)?.ClipboardItem;
  let written: Promise<unknown> | undefined;
  if (typeof clipboard?.write === 'function' && typeof Item === 'function') {
    try {
      written = clipboard.write([new Item({ 'text/plain': url.then((text) => new Blob([text], { type: 'text/plain' })) })]);
    } catch (error) {
      written = Promise.reject(error);
    }
  }
  const itemWritten = written
    ? written.then(
        () => true,
        () => false,
      )
    : Promise.resolve(false);
  return () =>
    itemWritten
      .then(async (done) => {
        if (!done) {
          if (typeof clipboard?.writeText !== 'function') return false;
          await clipboard.writeText(await url);
        }
        return true;
      })
      .catch(() => false);
}

/** What the draft keeps of a confirmed authorization: the grant, the store and, when known, the owner's e-mail. */
export function toStoreAuthorization({ grantId, storeHash, ownerEmail }: AuthorizationResult): StoreAuthorization {
  return ownerEmail === undefined ? { grantId, storeHash } : { grantId, storeHash, ownerEmail };
}

/**
 * The Authorize section's state machine.
 *
 * @example
 * const auth = useAuthorization({ storeHash, adapter, onAuthorized: (r) => save(r.grantId) });
 * <button onClick={(e) => auth.authorize(e.currentTarget.ownerDocument.defaultView ?? undefined)}>Authorize</button>
 * {auth.state.status === 'error' && <p role="alert">{messages.errors[auth.state.code]}</p>}
 */
function normalisedHash(storeHash: UseAuthorizationOptions['storeHash']): string | undefined {
  const parsed = parseStoreHash(typeof storeHash === 'function' ? storeHash() : storeHash);
  return parsed.ok ? parsed.storeHash : undefined;
}

export function useAuthorization(options: UseAuthorizationOptions): UseAuthorizationReturn {
  const storeHash = normalisedHash(options.storeHash);
  const [internal, setInternal] = useState<Internal>({ status: 'idle', forHash: storeHash });

  const optionsRef = useRef(options);
  optionsRef.current = options;
  const emit = useLatestCallback(options.onEvent);
  const onAuthorized = useLatestCallback(options.onAuthorized);
  const onError = useLatestCallback(options.onError);

  /** The newest attempt; an outcome of any other is ignored. */
  const attemptRef = useRef<{ controller: AbortController } | null>(null);
  const mountedRef = useRef(false);
  const stateRef = useRef<Internal>(internal);
  stateRef.current = internal;

  const update = useCallback((next: Internal) => {
    stateRef.current = next;
    setInternal(next);
  }, []);

  const abortLive = useCallback(() => {
    const live = attemptRef.current;
    attemptRef.current = null;
    live?.controller.abort();
  }, []);

  useEffect(() => {
    mountedRef.current = true;
    return () => {
      // Unmount (or a page that navigates away) ends the attempt: the engine closes the popup and cleans up.
      mountedRef.current = false;
      abortLive();
    };
  }, [abortLive]);

  // A different store ends whatever ran for the old one. The derived state below reads as idle at once; the reset
  // makes sure going back to the old hash does not bring back a "waiting" whose attempt is gone.
  const liveHashRef = useRef(storeHash);
  useEffect(() => {
    if (liveHashRef.current === storeHash) return;
    liveHashRef.current = storeHash;
    // Already idle with nothing running, or the state is for this very hash (an owner that re-renders only when the
    // hash's validity changes started it after typing on): nothing to end, no second render.
    const state = stateRef.current;
    if (state.forHash === storeHash || (!attemptRef.current && state.status === 'idle')) return;
    abortLive();
    update({ status: 'idle', forHash: storeHash });
  }, [storeHash, abortLive, update]);

  /** Registers a new attempt and returns the callbacks that apply its outcome only while it is the newest. */
  const begin = useCallback(
    (method: AuthorizationMethod, hash: string) => {
      abortLive();
      const attempt = { controller: new AbortController() };
      attemptRef.current = attempt;
      const current = () => mountedRef.current && attemptRef.current === attempt;
      return {
        signal: attempt.controller.signal,
        current,
        /** Called once the engine has its synchronous part behind it: a throwing host `onEvent` cannot stop the popup. */
        started() {
          emit({ type: 'authorization_started', method, storeHash: hash });
        },
        succeed(result: AuthorizationResult) {
          if (!current()) return;
          attemptRef.current = null;
          const viaFallback = method === 'popup' && (result.severed || result.confirmedVia !== 'message');
          update({ status: 'authorized', authorization: toStoreAuthorization(result), viaFallback, forHash: hash });
          emit({ type: 'authorization_succeeded', method, storeHash: hash });
          onAuthorized(result);
        },
        fail(reason: unknown) {
          if (!current()) return;
          attemptRef.current = null;
          const error = toConnectionError(reason);
          update({ status: 'error', method, code: error.code, error, forHash: hash });
          emit({ type: 'authorization_failed', method, storeHash: hash, code: error.code });
          onError(error);
        },
      };
    },
    [abortLive, emit, onAuthorized, onError, update],
  );

  const focusPopup = useCallback(
    (win?: Window) => focusAuthorizationPopup({ window: win, name: optionsRef.current.popup?.name }),
    [],
  );

  const authorize = useCallback(
    (win?: Window) => {
      const state = stateRef.current;
      const storeHash = normalisedHash(optionsRef.current.storeHash);
      if (!storeHash) return;
      if (state.status === 'waiting' && state.method === 'popup' && state.forHash === storeHash && attemptRef.current) {
        // One popup per attempt: a second click brings it back. Only when it is gone does a click start anew.
        if (focusPopup(win)) return;
      }
      const { adapter, popup, timeoutMs, closeGraceMs, severanceWindowMs } = optionsRef.current;
      const attempt = begin('popup', storeHash);
      let promise: Promise<AuthorizationResult>;
      try {
        // Synchronous, inside the click: the engine calls window.open before its first await.
        promise = authorizeInPopup({
          storeHash,
          adapter,
          window: win,
          signal: attempt.signal,
          timeoutMs,
          closeGraceMs,
          severanceWindowMs,
          popup,
        });
      } catch (error) {
        promise = Promise.reject(error);
      }
      update({ status: 'waiting', method: 'popup', forHash: storeHash });
      promise.then(attempt.succeed, attempt.fail);
      attempt.started();
    },
    [begin, focusPopup, update],
  );

  const copyLink = useCallback(
    (win?: Window) => {
      const state = stateRef.current;
      const storeHash = normalisedHash(optionsRef.current.storeHash);
      if (!storeHash) return;
      /** Copies, then says whether it worked — while `isCurrent()`: a quick confirmation may have settled it already. */
      const copyAndReport = (copy: () => Promise<boolean>, url: string, isCurrent: () => boolean) => {
        void copy().then((copied) => {
          if (isCurrent()) update({ status: 'waiting', method: 'link', url, copied, forHash: storeHash });
        });
      };
      const live = attemptRef.current;
      if (state.status === 'waiting' && state.method === 'link' && state.forHash === storeHash && state.url && live) {
        // The link is out already: copy it again (the clipboard may work now), same attempt.
        copyAndReport(
          startClipboardWrite(win, Promise.resolve(state.url)),
          state.url,
          () => mountedRef.current && attemptRef.current === live,
        );
        return;
      }
      const { adapter, linkTimeoutMs } = optionsRef.current;
      const attempt = begin('link', storeHash);
      let resolveUrl: (url: string) => void = () => {};
      let rejectUrl: (reason: unknown) => void = () => {};
      const url = new Promise<string>((resolve, reject) => {
        resolveUrl = resolve;
        rejectUrl = reject;
      });
      url.catch(() => {});
      const copy = startClipboardWrite(win, url);
      update({ status: 'waiting', method: 'link', forHash: storeHash });
      let started: ReturnType<typeof beginLinkAuthorization>;
      try {
        started = beginLinkAuthorization({ storeHash, adapter, window: win, signal: attempt.signal, timeoutMs: linkTimeoutMs });
      } catch (error) {
        started = Promise.reject(error);
      }
      attempt.started();
      started.then(
        (link) => {
          resolveUrl(link.url);
          if (attempt.current()) update({ status: 'waiting', method: 'link', url: link.url, forHash: storeHash });
          // While the attempt is current it is still waiting on this link: an outcome ends it (`attemptRef` cleared).
          copyAndReport(copy, link.url, attempt.current);
          link.result.then(attempt.succeed, attempt.fail);
        },
        (error: unknown) => {
          rejectUrl(error);
          attempt.fail(error);
        },
      );
    },
    [begin, update],
  );

  const cancel = useCallback(() => {
    attemptRef.current?.controller.abort();
  }, []);

  const reset = useCallback(() => {
    if (!attemptRef.current && stateRef.current.status === 'idle') return;
    abortLive();
    update({ status: 'idle', forHash: normalisedHash(optionsRef.current.storeHash) });
  }, [abortLive, update]);

  const controlled = options.authorization;
  const state = useMemo<AuthorizationState>(() => {
    const { forHash, ...own } = internal;
    const current: AuthorizationState = forHash === storeHash ? (own as AuthorizationState) : IDLE;
    if (current.status === 'waiting' || current.status === 'error' || controlled === undefined) return current;
    if (!controlled || !storeHash || controlled.storeHash !== storeHash) return IDLE;
    // The same grant this hook obtained: keep what it knows about how it was confirmed.
    if (current.status === 'authorized' && current.authorization.grantId === controlled.grantId) return current;
    return { status: 'authorized', authorization: controlled };
  }, [internal, storeHash, controlled]);

  return {
    state,
    status: state.status,
    storeHash,
    canAuthorize: storeHash !== undefined,
    authorize,
    focusPopup,
    copyLink,
    cancel,
    reset,
  };
}
