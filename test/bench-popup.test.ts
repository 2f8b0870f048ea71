import { describe, expect, it } from 'vitest';
import {
  checkAuthorizeButton,
  checkEngine,
  checkStoreSetup,
  MARK_BEFORE_CALL,
  MARK_DISPATCH,
  MARK_ON_CLICK,
  OPEN,
} from '../bench/lib/popup-checks';

/*
 * "The popup opens before any await" (DESIGN §4 authorizeInPopup, §6 No wasted work). Safari only lets a click
 * open a window while the click's own task runs; an `await` before `window.open` hands it a blocked popup.
 *
 * How it is checked (bench/lib/popup-checks.tsx): every step is appended to an ordered log, and marker microtasks
 * are queued *before* our code runs. Microtasks run first-in, first-out, so the continuation of any `await` in our
 * code would run after the marker: `window.open` logged before the marker means nothing was awaited on the way.
 * The marker queued in the host's `onClick` (called in the same callback, right before the attempt starts) holds
 * in a real browser too; the window-capture-listener marker holds for jsdom's untrusted `click()`, where no
 * microtask checkpoint separates listeners.
 */

const position = (log: string[], entry: string) => {
  const index = log.indexOf(entry);
  expect(index, `"${entry}" is in the log:\n${log.join('\n')}`).toBeGreaterThanOrEqual(0);
  return index;
};

describe('the popup opens before the first await', () => {
  describe('authorizeInPopup, with an adapter that never resolves', () => {
    it('calls window.open once, before it returns and before any microtask', async () => {
      const { log, openCalls, openArgs } = await checkEngine();
      expect(openCalls).toBe(1);
      expect(position(log, OPEN)).toBeLessThan(position(log, 'authorizeInPopup returned'));
      expect(position(log, OPEN)).toBeLessThan(position(log, MARK_BEFORE_CALL));
      // A blank popup first (navigated once the server answers), never `noopener`.
      expect(openArgs[0]?.[0]).toBe('');
      expect(String(openArgs[0]?.[2])).not.toMatch(/noopener/);
    });

    it('subscribes to every channel in the same synchronous part', async () => {
      const { subscribedBeforeReturn } = await checkEngine();
      expect(subscribedBeforeReturn).toEqual(
        expect.arrayContaining([
          "opener.addEventListener('message')",
          "opener.addEventListener('focus')",
          "document.addEventListener('visibilitychange')",
          "new BroadcastChannel('rcw:<attemptId>')",
          "channel.addEventListener('message')",
        ]),
      );
    });

    it('asks the adapter only after the popup is open, and an abort closes it', async () => {
      const { log } = await checkEngine();
      expect(position(log, OPEN)).toBeLessThan(position(log, 'adapter.beginAuthorization'));
      expect(log).toContain('popup.close()');
      expect(log.at(-1)).toBe('after abort → rejected: cancelled');
    });
  });

  describe('when the user clicks AuthorizeButton', () => {
    it('opens the popup inside the click callback, before a microtask the host queued in onClick', async () => {
      const { log, openCalls } = await checkAuthorizeButton();
      expect(openCalls).toBe(1);
      expect(position(log, 'host onClick')).toBeLessThan(position(log, OPEN));
      expect(position(log, OPEN)).toBeLessThan(position(log, MARK_ON_CLICK));
      expect(position(log, OPEN)).toBeLessThan(position(log, MARK_DISPATCH));
      expect(position(log, OPEN)).toBeLessThan(position(log, 'dispatch returned'));
    });

    it('opens one popup per click under StrictMode too', async () => {
      const { log, openCalls } = await checkAuthorizeButton({ strict: true });
      expect(openCalls).toBe(1);
      expect(position(log, OPEN)).toBeLessThan(position(log, MARK_ON_CLICK));
    });

    it('focuses the open popup on a second click instead of opening another', async () => {
      const { log, openCalls } = await checkAuthorizeButton();
      const second = log.slice(position(log, '— second click while waiting —'));
      expect(openCalls).toBe(1);
      expect(second).toContain('popup.focus()');
      expect(second).not.toContain(OPEN);
    });
  });

  describe('when the user clicks Authorize in BigCommerceStoreSetup', () => {
    it('opens the popup during the click dispatch, before any microtask', async () => {
      const { log, openCalls } = await checkStoreSetup();
      expect(openCalls).toBe(1);
      expect(position(log, OPEN)).toBeLessThan(position(log, MARK_DISPATCH));
      expect(position(log, OPEN)).toBeLessThan(position(log, 'dispatch returned'));
    });
  });
});
