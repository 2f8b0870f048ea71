import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { inlineWizardInDocs } from '../../../stories/support/docs';
import { NARROW_VIEWPORT } from '../../../.storybook/decorators';
import type { ConnectionAdapter } from '../../core/adapter';
import type { StepId } from '../../core/draft';
import type { MemoryAdapter, MemoryAdapterOptions } from '../../testing/memory-adapter';
import { deMessages } from '../../../stories/messages.de';
import { connectSimulator } from '../../../stories/simulator/channel';
import { adapterLoader, createStoryAdapter, loadedAdapter, STORE_LABELS } from '../../../stories/support/adapter';
import { cssVariable, StateCell, StateGrid } from '../../../stories/support/overview';
import { closeLikeAUser, createFakePopup, finishAttempt, waitForAttempt, withStubbedOpen } from '../../../stories/support/popup';
import {
  CONNECTION_NAME,
  delayMethod,
  expectStep,
  fillNewStore,
  flakyCreateConnection,
  NORTHWIND,
  page,
  READY,
  submitWhenReady,
  THROUGH_MERCHANT,
  THROUGH_WAREHOUSE,
  wizardDialog,
} from '../../../stories/support/wizard';
import { ConnectionWizard, type ConnectionWizardProps } from './ConnectionWizard';

type Args = ConnectionWizardProps;

/** The wizard with its own memory adapter, linked to the simulated BigCommerce popup for clicking by hand. */
function Wizard(props: Args & { adapter: MemoryAdapter }) {
  const { adapter } = props;
  useEffect(() => connectSimulator(adapter), [adapter]);
  return <ConnectionWizard {...props} />;
}

function renderWizard(args: Args, context: StoryContext<Args>) {
  return <Wizard {...args} adapter={loadedAdapter(context)} />;
}

/** A loader whose `fail` switches stay reachable, so a play function can turn a failure off (then **Try again**). */
function switchableLoader(fail: NonNullable<MemoryAdapterOptions['fail']>) {
  return async () => {
    const switches = { ...fail };
    return { adapter: createStoryAdapter({ fail: switches }), fail: switches };
  };
}

const placeholderAdapter: ConnectionAdapter = {
  listMerchants: fn(),
  listWarehousePlatforms: fn(),
  beginAuthorization: fn(),
  getAuthorization: fn(),
  listOrderStatuses: fn(),
  createConnection: fn(),
};

