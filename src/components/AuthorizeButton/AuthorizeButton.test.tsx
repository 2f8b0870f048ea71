import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../../test/helpers/axe';
import { advance, installFakePopups, returnToOpener } from '../../../test/helpers/fake-popup';
import { useTestingLibraryFakeTimers } from '../../../test/helpers/fake-timers';
import { createResourceTracker } from '../../../test/helpers/resource-tracker';
import type { ConnectionAdapter } from '../../core/adapter';
import type { ConnectionError } from '../../core/errors';
import { createMemoryAdapter, type MemoryAdapter } from '../../testing/memory-adapter';
import { AuthorizeButton, type AuthorizeButtonProps } from './AuthorizeButton';

const button = (name: string | RegExp = 'Authorize') => screen.getByRole('button', { name });

function setup(props: Partial<AuthorizeButtonProps> = {}, adapter: MemoryAdapter = createMemoryAdapter()) {
  const onAuthorized = vi.fn();
  const onError = vi.fn<(error: ConnectionError) => void>();
  const onEvent = vi.fn();
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  const utils = render(
    <AuthorizeButton storeHash="abc123" adapter={adapter} onAuthorized={onAuthorized} onError={onError} onEvent={onEvent} {...props} />,
  );
  return { ...utils, adapter, onAuthorized, onError, onEvent, user };
}

function attemptId(adapter: MemoryAdapter, index = 0): string {
  const attempt = adapter.attempts[index];
  if (!attempt) throw new Error('no attempt');
  return attempt.attemptId;
}

let restoreTimers: () => void;
beforeEach(() => {
  restoreTimers = useTestingLibraryFakeTimers();
});

afterEach(() => {
  // Unmount first: pending attempts end while the fake clock still owns their timers.
  cleanup();
  restoreTimers();
  vi.restoreAllMocks();
});

