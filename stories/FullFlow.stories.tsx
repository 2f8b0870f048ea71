import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { useEffect } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { inlineWizardInDocs } from './support/docs';
import { ConnectionWizard, type ConnectionWizardProps } from '../src/components/ConnectionWizard/ConnectionWizard';
import type { MemoryAdapter } from '../src/testing/memory-adapter';
import { connectSimulator, SIMULATED_OWNER_EMAIL } from './simulator/channel';
import { adapterLoader, loadedAdapter, STORE_LABELS } from './support/adapter';
import { captureRealPopup, closeLikeAUser, waitForSimulator } from './support/popup';
import { CONNECTION_NAME, expectStep, fillNewStore, submitWhenReady, THROUGH_WAREHOUSE, wizardDialog } from './support/wizard';

/*
 * The whole thing, end to end, with a REAL popup: Authorize opens a window onto the simulated BigCommerce sign-in
 * and consent screen that this Storybook serves itself (the `Internal/BigCommerce Simulator` story, or its Vite
 * twin `stories/simulator/index.html` under the Vitest runner). The play functions drive that window through its
 * same-origin `document`, clicking its buttons as a person would.
 */

type Args = ConnectionWizardProps;
type Screen = ReturnType<typeof within>;

/** Clicks **Authorize** in the wizard and returns the real popup it opened. */
function authorizeInRealPopup(dialog: Screen): Promise<Window> {
  return captureRealPopup(window, () => userEvent.click(dialog.getByRole('button', { name: 'Authorize' })));
}

/**
 * The Store Setup of a wizard filled through Warehouse Setup: names the new store, clicks **Authorize** and returns
 * the story's memory adapter, the dialog and the real popup.
 */
async function authorizeFromStoreStep(context: StoryContext<Args>) {
  const adapter = loadedAdapter(context);
  const dialog = await wizardDialog(context.canvasElement);
  await fillNewStore(dialog);
  return { adapter, dialog, popup: await authorizeInRealPopup(dialog) };
}

/** On the simulator's sign-in screen: any password, then **Log in** (the email is the Store Owner's already). */
async function signInAsOwner(signIn: Screen): Promise<void> {
  await userEvent.type(signIn.getByLabelText('Password'), 'correct horse battery staple');
  await userEvent.click(signIn.getByRole('button', { name: 'Log in' }));
}

/** The wizard, its memory "server", and the link from the simulated BigCommerce popup to that server. */
function FullFlowDemo(props: Args & { adapter: MemoryAdapter }) {
  const { adapter } = props;
  useEffect(() => connectSimulator(adapter), [adapter]);
  return <ConnectionWizard {...props} />;
}

function render(args: Args, context: StoryContext<Args>) {
  return <FullFlowDemo {...args} adapter={loadedAdapter(context)} />;
}

