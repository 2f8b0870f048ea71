import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { NARROW_VIEWPORT } from '../../../.storybook/decorators';
import type { BigCommerceSetupValue } from '../../core/draft';
import type { MemoryAdapter } from '../../testing/memory-adapter';
import { deMessages } from '../../../stories/messages.de';
import { connectSimulator } from '../../../stories/simulator/channel';
import { adapterLoader, loadedAdapter, STORE_LABELS } from '../../../stories/support/adapter';
import { cssVariable, StateCell, StateGrid } from '../../../stories/support/overview';
import { closeLikeAUser, createFakePopup, finishAttempt, waitForAttempt, withStubbedOpen } from '../../../stories/support/popup';
import { BigCommerceStoreSetup, type BigCommerceStoreSetupProps } from './BigCommerceStoreSetup';

type Args = BigCommerceStoreSetupProps;

const AUTHORIZED: BigCommerceSetupValue = {
  storeHash: 'abc123',
  authorization: { grantId: 'grant_1', storeHash: 'abc123', ownerEmail: 'owner@example.com' },
  orderImportStatusId: 11,
};

/** The setup with its own memory adapter, linked to the simulated BigCommerce popup for clicking by hand. */
function Setup(props: Args & { adapter: MemoryAdapter }) {
  const { adapter } = props;
  useEffect(() => connectSimulator(adapter), [adapter]);
  return <BigCommerceStoreSetup {...props} />;
}

function renderSetup(args: Args, context: StoryContext<Args>) {
  return <Setup {...args} adapter={loadedAdapter(context)} />;
}

