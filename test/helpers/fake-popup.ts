import { act } from '@testing-library/react';
import { vi } from 'vitest';
import { FakePopup } from './popup-harness';

/*
 * Component tests drive the real popup engine through the real jsdom window (which cannot open windows):
 * `window.open` is spied on and returns the engine tests' `FakePopup` (popup-harness.ts). Authorizations are then
 * decided with the memory adapter's `resolveAuthorization` plus a `focus` of the opener (the engine asks the
 * server when the page regains focus) or a result message (`messageEvent` + `resultMessage` from popup-harness).
 */

export { FakePopup, messageEvent, resultMessage } from './popup-harness';

/**
 * Spies on `win.open`: each call returns a new `FakePopup` (or `null` with `{ blocked: true }`).
 *
 * @example
 * const popups = installFakePopups();
 * await user.click(screen.getByRole('button', { name: 'Authorize' }));
 * expect(popups.open).toHaveBeenCalledTimes(1);
 */
export function installFakePopups(win: Window = window, { blocked = false }: { blocked?: boolean } = {}) {
  const popups: FakePopup[] = [];
  const open = vi.spyOn(win, 'open').mockImplementation(() => {
    if (blocked) return null;
    const popup = new FakePopup();
    popups.push(popup);
    return popup as unknown as Window;
  });
  return {
    open,
    popups,
    get last(): FakePopup {
      const popup = popups.at(-1);
      if (!popup) throw new Error('window.open was not called');
      return popup;
    },
  };
}

/** Lets pending promises and timers up to `ms` from now run, inside `act` (use with fake timers). */
export async function advance(ms = 1): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** The opener regains focus (the user is back from the popup): the engine asks the server. */
export async function returnToOpener(win: Window = window): Promise<void> {
  await act(async () => {
    win.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(1);
  });
}