const meta = {
  title: 'Components/ConnectionWizard',
  component: ConnectionWizard,
  tags: ['autodocs'],
  decorators: [inlineWizardInDocs],
  loaders: [adapterLoader({ orderStatusLabels: STORE_LABELS })],
  render: renderWizard,
  args: {
    // Replaced by each render's own memory adapter (see `adapterLoader`); here for the prop table only.
    adapter: placeholderAdapter,
    defaultOpen: true,
    nextSteps: { configureSkusHref: '#configure-skus', reviewOrderStatusHref: '#review-order-status' },
    onComplete: fn(),
    onEvent: fn(),
    onOpenChange: fn(),
    onStepChange: fn(),
  },
  argTypes: {
    variant: { control: 'inline-radio', options: ['dialog', 'inline'] },
    defaultStep: { control: 'select', options: ['basics', 'merchant', 'warehouse', 'store'] },
    step: { control: 'select', options: [undefined, 'basics', 'merchant', 'warehouse', 'store'] },
    trigger: { control: false },
    defaultValues: { control: 'object' },
    queryClient: { control: false },
  },
  parameters: {
    docs: {
      description: {
        component: [
          'The **Add Connection** wizard: Basic Information → Merchant Information → Warehouse Setup → Store Setup, then',
          '`adapter.createConnection(input, { idempotencyKey })`. A Radix Dialog by default (`variant="inline"` for a card',
          'in the page); controlled or uncontrolled `open` and `step`; every string overridable through `messages`.',
          '',
          '```tsx',
          "import { ConnectionWizard } from 'react-connection-wizard';",
          "import 'react-connection-wizard/styles.css';",
          '',
          '<ConnectionWizard',
          '  adapter={adapter}',
          "  nextSteps={{ configureSkusHref: '/skus', reviewOrderStatusHref: '/settings/order-status' }}",
          '  onComplete={(connection) => router.push("/connections/" + connection.id)}',
          '  onEvent={(event) => analytics.track(event.type, event)}',
          '/>',
          '```',
          '',
          'The root (`[data-slot="connection-wizard"]`) exposes `data-variant`, `data-step` and',
          '`data-state="editing|submitting|failed|complete"`. The stories use `createMemoryAdapter` from',
          '`react-connection-wizard/testing`; see **Adapter contract** for what a real adapter implements.',
        ].join('\n'),
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<typeof meta>;

// ---------------------------------------------------------------------------------------------------------------
// Opening, steps and validation

/** Closed: the default **Add connection** trigger opens the dialog, titled and described, focus on the step heading. */
export const Default: Story = {
  args: { defaultOpen: false },
  play: async ({ canvasElement, args }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Add connection' }));
    const dialog = await wizardDialog(canvasElement);
    await expect(page(canvasElement).getByRole('dialog')).toHaveAccessibleDescription(
      'Connect a store to a warehouse for a merchant in four steps.',
    );
    await expectStep(dialog, 'Basic Information');
    await expect(dialog.getByText('Step 1 of 4')).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'Progress' })).toBeVisible();
    await expect(args.onOpenChange).toHaveBeenCalledWith(true);
    await expect(args.onEvent).toHaveBeenCalledWith({ type: 'step_viewed', step: 'basics' });
  },
};

/** Step 1, Basic Information: the connection's name, described by its hint; nothing to fix. */
export const Basics: Story = {
  play: async ({ canvasElement, args }) => {
    const dialog = await wizardDialog(canvasElement);
    await expectStep(dialog, 'Basic Information');
    const name = dialog.getByRole('textbox', { name: 'Connection Name' });
    await expect(name).toHaveAccessibleDescription(expect.stringContaining('A descriptive name'));
    await userEvent.type(name, CONNECTION_NAME);
    await userEvent.tab();
    await expect(name).not.toBeInvalid();
    await expect(dialog.queryByRole('alert')).not.toBeInTheDocument();
    await expect(dialog.queryByRole('button', { name: 'Back' })).not.toBeInTheDocument();
    await expect(args.onStepChange).not.toHaveBeenCalled();
  },
};

/** **Continue** validates the step and moves on; focus goes to the next step's heading. */
export const Continue: Story = {
  args: { defaultValues: { name: CONNECTION_NAME } },
  play: async ({ canvasElement, args }) => {
    const dialog = await wizardDialog(canvasElement);
    await userEvent.click(dialog.getByRole('button', { name: 'Continue' }));
    await expectStep(dialog, 'Merchant Information');
    await expect(dialog.getByText('Step 2 of 4')).toBeVisible();
    await expect(args.onStepChange).toHaveBeenCalledWith('merchant');
    await expect(args.onEvent).toHaveBeenCalledWith({ type: 'step_viewed', step: 'merchant' });
  },
};

/** **Continue** with nothing entered: the error is announced, linked to the field, and focus goes to it. */
export const Invalid: Story = {
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await userEvent.click(dialog.getByRole('button', { name: 'Continue' }));
    const name = dialog.getByRole('textbox', { name: 'Connection Name' });
    await expect(await dialog.findByRole('alert')).toHaveTextContent('Enter a connection name.');
    await expect(name).toBeInvalid();
    await expect(name).toHaveFocus();
    await expect(name).toHaveAccessibleDescription(expect.stringContaining('Enter a connection name.'));
    await expect(dialog.getByRole('heading', { name: 'Basic Information' })).toBeVisible();
  },
};

/** Step 2, Merchant Information: an existing merchant (listed with its warehouse where it has one). */
export const Merchant: Story = {
  args: { defaultStep: 'merchant', defaultValues: { name: CONNECTION_NAME } },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(dialog.getByRole('radio', { name: 'Use existing merchant' })).toBeChecked();
    const merchant = await dialog.findByRole('combobox', { name: 'Merchant' });
    await expect(within(merchant).getByRole('option', { name: 'Brand X (warehouse: ACME WMS — Reno)' })).toBeInTheDocument();
    await userEvent.selectOptions(merchant, 'Northwind Outfitters');
    await expect(merchant).toHaveDisplayValue('Northwind Outfitters');
    await expect(dialog.getByRole('button', { name: 'Back' })).toBeVisible();
  },
};

/** **Create new merchant**: the company name is required. */
export const NewMerchant: Story = {
  args: { defaultStep: 'merchant', defaultValues: { name: CONNECTION_NAME } },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await userEvent.click(dialog.getByRole('radio', { name: 'Create new merchant' }));
    await userEvent.click(dialog.getByRole('button', { name: 'Continue' }));
    await expect(await dialog.findByRole('alert')).toHaveTextContent('Enter the merchant’s company name.');
    const merchantName = dialog.getByRole('textbox', { name: 'Merchant Name' });
    await expect(merchantName).toHaveFocus();
    await userEvent.type(merchantName, 'Contoso Goods');
    await expect(dialog.queryByRole('alert')).not.toBeInTheDocument();
    await expect(dialog.queryByRole('combobox', { name: 'Merchant' })).not.toBeInTheDocument();
  },
};

/** The merchant list is loading. */
export const MerchantsLoading: Story = {
  loaders: [adapterLoader({ latencyMs: 60_000 })],
  args: { defaultStep: 'merchant', defaultValues: { name: CONNECTION_NAME } },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(await dialog.findByRole('status', { name: '' })).toBeDefined();
    await expect(dialog.getByText('Loading…')).toBeVisible();
    await expect(dialog.queryByRole('combobox', { name: 'Merchant' })).not.toBeInTheDocument();
  },
};

/** No merchants yet: the wizard suggests creating one. */
export const MerchantsEmpty: Story = {
  loaders: [adapterLoader({ merchants: [] })],
  args: { defaultStep: 'merchant', defaultValues: { name: CONNECTION_NAME } },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(await dialog.findByText('No merchants yet. Create a new one instead.')).toBeVisible();
  },
};

