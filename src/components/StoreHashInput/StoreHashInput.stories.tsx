import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { NARROW_VIEWPORT } from '../../../.storybook/decorators';
import type { ParsedStoreHash } from '../../core/store-hash';
import { deMessages } from '../../../stories/messages.de';
import { cssVariable, StateCell, StateGrid } from '../../../stories/support/overview';
import { StoreHashInput } from './StoreHashInput';

const API_PATH = 'https://api.bigcommerce.com/stores/abc123/v3/catalog/products';
const CONTROL_PANEL = 'https://store-abc123.mybigcommerce.com/manage/orders';

const meta = {
  title: 'Components/StoreHashInput',
  component: StoreHashInput,
  tags: ['autodocs'],
  args: { onValueChange: fn() },
  argTypes: {
    value: { control: 'text' },
    defaultValue: { control: 'text' },
    showErrors: { control: 'boolean' },
    disabled: { control: 'boolean' },
  },
  parameters: {
    docs: {
      description: {
        component: [
          'The **Store Hash** field. Paste the API path, the control-panel address or a context string: the field keeps just',
          'the hash and says where it found it. Rejections show on blur (or with `showErrors`, as the wizard does when it',
          'validates the step), in a `role="alert"` message linked with `aria-describedby`; what was typed is never lost.',
          '',
          '```tsx',
          "import { StoreHashInput } from 'react-connection-wizard';",
          '',
          '<StoreHashInput',
          '  defaultValue=""',
          '  onValueChange={(text, info) => setHash(info.ok ? info.storeHash : null)}',
          '/>',
          '```',
          '',
          'Styling hooks: `[data-slot="store-hash-input"]`, `[data-invalid]`, `[data-found="api-path|control-panel|context"]`, `[data-disabled]`.',
        ].join('\n'),
      },
    },
  },
} satisfies Meta<typeof StoreHashInput>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Empty and waiting. Typing a bare hash shows no error while typing, and none after blur when it is valid. */
export const Default: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Store Hash' });
    await expect(input).toHaveAccessibleDescription(expect.stringContaining('between /stores/ and /v3/'));
    await expect(input).toHaveAttribute('autocomplete', 'off');
    await userEvent.type(input, 'abc123');
    await userEvent.tab();
    await expect(input).toHaveValue('abc123');
    await expect(input).not.toHaveAttribute('aria-invalid');
    await expect(canvas.queryByRole('alert')).not.toBeInTheDocument();
    await expect(args.onValueChange).toHaveBeenLastCalledWith('abc123', { ok: true, storeHash: 'abc123', source: 'bare' });
  },
};

/** An invalid hash: the rejection appears on blur, as an alert linked to the field; what was typed is kept. */
export const Invalid: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Store Hash' });
    await userEvent.type(input, 'ab.cd');
    await expect(canvas.queryByRole('alert')).not.toBeInTheDocument();
    await userEvent.tab();
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('A store hash has only letters and digits.');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription(expect.stringContaining('only letters and digits'));
    await expect(input).toHaveValue('ab.cd');
  },
};

/** A shop's own domain has no hash: the message says where to find it instead. */
export const NoHashInUrl: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Store Hash' });
    await userEvent.click(input);
    await userEvent.paste('https://www.shop.example/checkout');
    await userEvent.tab();
    await expect(await canvas.findByRole('alert')).toHaveTextContent('This address has no store hash.');
    await expect(input).toHaveValue('https://www.shop.example/checkout');
  },
};

/** Pasting the API path replaces it with the hash, and the status line says where the hash was found. */
export const PastedApiPath: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Store Hash' });
    await userEvent.click(input);
    await userEvent.paste(API_PATH);
    await expect(input).toHaveValue('abc123');
    await expect(canvas.getByRole('status')).toHaveTextContent('Found store hash abc123 in the API path.');
    await expect(canvasElement.querySelector('[data-slot="store-hash-input"]')).toHaveAttribute('data-found', 'api-path');
    await expect(args.onValueChange).toHaveBeenLastCalledWith(
      'abc123',
      expect.objectContaining<Partial<ParsedStoreHash>>({ ok: true, source: 'api-path' }),
    );
  },
};

/** The control-panel address (`store-<hash>.mybigcommerce.com`) works the same way. */
export const PastedControlPanel: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Store Hash' });
    await userEvent.click(input);
    await userEvent.paste(CONTROL_PANEL);
    await expect(input).toHaveValue('abc123');
    await expect(canvas.getByRole('status')).toHaveTextContent('Found store hash abc123 in the control panel address.');
  },
};

/** `showErrors`: the wizard validated the step, so an empty field shows its error without a blur. */
export const ShowErrors: Story = {
  args: { showErrors: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent('Enter the store hash.');
    await expect(canvas.getByRole('textbox', { name: 'Store Hash' })).toBeInvalid();
  },
};

