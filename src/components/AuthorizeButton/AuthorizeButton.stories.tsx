import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { NARROW_VIEWPORT } from '../../../.storybook/decorators';
import type { ConnectionError } from '../../core/errors';
import { formatMessage } from '../../i18n/format';
import type { AuthorizationResult } from '../../oauth/popup';
import { useMessages } from '../../react/messages';
import type { MemoryAdapter } from '../../testing/memory-adapter';
import { deMessages } from '../../../stories/messages.de';
import { connectSimulator } from '../../../stories/simulator/channel';
import { adapterLoader, loadedAdapter } from '../../../stories/support/adapter';
import { cssVariable, StateCell, StateGrid } from '../../../stories/support/overview';
import { closeLikeAUser, createFakePopup, finishAttempt, waitForAttempt, withStubbedOpen } from '../../../stories/support/popup';
import { AuthorizeButton, type AuthorizeButtonProps } from './AuthorizeButton';

/**
 * What a host renders next to the button: the outcome from `onAuthorized` / `onError`, in the dictionary's words
 * (`messages.errors[error.code]`, never `error.message`). It also links the story's adapter to the simulated
 * BigCommerce popup, so clicking **Authorize** by hand in Storybook opens a working sign-in.
 */
function HostedAuthorizeButton(props: AuthorizeButtonProps & { adapter: MemoryAdapter }) {
  const messages = useMessages(props.messages);
  const [outcome, setOutcome] = useState<{ ok: AuthorizationResult } | { error: ConnectionError } | null>(null);
  const { adapter } = props;
  useEffect(() => connectSimulator(adapter), [adapter]);
  return (
    <div style={{ display: 'grid', gap: '0.75rem', justifyItems: 'start' }}>
      <AuthorizeButton
        {...props}
        onAuthorized={(result) => {
          setOutcome({ ok: result });
          props.onAuthorized?.(result);
        }}
        onError={(error) => {
          setOutcome({ error });
          props.onError?.(error);
        }}
      />
      <p role="status" style={{ margin: 0 }}>
        {outcome && 'ok' in outcome
          ? formatMessage(
              outcome.ok.ownerEmail ? messages.authorize.authorizedWithEmail : messages.authorize.authorized,
              { hash: outcome.ok.storeHash, email: outcome.ok.ownerEmail ?? '' },
            )
          : null}
      </p>
      {outcome && 'error' in outcome ? (
        <p role="alert" style={{ margin: 0, color: 'var(--rcw-color-danger)' }}>
          {formatMessage(messages.errors[outcome.error.code], { hash: props.storeHash })}
        </p>
      ) : null}
    </div>
  );
}

type Args = AuthorizeButtonProps;

function renderHosted(args: Args, context: StoryContext<Args>) {
  return <HostedAuthorizeButton {...args} adapter={loadedAdapter(context)} />;
}