/** The merchant list failed to load: the message and **Try again**. */
export const MerchantsError: Story = {
  loaders: [adapterLoader({ fail: { listMerchants: true } })],
  args: { defaultStep: 'merchant', defaultValues: { name: CONNECTION_NAME } },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(await dialog.findByRole('alert', {}, { timeout: 5_000 })).toHaveTextContent('Merchants could not be loaded.');
    await expect(dialog.getByRole('button', { name: 'Try again' })).toBeEnabled();
  },
};

/** After the failure, **Try again** refetches; the list appears and focus lands on it. */
export const MerchantsRetried: Story = {
  loaders: [switchableLoader({ listMerchants: true })],
  args: { defaultStep: 'merchant', defaultValues: { name: CONNECTION_NAME } },
  play: async ({ canvasElement, loaded }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(await dialog.findByRole('alert', {}, { timeout: 5_000 })).toHaveTextContent('Merchants could not be loaded.');
    delete (loaded.fail as NonNullable<MemoryAdapterOptions['fail']>).listMerchants;
    await userEvent.click(dialog.getByRole('button', { name: 'Try again' }));
    const merchant = await dialog.findByRole('combobox', { name: 'Merchant' });
    await waitFor(() => expect(merchant).toHaveFocus());
  },
};

/** Step 3 for a merchant that already has a warehouse: nothing to enter. */
export const Warehouse: Story = {
  args: { defaultStep: 'warehouse', defaultValues: THROUGH_MERCHANT },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(await dialog.findByText('This merchant already ships from ACME WMS — Reno. Nothing to enter here.')).toBeVisible();
    await expect(dialog.queryByRole('combobox', { name: 'Warehouse Platform' })).not.toBeInTheDocument();
    await expect(dialog.queryByRole('button', { name: 'Test connection' })).not.toBeInTheDocument();
  },
};

/** Step 3 for a merchant without one: a platform and its credential fields (secrets are password inputs). */
export const WarehouseCredentials: Story = {
  args: { defaultStep: 'warehouse', defaultValues: NORTHWIND },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await userEvent.selectOptions(await dialog.findByRole('combobox', { name: 'Warehouse Platform' }), 'ACME WMS');
    await expect(await dialog.findByRole('group', { name: 'Credentials' })).toBeVisible();
    await userEvent.click(dialog.getByRole('button', { name: 'Continue' }));
    await expect(await dialog.findAllByRole('alert')).toHaveLength(2);
    await userEvent.type(dialog.getByRole('textbox', { name: 'Account ID' }), 'ACME-1001');
    const apiKey = dialog.getByLabelText('API Key');
    await expect(apiKey).toHaveAttribute('type', 'password');
    await userEvent.type(apiKey, 'sk_live_123');
    await expect(dialog.queryByRole('alert')).not.toBeInTheDocument();
    await expect(dialog.getByRole('button', { name: 'Test connection' })).toBeVisible();
  },
};

/** The warehouse platforms are loading. */
export const PlatformsLoading: Story = {
  loaders: [adapterLoader({ latencyMs: 60_000 })],
  args: { defaultStep: 'warehouse', defaultValues: NORTHWIND },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(await dialog.findAllByText('Loading…')).not.toHaveLength(0);
    await expect(dialog.queryByRole('combobox', { name: 'Warehouse Platform' })).not.toBeInTheDocument();
  },
};

/** No warehouse platform is available. */
export const PlatformsEmpty: Story = {
  loaders: [adapterLoader({ warehousePlatforms: [] })],
  args: { defaultStep: 'warehouse', defaultValues: NORTHWIND },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(await dialog.findByText('No warehouse platforms are available.')).toBeVisible();
  },
};

/** The warehouse platforms could not be loaded. */
export const PlatformsError: Story = {
  loaders: [adapterLoader({ fail: { listWarehousePlatforms: true } })],
  args: { defaultStep: 'warehouse', defaultValues: NORTHWIND },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(await dialog.findByRole('alert', {}, { timeout: 5_000 })).toHaveTextContent('Warehouse platforms could not be loaded.');
    await expect(dialog.getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

const ACME_CREDENTIALS = {
  ...NORTHWIND,
  warehouse: { platformId: 'acme-wms', credentials: { accountId: 'ACME-1001', apiKey: 'sk_live_123' } },
};

/** **Test connection** while the warehouse answers. */
export const TestConnectionTesting: Story = {
  loaders: [async () => ({ adapter: delayMethod(createStoryAdapter(), 'testWarehouseConnection', 60_000) })],
  args: { defaultStep: 'warehouse', defaultValues: ACME_CREDENTIALS },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    const test = await dialog.findByRole('button', { name: 'Test connection' });
    await userEvent.click(test);
    await expect(await dialog.findByText('Testing…')).toBeVisible();
    await expect(test).toHaveAttribute('aria-disabled', 'true');
  },
};

/** **Test connection**: the credentials work. */
export const TestConnectionSucceeded: Story = {
  args: { defaultStep: 'warehouse', defaultValues: ACME_CREDENTIALS },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await userEvent.click(await dialog.findByRole('button', { name: 'Test connection' }));
    await expect(await dialog.findByText('Connection works.')).toBeVisible();
  },
};