const meta = {
  title: 'Components/BigCommerceStoreSetup',
  component: BigCommerceStoreSetup,
  tags: ['autodocs'],
  loaders: [adapterLoader({ orderStatusLabels: STORE_LABELS })],
  render: renderSetup,
  args: {
    // Replaced by each render's own memory adapter (see `adapterLoader`); here for the prop table only.
    adapter: { beginAuthorization: fn(), getAuthorization: fn(), listOrderStatuses: fn() },
    onValueChange: fn(),
    onEvent: fn(),
    closeGraceMs: 0,
  },
  argTypes: {
    showErrors: { control: 'boolean' },
    disabled: { control: 'boolean' },
    adapter: { control: false },
    queryClient: { control: false },
  },
  parameters: {
    docs: {
      description: {
        component: [
          'The BigCommerce part of the store step, usable on its own: **Store Hash** → **Authorize** (popup: the Store',
          'Owner signs in and clicks Confirm — or **Copy authorization link** for an owner elsewhere) → **Order Import',
          'Status** under Import Settings, which loads the store’s own labels once authorized. Changing the hash clears the',
          'authorization; no failure clears what was entered. No Client ID, secret or token is ever asked for.',
          '',
          '```tsx',
          "import { BigCommerceStoreSetup } from 'react-connection-wizard';",
          '',
          '<BigCommerceStoreSetup',
          '  adapter={adapter}',
          '  defaultValue={{ storeHash: "" }}',
          '  onValueChange={({ storeHash, authorization, orderImportStatusId }) => save({ storeHash, grantId: authorization?.grantId, orderImportStatusId })}',
          '/>',
          '```',
          '',
          'Styling hooks: `[data-slot="bigcommerce-store-setup"]` and its `authorization` section carry',
          '`[data-state="idle|waiting|authorized|error"]`; the error has `[data-code]`.',
        ].join('\n'),
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<typeof meta>;

const hashField = (canvasElement: HTMLElement) => within(canvasElement).getByRole('textbox', { name: 'Store Hash' });
const authorizeButton = (canvasElement: HTMLElement, name: string | RegExp = 'Authorize') =>
  within(canvasElement).getByRole('button', { name });

/** Types a hash and clicks Authorize with a fake popup; returns the popup and the attempt id. */
async function startAuthorizing(canvasElement: HTMLElement, adapter: MemoryAdapter, hash = 'abc123') {
  await userEvent.type(hashField(canvasElement), hash);
  const popup = createFakePopup();
  await withStubbedOpen(window, popup, () => userEvent.click(authorizeButton(canvasElement)));
  const attemptId = await waitForAttempt(adapter, popup);
  return { popup, attemptId };
}

/** Stubs `navigator.clipboard` for one story (the real one needs a permission headless browsers do not grant). */
async function withClipboard(clipboard: Partial<Clipboard>, action: () => Promise<void>) {
  Object.defineProperty(window.navigator, 'clipboard', { configurable: true, value: clipboard });
  try {
    await action();
  } finally {
    // The stub was an own property shadowing Navigator.prototype's getter: removing it restores the real one.
    Reflect.deleteProperty(window.navigator, 'clipboard');
  }
}

/** Clicks **Copy authorization link** with a working clipboard; returns what was written to it. */
async function copyLink(canvasElement: HTMLElement): Promise<string[]> {
  const canvas = within(canvasElement);
  const copied: string[] = [];
  const write = fn(async (items: ClipboardItem[]) => {
    const blob = await items[0]?.getType('text/plain');
    if (blob) copied.push(await blob.text());
  });
  await withClipboard({ write, writeText: fn() }, async () => {
    await userEvent.click(canvas.getByRole('button', { name: 'Copy authorization link' }));
    await expect(await canvas.findByText('Link copied. Waiting for the Store Owner to confirm…')).toBeVisible();
  });
  return copied;
}

/** Nothing entered yet: Authorize and Copy authorization link wait for a valid hash; built-in statuses offered. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(authorizeButton(canvasElement)).toBeDisabled();
    await expect(authorizeButton(canvasElement)).toHaveAccessibleDescription('Enter a valid store hash to authorize.');
    await expect(canvas.getByRole('button', { name: 'Copy authorization link' })).toBeDisabled();
    await expect(canvas.getByRole('combobox', { name: 'Order Import Status' })).toHaveDisplayValue('Awaiting Fulfillment');
    await expect(canvas.getByRole('heading', { name: 'Authorization' })).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Import Settings' })).toBeVisible();
  },
};

/** The step was validated with a bad hash: the hash error shows, Authorize stays disabled. */
export const Invalid: Story = {
  args: { defaultValue: { storeHash: 'ab.cd' }, showErrors: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('A store hash has only letters and digits.');
    await expect(hashField(canvasElement)).toBeInvalid();
    await expect(authorizeButton(canvasElement)).toBeDisabled();
  },
};

/** Validated with a good hash but no authorization yet: the section says what is missing. */
export const AuthorizationRequired: Story = {
  args: { defaultValue: { storeHash: 'abc123' }, showErrors: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('Authorize the store before adding the connection.');
    await expect(authorizeButton(canvasElement)).toHaveAccessibleDescription('Authorize the store before adding the connection.');
  },
};

/** The whole section by keyboard: paste the API path, Tab to Authorize, Enter; the server confirms. */
export const KeyboardOnly: Story = {
  play: async (context) => {
    const { canvasElement, args } = context;
    const adapter = loadedAdapter(context);
    const canvas = within(canvasElement);
    await userEvent.click(hashField(canvasElement));
    await userEvent.paste('https://api.bigcommerce.com/stores/abc123/v3/');
    await expect(canvas.getByText('Found store hash abc123 in the API path.')).toBeVisible();
    await userEvent.tab();
    await expect(authorizeButton(canvasElement)).toHaveFocus();
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.keyboard('{Enter}'));
    const attemptId = await waitForAttempt(adapter, popup);
    await expect(await canvas.findByText(/Waiting for BigCommerce…/)).toBeVisible();
    finishAttempt(window, adapter, attemptId, { status: 'authorized', grantId: 'grant_1', storeHash: 'abc123', ownerEmail: 'owner@example.com' });
    await expect(await canvas.findByText('Authorized — store abc123 (owner@example.com)')).toBeVisible();
    await expect(args.onValueChange).toHaveBeenLastCalledWith(AUTHORIZED);
  },
};

/** Waiting for the Store Owner: the popup can be brought back, or the attempt cancelled. */
export const Authorizing: Story = {
  play: async (context) => {
    const { canvasElement, args } = context;
    const canvas = within(canvasElement);
    const { popup } = await startAuthorizing(canvasElement, loadedAdapter(context));
    await expect(await canvas.findByText(/Waiting for BigCommerce…/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Show the BigCommerce window' }));
    await expect(popup.focus).toHaveBeenCalled();
    await expect(canvas.getByRole('button', { name: 'Cancel authorization' })).toBeVisible();
    await expect(canvasElement.querySelector('[data-slot="bigcommerce-store-setup"]')).toHaveAttribute('data-state', 'waiting');
    await expect(args.onEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'authorization_started' }));
  },
};

/** Cancel while waiting: the popup closes, focus stays on Authorize, the hash is kept. */
export const Cancelled: Story = {
  play: async (context) => {
    const { canvasElement } = context;
    const canvas = within(canvasElement);
    const { popup } = await startAuthorizing(canvasElement, loadedAdapter(context));
    await userEvent.click(await canvas.findByRole('button', { name: 'Cancel authorization' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Authorization was cancelled.');
    await expect(popup.closed).toBe(true);
    await expect(authorizeButton(canvasElement, 'Try again')).toHaveFocus();
    await expect(hashField(canvasElement)).toHaveValue('abc123');
  },
};

/**
 * Authorized (here a resumed value): "Authorized — store abc123 (owner@example.com)", and Order Import Status lists
 * the store's own labels. The Full flow stories reach this state through the real popup.
 */
export const Authorized: Story = {
  args: { defaultValue: AUTHORIZED },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Authorized — store abc123 (owner@example.com)')).toBeVisible();
    await expect(await canvas.findByDisplayValue('Ready to ship (Awaiting Fulfillment)')).toBeVisible();
    await expect(authorizeButton(canvasElement, 'Authorize again')).toHaveAttribute('data-state', 'authorized');
    await expect(canvasElement.querySelector('[data-slot="authorization-note"]')).not.toBeInTheDocument();
  },
};

/**
 * The host page's `Cross-Origin-Opener-Policy` severed the popup as soon as it navigated (its handle reads
 * `closed`): the setup keeps waiting, the server confirms, and a note says why it took a little longer.
 */
export const ConfirmedThroughServer: Story = {
  play: async (context) => {
    const { canvasElement, args } = context;
    const canvas = within(canvasElement);
    const adapter = loadedAdapter(context);
    const { popup, attemptId } = await startAuthorizing(canvasElement, adapter);
    popup.closed = true;
    // Within the severance window a `closed` handle means "severed", not "closed": still waiting after a poll.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await expect(canvas.getByText(/Waiting for BigCommerce…/)).toBeVisible();
    await expect(canvas.queryByRole('alert')).not.toBeInTheDocument();
    finishAttempt(window, adapter, attemptId, { status: 'authorized', grantId: 'grant_1', storeHash: 'abc123', ownerEmail: 'owner@example.com' });
    await expect(await canvas.findByText('Authorized — store abc123 (owner@example.com)')).toBeVisible();
    await expect(canvas.getByText(/Confirmed through the server/)).toBeVisible();
    await expect(await canvas.findByDisplayValue('Ready to ship (Awaiting Fulfillment)')).toBeVisible();
    await expect(args.onValueChange).toHaveBeenLastCalledWith(AUTHORIZED);
  },
};

/** Changing the hash after authorizing clears the authorization (and the store's labels). */
export const HashChangedAfterAuthorizing: Story = {
  args: { defaultValue: AUTHORIZED },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Authorized — store abc123 (owner@example.com)')).toBeVisible();
    await userEvent.clear(hashField(canvasElement));
    await userEvent.type(hashField(canvasElement), 'def456');
    await expect(canvas.queryByText(/Authorized — store/)).not.toBeInTheDocument();
    await expect(authorizeButton(canvasElement)).toHaveAttribute('data-state', 'idle');
    await expect(args.onValueChange).toHaveBeenLastCalledWith({ storeHash: 'def456', orderImportStatusId: 11 });
  },
};

/** A popup blocker returned null for `window.open`. */
export const PopupBlocked: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.type(hashField(canvasElement), 'abc123');
    await withStubbedOpen(window, null, () => userEvent.click(authorizeButton(canvasElement)));
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent('The browser blocked the BigCommerce window.');
    await expect(alert).toHaveAttribute('data-code', 'popup_blocked');
    await expect(hashField(canvasElement)).toHaveValue('abc123');
  },
};

/** The popup was closed before Confirm (after the user looked at it for a few seconds). */
export const PopupClosed: Story = {
  play: async (context) => {
    const { canvasElement } = context;
    const { popup } = await startAuthorizing(canvasElement, loadedAdapter(context));
    await closeLikeAUser(popup, popup.navigatedAt ?? Date.now());
    await expect(await within(canvasElement).findByRole('alert', {}, { timeout: 4_000 })).toHaveAttribute('data-code', 'popup_closed');
  },
};

/** Cancel on the consent screen. */
export const Denied: Story = {
  play: async (context) => {
    const { canvasElement } = context;
    const adapter = loadedAdapter(context);
    const { attemptId } = await startAuthorizing(canvasElement, adapter);
    finishAttempt(window, adapter, attemptId, { status: 'denied' });
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      'Access was not granted: Cancel was clicked on the BigCommerce consent screen.',
    );
    await expect(authorizeButton(canvasElement, 'Try again')).toBeEnabled();
  },
};

/** Signed in to another store than the one typed. */
export const StoreMismatch: Story = {
  play: async (context) => {
    const { canvasElement } = context;
    const adapter = loadedAdapter(context);
    const { attemptId } = await startAuthorizing(canvasElement, adapter);
    finishAttempt(window, adapter, attemptId, { status: 'failed', code: 'store_mismatch' });
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Sign in to store abc123 as its owner.');
  },
};

/** The host's server could not start the attempt: the dictionary's text, never the adapter's message. */
export const AdapterError: Story = {
  loaders: [adapterLoader({ fail: { beginAuthorization: { message: '<b>socket hang up</b>' } } })],
  play: async ({ canvasElement }) => {
    await userEvent.type(hashField(canvasElement), 'abc123');
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.click(authorizeButton(canvasElement)));
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'adapter_error');
    await expect(alert).toHaveTextContent('The server could not be reached. Try again.');
    await expect(within(canvasElement).queryByText(/socket hang up/)).not.toBeInTheDocument();
    await expect(popup.closed).toBe(true);
  },
};

