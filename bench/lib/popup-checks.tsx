import { act, cleanup, render, screen } from '@testing-library/react';
import { type ReactElement, StrictMode } from 'react';
import { AuthorizeButton } from '../../src/components/AuthorizeButton/AuthorizeButton';
import { BigCommerceStoreSetup } from '../../src/components/BigCommerceStoreSetup/BigCommerceStoreSetup';
import { authorizeInPopup } from '../../src/oauth/popup';

/*
 * "The popup opens before any await" (DESIGN §4, §6), checked three ways. Each check returns an ordered log of
 * what happened; bench/run.mjs prints it and test/bench-popup.test.ts asserts on it.
 *
 * The ordering argument: microtasks run first-in, first-out. A marker microtask queued *before* our code runs
 * executes before the continuation of any `await` inside our code (that continuation is queued later). So if
 * `window.open` shows up in the log before the marker, nothing was awaited on the way to it; if our code awaited
 * first, the marker would be logged before `window.open`.
 *
 * Where the marker is queued matters in a real browser: for a trusted click the browser runs a microtask
 * checkpoint after every listener callback, so a marker queued in a window capture listener would run before
 * React's root listener. The marker that proves the point everywhere is queued in the host's own `onClick`, which
 * `AuthorizeButton` calls in the same callback right before starting the attempt. The capture-listener marker is
 * also recorded; it is valid here because jsdom's `click()` is an untrusted dispatch (no checkpoint between
 * listeners), and it covers `BigCommerceStoreSetup`, whose button takes no `onClick`.
 */

export const MARK_BEFORE_CALL = 'microtask queued before the call';
export const MARK_DISPATCH = 'microtask queued in a window capture listener (dispatch start)';
export const MARK_ON_CLICK = 'microtask queued in the host onClick (same callback, before ours)';
export const OPEN = 'window.open';

export interface PopupCheck {
  name: string;
  log: string[];
  /** `window.open` came before every marker and before the call / dispatch returned. */
  openedBeforeAwait: boolean;
  openCalls: number;
  openArgs: unknown[][];
  notes: string[];
}

type Log = string[];

function fakePopup(log: Log) {
  return {
    closed: false,
    focus() {
      log.push('popup.focus()');
    },
    close() {
      this.closed = true;
      log.push('popup.close()');
    },
    postMessage() {},
    location: {
      href: 'about:blank',
      replace(url: string) {
        log.push(`popup.location.replace(${url})`);
      },
    },
    document: { title: '', body: { textContent: '' } },
  };
}

/** An adapter whose calls never settle: any `await` on it would never come back. */
function pendingAdapter(log: Log) {
  const never = <T,>(): Promise<T> => new Promise<T>(() => {});
  return {
    beginAuthorization: () => {
      log.push('adapter.beginAuthorization');
      return never<{ url: string; resultOrigin: string }>();
    },
    getAuthorization: () => {
      log.push('adapter.getAuthorization');
      return never<{ status: 'pending' }>();
    },
    listOrderStatuses: () => never<[]>(),
  };
}

function before(log: Log, first: string, second: string): boolean {
  const a = log.indexOf(first);
  const b = log.indexOf(second);
  return a !== -1 && (b === -1 || a < b);
}

/** `authorizeInPopup` with a fake opener window: open and every subscription happen before it returns. */
export async function checkEngine(): Promise<PopupCheck & { subscribedBeforeReturn: string[] }> {
  const log: Log = [];
  const openArgs: unknown[][] = [];
  class RecordingTarget extends EventTarget {
    constructor(private readonly label: string) {
      super();
    }
    override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
      log.push(`${this.label}.addEventListener('${type}')`);
      super.addEventListener(type, listener, options);
    }
  }
  class FakeChannel extends RecordingTarget {
    constructor(name: string) {
      super('channel');
      log.push(`new BroadcastChannel('${name.replace(/[0-9a-f-]{36}$/, '<attemptId>')}')`);
    }
    postMessage() {}
    close() {}
  }
  const opener = Object.assign(new RecordingTarget('opener'), {
    open: (...args: unknown[]) => {
      openArgs.push(args);
      log.push(OPEN);
      return fakePopup(log);
    },
    document: Object.assign(new RecordingTarget('document'), { visibilityState: 'visible' }),
    location: { href: 'https://app.example.com/connections/new', origin: 'https://app.example.com' },
    crypto: globalThis.crypto,
    BroadcastChannel: FakeChannel,
    screenX: 0,
    screenY: 0,
    outerWidth: 1400,
    outerHeight: 900,
  });
  const controller = new AbortController();
  queueMicrotask(() => log.push(MARK_BEFORE_CALL));
  log.push('call authorizeInPopup');
  const promise = authorizeInPopup({
    storeHash: 'abc123',
    adapter: pendingAdapter(log),
    window: opener as unknown as Window,
    signal: controller.signal,
  });
  log.push('authorizeInPopup returned');
  const returned = log.length;
  const outcome = promise.then(
    () => 'resolved',
    (error: { code?: string }) => `rejected: ${error.code}`,
  );
  await Promise.resolve();
  controller.abort();
  log.push(`after abort → ${await outcome}`);
  const subscribedBeforeReturn = log.slice(0, returned).filter((entry) => entry.includes('addEventListener') || entry.startsWith('new BroadcastChannel'));
  return {
    name: 'authorizeInPopup (fake opener, adapter that never resolves)',
    log,
    openedBeforeAwait: before(log, OPEN, 'authorizeInPopup returned') && before(log, OPEN, MARK_BEFORE_CALL),
    openCalls: openArgs.length,
    openArgs,
    subscribedBeforeReturn,
    notes: [],
  };
}