/** **Test connection**: the warehouse rejects the credentials (the memory adapter refuses the value `wrong`). */
export const TestConnectionFailed: Story = {
  args: {
    defaultStep: 'warehouse',
    defaultValues: { ...NORTHWIND, warehouse: { platformId: 'acme-wms', credentials: { accountId: 'ACME-1001', apiKey: 'wrong' } } },
  },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await userEvent.click(await dialog.findByRole('button', { name: 'Test connection' }));
    await expect(await dialog.findByRole('alert')).toHaveTextContent('The warehouse rejected these credentials.');
  },
};

/** **Test connection** could not run at all. */
export const TestConnectionError: Story = {
  loaders: [adapterLoader({ fail: { testWarehouseConnection: true } })],
  args: { defaultStep: 'warehouse', defaultValues: ACME_CREDENTIALS },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await userEvent.click(await dialog.findByRole('button', { name: 'Test connection' }));
    await expect(await dialog.findByRole('alert')).toHaveTextContent('The test could not run. Try again.');
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Store Setup

/** Step 4, Store Setup: **Create new store** (default) with the BigCommerce setup; **Add connection** waits. */
export const Store: Story = {
  loaders: [adapterLoader({ stores: [{ id: 's_brandx_bc', name: 'Brand X BigCommerce', platform: 'bigcommerce' }] })],
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(dialog.getByRole('radio', { name: 'Create new store' })).toBeChecked();
    await expect(dialog.getByRole('combobox', { name: 'Platform' })).toHaveDisplayValue('BigCommerce');
    await fillNewStore(dialog);
    await expect(dialog.getByRole('button', { name: 'Authorize' })).toBeEnabled();
    const submit = dialog.getByRole('button', { name: 'Add connection' });
    await expect(submit).toBeDisabled();
    await expect(submit).toHaveAccessibleDescription('Add connection becomes available once the store is named and authorized.');
    await expect(dialog.queryByText(/Client ID|Client Secret|Access Token/i)).not.toBeInTheDocument();
  },
};

/** Without `adapter.listStores` the new-store form shows directly, with no radio group. */
export const StoreWithoutExistingStores: Story = {
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(dialog.queryByRole('radio', { name: 'Use existing store' })).not.toBeInTheDocument();
    await expect(dialog.getByRole('textbox', { name: 'Store Name' })).toBeVisible();
  },
};

/** **Use existing store**: pick one of `adapter.listStores()`; no authorization needed. */
export const ExistingStore: Story = {
  loaders: [adapterLoader({ stores: [{ id: 's_brandx_bc', name: 'Brand X BigCommerce', platform: 'bigcommerce' }] })],
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await userEvent.click(dialog.getByRole('radio', { name: 'Use existing store' }));
    await userEvent.selectOptions(await dialog.findByRole('combobox', { name: 'Store' }), 'Brand X BigCommerce');
    await expect(dialog.getByRole('button', { name: 'Add connection' })).toBeEnabled();
  },
};

/** The store list is loading. */
export const StoresLoading: Story = {
  loaders: [async () => ({ adapter: delayMethod(createStoryAdapter({ stores: [] }), 'listStores', 60_000) })],
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await userEvent.click(dialog.getByRole('radio', { name: 'Use existing store' }));
    await expect(await dialog.findByText('Loading…')).toBeVisible();
  },
};

/** No stores yet. */
export const StoresEmpty: Story = {
  loaders: [adapterLoader({ stores: [] })],
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await userEvent.click(dialog.getByRole('radio', { name: 'Use existing store' }));
    await expect(await dialog.findByText('No stores yet. Create a new one instead.')).toBeVisible();
  },
};

/** The store list could not be loaded. */
export const StoresError: Story = {
  loaders: [adapterLoader({ stores: [], fail: { listStores: true } })],
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await userEvent.click(dialog.getByRole('radio', { name: 'Use existing store' }));
    await expect(await dialog.findByRole('alert', {}, { timeout: 5_000 })).toHaveTextContent('Stores could not be loaded.');
  },
};

/** Typed the hash, clicked **Authorize**: waiting for the Store Owner in the popup. */
export const Authorizing: Story = {
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async (context) => {
    const { canvasElement, args } = context;
    const adapter = loadedAdapter(context);
    const dialog = await wizardDialog(canvasElement);
    await fillNewStore(dialog);
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.click(dialog.getByRole('button', { name: 'Authorize' })));
    await waitForAttempt(adapter, popup);
    await expect(await dialog.findByText(/Waiting for BigCommerce…/)).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Show the BigCommerce window' })).toBeVisible();
    await expect(args.onEvent).toHaveBeenCalledWith({ type: 'authorization_started', method: 'popup', storeHash: 'abc123' });
  },
};