const meta = {
  title: 'Components/AuthorizeButton',
  component: AuthorizeButton,
  tags: ['autodocs'],
  loaders: [adapterLoader()],
  render: renderHosted,
  args: {
    storeHash: 'abc123',
    // Replaced by each render's own memory adapter (see `adapterLoader`); here for the prop table only.
    adapter: { beginAuthorization: fn(), getAuthorization: fn() },
    onAuthorized: fn(),
    onError: fn(),
    onEvent: fn(),
    closeGraceMs: 0,
  },
  argTypes: {
    storeHash: { control: 'text' },
    adapter: { control: false },
    asChild: { control: false },
    controller: { control: false },
  },
  parameters: {
    docs: {
      description: {
        component: [
          '**Authorize** opens the BigCommerce sign-in popup inside the click (before any `await`, so popup blockers let',
          'it through) and resolves when the host’s server confirms this very store. A second click while waiting brings',
          'the popup back instead of opening another; unmounting aborts the attempt and closes the popup.',
          '',
          '```tsx',
          "import { AuthorizeButton, defaultMessages } from 'react-connection-wizard';",
          '',
          '<AuthorizeButton',
          '  storeHash="abc123"',
          '  adapter={adapter}',
          '  onAuthorized={({ grantId, ownerEmail }) => save(grantId, ownerEmail)}',
          '  onError={(error) => setMessage(defaultMessages.errors[error.code])}',
          '/>',
          '```',
          '',
          'The stories render the button with a host-made status line (`role="status"` / `role="alert"`) fed by',
          '`onAuthorized` and `onError`. Styling hooks: `[data-slot="authorize-button"]`,',
          '`[data-state="idle|waiting|authorized|error"]`, `[data-disabled]`.',
        ].join('\n'),
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<typeof meta>;

function button(canvasElement: HTMLElement, name: string | RegExp = 'Authorize') {
  return within(canvasElement).getByRole('button', { name });
}

/** Idle with a valid store hash: ready to open the popup. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const authorize = button(canvasElement);
    await expect(authorize).toBeEnabled();
    await expect(authorize).toHaveAttribute('data-state', 'idle');
  },
};

/** An invalid store hash: the button is disabled and a click opens nothing. */
export const Invalid: Story = {
  args: { storeHash: 'ab.cd' },
  play: async ({ canvasElement, args }) => {
    const authorize = button(canvasElement);
    await expect(authorize).toBeDisabled();
    await expect(authorize).toHaveAttribute('data-disabled');
    const calls = await withStubbedOpen(window, createFakePopup(), () => userEvent.click(authorize, { pointerEventsCheck: 0 }));
    await expect(calls).toHaveLength(0);
    await expect(args.onEvent).not.toHaveBeenCalled();
  },
};

/**
 * Waiting for the Store Owner: the popup is open (a fake one here) and the server has not answered yet. A second
 * click brings that popup to the front instead of opening another.
 */
export const Authorizing: Story = {
  play: async (context) => {
    const { canvasElement, args } = context;
    const adapter = loadedAdapter(context);
    const popup = createFakePopup();
    const calls = await withStubbedOpen(window, popup, () => userEvent.click(button(canvasElement)));
    await expect(calls).toHaveLength(1);
    await expect(calls[0]?.[2]).toMatch(/^popup,width=900,height=650/);
    await waitForAttempt(adapter, popup);
    await expect(button(canvasElement)).toHaveAttribute('data-state', 'waiting');
    await expect(args.onEvent).toHaveBeenCalledWith({ type: 'authorization_started', method: 'popup', storeHash: 'abc123' });
    const again = await withStubbedOpen(window, createFakePopup(), () => userEvent.click(button(canvasElement)));
    await expect(again).toHaveLength(0);
    await expect(popup.focus).toHaveBeenCalledTimes(1);
    await expect(adapter.attempts).toHaveLength(1);
  },
};

/** The Store Owner confirmed and the server agrees: the host shows who authorized which store. */
export const Authorized: Story = {
  play: async (context) => {
    const { canvasElement, args } = context;
    const adapter = loadedAdapter(context);
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.click(button(canvasElement)));
    const attemptId = await waitForAttempt(adapter, popup);
    await expect(
      finishAttempt(window, adapter, attemptId, { status: 'authorized', grantId: 'grant_1', storeHash: 'abc123', ownerEmail: 'owner@example.com' }),
    ).toBe('broadcast');
    await expect(await within(canvasElement).findByText('Authorized — store abc123 (owner@example.com)')).toBeVisible();
    await expect(button(canvasElement, 'Authorize again')).toHaveAttribute('data-state', 'authorized');
    await expect(args.onAuthorized).toHaveBeenCalledWith(
      expect.objectContaining({ grantId: 'grant_1', storeHash: 'abc123', ownerEmail: 'owner@example.com', attemptId }),
    );
    await expect(popup.closed).toBe(true);
  },
};

/** `window.open` returned null, as a popup blocker does: the error says how to fix it; no attempt reached the server. */
export const PopupBlocked: Story = {
  play: async (context) => {
    const { canvasElement, args } = context;
    const adapter = loadedAdapter(context);
    await withStubbedOpen(window, null, () => userEvent.click(button(canvasElement)));
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('The browser blocked the BigCommerce window.');
    await expect(button(canvasElement, 'Try again')).toHaveAttribute('data-state', 'error');
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'popup_blocked' }));
    await expect(adapter.attempts).toHaveLength(0);
  },
};

/**
 * The user looked at the sign-in page, then closed the popup without confirming; after the grace period the server
 * still says pending.
 */
export const PopupClosed: Story = {
  play: async (context) => {
    const { canvasElement, args } = context;
    const adapter = loadedAdapter(context);
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.click(button(canvasElement)));
    await waitForAttempt(adapter, popup);
    await closeLikeAUser(popup, popup.navigatedAt ?? Date.now());
    await expect(await within(canvasElement).findByRole('alert', {}, { timeout: 4_000 })).toHaveTextContent(
      'The BigCommerce window was closed before authorization finished.',
    );
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'popup_closed' }));
  },
};

