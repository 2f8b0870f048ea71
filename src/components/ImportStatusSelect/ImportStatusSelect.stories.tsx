import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { NARROW_VIEWPORT } from '../../../.storybook/decorators';
import { deMessages } from '../../../stories/messages.de';
import { adapterLoader, loadedAdapter, STORE_LABELS } from '../../../stories/support/adapter';
import { cssVariable, StateCell, StateGrid } from '../../../stories/support/overview';
import { ImportStatusSelect, type ImportStatusSelectProps } from './ImportStatusSelect';

type Args = ImportStatusSelectProps;

/** Stories that load the store's labels get their own memory adapter per render (see `adapterLoader`). */
function renderWithStore(args: Args, context: StoryContext<Args>) {
  return <ImportStatusSelect {...args} adapter={loadedAdapter(context)} storeHash="abc123" grantId="grant_1" />;
}

const meta = {
  title: 'Components/ImportStatusSelect',
  component: ImportStatusSelect,
  tags: ['autodocs'],
  args: { onValueChange: fn() },
  argTypes: {
    value: { control: 'number' },
    defaultValue: { control: 'number' },
    disabled: { control: 'boolean' },
    statuses: { control: false },
    adapter: { control: false },
    queryClient: { control: false },
  },
  parameters: {
    docs: {
      description: {
        component: [
          '**Order Import Status**: the BigCommerce status that means “ready to ship” — a native `<select>` whose value is',
          'the numeric status id, **Awaiting Fulfillment** (11) by default. Before authorization it offers the 15 built-in',
          'statuses; given `adapter`, `storeHash` and `grantId` it loads the store’s own labels (“Ready to ship (Awaiting',
          'Fulfillment)”), says so while loading, and falls back to the built-ins if they cannot be loaded.',
          '',
          '```tsx',
          "import { ImportStatusSelect } from 'react-connection-wizard';",
          '',
          '<ImportStatusSelect onValueChange={setStatusId} />',
          '<ImportStatusSelect adapter={adapter} storeHash="abc123" grantId={grantId} value={statusId} onValueChange={setStatusId} />',
          '```',
          '',
          'Styling hooks: `[data-slot="import-status-select"]`, `[data-loading]`, `[data-error]`,',
          '`[data-source="built-in|statuses|store"]`, `[data-disabled]`.',
        ].join('\n'),
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<typeof meta>;

function select(canvasElement: HTMLElement, name = 'Order Import Status') {
  return within(canvasElement).getByRole('combobox', { name });
}

/** Before authorization: the 15 built-in statuses, Awaiting Fulfillment selected. */
export const Default: Story = {
  play: async ({ canvasElement, args }) => {
    const field = select(canvasElement);
    await expect(field).toHaveDisplayValue('Awaiting Fulfillment');
    await expect(within(field).getAllByRole('option')).toHaveLength(15);
    await userEvent.selectOptions(field, 'Awaiting Shipment');
    await expect(args.onValueChange).toHaveBeenLastCalledWith(9);
    await expect(canvasElement.querySelector('[data-slot="import-status-select"]')).toHaveAttribute('data-source', 'built-in');
  },
};

/** Authorized: the store's own labels, the built-in name in parentheses where it differs. */
export const Authorized: Story = {
  loaders: [adapterLoader({ orderStatusLabels: STORE_LABELS })],
  render: renderWithStore,
  play: async ({ canvasElement, args }) => {
    const field = select(canvasElement);
    await expect(await within(field).findByRole('option', { name: 'Ready to ship (Awaiting Fulfillment)' })).toBeInTheDocument();
    await expect(field).toHaveDisplayValue('Ready to ship (Awaiting Fulfillment)');
    await expect(within(field).getByRole('option', { name: 'Pending' })).toBeInTheDocument();
    await userEvent.selectOptions(field, 'On hold (fraud check) (Manual Verification Required)');
    await expect(args.onValueChange).toHaveBeenLastCalledWith(12);
    await expect(canvasElement.querySelector('[data-slot="import-status-select"]')).toHaveAttribute('data-source', 'store');
  },
};

/** The store's labels are on their way: it says so, and the built-ins stay usable meanwhile. */
export const Loading: Story = {
  loaders: [adapterLoader({ latencyMs: 60_000, orderStatusLabels: STORE_LABELS })],
  render: renderWithStore,
  play: async ({ canvasElement }) => {
    const field = select(canvasElement);
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent('Loading the store’s order statuses…');
    await expect(field).toHaveAttribute('aria-busy', 'true');
    await expect(field).toHaveAccessibleDescription(expect.stringContaining('Loading the store’s order statuses…'));
    await expect(field).toHaveDisplayValue('Awaiting Fulfillment');
  },
};

/** `listOrderStatuses` failed: the built-ins are offered and the notice says why. */
export const AdapterError: Story = {
  loaders: [adapterLoader({ fail: { listOrderStatuses: { code: 'upstream_502' } } })],
  render: renderWithStore,
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText(
        'The store’s own labels could not be loaded; showing the built-in statuses.',
        {},
        { timeout: 5_000 },
      ),
    ).toBeVisible();
    await expect(within(select(canvasElement)).getAllByRole('option')).toHaveLength(15);
    await expect(canvasElement.querySelector('[data-slot="import-status-select"]')).toHaveAttribute('data-error');
  },
};

/** A host-supplied `statuses` list (nothing is loaded). */
export const CustomStatuses: Story = {
  args: {
    statuses: [
      { id: 11, name: 'Awaiting Fulfillment', customLabel: 'Ready to ship' },
      { id: 9, name: 'Awaiting Shipment' },
      { id: 2, name: 'Shipped' },
    ],
  },
  play: async ({ canvasElement }) => {
    const field = select(canvasElement);
    await expect(within(field).getAllByRole('option')).toHaveLength(3);
    await expect(field).toHaveDisplayValue('Ready to ship (Awaiting Fulfillment)');
  },
};

function ControlledImportStatus(props: Args) {
  const [value, setValue] = useState(9);
  return (
    <div>
      <ImportStatusSelect
        {...props}
        value={value}
        onValueChange={(id) => {
          setValue(id);
          props.onValueChange?.(id);
        }}
      />
      <p>
        Host state: <output aria-label="Host state">{value}</output>
      </p>
      <button type="button" onClick={() => setValue(11)}>
        Reset to the default
      </button>
    </div>
  );
}

/** Controlled: the host owns the id. */
export const Controlled: Story = {
  render: (args) => <ControlledImportStatus {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const field = select(canvasElement);
    await expect(field).toHaveDisplayValue('Awaiting Shipment');
    await userEvent.selectOptions(field, 'Shipped');
    await expect(canvas.getByRole('status', { name: 'Host state' })).toHaveTextContent('2');
    await userEvent.click(canvas.getByRole('button', { name: 'Reset to the default' }));
    await expect(field).toHaveDisplayValue('Awaiting Fulfillment');
  },
};

/** Disabled. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement }) => {
    await expect(select(canvasElement)).toBeDisabled();
  },
};

/** German dictionary through `messages` (the status names are BigCommerce's own and stay as they are). */
export const Localized: Story = {
  args: { messages: deMessages },
  parameters: { lang: 'de' },
  play: async ({ canvasElement }) => {
    const field = select(canvasElement, 'Importstatus für Bestellungen');
    await expect(field).toHaveAccessibleDescription('Bestellungen in diesem Status sind versandbereit und werden importiert.');
  },
};

/** The host brand theme, with the store's labels. */
export const Themed: Story = {
  loaders: [adapterLoader({ orderStatusLabels: STORE_LABELS })],
  render: renderWithStore,
  globals: { theme: 'brand' },
  play: async ({ canvasElement }) => {
    const field = select(canvasElement);
    await expect(cssVariable(field, '--rcw-color-text')).toBe('#14302f');
    await expect(await within(field).findByRole('option', { name: 'Ready to ship (Awaiting Fulfillment)' })).toBeInTheDocument();
  },
};

/** The dark theme, in the error (fallback) state. */
export const Dark: Story = {
  loaders: [adapterLoader({ fail: { listOrderStatuses: true } })],
  render: renderWithStore,
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await expect(cssVariable(select(canvasElement), '--rcw-color-background')).toBe('#15181d');
    await expect(await within(canvasElement).findByText(/could not be loaded/, {}, { timeout: 5_000 })).toBeVisible();
  },
};

/** 360px wide, with the longest label selected. */
export const Narrow: Story = {
  args: { defaultValue: 12 },
  globals: { viewport: { value: NARROW_VIEWPORT } },
  play: async ({ canvasElement }) => {
    await expect(select(canvasElement)).toHaveDisplayValue('Manual Verification Required');
  },
};

/** Every state side by side. */
export const Overview: Story = {
  loaders: [
    async () => ({
      adapter: (await adapterLoader({ orderStatusLabels: STORE_LABELS })()).adapter,
      slow: (await adapterLoader({ latencyMs: 60_000 })()).adapter,
      failing: (await adapterLoader({ fail: { listOrderStatuses: true } })()).adapter,
    }),
  ],
  render: (_args, context) => {
    const loaded = context.loaded as Record<'slow' | 'failing', NonNullable<Args['adapter']>>;
    const store = { storeHash: 'abc123', grantId: 'grant_1' };
    return (
      <StateGrid>
        <StateCell name="Built-in statuses">
          <ImportStatusSelect />
        </StateCell>
        <StateCell name="Store labels">
          <ImportStatusSelect adapter={loadedAdapter(context)} {...store} />
        </StateCell>
        <StateCell name="Loading">
          <ImportStatusSelect adapter={loaded.slow} {...store} />
        </StateCell>
        <StateCell name="Could not load">
          <ImportStatusSelect adapter={loaded.failing} {...store} />
        </StateCell>
        <StateCell name="Disabled">
          <ImportStatusSelect disabled />
        </StateCell>
      </StateGrid>
    );
  },
  play: async ({ canvasElement }) => {
    const cell = (name: string) => within(within(canvasElement).getByRole('region', { name }));
    await expect(await cell('Store labels').findByDisplayValue('Ready to ship (Awaiting Fulfillment)')).toBeVisible();
    await expect(cell('Loading').getByRole('status')).toHaveTextContent('Loading');
    await expect(await cell('Could not load').findByText(/could not be loaded/, {}, { timeout: 5_000 })).toBeVisible();
    await expect(cell('Disabled').getByRole('combobox')).toBeDisabled();
  },
};