/** The browser blocked the popup; everything typed stays. */
export const PopupBlocked: Story = {
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async ({ canvasElement, args }) => {
    const dialog = await wizardDialog(canvasElement);
    await fillNewStore(dialog);
    await withStubbedOpen(window, null, () => userEvent.click(dialog.getByRole('button', { name: 'Authorize' })));
    await expect(await dialog.findByRole('alert')).toHaveTextContent('The browser blocked the BigCommerce window.');
    await expect(dialog.getByRole('textbox', { name: 'Store Name' })).toHaveValue('Brand X BigCommerce');
    await expect(args.onEvent).toHaveBeenCalledWith({ type: 'authorization_failed', method: 'popup', storeHash: 'abc123', code: 'popup_blocked' });
  },
};

/** The popup was closed before Confirm. */
export const PopupClosed: Story = {
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async (context) => {
    const { canvasElement } = context;
    const adapter = loadedAdapter(context);
    const dialog = await wizardDialog(canvasElement);
    await fillNewStore(dialog);
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.click(dialog.getByRole('button', { name: 'Authorize' })));
    await waitForAttempt(adapter, popup);
    await closeLikeAUser(popup, popup.navigatedAt ?? Date.now());
    // The default 1.5 s grace for a late result, then one last question to the server.
    await expect(await dialog.findByRole('alert', {}, { timeout: 6_000 })).toHaveTextContent(
      'The BigCommerce window was closed before authorization finished.',
    );
  },
};

/** Cancel on the consent screen. */
export const Denied: Story = {
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async (context) => {
    const { canvasElement } = context;
    const adapter = loadedAdapter(context);
    const dialog = await wizardDialog(canvasElement);
    await fillNewStore(dialog);
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.click(dialog.getByRole('button', { name: 'Authorize' })));
    finishAttempt(window, adapter, await waitForAttempt(adapter, popup), { status: 'denied' });
    await expect(await dialog.findByRole('alert')).toHaveTextContent('Access was not granted');
    await expect(dialog.getByRole('button', { name: 'Add connection' })).toBeDisabled();
  },
};

/** Signed in to another store. */
export const StoreMismatch: Story = {
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async (context) => {
    const { canvasElement } = context;
    const adapter = loadedAdapter(context);
    const dialog = await wizardDialog(canvasElement);
    await fillNewStore(dialog);
    const popup = createFakePopup();
    await withStubbedOpen(window, popup, () => userEvent.click(dialog.getByRole('button', { name: 'Authorize' })));
    finishAttempt(window, adapter, await waitForAttempt(adapter, popup), {
      status: 'authorized',
      grantId: 'grant_9',
      storeHash: 'zzz999',
    });
    await expect(await dialog.findByRole('alert')).toHaveTextContent('Sign in to store abc123 as its owner.');
  },
};

/** The host's server could not start the authorization. */
export const AdapterError: Story = {
  loaders: [adapterLoader({ fail: { beginAuthorization: { code: 'ECONNRESET', message: '<b>socket hang up</b>' } } })],
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await fillNewStore(dialog);
    await withStubbedOpen(window, createFakePopup(), () => userEvent.click(dialog.getByRole('button', { name: 'Authorize' })));
    await expect(await dialog.findByRole('alert')).toHaveTextContent('The server could not be reached. Try again.');
    await expect(dialog.queryByText(/socket hang up/)).not.toBeInTheDocument();
  },
};

/**
 * Authorized (a resumed draft here; the Full flow stories get there through the real popup): the store's own labels
 * are in Order Import Status and **Add connection** is enabled.
 */
export const Authorized: Story = {
  args: { defaultStep: 'store', defaultValues: READY },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(dialog.getByText('Authorized — store abc123 (owner@example.com)')).toBeVisible();
    await expect(await dialog.findByDisplayValue('Ready to ship (Awaiting Fulfillment)')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Add connection' })).toBeEnabled();
  },
};

/** The store's order statuses are loading after authorization. */
export const Loading: Story = {
  loaders: [async () => ({ adapter: delayMethod(createStoryAdapter({ orderStatusLabels: STORE_LABELS }), 'listOrderStatuses', 60_000) })],
  args: { defaultStep: 'store', defaultValues: READY },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(await dialog.findByText('Loading the store’s order statuses…')).toBeVisible();
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Submitting

/** **Add connection** sent; the button reports it is busy and the status line says so. */
export const Submitting: Story = {
  loaders: [async () => ({ adapter: delayMethod(createStoryAdapter({ orderStatusLabels: STORE_LABELS }), 'createConnection', 60_000) })],
  args: { defaultStep: 'store', defaultValues: READY },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await submitWhenReady(dialog);
    const submit = dialog.getByRole('button', { name: 'Add connection' });
    await expect(await dialog.findByText('Adding connection…')).toBeVisible();
    await expect(submit).toHaveAttribute('aria-disabled', 'true');
    await expect(page(canvasElement).getByRole('dialog')).toHaveAttribute('data-state', 'submitting');
  },
};

