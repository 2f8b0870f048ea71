import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../../test/helpers/axe';
import type { ParsedStoreHash } from '../../core/store-hash';
import { defaultMessages } from '../../i18n/messages.en';
import { StoreHashInput } from './StoreHashInput';

/** A host that owns the value, as a wizard does. */
function ControlledHost({ initial, onChange }: { initial: string; onChange: (next: string, info: ParsedStoreHash) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <StoreHashInput
        value={value}
        onValueChange={(next, info) => {
          onChange(next, info);
          setValue(next);
        }}
      />
      <output data-testid="host">{value}</output>
    </>
  );
}

const field = () => screen.getByRole('textbox', { name: 'Store Hash' });
const statusLine = () => screen.getByRole('status');

describe('StoreHashInput', () => {
  describe('at rest', () => {
    it('has its own Store Hash label and the help text as its description', async () => {
      const { container } = render(<StoreHashInput />);
      expect(field()).toHaveAccessibleDescription(defaultMessages.storeHash.help);
      expect(field()).toHaveValue('');
      expect(field()).toHaveAttribute('autocomplete', 'off');
      expect(field()).toHaveAttribute('spellcheck', 'false');
      expect(field()).not.toHaveAttribute('aria-invalid');
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      await expectNoAxeViolations(container);
    });

    it('passes className, style, data attributes and the ref to the root', () => {
      const ref = createRef<HTMLDivElement>();
      const { container } = render(
        <StoreHashInput ref={ref} className="host" style={{ marginTop: 3 }} data-testid="root" title="t" />,
      );
      const root = container.firstElementChild as HTMLElement;
      expect(ref.current).toBe(root);
      expect(root).toHaveAttribute('data-slot', 'store-hash-input');
      expect(root).toHaveClass('host');
      expect(root.style.marginTop).toBe('3px');
      expect(root).toHaveAttribute('title', 't');
      expect(root).not.toHaveAttribute('data-invalid');
      expect(root).not.toHaveAttribute('data-found');
    });

    it('takes the dictionary overrides, aria-required and the input id', () => {
      render(<StoreHashInput id="hash" required messages={{ storeHash: { label: 'Shop-Hash' } }} />);
      const input = screen.getByRole('textbox', { name: 'Shop-Hash' });
      expect(input).toHaveAttribute('id', 'hash');
      expect(input).toHaveAttribute('aria-required', 'true');
    });
  });

  describe('when an address is pasted', () => {
    it.each([
      ['https://api.bigcommerce.com/stores/abc123/v3/catalog', 'abc123', 'Found store hash abc123 in the API path.', 'api-path'],
      ['https://api.bigcommerce.com/stores/abc123/v2/orders', 'abc123', 'Found store hash abc123 in the API path.', 'api-path'],
      ['https://api.bigcommerce.com/stores/AbC123/graphql', 'abc123', 'Found store hash abc123 in the API path.', 'api-path'],
      ['https://store-abc123.mybigcommerce.com/manage/orders', 'abc123', 'Found store hash abc123 in the control panel address.', 'control-panel'],
      ['https://store-abc123-1234.mybigcommerce.com', 'abc123', 'Found store hash abc123 in the control panel address.', 'control-panel'],
      ['store-abc123.mybigcommerce.com/manage', 'abc123', 'Found store hash abc123 in the control panel address.', 'control-panel'],
      ['stores/abc123', 'abc123', 'Found store hash abc123 in the context string.', 'context'],
      ['context=stores%2Fabc123', 'abc123', 'Found store hash abc123 in the context string.', 'context'],
    ])('%s → keeps just %s and says where it was found', async (pasted, hash, message, source) => {
      const onValueChange = vi.fn();
      const user = userEvent.setup();
      const { container } = render(<StoreHashInput onValueChange={onValueChange} />);
      await user.click(field());
      await user.paste(pasted);
      expect(field()).toHaveValue(hash);
      expect(statusLine()).toHaveTextContent(message);
      expect(field()).toHaveAccessibleDescription(`${defaultMessages.storeHash.help} ${message}`);
      expect(container.firstElementChild).toHaveAttribute('data-found', source);
      expect(onValueChange).toHaveBeenLastCalledWith(hash, { ok: true, storeHash: hash, source });
    });

    it('has no axe violations while it shows where the hash was found', async () => {
      const user = userEvent.setup();
      const { container } = render(<StoreHashInput />);
      await user.click(field());
      await user.paste('https://api.bigcommerce.com/stores/abcde/v3/');
      expect(statusLine()).toHaveTextContent('Found store hash abcde in the API path.');
      await expectNoAxeViolations(container);
    });

    it('clears the status line once the user edits the hash', async () => {
      const user = userEvent.setup();
      render(<StoreHashInput />);
      await user.click(field());
      await user.paste('https://api.bigcommerce.com/stores/abcde/v3/');
      await user.type(field(), 'f');
      expect(field()).toHaveValue('abcdef');
      expect(statusLine()).toBeEmptyDOMElement();
    });

    it('replaces a URL set without typing (autofill, drop, programmatic change) as well', () => {
      render(<StoreHashInput />);
      fireEvent.change(field(), { target: { value: 'https://store-xyz789.mybigcommerce.com/manage' } });
      expect(field()).toHaveValue('xyz789');
      expect(statusLine()).toHaveTextContent('Found store hash xyz789 in the control panel address.');
    });

    it('keeps a pasted bare hash as pasted, then normalises it on blur without a status line', async () => {
      const onValueChange = vi.fn();
      const user = userEvent.setup();
      render(<StoreHashInput onValueChange={onValueChange} />);
      await user.click(field());
      await user.paste('  ABC123 ');
      expect(field()).toHaveValue('  ABC123 ');
      expect(onValueChange).toHaveBeenLastCalledWith('  ABC123 ', { ok: true, storeHash: 'abc123', source: 'bare' });
      await user.tab();
      expect(field()).toHaveValue('abc123');
      expect(onValueChange).toHaveBeenLastCalledWith('abc123', { ok: true, storeHash: 'abc123', source: 'bare' });
      expect(statusLine()).toBeEmptyDOMElement();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });
  });

  describe('when an address is typed character by character', () => {
    it('does not rewrite it mid-typing, and extracts the hash on blur', async () => {
      const user = userEvent.setup();
      render(<StoreHashInput />);
      await user.type(field(), 'stores/abcdef');
      expect(field()).toHaveValue('stores/abcdef');
      expect(statusLine()).toBeEmptyDOMElement();
      await user.tab();
      expect(field()).toHaveValue('abcdef');
      expect(statusLine()).toHaveTextContent('Found store hash abcdef in the context string.');
    });
  });

  describe('when the input is rejected', () => {
    it.each([
      ['no-hash-in-url', 'www.shop.com'],
      ['no-hash-in-url', 'https://login.bigcommerce.com/login'],
      ['invalid-characters', 'ab.cd'],
      ['too-short', 'abc'],
      ['too-long', 'abcdefghijklmnopq'],
    ] as const)('%s (%s): shows its own message on blur and keeps what was typed', async (reason, typed) => {
      const onValueChange = vi.fn();
      const user = userEvent.setup();
      const { container } = render(<StoreHashInput onValueChange={onValueChange} />);
      await user.click(field());
      await user.paste(typed);
      // Not while typing or pasting…
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(field()).not.toHaveAttribute('aria-invalid');
      await user.tab();
      // …but on blur, with the text intact.
      const message = defaultMessages.storeHash.rejected[reason];
      expect(screen.getByRole('alert')).toHaveTextContent(message);
      expect(field()).toHaveValue(typed);
      expect(field()).toHaveAttribute('aria-invalid', 'true');
      expect(field()).toHaveAccessibleDescription(`${defaultMessages.storeHash.help} ${message}`);
      expect(container.firstElementChild).toHaveAttribute('data-invalid', '');
      expect(onValueChange).toHaveBeenLastCalledWith(typed, { ok: false, reason });
    });

    it('empty: asks for the hash when the field is left empty', async () => {
      const user = userEvent.setup();
      render(<StoreHashInput />);
      await user.click(field());
      await user.tab();
      expect(screen.getByRole('alert')).toHaveTextContent(defaultMessages.storeHash.rejected.empty);
    });

    it('gives every rejection reason a different message', () => {
      const messages = Object.values(defaultMessages.storeHash.rejected);
      expect(new Set(messages).size).toBe(5);
    });

    it('has no axe violations while the error shows', async () => {
      const user = userEvent.setup();
      const { container } = render(<StoreHashInput />);
      await user.type(field(), 'ab');
      await user.tab();
      expect(screen.getByRole('alert')).toBeInTheDocument();
      await expectNoAxeViolations(container);
    });
  });

  describe('errors and typing', () => {
    it('hides the error while the user edits and re-checks on the next blur', async () => {
      const user = userEvent.setup();
      render(<StoreHashInput />);
      await user.type(field(), 'ab');
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      await user.tab();
      expect(screen.getByRole('alert')).toHaveTextContent(defaultMessages.storeHash.rejected['too-short']);
      await user.type(field(), 'c');
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      await user.type(field(), 'd');
      await user.tab();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(field()).toHaveValue('abcd');
    });

    it('with showErrors, shows the error without a blur and updates it as the user types', async () => {
      const user = userEvent.setup();
      render(<StoreHashInput showErrors />);
      expect(screen.getByRole('alert')).toHaveTextContent(defaultMessages.storeHash.rejected.empty);
      await user.type(field(), 'a.b');
      expect(screen.getByRole('alert')).toHaveTextContent(defaultMessages.storeHash.rejected['invalid-characters']);
      await user.clear(field());
      await user.type(field(), 'abcde');
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });
  });

  describe('controlled and uncontrolled', () => {
    it('uncontrolled: starts from defaultValue', async () => {
      const user = userEvent.setup();
      render(<StoreHashInput defaultValue="abc123" />);
      expect(field()).toHaveValue('abc123');
      await user.type(field(), '4');
      expect(field()).toHaveValue('abc1234');
    });

    it('controlled: shows the value and reports changes, including the extracted hash', async () => {
      const changes: Array<[string, ParsedStoreHash]> = [];
      const user = userEvent.setup();
      render(<ControlledHost initial="old11" onChange={(next, info) => changes.push([next, info])} />);
      expect(field()).toHaveValue('old11');
      await user.clear(field());
      await user.paste('https://api.bigcommerce.com/stores/zz9xx/v3/');
      expect(field()).toHaveValue('zz9xx');
      expect(screen.getByTestId('host')).toHaveTextContent('zz9xx');
      expect(changes.at(-1)).toEqual(['zz9xx', { ok: true, storeHash: 'zz9xx', source: 'api-path' }]);
    });

    it('controlled: a host that does not update the value keeps the field as it is', async () => {
      const onValueChange = vi.fn();
      const user = userEvent.setup();
      render(<StoreHashInput value="fixed1" onValueChange={onValueChange} />);
      await user.type(field(), 'x');
      expect(onValueChange).toHaveBeenCalledWith('fixed1x', { ok: true, storeHash: 'fixed1x', source: 'bare' });
      expect(field()).toHaveValue('fixed1');
    });
  });
});