/** Authorized, and the store's labels are still loading. */
export const Loading: Story = {
  loaders: [adapterLoader({ latencyMs: 60_000, orderStatusLabels: STORE_LABELS })],
  args: { defaultValue: AUTHORIZED },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Loading the store’s order statuses…')).toBeVisible();
    await expect(canvas.getByRole('combobox', { name: 'Order Import Status' })).toHaveAttribute('aria-busy', 'true');
  },
};

/** Authorized, but the store's labels could not be loaded: the built-ins are offered. */
export const StatusesFailed: Story = {
  loaders: [adapterLoader({ fail: { listOrderStatuses: true } })],
  args: { defaultValue: AUTHORIZED },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/could not be loaded/, {}, { timeout: 5_000 })).toBeVisible();
  },
};

/**
 * **Copy authorization link**: the URL goes to the clipboard (through a `ClipboardItem` whose text arrives with the
 * server's answer) and the page waits for the Store Owner.
 */
export const LinkCopied: Story = {
  args: { defaultValue: { storeHash: 'abc123' } },
  play: async (context) => {
    const { canvasElement } = context;
    const canvas = within(canvasElement);
    const adapter = loadedAdapter(context);
    const copied = await copyLink(canvasElement);
    const [attempt] = adapter.attempts;
    await expect(copied).toEqual([expect.stringContaining(`attempt=${attempt?.attemptId}`)]);
    await expect(canvas.getByText('Link copied. Waiting for the Store Owner to confirm…')).toBeVisible();
    await expect(canvasElement.querySelector('[data-slot="bigcommerce-store-setup"]')).toHaveAttribute('data-state', 'waiting');
  },
};