/** `createConnection` failed: everything is kept and the error shows; **Add connection** stays available to retry. */
export const SubmitFailed: Story = {
  loaders: [
    async () => {
      const adapter = createStoryAdapter({ orderStatusLabels: STORE_LABELS });
      return { adapter, calls: flakyCreateConnection(adapter, 1) };
    },
  ],
  args: { defaultStep: 'store', defaultValues: READY },
  play: async ({ canvasElement, args }) => {
    const dialog = await wizardDialog(canvasElement);
    await submitWhenReady(dialog);
    const alert = await dialog.findByRole('alert');
    await expect(alert).toHaveTextContent('The connection could not be added. Everything you entered is kept; try again.');
    await expect(alert).toHaveTextContent('The server could not be reached. Try again.');
    await expect(dialog.getByRole('textbox', { name: 'Store Name' })).toHaveValue('Brand X BigCommerce');
    await expect(page(canvasElement).getByRole('dialog')).toHaveAttribute('data-state', 'failed');
    await expect(dialog.getByRole('button', { name: 'Add connection' })).toBeEnabled();
    await expect(args.onEvent).toHaveBeenCalledWith({ type: 'connection_failed', code: 'adapter_error' });
  },
};

/** The retry after a failure reuses the idempotency key, so the backend creates exactly one connection. */
export const SubmitRetried: Story = {
  loaders: [
    async () => {
      const adapter = createStoryAdapter({ orderStatusLabels: STORE_LABELS });
      return { adapter, calls: flakyCreateConnection(adapter, 1) };
    },
  ],
  args: { defaultStep: 'store', defaultValues: READY },
  play: async (context) => {
    const { canvasElement } = context;
    const adapter = loadedAdapter(context);
    const { keys } = context.loaded.calls as { keys: string[] };
    const dialog = await wizardDialog(canvasElement);
    await submitWhenReady(dialog);
    await expect(await dialog.findByRole('alert')).toHaveTextContent('The connection could not be added.');
    await submitWhenReady(dialog);
    await expectStep(dialog, 'Connection added');
    await expect(keys).toHaveLength(2);
    await expect(keys[1]).toBe(keys[0]);
    await expect(adapter.connections).toHaveLength(1);
  },
};

/** Created: the success view says the connection is disabled and offers the next steps. */
export const Created: Story = {
  args: { defaultStep: 'store', defaultValues: READY },
  play: async (context) => {
    const { canvasElement, args } = context;
    const adapter = loadedAdapter(context);
    const dialog = await wizardDialog(canvasElement);
    await submitWhenReady(dialog);
    await expectStep(dialog, 'Connection added');
    await expect(dialog.getByText(`${CONNECTION_NAME} was created disabled, so nothing syncs until you turn it on.`)).toBeVisible();
    const nextSteps = within(dialog.getByRole('navigation', { name: 'Next steps' }));
    await expect(nextSteps.getByRole('link', { name: 'Configure SKUs' })).toHaveAttribute('href', '#configure-skus');
    await expect(nextSteps.getByRole('link', { name: 'Review Order Status' })).toHaveAttribute('href', '#review-order-status');
    await expect(args.onComplete).toHaveBeenCalledWith(expect.objectContaining({ id: 'conn_1', enabled: false }));
    await expect(adapter.connections[0]?.input).toEqual({
      name: CONNECTION_NAME,
      merchant: { mode: 'existing', merchantId: 'm_brandx' },
      warehouse: { mode: 'existing', warehouseId: 'w_acme' },
      store: {
        mode: 'new',
        name: 'Brand X BigCommerce',
        platform: 'bigcommerce',
        settings: { storeHash: 'abc123', grantId: 'grant_1', orderImportStatusId: 11 },
      },
    });
  },
};

/** **Done** closes the wizard; opened again, it starts afresh from the host's `defaultStep` and `defaultValues`. */
export const DoneClosesAndResets: Story = {
  args: { defaultStep: 'store', defaultValues: READY },
  play: async ({ canvasElement, args }) => {
    const dialog = await wizardDialog(canvasElement);
    await submitWhenReady(dialog);
    await expectStep(dialog, 'Connection added');
    await userEvent.click(dialog.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(page(canvasElement).queryByRole('dialog')).not.toBeInTheDocument());
    await expect(args.onEvent).toHaveBeenCalledWith({ type: 'wizard_closed', reason: 'done' });
    const trigger = within(canvasElement).getByRole('button', { name: 'Add connection' });
    await expect(trigger).toHaveFocus();
    await userEvent.click(trigger);
    const again = await wizardDialog(canvasElement);
    await expectStep(again, 'Store Setup');
    await expect(page(canvasElement).getByRole('dialog')).toHaveAttribute('data-state', 'editing');
    await expect(again.queryByRole('heading', { name: 'Connection added' })).not.toBeInTheDocument();
  },
};

