import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../../test/helpers/axe';
import { advance, installFakePopups, messageEvent, resultMessage, returnToOpener } from '../../../test/helpers/fake-popup';
import { useTestingLibraryFakeTimers } from '../../../test/helpers/fake-timers';
import type { BigCommerceSetupValue } from '../../core/draft';
import { formatMessage } from '../../i18n/format';
import { defaultMessages } from '../../i18n/messages.en';
import { createMemoryAdapter, type MemoryAdapter, type MemoryAdapterOptions } from '../../testing/memory-adapter';
import { BigCommerceStoreSetup, type BigCommerceStoreSetupProps } from './BigCommerceStoreSetup';

const m = defaultMessages;
const hashField = () => screen.getByRole('textbox', { name: 'Store Hash' });
const authorizeButton = (name: string | RegExp = 'Authorize') => screen.getByRole('button', { name });
const statusSelect = () => screen.getByRole('combobox', { name: 'Order Import Status' });
const section = () => screen.getByRole('region', { name: m.authorize.heading });
const authorizationStatus = () => within(section()).getByRole('status');

let queryClient: QueryClient;
let restoreTimers: () => void;

beforeEach(() => {
  restoreTimers = useTestingLibraryFakeTimers();
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
});

afterEach(() => {
  cleanup();
  queryClient.clear();
  restoreTimers();
  vi.restoreAllMocks();
});

/** A host that owns the value and can drop the authorization. */
function ForgetfulHost({ adapter }: { adapter: MemoryAdapter }) {
  const [value, setValue] = useState<BigCommerceSetupValue>({ storeHash: 'abc123', orderImportStatusId: 11 });
  return (
    <>
      <BigCommerceStoreSetup adapter={adapter} queryClient={queryClient} value={value} onValueChange={setValue} />
      <button type="button" onClick={() => setValue({ storeHash: value.storeHash, orderImportStatusId: 11 })}>
        Forget
      </button>
    </>
  );
}

function setup(props: Partial<BigCommerceStoreSetupProps> = {}, adapterOptions: MemoryAdapterOptions = {}) {
  const adapter: MemoryAdapter = createMemoryAdapter({ orderStatusLabels: { 11: 'Ready to ship' }, ...adapterOptions });
  const onValueChange = vi.fn<(value: BigCommerceSetupValue) => void>();
  const onEvent = vi.fn();
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  const utils = render(
    <BigCommerceStoreSetup adapter={adapter} queryClient={queryClient} onValueChange={onValueChange} onEvent={onEvent} {...props} />,
  );
  return { ...utils, adapter, onValueChange, onEvent, user };
}

function lastAttemptId(adapter: MemoryAdapter): string {
  const attempt = adapter.attempts.at(-1);
  if (!attempt) throw new Error('no attempt');
  return attempt.attemptId;
}

async function authorize(utils: ReturnType<typeof setup>, email = 'owner@example.com') {
  await utils.user.click(authorizeButton());
  await advance();
  utils.adapter.resolveAuthorization(lastAttemptId(utils.adapter), {
    status: 'authorized',
    grantId: 'grant-1',
    storeHash: 'abc123',
    ownerEmail: email,
  });
  await returnToOpener();
}