/** The Store Owner opened the copied link elsewhere and confirmed: this page learns it from the server. */
export const LinkConfirmed: Story = {
  args: { defaultValue: { storeHash: 'abc123' } },
  play: async (context) => {
    const { canvasElement } = context;
    const adapter = loadedAdapter(context);
    await copyLink(canvasElement);
    const [attempt] = adapter.attempts;
    if (!attempt) throw new Error('no attempt');
    finishAttempt(window, adapter, attempt.attemptId, { status: 'authorized', grantId: 'grant_2', storeHash: 'abc123' });
    await expect(await within(canvasElement).findByText('Authorized — store abc123', {}, { timeout: 5_000 })).toBeVisible();
  },
};

/** The clipboard refused: the link is shown in a read-only field to copy by hand. */
export const LinkCopyFailed: Story = {
  args: { defaultValue: { storeHash: 'abc123' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const refuse = fn(async () => {
      throw new DOMException('Write permission denied.', 'NotAllowedError');
    });
    await withClipboard({ write: refuse, writeText: refuse }, async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Copy authorization link' }));
      const field = await canvas.findByRole('textbox', { name: 'Authorization link' });
      await expect(field).toHaveAccessibleDescription('The link could not be copied. Select it and copy it by hand:');
      await expect((field as HTMLInputElement).value).toMatch(/[?&]attempt=[^&]+&store_hash=abc123$/);
      await expect(field).toHaveAttribute('readonly');
    });
  },
};