/** Success without `nextSteps`: the links are hidden, **Done** remains. */
export const Success: Story = {
  args: { defaultStep: 'store', defaultValues: READY, nextSteps: undefined },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await submitWhenReady(dialog);
    await expectStep(dialog, 'Connection added');
    await expect(dialog.queryByRole('navigation', { name: 'Next steps' })).not.toBeInTheDocument();
    await expect(dialog.getByRole('button', { name: 'Done' })).toBeVisible();
    await expect(dialog.getAllByText('completed')).toHaveLength(4);
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Closing, control, variants

/** **Back** keeps what was typed; **Cancel** closes and discards; Escape closes and keeps the draft. */
export const BackCancelAndDismiss: Story = {
  args: { defaultOpen: false },
  play: async ({ canvasElement, args }) => {
    const trigger = within(canvasElement).getByRole('button', { name: 'Add connection' });
    await userEvent.click(trigger);
    let dialog = await wizardDialog(canvasElement);
    await userEvent.type(dialog.getByRole('textbox', { name: 'Connection Name' }), CONNECTION_NAME);
    await userEvent.click(dialog.getByRole('button', { name: 'Continue' }));
    await expectStep(dialog, 'Merchant Information');
    await userEvent.click(dialog.getByRole('button', { name: 'Back' }));
    await expect(dialog.getByRole('textbox', { name: 'Connection Name' })).toHaveValue(CONNECTION_NAME);

    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(page(canvasElement).queryByRole('dialog')).not.toBeInTheDocument());
    await expect(trigger).toHaveFocus();
    await expect(args.onEvent).toHaveBeenCalledWith({ type: 'wizard_closed', reason: 'dismiss' });
    await userEvent.click(trigger);
    dialog = await wizardDialog(canvasElement);
    await expect(dialog.getByRole('textbox', { name: 'Connection Name' })).toHaveValue(CONNECTION_NAME);

    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(page(canvasElement).queryByRole('dialog')).not.toBeInTheDocument());
    await userEvent.click(trigger);
    dialog = await wizardDialog(canvasElement);
    await expect(dialog.getByRole('textbox', { name: 'Connection Name' })).toHaveValue('');
  },
};

function ControlledWizard(props: Args & { adapter: MemoryAdapter }) {
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<StepId>('basics');
  return (
    <div>
      <p>
        Host state: <output aria-label="Host state">{`${open ? 'open' : 'closed'}, ${step}`}</output>
      </p>
      <button
        type="button"
        onClick={() => {
          setStep('merchant');
          setOpen(true);
        }}
      >
        Resume at Merchant Information
      </button>
      <Wizard
        {...props}
        trigger={null}
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          props.onOpenChange?.(next);
        }}
        step={step}
        onStepChange={(next) => {
          setStep(next);
          props.onStepChange?.(next);
        }}
        defaultValues={{ name: CONNECTION_NAME }}
      />
    </div>
  );
}

/** Controlled `open` and `step`: the host opens the wizard at a step and follows along. */
export const Controlled: Story = {
  args: { defaultOpen: undefined },
  render: (args, context) => <ControlledWizard {...args} adapter={loadedAdapter(context)} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Resume at Merchant Information' }));
    const dialog = await wizardDialog(canvasElement);
    await expectStep(dialog, 'Merchant Information');
    await userEvent.click(dialog.getByRole('button', { name: 'Back' }));
    await expectStep(dialog, 'Basic Information');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Host state' })).toHaveTextContent('closed, basics'));
  },
};

/** `variant="inline"`: a card in the page instead of a dialog. */
export const Inline: Story = {
  args: { variant: 'inline' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const region = canvas.getByRole('region', { name: 'Add Connection' });
    await expect(region).toHaveAttribute('data-variant', 'inline');
    // The page owns focus on load: an inline wizard does not steal it.
    await expect(canvas.getByRole('heading', { name: 'Basic Information' })).not.toHaveFocus();
    await userEvent.type(canvas.getByRole('textbox', { name: 'Connection Name' }), CONNECTION_NAME);
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expectStep(canvas, 'Merchant Information');
  },
};

function ReloadableWizard(props: Args & { adapter: MemoryAdapter }) {
  const [mount, setMount] = useState(0);
  const [storage] = useState(() => window.sessionStorage);
  return (
    <div>
      <button type="button" onClick={() => setMount((count) => count + 1)}>
        Simulate a page reload
      </button>
      <Wizard key={mount} {...props} variant="inline" persistDraft={{ key: 'rcw-story-draft', storage }} />
    </div>
  );
}