describe('AuthorizeButton', () => {
  describe('when idle', () => {
    it('is a button named Authorize with data-state="idle"', async () => {
      const { container } = setup();
      expect(button()).toHaveAttribute('data-state', 'idle');
      expect(button()).toHaveAttribute('data-slot', 'authorize-button');
      expect(button()).toHaveAttribute('type', 'button');
      expect(button()).toBeEnabled();
      await expectNoAxeViolations(container);
    });

    it('is disabled while the store hash is invalid, and when disabled', () => {
      const { rerender, adapter } = setup({ storeHash: 'ab' });
      expect(button()).toBeDisabled();
      expect(button()).toHaveAttribute('data-disabled', '');
      rerender(<AuthorizeButton storeHash="abc123" adapter={adapter} disabled />);
      expect(button()).toBeDisabled();
      rerender(<AuthorizeButton storeHash="abc123" adapter={adapter} />);
      expect(button()).toBeEnabled();
      expect(button()).not.toHaveAttribute('data-disabled');
    });
  });

  describe('when clicked', () => {
    it('opens the popup synchronously in the click, before the adapter answers', () => {
      const popups = installFakePopups();
      const beginAuthorization = vi.fn<ConnectionAdapter['beginAuthorization']>(() => new Promise(() => {}));
      const adapter = { ...createMemoryAdapter(), beginAuthorization } as MemoryAdapter;
      setup({}, adapter);
      fireEvent.click(button());
      // No await between the click and these lines: window.open ran inside the click handler.
      expect(popups.open).toHaveBeenCalledTimes(1);
      const [, , features] = popups.open.mock.calls[0] ?? [];
      expect(features).toMatch(/popup,width=900,height=650/);
      expect(features).not.toMatch(/noopener|noreferrer/);
      expect(beginAuthorization).toHaveBeenCalledTimes(1);
      expect(beginAuthorization.mock.calls[0]?.[0]).toMatchObject({ platform: 'bigcommerce', storeHash: 'abc123' });
    });

    it('opens it from the window that owns the button', () => {
      const popups = installFakePopups();
      setup();
      fireEvent.click(button());
      expect(popups.open.mock.contexts[0]).toBe(window);
    });

    it('passes the popup options through', () => {
      const popups = installFakePopups();
      setup({ popup: { width: 1000, height: 700, name: 'my-popup' } });
      fireEvent.click(button());
      expect(popups.open).toHaveBeenCalledWith('', 'my-popup', expect.stringMatching(/width=1000,height=700/));
    });

    it('leaves the click alone when the host handler calls preventDefault', () => {
      const popups = installFakePopups();
      setup({ onClick: (event) => event.preventDefault() });
      fireEvent.click(button());
      expect(popups.open).not.toHaveBeenCalled();
      expect(button()).toHaveAttribute('data-state', 'idle');
    });
  });

  describe('while waiting', () => {
    it('has data-state="waiting" and sends the popup to the server’s sign-in URL', async () => {
      const popups = installFakePopups();
      const { container, adapter, user, onEvent } = setup();
      await user.click(button());
      await advance();
      expect(button()).toHaveAttribute('data-state', 'waiting');
      expect(popups.last.location.replace).toHaveBeenCalledWith(expect.stringContaining(`attempt=${attemptId(adapter)}`));
      expect(onEvent).toHaveBeenCalledWith({ type: 'authorization_started', method: 'popup', storeHash: 'abc123' });
      await expectNoAxeViolations(container);
    });

    it('a second click focuses the open popup: one window.open, one attempt', async () => {
      const popups = installFakePopups();
      const { adapter, user } = setup();
      await user.click(button());
      await advance();
      await user.click(button());
      await advance();
      expect(popups.open).toHaveBeenCalledTimes(1);
      expect(popups.last.focus).toHaveBeenCalledTimes(1);
      expect(adapter.attempts).toHaveLength(1);
      expect(button()).toHaveAttribute('data-state', 'waiting');
    });

    it('unmounting aborts the attempt and closes the popup, with no callback afterwards', async () => {
      const popups = installFakePopups();
      const { user, unmount, onError, onAuthorized } = setup();
      await user.click(button());
      await advance();
      unmount();
      await advance();
      expect(popups.last.close).toHaveBeenCalled();
      expect(onError).not.toHaveBeenCalled();
      expect(onAuthorized).not.toHaveBeenCalled();
    });

    it('a new store hash ends the attempt and returns to idle', async () => {
      const popups = installFakePopups();
      const { user, rerender, adapter } = setup();
      await user.click(button());
      await advance();
      rerender(<AuthorizeButton storeHash="xyz789" adapter={adapter} />);
      await advance();
      expect(button()).toHaveAttribute('data-state', 'idle');
      expect(popups.last.close).toHaveBeenCalled();
    });
  });

  describe('when the server confirms', () => {
    it('is authorized, hands over the result and offers Authorize again', async () => {
      const popups = installFakePopups();
      const { container, adapter, user, onAuthorized, onEvent } = setup();
      await user.click(button());
      await advance();
      adapter.resolveAuthorization(attemptId(adapter), {
        status: 'authorized',
        grantId: 'grant-1',
        storeHash: 'abc123',
        ownerEmail: 'owner@example.com',
      });
      await returnToOpener();
      expect(onAuthorized).toHaveBeenCalledWith({
        grantId: 'grant-1',
        storeHash: 'abc123',
        ownerEmail: 'owner@example.com',
        attemptId: attemptId(adapter),
        confirmedVia: 'server',
        severed: false,
      });
      expect(button('Authorize again')).toHaveAttribute('data-state', 'authorized');
      expect(popups.last.close).toHaveBeenCalled();
      expect(onEvent).toHaveBeenLastCalledWith({ type: 'authorization_succeeded', method: 'popup', storeHash: 'abc123' });
      expect(JSON.stringify(onEvent.mock.calls)).not.toContain('grant-1');
      await expectNoAxeViolations(container);
    });
  });

  describe('when it fails', () => {
    async function expectError(
      utils: ReturnType<typeof setup>,
      code: string,
    ): Promise<void> {
      const retry = button('Try again');
      expect(retry).toHaveAttribute('data-state', 'error');
      expect(utils.onError).toHaveBeenCalledTimes(1);
      expect(utils.onError.mock.calls[0]?.[0]).toMatchObject({ name: 'ConnectionError', code });
      expect(utils.onEvent).toHaveBeenLastCalledWith({ type: 'authorization_failed', method: 'popup', storeHash: 'abc123', code });
      expect(utils.onAuthorized).not.toHaveBeenCalled();
      await expectNoAxeViolations(utils.container);
    }

    it('popup blocked: reports popup_blocked without calling the adapter', async () => {
      installFakePopups(window, { blocked: true });
      const utils = setup();
      await utils.user.click(button());
      await advance();
      expect(utils.adapter.attempts).toHaveLength(0);
      await expectError(utils, 'popup_blocked');
    });

    it('popup closed by the user: reports popup_closed after the grace period', async () => {
      const popups = installFakePopups();
      const utils = setup();
      await utils.user.click(button());
      await advance();
      // Later than the COOP severance window: a real close by the user.
      await advance(5_000);
      popups.last.closed = true;
      await advance(500);
      expect(button()).toHaveAttribute('data-state', 'waiting');
      await advance(1_500);
      await advance();
      await expectError(utils, 'popup_closed');
    });

    it('access denied (Cancel on the consent screen): reports access_denied', async () => {
      installFakePopups();
      const utils = setup();
      await utils.user.click(button());
      await advance();
      utils.adapter.resolveAuthorization(attemptId(utils.adapter), { status: 'denied' });
      await returnToOpener();
      await expectError(utils, 'access_denied');
    });

    it('another store signed in: reports store_mismatch', async () => {
      installFakePopups();
      const utils = setup();
      await utils.user.click(button());
      await advance();
      utils.adapter.resolveAuthorization(attemptId(utils.adapter), { status: 'authorized', grantId: 'g', storeHash: 'other1' });
      await returnToOpener();
      await expectError(utils, 'store_mismatch');
    });

    it('adapter error: reports adapter_error and closes the popup', async () => {
      const popups = installFakePopups();
      const utils = setup({}, createMemoryAdapter({ fail: { beginAuthorization: { message: '<img src=x>' } } }));
      await utils.user.click(button());
      await advance();
      expect(popups.last.close).toHaveBeenCalled();
      await expectError(utils, 'adapter_error');
    });

    it('timeout: reports timeout after timeoutMs', async () => {
      installFakePopups();
      const utils = setup({ timeoutMs: 10_000 });
      await utils.user.click(button());
      await advance();
      await advance(10_000);
      await advance();
      await expectError(utils, 'timeout');
    });

    it('a retry starts a new attempt in a new popup', async () => {
      const popups = installFakePopups();
      const utils = setup();
      await utils.user.click(button());
      await advance();
      utils.adapter.resolveAuthorization(attemptId(utils.adapter), { status: 'denied' });
      await returnToOpener();
      await utils.user.click(button('Try again'));
      await advance();
      expect(popups.open).toHaveBeenCalledTimes(2);
      expect(utils.adapter.attempts).toHaveLength(2);
      expect(button()).toHaveAttribute('data-state', 'waiting');
    });
  });

  describe('after every outcome', () => {
    it.each([
      ['authorized', (adapter: MemoryAdapter) => adapter.resolveAuthorization(attemptId(adapter), { status: 'authorized', grantId: 'g', storeHash: 'abc123' })],
      ['denied', (adapter: MemoryAdapter) => adapter.resolveAuthorization(attemptId(adapter), { status: 'denied' })],
    ])('%s: no listener, timer or channel is left (also after unmount)', async (_, decide) => {
      installFakePopups();
      const { adapter, unmount } = setup();
      const tracker = createResourceTracker();
      try {
        tracker.track(window, 'window');
        tracker.track(document, 'document');
        fireEvent.click(button());
        await advance();
        expect(tracker.listeners.added).toBeGreaterThan(0);
        expect(tracker.channels.opened).toBe(1);
        decide(adapter);
        await returnToOpener();
        expect(screen.getByRole('button')).not.toHaveAttribute('data-state', 'waiting');
        tracker.assertClean();
        unmount();
        tracker.assertClean();
      } finally {
        tracker.restore();
      }
    });

    it('unmounted while waiting: no listener, timer or channel is left', async () => {
      installFakePopups();
      const { unmount } = setup();
      const tracker = createResourceTracker();
      try {
        tracker.track(window, 'window');
        tracker.track(document, 'document');
        fireEvent.click(button());
        await advance();
        expect(tracker.leaks()).not.toEqual([]);
        unmount();
        await advance();
        tracker.assertClean();
      } finally {
        tracker.restore();
      }
    });
  });

  describe('under StrictMode', () => {
    it('one click opens one popup and starts one attempt', async () => {
      const popups = installFakePopups();
      const adapter = createMemoryAdapter();
      const onEvent = vi.fn();
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      render(
        <StrictMode>
          <AuthorizeButton storeHash="abc123" adapter={adapter} onEvent={onEvent} />
        </StrictMode>,
      );
      await user.click(button());
      await advance();
      expect(popups.open).toHaveBeenCalledTimes(1);
      expect(adapter.attempts).toHaveLength(1);
      expect(onEvent).toHaveBeenCalledTimes(1);
      expect(button()).toHaveAttribute('data-state', 'waiting');
    });
  });

  describe('asChild', () => {
    it('merges into the child element and keeps the behaviour', async () => {
      const popups = installFakePopups();
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      render(
        <AuthorizeButton asChild storeHash="abc123" adapter={createMemoryAdapter()}>
          <button type="button" className="host-button">
            Connect BigCommerce
          </button>
        </AuthorizeButton>,
      );
      const child = button('Connect BigCommerce');
      expect(child).toHaveClass('host-button');
      expect(child).toHaveAttribute('data-state', 'idle');
      expect(child).toHaveAttribute('data-slot', 'authorize-button');
      await user.click(child);
      await advance();
      expect(popups.open).toHaveBeenCalledTimes(1);
      expect(child).toHaveAttribute('data-state', 'waiting');
    });
  });
});