describe('BigCommerceStoreSetup', () => {
  describe('at first', () => {
    it('shows Store Hash, a disabled Authorize with the reason, Copy authorization link and the built-in statuses', async () => {
      const { container } = setup();
      expect(hashField()).toHaveValue('');
      expect(screen.getByRole('heading', { name: m.authorize.heading, level: 3 })).toBeInTheDocument();
      expect(section()).toHaveTextContent(m.authorize.intro);
      expect(authorizeButton()).toBeDisabled();
      expect(authorizeButton()).toHaveAccessibleDescription(m.authorize.needsHash);
      expect(screen.getByRole('button', { name: m.authorize.copyLink })).toBeDisabled();
      expect(screen.getByRole('button', { name: m.authorize.copyLink })).toHaveAccessibleDescription(m.authorize.copyLinkHelp);
      expect(screen.getByRole('region', { name: m.importStatus.heading })).toContainElement(statusSelect());
      expect(statusSelect()).toHaveValue('11');
      expect(within(statusSelect()).getAllByRole('option')).toHaveLength(15);
      expect(container.firstElementChild).toHaveAttribute('data-state', 'idle');
      await expectNoAxeViolations(container);
    });

    it('enables Authorize once the hash is valid', async () => {
      const { user } = setup();
      await user.type(hashField(), 'abc123');
      expect(authorizeButton()).toBeEnabled();
      expect(authorizeButton()).not.toHaveAccessibleDescription();
      expect(screen.queryByText(m.authorize.needsHash)).not.toBeInTheDocument();
    });

    it('uses the heading level it is given', () => {
      setup({ headingLevel: 2 });
      expect(screen.getByRole('heading', { name: m.authorize.heading, level: 2 })).toBeInTheDocument();
      expect(screen.getByRole('heading', { name: m.importStatus.heading, level: 2 })).toBeInTheDocument();
    });
  });

  describe('authorizing by keyboard alone', () => {
    it('goes from the hash to Authorize to the import status and reports each value', async () => {
      const popups = installFakePopups();
      const utils = setup();
      const { user, adapter, onValueChange, onEvent, container } = utils;
      await user.tab();
      expect(hashField()).toHaveFocus();
      await user.paste('https://api.bigcommerce.com/stores/ABC123/v3/catalog');
      expect(hashField()).toHaveValue('abc123');
      await user.tab();
      expect(authorizeButton()).toHaveFocus();
      await user.keyboard('{Enter}');
      expect(popups.open).toHaveBeenCalledTimes(1);
      await advance();

      // Waiting: the button stays, with ways to bring the popup back or give up.
      expect(authorizationStatus()).toHaveTextContent(m.authorize.waiting);
      expect(container.firstElementChild).toHaveAttribute('data-state', 'waiting');
      await expectNoAxeViolations(container);

      adapter.resolveAuthorization(lastAttemptId(adapter), {
        status: 'authorized',
        grantId: 'grant-1',
        storeHash: 'abc123',
        ownerEmail: 'owner@example.com',
      });
      await returnToOpener();

      expect(authorizationStatus()).toHaveTextContent('Authorized — store abc123 (owner@example.com)');
      expect(authorizeButton(m.authorize.reauthorize)).toHaveFocus();
      expect(onValueChange).toHaveBeenLastCalledWith({
        storeHash: 'abc123',
        orderImportStatusId: 11,
        authorization: { grantId: 'grant-1', storeHash: 'abc123', ownerEmail: 'owner@example.com' },
      });
      expect(onEvent.mock.calls.map(([event]) => event.type)).toEqual(['authorization_started', 'authorization_succeeded']);

      // The store's own labels replace the built-ins.
      expect(await screen.findByRole('option', { name: 'Ready to ship (Awaiting Fulfillment)' })).toBeInTheDocument();
      await expectNoAxeViolations(container);

      await user.tab(); // Copy authorization link
      await user.tab(); // Order Import Status
      expect(statusSelect()).toHaveFocus();
      await user.selectOptions(statusSelect(), '9');
      expect(onValueChange).toHaveBeenLastCalledWith({
        storeHash: 'abc123',
        orderImportStatusId: 9,
        authorization: { grantId: 'grant-1', storeHash: 'abc123', ownerEmail: 'owner@example.com' },
      });
    });

    it('confirmed by the popup’s own message: no note about a slower path', async () => {
      const popups = installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123' } });
      await utils.user.click(authorizeButton());
      await advance();
      const attemptId = lastAttemptId(utils.adapter);
      utils.adapter.resolveAuthorization(attemptId, { status: 'authorized', grantId: 'g', storeHash: 'abc123' });
      // What the result page posts to window.opener, from the popup, with the adapter's result origin.
      await act(async () => {
        window.dispatchEvent(messageEvent(resultMessage(attemptId), window.location.origin, popups.last));
        await vi.advanceTimersByTimeAsync(1);
      });
      expect(authorizationStatus()).toHaveTextContent('Authorized — store abc123');
      expect(screen.queryByText(m.authorize.slowFallback)).not.toBeInTheDocument();
    });

    it('confirmed only by asking the server (no message came): says why it took longer', async () => {
      installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123' } });
      await authorize(utils);
      expect(screen.getByText(m.authorize.slowFallback)).toBeInTheDocument();
    });

    it('says just the store when the server knows no owner e-mail', async () => {
      installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123' } });
      await utils.user.click(authorizeButton());
      await advance();
      utils.adapter.resolveAuthorization(lastAttemptId(utils.adapter), { status: 'authorized', grantId: 'g', storeHash: 'abc123' });
      await returnToOpener();
      expect(authorizationStatus()).toHaveTextContent(/^Authorized — store abc123$/);
    });
  });

  describe('while waiting', () => {
    it('"Show the BigCommerce window" and a second Authorize click focus the same popup', async () => {
      const popups = installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123' } });
      await utils.user.click(authorizeButton());
      await advance();
      await utils.user.click(screen.getByRole('button', { name: m.authorize.focusPopup }));
      await utils.user.click(authorizeButton());
      expect(popups.last.focus).toHaveBeenCalledTimes(2);
      expect(popups.open).toHaveBeenCalledTimes(1);
      expect(utils.adapter.attempts).toHaveLength(1);
    });

    it('when the outcome removes the focused "Show the BigCommerce window", focus goes to the Authorize button', async () => {
      installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123' } });
      await utils.user.click(authorizeButton());
      await advance();
      await utils.user.click(screen.getByRole('button', { name: m.authorize.focusPopup }));
      expect(screen.getByRole('button', { name: m.authorize.focusPopup })).toHaveFocus();
      utils.adapter.resolveAuthorization(lastAttemptId(utils.adapter), { status: 'denied' });
      await returnToOpener();
      expect(screen.queryByRole('button', { name: m.authorize.focusPopup })).not.toBeInTheDocument();
      expect(authorizeButton(m.authorize.retry)).toHaveFocus();
    });

    it('Cancel ends the attempt, closes the popup, says so and keeps focus on the Authorize button', async () => {
      const popups = installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123' } });
      await utils.user.click(authorizeButton());
      await advance();
      await utils.user.click(screen.getByRole('button', { name: m.authorize.cancel }));
      await advance();
      expect(popups.last.close).toHaveBeenCalled();
      expect(screen.getByRole('alert')).toHaveTextContent(m.errors.cancelled);
      expect(screen.queryByRole('button', { name: m.authorize.cancel })).not.toBeInTheDocument();
      expect(authorizeButton(m.authorize.retry)).toHaveFocus();
      expect(hashField()).toHaveValue('abc123');
      expect(utils.onEvent).toHaveBeenLastCalledWith({ type: 'authorization_failed', method: 'popup', storeHash: 'abc123', code: 'cancelled' });
    });
  });

  describe('when the store hash changes', () => {
    it('clears the authorization and goes back to the built-in statuses', async () => {
      installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123', orderImportStatusId: 9 } });
      await authorize(utils);
      await screen.findByRole('option', { name: 'Ready to ship (Awaiting Fulfillment)' });
      await utils.user.type(hashField(), '4');
      expect(utils.onValueChange).toHaveBeenLastCalledWith({ storeHash: 'abc1234', orderImportStatusId: 9 });
      expect(authorizationStatus()).toBeEmptyDOMElement();
      expect(authorizeButton()).toHaveAttribute('data-state', 'idle');
      expect(screen.getByRole('option', { name: 'Awaiting Fulfillment' })).toBeInTheDocument();
      expect(statusSelect()).toHaveValue('9');
    });

    it('keeps the authorization when the same store is written differently', async () => {
      installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123' } });
      await authorize(utils);
      await utils.user.tripleClick(hashField());
      await utils.user.paste('https://store-abc123.mybigcommerce.com/manage');
      expect(hashField()).toHaveValue('abc123');
      expect(authorizationStatus()).toHaveTextContent('Authorized — store abc123');
    });

    it('ends a running attempt', async () => {
      const popups = installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123' } });
      await utils.user.click(authorizeButton());
      await advance();
      await utils.user.type(hashField(), '9');
      await advance();
      expect(popups.last.close).toHaveBeenCalled();
      expect(authorizeButton()).toHaveAttribute('data-state', 'idle');
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      // Back to the first hash: still idle, not the old attempt's "waiting".
      await utils.user.type(hashField(), '{Backspace}');
      await advance();
      expect(hashField()).toHaveValue('abc123');
      expect(authorizeButton()).toHaveAttribute('data-state', 'idle');
      expect(authorizationStatus()).toBeEmptyDOMElement();
    });
  });

  describe('when authorization fails', () => {
    it('popup blocked: says how to fix it, offers a retry and keeps every value', async () => {
      installFakePopups(window, { blocked: true });
      const utils = setup({ defaultValue: { storeHash: 'abc123', orderImportStatusId: 9 } });
      await utils.user.click(authorizeButton());
      await advance();
      expect(screen.getByRole('alert')).toHaveTextContent(m.errors.popup_blocked);
      expect(authorizeButton(m.authorize.retry)).toBeEnabled();
      expect(hashField()).toHaveValue('abc123');
      expect(statusSelect()).toHaveValue('9');
      expect(utils.onValueChange).not.toHaveBeenCalled();
      await expectNoAxeViolations(utils.container);
    });

    it('store mismatch: names the store to sign in to', async () => {
      installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123' } });
      await utils.user.click(authorizeButton());
      await advance();
      utils.adapter.resolveAuthorization(lastAttemptId(utils.adapter), { status: 'authorized', grantId: 'g', storeHash: 'zzz999' });
      await returnToOpener();
      expect(screen.getByRole('alert')).toHaveTextContent(formatMessage(m.errors.store_mismatch, { hash: 'abc123' }));
      expect(hashField()).toHaveValue('abc123');
    });

    it('renders an adapter error message containing HTML as nothing but the dictionary text (B17)', async () => {
      installFakePopups();
      const utils = setup(
        { defaultValue: { storeHash: 'abc123' } },
        { fail: { beginAuthorization: { message: '<img src=x onerror="alert(1)"><b>Server says hi</b>' } } },
      );
      await utils.user.click(authorizeButton());
      await advance();
      expect(screen.getByRole('alert')).toHaveTextContent(m.errors.adapter_error);
      expect(utils.container.querySelector('img, b')).toBeNull();
      expect(utils.container).not.toHaveTextContent('Server says hi');
    });

    it('a retry that succeeds clears the error', async () => {
      installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123' } });
      await utils.user.click(authorizeButton());
      await advance();
      utils.adapter.resolveAuthorization(lastAttemptId(utils.adapter), { status: 'denied' });
      await returnToOpener();
      expect(screen.getByRole('alert')).toHaveTextContent(m.errors.access_denied);
      await utils.user.click(authorizeButton(m.authorize.retry));
      await advance();
      utils.adapter.resolveAuthorization(lastAttemptId(utils.adapter), { status: 'authorized', grantId: 'g2', storeHash: 'abc123' });
      await returnToOpener();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(authorizationStatus()).toHaveTextContent('Authorized — store abc123');
    });
  });

  describe('Copy authorization link', () => {
    it('copies the server’s URL, opens no popup, and completes when the Store Owner confirms', async () => {
      const popups = installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123' } });
      const writeText = vi.spyOn(navigator.clipboard, 'writeText');
      await utils.user.click(screen.getByRole('button', { name: m.authorize.copyLink }));
      await advance();
      expect(popups.open).not.toHaveBeenCalled();
      expect(authorizationStatus()).toHaveTextContent(m.authorize.linkCopied);
      expect(writeText).toHaveBeenCalledTimes(1);
      expect(writeText.mock.calls[0]?.[0]).toContain(`attempt=${lastAttemptId(utils.adapter)}`);
      expect(utils.onEvent).toHaveBeenCalledWith({ type: 'authorization_started', method: 'link', storeHash: 'abc123' });
      await expectNoAxeViolations(utils.container);

      utils.adapter.resolveAuthorization(lastAttemptId(utils.adapter), {
        status: 'authorized',
        grantId: 'grant-link',
        storeHash: 'abc123',
        ownerEmail: 'owner@example.com',
      });
      // The page polls the server while it waits.
      await advance(3_000);
      expect(authorizationStatus()).toHaveTextContent('Authorized — store abc123 (owner@example.com)');
      expect(utils.onValueChange).toHaveBeenLastCalledWith({
        storeHash: 'abc123',
        orderImportStatusId: 11,
        authorization: { grantId: 'grant-link', storeHash: 'abc123', ownerEmail: 'owner@example.com' },
      });
    });

    it('shows the link in a field to copy by hand when the clipboard refuses', async () => {
      installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123' } });
      vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Denied', 'NotAllowedError'));
      await utils.user.click(screen.getByRole('button', { name: m.authorize.copyLink }));
      await advance();
      const field = screen.getByRole('textbox', { name: m.authorize.linkLabel });
      expect((field as HTMLInputElement).value).toContain(`attempt=${lastAttemptId(utils.adapter)}`);
      expect(field).toHaveAttribute('readonly');
      expect(field).toHaveAccessibleDescription(m.authorize.copyFailed);
      expect(authorizationStatus()).toHaveTextContent(m.authorize.linkWaiting);
      await expectNoAxeViolations(utils.container);
      await utils.user.click(screen.getByRole('button', { name: m.authorize.cancel }));
      await advance();
      expect(screen.getByRole('alert')).toHaveTextContent(m.errors.cancelled);
      expect(screen.queryByRole('textbox', { name: m.authorize.linkLabel })).not.toBeInTheDocument();
    });

    it('Authorize while a link waits switches to the popup, one attempt at a time', async () => {
      const popups = installFakePopups();
      const utils = setup({ defaultValue: { storeHash: 'abc123' } });
      await utils.user.click(screen.getByRole('button', { name: m.authorize.copyLink }));
      await advance();
      const linkAttempt = lastAttemptId(utils.adapter);
      await utils.user.click(authorizeButton());
      await advance();
      expect(popups.open).toHaveBeenCalledTimes(1);
      expect(authorizationStatus()).toHaveTextContent(m.authorize.waiting);
      // A late confirmation of the abandoned link changes nothing.
      utils.adapter.resolveAuthorization(linkAttempt, { status: 'authorized', grantId: 'old', storeHash: 'abc123' });
      await advance(3_000);
      expect(authorizationStatus()).toHaveTextContent(m.authorize.waiting);
      expect(utils.onValueChange).not.toHaveBeenCalled();
    });
  });

  describe('under StrictMode', () => {
    it('one keyboard activation opens one popup, starts one attempt and reports one authorization', async () => {
      const popups = installFakePopups();
      const adapter = createMemoryAdapter();
      const onValueChange = vi.fn();
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      render(
        <StrictMode>
          <BigCommerceStoreSetup adapter={adapter} queryClient={queryClient} defaultValue={{ storeHash: 'abc123' }} onValueChange={onValueChange} />
        </StrictMode>,
      );
      authorizeButton().focus();
      await user.keyboard('{Enter}');
      await advance();
      expect(popups.open).toHaveBeenCalledTimes(1);
      expect(adapter.attempts).toHaveLength(1);
      adapter.resolveAuthorization(lastAttemptId(adapter), { status: 'authorized', grantId: 'g', storeHash: 'abc123' });
      await returnToOpener();
      expect(onValueChange).toHaveBeenCalledTimes(1);
      expect(authorizationStatus()).toHaveTextContent('Authorized — store abc123');
    });
  });

  describe('two setups on one page', () => {
    async function authorizeBoth(popup?: BigCommerceStoreSetupProps['popup']) {
      installFakePopups();
      const adapter = createMemoryAdapter();
      const first = vi.fn();
      const second = vi.fn();
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      render(
        <>
          <BigCommerceStoreSetup adapter={adapter} queryClient={queryClient} defaultValue={{ storeHash: 'aaa111' }} onValueChange={first} popup={popup} />
          <BigCommerceStoreSetup adapter={adapter} queryClient={queryClient} defaultValue={{ storeHash: 'bbb222' }} onValueChange={second} popup={popup} />
        </>,
      );
      const [buttonA, buttonB] = screen.getAllByRole('button', { name: 'Authorize' });
      if (!buttonA || !buttonB) throw new Error('two Authorize buttons expected');
      await user.click(buttonA);
      await advance();
      await user.click(buttonB);
      await advance();
      const [attemptA, attemptB] = adapter.attempts;
      adapter.resolveAuthorization(attemptA?.attemptId ?? '', { status: 'authorized', grantId: 'ga', storeHash: 'aaa111' });
      adapter.resolveAuthorization(attemptB?.attemptId ?? '', { status: 'authorized', grantId: 'gb', storeHash: 'bbb222' });
      await returnToOpener();
      return { first, second };
    }

    it('authorize side by side, each in its own popup, each resolving only its own attempt', async () => {
      const { first, second } = await authorizeBoth();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(first).toHaveBeenCalledWith({ storeHash: 'aaa111', orderImportStatusId: 11, authorization: { grantId: 'ga', storeHash: 'aaa111' } });
      expect(second).toHaveBeenCalledWith({ storeHash: 'bbb222', orderImportStatusId: 11, authorization: { grantId: 'gb', storeHash: 'bbb222' } });
    });

    it('given one popup name, the newer attempt supersedes the older, which is not confused with it', async () => {
      const { first, second } = await authorizeBoth({ name: 'shared-popup' });
      expect(first).not.toHaveBeenCalled();
      expect(screen.getByRole('alert')).toHaveTextContent(m.errors.superseded);
      expect(second).toHaveBeenCalledWith({
        storeHash: 'bbb222',
        orderImportStatusId: 11,
        authorization: { grantId: 'gb', storeHash: 'bbb222' },
      });
    });
  });

  describe('validation (showErrors)', () => {
    it('shows the hash error at once, then asks for authorization once the hash is valid', async () => {
      const { rerender, adapter, container } = setup({ showErrors: true, value: { storeHash: '', orderImportStatusId: 11 } });
      expect(screen.getByRole('alert')).toHaveTextContent(m.storeHash.rejected.empty);
      rerender(<BigCommerceStoreSetup adapter={adapter} queryClient={queryClient} showErrors value={{ storeHash: 'abc123', orderImportStatusId: 11 }} />);
      expect(screen.getByRole('alert')).toHaveTextContent(m.authorize.required);
      expect(authorizeButton()).toHaveAccessibleDescription(m.authorize.required);
      await expectNoAxeViolations(container);
    });
  });

  describe('controlled and uncontrolled', () => {
    it('controlled: an authorization in the value shows as authorized and loads the store’s labels', async () => {
      const value: BigCommerceSetupValue = {
        storeHash: 'abc123',
        orderImportStatusId: 11,
        authorization: { grantId: 'g1', storeHash: 'abc123', ownerEmail: 'owner@example.com' },
      };
      setup({ value });
      expect(authorizationStatus()).toHaveTextContent('Authorized — store abc123 (owner@example.com)');
      expect(await screen.findByRole('option', { name: 'Ready to ship (Awaiting Fulfillment)' })).toBeInTheDocument();
    });

    it('controlled: follows the host, which may drop the authorization', async () => {
      installFakePopups();
      const adapter = createMemoryAdapter();
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      render(<ForgetfulHost adapter={adapter} />);
      await user.click(authorizeButton());
      await advance();
      adapter.resolveAuthorization(lastAttemptId(adapter), { status: 'authorized', grantId: 'g', storeHash: 'abc123' });
      await returnToOpener();
      expect(authorizationStatus()).toHaveTextContent('Authorized — store abc123');
      await user.click(screen.getByRole('button', { name: 'Forget' }));
      expect(authorizationStatus()).toBeEmptyDOMElement();
      expect(authorizeButton()).toHaveAttribute('data-state', 'idle');
    });

    it('uncontrolled: an authorization for another store than the hash does not count', () => {
      setup({ defaultValue: { storeHash: 'abc123', authorization: { grantId: 'g', storeHash: 'other1' } } });
      expect(authorizeButton()).toHaveAttribute('data-state', 'idle');
      expect(authorizationStatus()).toBeEmptyDOMElement();
    });

    it('passes className, style and rest props to the root and takes message overrides', () => {
      const { container } = setup({
        className: 'host',
        style: { padding: 2 },
        title: 't',
        messages: { authorize: { button: 'Autorisieren' }, storeHash: { label: 'Shop-Hash' } },
      });
      const root = container.firstElementChild as HTMLElement;
      expect(root).toHaveAttribute('data-slot', 'bigcommerce-store-setup');
      expect(root).toHaveClass('host');
      expect(root.style.padding).toBe('2px');
      expect(root).toHaveAttribute('title', 't');
      expect(screen.getByRole('button', { name: 'Autorisieren' })).toBeInTheDocument();
      expect(screen.getByRole('textbox', { name: 'Shop-Hash' })).toBeInTheDocument();
    });
  });
});