const meta = {
  title: 'Full flow',
  component: ConnectionWizard,
  tags: ['autodocs'],
  decorators: [inlineWizardInDocs],
  loaders: [adapterLoader({ orderStatusLabels: STORE_LABELS })],
  render,
  args: {
    adapter: {
      listMerchants: fn(),
      listWarehousePlatforms: fn(),
      beginAuthorization: fn(),
      getAuthorization: fn(),
      listOrderStatuses: fn(),
      createConnection: fn(),
    },
    defaultOpen: true,
    nextSteps: { configureSkusHref: '#configure-skus', reviewOrderStatusHref: '#review-order-status' },
    onComplete: fn(),
    onEvent: fn(),
  },
  parameters: {
    docs: {
      description: {
        component: [
          'The wizard end to end with a **real popup**. **Authorize** opens a window onto a simulated BigCommerce sign-in',
          'and consent screen served by this Storybook (`iframe.html?id=internal-bigcommerce-simulator--consent`), so it',
          'works in `storybook dev` and in the static build. Sign in as the Store Owner, click **Confirm** (or **Cancel**);',
          'the simulator tells the story’s memory adapter — the stand-in for your server — and then reports to the wizard',
          'with `reportAuthorizationResult` from `react-connection-wizard/callback`, exactly like a real result page.',
          '',
          'The play functions run by themselves in the Vitest story runner. In the Storybook UI the browser may block a',
          'popup opened by a play function (it is not a user click): allow pop-ups for this site, or use **Try it yourself**',
          'and click through by hand.',
        ].join('\n'),
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * All four steps, then Authorize → sign in → **Confirm** in the real popup → the store's own labels load →
 * **Add connection** → created.
 */
export const FullFlow: Story = {
  name: 'Full flow',
  play: async (context) => {
    const { canvasElement, args, step } = context;
    const adapter = loadedAdapter(context);
    const dialog = await wizardDialog(canvasElement);

    await step('Basic Information', async () => {
      await expectStep(dialog, 'Basic Information');
      await userEvent.type(dialog.getByRole('textbox', { name: 'Connection Name' }), CONNECTION_NAME);
      await userEvent.click(dialog.getByRole('button', { name: 'Continue' }));
    });
    await step('Merchant Information: Brand X', async () => {
      await expectStep(dialog, 'Merchant Information');
      await userEvent.selectOptions(await dialog.findByRole('combobox', { name: 'Merchant' }), 'Brand X (warehouse: ACME WMS — Reno)');
      await userEvent.click(dialog.getByRole('button', { name: 'Continue' }));
    });
    await step('Warehouse Setup: already there', async () => {
      await expectStep(dialog, 'Warehouse Setup');
      await expect(dialog.getByText(/already ships from ACME WMS — Reno/)).toBeVisible();
      await userEvent.click(dialog.getByRole('button', { name: 'Continue' }));
    });

    let popup: Window | undefined;
    await step('Store Setup: paste the API path, Authorize', async () => {
      await expectStep(dialog, 'Store Setup');
      await userEvent.type(dialog.getByRole('textbox', { name: 'Store Name' }), 'Brand X BigCommerce');
      await userEvent.click(dialog.getByRole('textbox', { name: 'Store Hash' }));
      await userEvent.paste('https://api.bigcommerce.com/stores/abc123/v3/catalog/products');
      await expect(dialog.getByText('Found store hash abc123 in the API path.')).toBeVisible();
      popup = await authorizeInRealPopup(dialog);
      await expect(await dialog.findByText(/Waiting for BigCommerce…/)).toBeVisible();
    });
    if (!popup) throw new Error('no popup');
    const bigcommerce = popup;

    await step('In the popup: sign in as the Store Owner', async () => {
      const screen = within(await waitForSimulator(bigcommerce, 'sign-in'));
      await expect(screen.getByText('abc123')).toBeVisible();
      await expect(screen.getByLabelText('Email address')).toHaveValue(SIMULATED_OWNER_EMAIL);
      await signInAsOwner(screen);
    });
    await step('In the popup: Confirm', async () => {
      const screen = within(await waitForSimulator(bigcommerce, 'consent'));
      await expect(screen.getByRole('heading', { name: 'Confirm access' })).toBeVisible();
      await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    });

    await step('Back in the wizard: authorized, the store’s labels', async () => {
      await expect(await dialog.findByText(`Authorized — store abc123 (${SIMULATED_OWNER_EMAIL})`, {}, { timeout: 10_000 })).toBeVisible();
      // The popup's own postMessage carried the hint: no "confirmed through the server" note.
      await expect(canvasElement.ownerDocument.querySelector('[data-slot="authorization-note"]')).not.toBeInTheDocument();
      // The engine closes the popup once the server confirmed.
      await waitFor(() => expect(bigcommerce.closed).toBe(true));
      const status = dialog.getByRole('combobox', { name: 'Order Import Status' });
      await expect(await within(status).findByRole('option', { name: 'Ready to ship (Awaiting Fulfillment)' })).toBeInTheDocument();
      await expect(status).toHaveDisplayValue('Ready to ship (Awaiting Fulfillment)');
      await userEvent.selectOptions(status, 'Packed — awaiting carrier (Awaiting Shipment)');
    });
    await step('Add connection', async () => {
      await submitWhenReady(dialog);
      await expectStep(dialog, 'Connection added');
      await expect(dialog.getByText(/was created disabled/)).toBeVisible();
    });

    const [connection] = adapter.connections;
    await expect(adapter.connections).toHaveLength(1);
    await expect(connection?.enabled).toBe(false);
    await expect(connection?.input.store).toEqual({
      mode: 'new',
      name: 'Brand X BigCommerce',
      platform: 'bigcommerce',
      settings: { storeHash: 'abc123', grantId: expect.stringMatching(/^grant_abc123_/), orderImportStatusId: 9 },
    });
    await expect(args.onComplete).toHaveBeenCalledTimes(1);
    const types = (args.onEvent as ReturnType<typeof fn>).mock.calls.map(([event]) => (event as { type: string }).type);
    await expect(types).toEqual(
      expect.arrayContaining(['step_viewed', 'authorization_started', 'authorization_succeeded', 'connection_created']),
    );
  },
};

/** **Cancel** on the simulated consent screen: access was not granted, the wizard keeps everything. */
export const ConsentCancelled: Story = {
  name: 'Consent cancelled',
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async (context) => {
    const { adapter, dialog, popup } = await authorizeFromStoreStep(context);
    await signInAsOwner(within(await waitForSimulator(popup, 'sign-in')));
    const consent = within(await waitForSimulator(popup, 'consent'));
    await userEvent.click(consent.getByRole('button', { name: 'Cancel' }));

    const alert = await dialog.findByRole('alert', {}, { timeout: 10_000 });
    await expect(alert).toHaveTextContent('Access was not granted: Cancel was clicked on the BigCommerce consent screen.');
    await expect(adapter.attempts[0]?.status).toBe('denied');
    await waitFor(() => expect(popup.closed).toBe(true));
    await expect(dialog.getByRole('textbox', { name: 'Store Hash' })).toHaveValue('abc123');
    await expect(dialog.getByRole('button', { name: 'Try again' })).toBeEnabled();
    await expect(dialog.getByRole('button', { name: 'Add connection' })).toBeDisabled();
  },
};

/** The Store Owner closes the BigCommerce window instead of confirming. */
export const PopupClosed: Story = {
  name: 'Popup closed',
  args: { defaultStep: 'store', defaultValues: THROUGH_WAREHOUSE },
  play: async (context) => {
    const { adapter, dialog, popup } = await authorizeFromStoreStep(context);
    // The click handler sent the popup to the sign-in URL before it returned (the memory adapter answers at once).
    const sentAt = Date.now();
    await waitForSimulator(popup, 'sign-in');
    await closeLikeAUser(popup, sentAt);
    // Closed is noticed within 500 ms, then 1.5 s of grace for a late result, then one last server check.
    const alert = await dialog.findByRole('alert', {}, { timeout: 8_000 });
    await expect(alert).toHaveTextContent('The BigCommerce window was closed before authorization finished.');
    await expect(adapter.attempts[0]?.status).toBe('pending');
  },
};

/**
 * No play function: open it, click **Authorize** yourself (a real click, so no popup blocker), sign in with any
 * password and click **Confirm** in the popup.
 */
export const TryItYourself: Story = {
  name: 'Try it yourself',
  args: {
    defaultStep: 'store',
    defaultValues: { ...THROUGH_WAREHOUSE, store: { name: 'Brand X BigCommerce', bigcommerce: { storeHash: 'abc123' } } },
  },
};