/** Disabled: not editable, still labelled. */
export const Disabled: Story = {
  args: { defaultValue: 'abc123', disabled: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('textbox', { name: 'Store Hash' })).toBeDisabled();
    await expect(canvasElement.querySelector('[data-slot="store-hash-input"]')).toHaveAttribute('data-disabled');
  },
};

function ControlledStoreHash(props: { onValueChange?: (hash: string, info: ParsedStoreHash) => void }) {
  const [value, setValue] = useState('');
  return (
    <div>
      <StoreHashInput
        value={value}
        onValueChange={(hash, info) => {
          setValue(hash);
          props.onValueChange?.(hash, info);
        }}
      />
      <p>
        Host state: <output aria-label="Host state">{value || '(empty)'}</output>
      </p>
      <button type="button" onClick={() => setValue('')}>
        Clear from the host
      </button>
    </div>
  );
}

/** Controlled: the host owns the text (here shown below the field) and can change it. */
export const Controlled: Story = {
  render: (args) => <ControlledStoreHash onValueChange={args.onValueChange} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Store Hash' });
    await userEvent.click(input);
    await userEvent.paste(CONTROL_PANEL);
    await expect(canvas.getByRole('status', { name: 'Host state' })).toHaveTextContent('abc123');
    await userEvent.click(canvas.getByRole('button', { name: 'Clear from the host' }));
    await expect(input).toHaveValue('');
  },
};

/** Every string from the German dictionary passed as `messages`. */
export const Localized: Story = {
  args: { messages: deMessages },
  parameters: { lang: 'de' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Store-Hash' });
    await userEvent.click(input);
    await userEvent.paste(API_PATH);
    await expect(canvas.getByRole('status')).toHaveTextContent('Store-Hash abc123 im API-Pfad gefunden.');
    await userEvent.clear(input);
    await userEvent.type(input, 'ab');
    await userEvent.tab();
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Ein Store-Hash hat mindestens 4 Zeichen.');
  },
};

/** The host brand theme (only --rcw-* overrides, `stories/themes.css`), with an error showing. */
export const Themed: Story = {
  args: { defaultValue: 'ab', showErrors: true },
  globals: { theme: 'brand' },
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('[data-slot="store-hash-input"]');
    if (!root) throw new Error('no root');
    await expect(cssVariable(root, '--rcw-color-primary')).toBe('#0b6b63');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('at least 4 characters');
  },
};

/** The dark theme, with the found-in-address status showing. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvasElement.querySelector('[data-slot="store-hash-input"]');
    if (!root) throw new Error('no root');
    await expect(cssVariable(root, '--rcw-color-background')).toBe('#15181d');
    await userEvent.click(canvas.getByRole('textbox', { name: 'Store Hash' }));
    await userEvent.paste('context=stores%2Fabc123');
    await expect(canvas.getByRole('status')).toHaveTextContent('Found store hash abc123 in the context string.');
  },
};

/** 360px wide: the long help text (with its unbreakable example URL) wraps instead of widening the page. */
export const Narrow: Story = {
  args: { defaultValue: 'https://www.shop.example/a-very-long-path-without-any-hash', showErrors: true },
  globals: { viewport: { value: NARROW_VIEWPORT } },
  play: async ({ canvasElement }) => {
    // The layout itself is checked after the play function by the 360px check in .storybook/preview.ts.
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('This address has no store hash.');
  },
};

/** All states side by side. */
export const Overview: Story = {
  render: () => (
    <StateGrid>
      <StateCell name="Default">
        <StoreHashInput />
      </StateCell>
      <StateCell name="Valid">
        <StoreHashInput defaultValue="abc123" />
      </StateCell>
      <StateCell name="Found in the API path">
        <StoreHashInput />
      </StateCell>
      <StateCell name="Invalid characters">
        <StoreHashInput defaultValue="ab.cd" showErrors />
      </StateCell>
      <StateCell name="Too short">
        <StoreHashInput defaultValue="ab" showErrors />
      </StateCell>
      <StateCell name="No hash in the address">
        <StoreHashInput defaultValue="https://www.shop.example" showErrors />
      </StateCell>
      <StateCell name="Empty, validated">
        <StoreHashInput showErrors />
      </StateCell>
      <StateCell name="Disabled">
        <StoreHashInput defaultValue="abc123" disabled />
      </StateCell>
    </StateGrid>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const found = within(canvas.getByRole('region', { name: 'Found in the API path' }));
    await userEvent.click(found.getByRole('textbox', { name: 'Store Hash' }));
    await userEvent.paste(API_PATH);
    await expect(found.getByRole('status')).toHaveTextContent('Found store hash abc123 in the API path.');
    await expect(canvas.getAllByRole('alert')).toHaveLength(4);
  },
};