function ControlledSetup(props: Args & { adapter: MemoryAdapter }) {
  const [value, setValue] = useState<BigCommerceSetupValue>(AUTHORIZED);
  return (
    <div>
      <Setup {...props} value={value} onValueChange={setValue} />
      <p style={{ overflowWrap: 'anywhere' }}>
        Host state: <output aria-label="Host state">{JSON.stringify(value)}</output>
      </p>
      <button type="button" onClick={() => setValue({ storeHash: value.storeHash, orderImportStatusId: value.orderImportStatusId })}>
        Revoke the authorization from the host
      </button>
    </div>
  );
}

/** Controlled: the host owns the value (a resumed draft here) and may clear the authorization. */
export const Controlled: Story = {
  render: (args, context) => <ControlledSetup {...args} adapter={loadedAdapter(context)} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Authorized — store abc123 (owner@example.com)')).toBeVisible();
    // The store's labels arrive after the first render: wait for the one to pick.
    await canvas.findByRole('option', { name: 'Packed — awaiting carrier (Awaiting Shipment)' });
    await userEvent.selectOptions(
      canvas.getByRole('combobox', { name: 'Order Import Status' }),
      'Packed — awaiting carrier (Awaiting Shipment)',
    );
    await expect(canvas.getByRole('status', { name: 'Host state' })).toHaveTextContent('"orderImportStatusId":9');
    await userEvent.click(canvas.getByRole('button', { name: 'Revoke the authorization from the host' }));
    await expect(authorizeButton(canvasElement)).toHaveAttribute('data-state', 'idle');
    await expect(canvas.queryByText(/Authorized — store/)).not.toBeInTheDocument();
  },
};

/** German through `messages`. */
export const Localized: Story = {
  args: { messages: deMessages, defaultValue: AUTHORIZED },
  parameters: { lang: 'de' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Autorisiert — Shop abc123 (owner@example.com)')).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Importeinstellungen' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Erneut autorisieren' })).toBeEnabled();
  },
};

/** The host brand theme, authorized. */
export const Themed: Story = {
  args: { defaultValue: AUTHORIZED },
  globals: { theme: 'brand' },
  play: async ({ canvasElement }) => {
    // Compared as a number: the production build's CSS minifier writes 0.875rem as .875rem.
    await expect(Number.parseFloat(cssVariable(authorizeButton(canvasElement, 'Authorize again'), '--rcw-radius'))).toBe(0.875);
    await expect(await within(canvasElement).findByDisplayValue('Ready to ship (Awaiting Fulfillment)')).toBeVisible();
  },
};

/** The dark theme, with an error showing. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async (context) => {
    const { canvasElement } = context;
    const adapter = loadedAdapter(context);
    const { attemptId } = await startAuthorizing(canvasElement, adapter);
    finishAttempt(window, adapter, attemptId, { status: 'denied' });
    await expect(await within(canvasElement).findByRole('alert')).toBeVisible();
    await expect(cssVariable(hashField(canvasElement), '--rcw-color-background')).toBe('#15181d');
  },
};

/** 360px wide while waiting (three buttons in a row) — they wrap instead of overflowing. */
export const Narrow: Story = {
  globals: { viewport: { value: NARROW_VIEWPORT } },
  play: async (context) => {
    const { canvasElement } = context;
    await startAuthorizing(canvasElement, loadedAdapter(context));
    await expect(await within(canvasElement).findByRole('button', { name: 'Show the BigCommerce window' })).toBeVisible();
  },
};