/** `persistDraft`: a reload resumes the draft (never its secrets or grant). */
export const ResumedDraft: Story = {
  beforeEach: () => {
    window.sessionStorage.removeItem('rcw-story-draft');
    return () => window.sessionStorage.removeItem('rcw-story-draft');
  },
  render: (args, context) => <ReloadableWizard {...args} adapter={loadedAdapter(context)} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Connection Name' }), CONNECTION_NAME);
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expectStep(canvas, 'Merchant Information');
    await userEvent.click(canvas.getByRole('button', { name: 'Simulate a page reload' }));
    await expect(await canvas.findByRole('heading', { name: 'Merchant Information' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Back' }));
    await expect(canvas.getByRole('textbox', { name: 'Connection Name' })).toHaveValue(CONNECTION_NAME);
  },
};

/** Every string from the German dictionary (`messages`), at the store step with an error. */
export const Localized: Story = {
  args: { messages: deMessages, defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  parameters: { lang: 'de' },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement, 'Verbindung hinzufügen');
    await expect(dialog.getByRole('heading', { name: 'Shop einrichten' })).toBeVisible();
    await expect(dialog.getByText('Schritt 4 von 4')).toBeVisible();
    await userEvent.type(dialog.getByRole('textbox', { name: 'Name des Shops' }), 'Marke X BigCommerce');
    await userEvent.type(dialog.getByRole('textbox', { name: 'Store-Hash' }), 'abc123');
    await withStubbedOpen(window, null, () => userEvent.click(dialog.getByRole('button', { name: 'Autorisieren' })));
    await expect(await dialog.findByRole('alert')).toHaveTextContent('Der Browser hat das BigCommerce-Fenster blockiert.');
  },
};

/** The host brand theme (only --rcw-* overrides), store step authorized. */
export const Themed: Story = {
  args: { defaultStep: 'store', defaultValues: READY },
  globals: { theme: 'brand' },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    const content = page(canvasElement).getByRole('dialog');
    await expect(cssVariable(content, '--rcw-dialog-width')).toBe('44rem');
    await expect(await dialog.findByDisplayValue('Ready to ship (Awaiting Fulfillment)')).toBeVisible();
  },
};

/** The dark theme, with a validation error. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(cssVariable(page(canvasElement).getByRole('dialog'), '--rcw-color-background')).toBe('#15181d');
    await userEvent.click(dialog.getByRole('button', { name: 'Continue' }));
    await expect(await dialog.findByRole('alert')).toBeVisible();
  },
};

/** The dialog at 360px, store step (the longest), authorized. */
export const Narrow: Story = {
  args: { defaultStep: 'store', defaultValues: READY },
  globals: { viewport: { value: NARROW_VIEWPORT } },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(await dialog.findByText('Authorized — store abc123 (owner@example.com)')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Add connection' })).toBeEnabled();
  },
};

/** The dark theme at 360px, Merchant step with the radio group. */
export const NarrowDark: Story = {
  args: { defaultStep: 'merchant', defaultValues: { name: CONNECTION_NAME } },
  globals: { viewport: { value: NARROW_VIEWPORT }, theme: 'dark' },
  play: async ({ canvasElement }) => {
    const dialog = await wizardDialog(canvasElement);
    await expect(await dialog.findByRole('combobox', { name: 'Merchant' })).toBeVisible();
  },
};

/** The steps and the success view side by side (inline variant). */
export const Overview: Story = {
  loaders: [
    async () => ({
      adapter: createStoryAdapter({ orderStatusLabels: STORE_LABELS }),
      created: createStoryAdapter({ orderStatusLabels: STORE_LABELS }),
    }),
  ],
  parameters: {
    a11y: {
      // Five inline wizards on one page repeat the "Add Connection" region (and the steps' regions), which no
      // host page does; every single-wizard story runs the full rule set, landmark-unique included.
      config: { rules: [{ id: 'landmark-unique', enabled: false }] },
    },
  },
  render: (args, context) => {
    const adapter = loadedAdapter(context);
    const common = { variant: 'inline' as const, nextSteps: args.nextSteps };
    return (
      <StateGrid wide>
        <StateCell name="1 · Basic Information">
          <Wizard {...common} adapter={adapter} />
        </StateCell>
        <StateCell name="2 · Merchant Information">
          <Wizard {...common} adapter={adapter} defaultStep="merchant" defaultValues={{ name: CONNECTION_NAME }} />
        </StateCell>
        <StateCell name="3 · Warehouse Setup">
          <Wizard {...common} adapter={adapter} defaultStep="warehouse" defaultValues={ACME_CREDENTIALS} />
        </StateCell>
        <StateCell name="4 · Store Setup">
          <Wizard {...common} adapter={adapter} defaultStep="store" defaultValues={READY} />
        </StateCell>
        <StateCell name="Success">
          <Wizard {...common} adapter={context.loaded.created as MemoryAdapter} defaultStep="store" defaultValues={READY} />
        </StateCell>
      </StateGrid>
    );
  },
  play: async ({ canvasElement }) => {
    const cell = (name: string) => within(within(canvasElement).getByRole('region', { name }));
    const success = cell('Success');
    await submitWhenReady(success);
    await expect(await success.findByRole('heading', { name: 'Connection added' })).toBeVisible();
    await expect(cell('1 · Basic Information').getByRole('textbox', { name: 'Connection Name' })).toBeVisible();
    await expect(await cell('2 · Merchant Information').findByRole('combobox', { name: 'Merchant' })).toBeVisible();
    await expect(await cell('3 · Warehouse Setup').findByRole('group', { name: 'Credentials' })).toBeVisible();
    await expect(await cell('4 · Store Setup').findByDisplayValue('Ready to ship (Awaiting Fulfillment)')).toBeVisible();
  },
};