/** Spies on the jsdom window: `open` returns a fake popup; click listeners at both ends of the dispatch. */
function instrumentWindow(log: Log) {
  const openArgs: unknown[][] = [];
  const original = window.open;
  window.open = ((...args: unknown[]) => {
    openArgs.push(args);
    log.push(OPEN);
    return fakePopup(log) as unknown as Window;
  }) as typeof window.open;
  const onCapture = () => {
    log.push('click: window capture listener');
    queueMicrotask(() => log.push(MARK_DISPATCH));
  };
  const onBubble = () => log.push('click: window bubble listener (after React’s)');
  window.addEventListener('click', onCapture, true);
  window.addEventListener('click', onBubble);
  return {
    openArgs,
    restore() {
      window.removeEventListener('click', onCapture, true);
      window.removeEventListener('click', onBubble);
      window.open = original;
    },
  };
}

async function clickAndLog(log: Log, button: HTMLElement) {
  log.push('dispatch click');
  act(() => {
    button.click();
  });
  log.push('dispatch returned');
  await act(async () => {
    await Promise.resolve();
  });
}

/** A standalone `AuthorizeButton`: the click's own callback opens the popup. A second click focuses it. */
export async function checkAuthorizeButton({ strict = false }: { strict?: boolean } = {}): Promise<PopupCheck> {
  const log: Log = [];
  const spy = instrumentWindow(log);
  const wrap = (element: ReactElement) => (strict ? <StrictMode>{element}</StrictMode> : element);
  try {
    const onClick = () => {
      log.push('host onClick');
      queueMicrotask(() => log.push(MARK_ON_CLICK));
    };
    render(wrap(<AuthorizeButton storeHash="abc123" adapter={pendingAdapter(log)} onClick={onClick} />));
    const button = screen.getByRole('button', { name: 'Authorize' });
    await clickAndLog(log, button);
    const afterFirst = log.length;
    log.push('— second click while waiting —');
    await clickAndLog(log, button);
    const second = log.slice(afterFirst);
    const openedBeforeAwait =
      before(log, OPEN, MARK_ON_CLICK) && before(log, OPEN, MARK_DISPATCH) && before(log, OPEN, 'dispatch returned') && before(log, 'host onClick', OPEN);
    return {
      name: `AuthorizeButton click${strict ? ' (StrictMode)' : ''}`,
      log,
      openedBeforeAwait,
      openCalls: spy.openArgs.length,
      openArgs: spy.openArgs,
      notes: [second.includes('popup.focus()') && !second.includes(OPEN) ? 'second click focused the popup, no second window.open' : 'second click did NOT just focus the popup'],
    };
  } finally {
    cleanup();
    spy.restore();
  }
}

/** The Authorize button inside `BigCommerceStoreSetup` (what the wizard renders). */
export async function checkStoreSetup(): Promise<PopupCheck> {
  const log: Log = [];
  const spy = instrumentWindow(log);
  try {
    render(<BigCommerceStoreSetup adapter={pendingAdapter(log)} defaultValue={{ storeHash: 'abc123' }} />);
    await clickAndLog(log, screen.getByRole('button', { name: 'Authorize' }));
    return {
      name: 'BigCommerceStoreSetup → Authorize click',
      log,
      openedBeforeAwait: before(log, OPEN, MARK_DISPATCH) && before(log, OPEN, 'dispatch returned'),
      openCalls: spy.openArgs.length,
      openArgs: spy.openArgs,
      notes: [],
    };
  } finally {
    cleanup();
    spy.restore();
  }
}

export async function runPopupChecks(): Promise<PopupCheck[]> {
  return [await checkEngine(), await checkAuthorizeButton(), await checkAuthorizeButton({ strict: true }), await checkStoreSetup()];
}