/** 360px wide, authorized by an owner with a long e-mail address. */
export const NarrowLongOwnerEmail: Story = {
  globals: { viewport: { value: NARROW_VIEWPORT } },
  args: {
    defaultValue: {
      ...AUTHORIZED,
      authorization: { grantId: 'grant_1', storeHash: 'abc123', ownerEmail: 'store-owner-with-a-long-address@example-company.com' },
    },
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/store-owner-with-a-long-address/)).toBeVisible();
  },
};

/** The section's states side by side: empty, validated, waiting, error, authorized, loading labels. */
export const Overview: Story = {
  loaders: [
    async () => ({
      adapter: (await adapterLoader({ orderStatusLabels: STORE_LABELS })()).adapter,
      waiting: (await adapterLoader()()).adapter,
      failed: (await adapterLoader()()).adapter,
      slow: (await adapterLoader({ latencyMs: 60_000 })()).adapter,
    }),
  ],
  parameters: {
    a11y: {
      // Six instances on one page repeat the "Authorization" and "Import Settings" regions, which no host page
      // does; every single-instance story above runs the full rule set, landmark-unique included.
      config: { rules: [{ id: 'landmark-unique', enabled: false }] },
    },
  },
  render: (_args, context) => {
    const loaded = context.loaded as Record<'waiting' | 'failed' | 'slow', MemoryAdapter>;
    const adapter = loadedAdapter(context);
    return (
      <StateGrid wide>
        <StateCell name="Empty">
          <Setup adapter={adapter} />
        </StateCell>
        <StateCell name="Validated, not authorized">
          <Setup adapter={adapter} defaultValue={{ storeHash: 'abc123' }} showErrors />
        </StateCell>
        <StateCell name="Waiting for the Store Owner">
          <Setup adapter={loaded.waiting} defaultValue={{ storeHash: 'abc123' }} popup={{ name: 'rcw-overview-waiting' }} />
        </StateCell>
        <StateCell name="Error">
          <Setup adapter={loaded.failed} defaultValue={{ storeHash: 'abc123' }} popup={{ name: 'rcw-overview-error' }} closeGraceMs={0} />
        </StateCell>
        <StateCell name="Authorized">
          <Setup adapter={adapter} defaultValue={AUTHORIZED} />
        </StateCell>
        <StateCell name="Authorized, labels loading">
          <Setup adapter={loaded.slow} defaultValue={AUTHORIZED} />
        </StateCell>
      </StateGrid>
    );
  },
  play: async ({ canvasElement, loaded }) => {
    const adapters = loaded as Record<'waiting' | 'failed', MemoryAdapter>;
    const cell = (name: string) => within(within(canvasElement).getByRole('region', { name }));
    const waitingPopup = createFakePopup();
    await withStubbedOpen(window, waitingPopup, () =>
      userEvent.click(cell('Waiting for the Store Owner').getByRole('button', { name: 'Authorize' })),
    );
    await waitForAttempt(adapters.waiting, waitingPopup);
    const failedPopup = createFakePopup();
    await withStubbedOpen(window, failedPopup, () => userEvent.click(cell('Error').getByRole('button', { name: 'Authorize' })));
    finishAttempt(window, adapters.failed, await waitForAttempt(adapters.failed, failedPopup), { status: 'denied' });
    await expect(await cell('Error').findByRole('alert')).toHaveAttribute('data-code', 'access_denied');
    await expect(cell('Validated, not authorized').getByRole('alert')).toHaveTextContent('Authorize the store');
    await expect(await cell('Authorized').findByDisplayValue('Ready to ship (Awaiting Fulfillment)')).toBeVisible();
    await expect(cell('Authorized, labels loading').getByText('Loading the store’s order statuses…')).toBeVisible();
    await waitFor(() => expect(cell('Waiting for the Store Owner').getByText(/Waiting for BigCommerce/)).toBeVisible());
  },
};