/** Cancel on the BigCommerce consent screen: the server records `denied`. */
export const Denied: Story = {
  play: async (context) => {
    const { canvasElement, args } = context;
    const adapter = loadedAdapter(context);
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.click(button(canvasElement)));
    finishAttempt(window, adapter, await waitForAttempt(adapter, popup), { status: 'denied' });
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Access was not granted');
    await expect(args.onEvent).toHaveBeenLastCalledWith({
      type: 'authorization_failed',
      method: 'popup',
      storeHash: 'abc123',
      code: 'access_denied',
    });
  },
};

/** The owner signed in to another store than the hash typed: its grant is refused. */
export const StoreMismatch: Story = {
  play: async (context) => {
    const { canvasElement, args } = context;
    const adapter = loadedAdapter(context);
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.click(button(canvasElement)));
    finishAttempt(window, adapter, await waitForAttempt(adapter, popup), {
      status: 'authorized',
      grantId: 'grant_other',
      storeHash: 'zzz999',
      ownerEmail: 'someone@example.com',
    });
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      'You signed in to a different store than the hash entered. Sign in to store abc123 as its owner.',
    );
    await expect(args.onAuthorized).not.toHaveBeenCalled();
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'store_mismatch' }));
  },
};

/** `beginAuthorization` rejected (the host’s server is down): the popup closes and the error says so. */
export const AdapterError: Story = {
  loaders: [adapterLoader({ fail: { beginAuthorization: { message: 'ECONNREFUSED' } } })],
  play: async ({ canvasElement, args }) => {
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.click(button(canvasElement)));
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('The server could not be reached. Try again.');
    await expect(within(canvasElement).queryByText(/ECONNREFUSED/)).not.toBeInTheDocument();
    await expect(popup.closed).toBe(true);
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'adapter_error' }));
  },
};

/** A slow server: the popup shows its neutral “Connecting…” page while `beginAuthorization` takes its time. */
export const Loading: Story = {
  loaders: [adapterLoader({ latencyMs: 60_000 })],
  play: async (context) => {
    const { canvasElement } = context;
    const adapter = loadedAdapter(context);
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.click(button(canvasElement)));
    await expect(button(canvasElement)).toHaveAttribute('data-state', 'waiting');
    await expect(popup.document.title).toBe('Connecting to BigCommerce…');
    await expect(popup.navigations).toHaveLength(0);
    await expect(adapter.attempts).toHaveLength(0);
  },
};

/** Slow to confirm: the timeout ends the attempt and closes the popup. */
export const TimedOut: Story = {
  args: { timeoutMs: 300 },
  play: async (context) => {
    const { canvasElement } = context;
    const adapter = loadedAdapter(context);
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.click(button(canvasElement)));
    await waitForAttempt(adapter, popup);
    await expect(await within(canvasElement).findByRole('alert', {}, { timeout: 3_000 })).toHaveTextContent(
      'Authorization took too long. Try again.',
    );
    await waitFor(() => expect(popup.closed).toBe(true));
  },
};

/** `asChild`: the host’s own element (a link-styled button here) gets the behaviour and the state attributes. */
export const AsChild: Story = {
  args: {
    asChild: true,
    children: (
      <button type="button" className="host-link-button" style={{ font: 'inherit', textDecoration: 'underline' }}>
        Connect with BigCommerce
      </button>
    ),
  },
  play: async (context) => {
    const { canvasElement } = context;
    const adapter = loadedAdapter(context);
    const own = button(canvasElement, 'Connect with BigCommerce');
    await expect(own).toHaveClass('host-link-button');
    await expect(own).toHaveAttribute('data-slot', 'authorize-button');
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.click(own));
    await waitForAttempt(adapter, popup);
    await expect(own).toHaveAttribute('data-state', 'waiting');
  },
};

/** The German dictionary through `messages`; the host’s status line uses it too. */
export const Localized: Story = {
  args: { messages: deMessages },
  parameters: { lang: 'de' },
  play: async ({ canvasElement }) => {
    await withStubbedOpen(window, null, () => userEvent.click(button(canvasElement, 'Autorisieren')));
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Der Browser hat das BigCommerce-Fenster blockiert.');
    await expect(button(canvasElement, 'Erneut versuchen')).toBeVisible();
  },
};

/** The host brand theme. */
export const Themed: Story = {
  globals: { theme: 'brand' },
  play: async ({ canvasElement }) => {
    const authorize = button(canvasElement);
    await expect(cssVariable(authorize, '--rcw-color-primary')).toBe('#0b6b63');
    authorize.focus();
    await expect(authorize).toHaveFocus();
  },
};

/** The dark theme, in the error state. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const authorize = button(canvasElement);
    await expect(cssVariable(authorize, '--rcw-color-background')).toBe('#15181d');
    await withStubbedOpen(window, null, () => userEvent.click(authorize));
    await expect(await within(canvasElement).findByRole('alert')).toBeVisible();
  },
};

/** 360px wide, with the longest message (popup blocked) showing. */
export const Narrow: Story = {
  globals: { viewport: { value: NARROW_VIEWPORT } },
  play: async ({ canvasElement }) => {
    await withStubbedOpen(window, null, () => userEvent.click(button(canvasElement)));
    await expect(await within(canvasElement).findByRole('alert')).toBeVisible();
  },
};

/**
 * The button's states side by side: idle, disabled (invalid hash), waiting, authorized and error. The play function
 * drives each cell with its own adapter outcome.
 */
export const Overview: Story = {
  loaders: [
    async () => ({
      adapter: (await adapterLoader()()).adapter,
      waiting: (await adapterLoader()()).adapter,
      authorized: (await adapterLoader()()).adapter,
      failed: (await adapterLoader()()).adapter,
    }),
  ],
  render: (args, context) => {
    const loaded = context.loaded as Record<'waiting' | 'authorized' | 'failed', MemoryAdapter>;
    const common = { onAuthorized: args.onAuthorized, onError: args.onError, closeGraceMs: 0 };
    return (
      <StateGrid>
        <StateCell name="Idle">
          <HostedAuthorizeButton storeHash="abc123" adapter={loadedAdapter(context)} {...common} />
        </StateCell>
        <StateCell name="Disabled (invalid hash)">
          <HostedAuthorizeButton storeHash="ab" adapter={loadedAdapter(context)} {...common} />
        </StateCell>
        <StateCell name="Waiting">
          <HostedAuthorizeButton storeHash="abc123" adapter={loaded.waiting} {...common} popup={{ name: 'rcw-overview-waiting' }} />
        </StateCell>
        <StateCell name="Authorized">
          <HostedAuthorizeButton storeHash="abc123" adapter={loaded.authorized} {...common} popup={{ name: 'rcw-overview-ok' }} />
        </StateCell>
        <StateCell name="Error">
          <HostedAuthorizeButton storeHash="abc123" adapter={loaded.failed} {...common} popup={{ name: 'rcw-overview-error' }} />
        </StateCell>
      </StateGrid>
    );
  },
  play: async ({ canvasElement, loaded }) => {
    const adapters = loaded as Record<'waiting' | 'authorized' | 'failed', MemoryAdapter>;
    const cell = (name: string) => within(within(canvasElement).getByRole('region', { name }));
    const waitingPopup = createFakePopup();
    await withStubbedOpen(window, waitingPopup, () => userEvent.click(cell('Waiting').getByRole('button')));
    await waitForAttempt(adapters.waiting, waitingPopup);
    const okPopup = createFakePopup();
    await withStubbedOpen(window, okPopup, () => userEvent.click(cell('Authorized').getByRole('button')));
    finishAttempt(window, adapters.authorized, await waitForAttempt(adapters.authorized, okPopup), {
      status: 'authorized',
      grantId: 'grant_1',
      storeHash: 'abc123',
      ownerEmail: 'owner@example.com',
    });
    const failedPopup = createFakePopup();
    await withStubbedOpen(window, failedPopup, () => userEvent.click(cell('Error').getByRole('button')));
    finishAttempt(window, adapters.failed, await waitForAttempt(adapters.failed, failedPopup), { status: 'denied' });

    await expect(await cell('Authorized').findByText('Authorized — store abc123 (owner@example.com)')).toBeVisible();
    await expect(await cell('Error').findByRole('alert')).toHaveTextContent('Access was not granted');
    await expect(cell('Idle').getByRole('button')).toHaveAttribute('data-state', 'idle');
    await expect(cell('Disabled (invalid hash)').getByRole('button')).toBeDisabled();
    await expect(cell('Waiting').getByRole('button')).toHaveAttribute('data-state', 'waiting');
  },
};
