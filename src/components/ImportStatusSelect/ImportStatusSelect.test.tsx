import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../../test/helpers/axe';
import type { ConnectionAdapter, OrderStatus } from '../../core/adapter';
import { BIGCOMMERCE_ORDER_STATUSES } from '../../core/order-statuses';
import { defaultMessages } from '../../i18n/messages.en';
import { createMemoryAdapter } from '../../testing/memory-adapter';
import { ImportStatusSelect } from './ImportStatusSelect';

const select = () => screen.getByRole('combobox', { name: 'Order Import Status' });
const optionTexts = () => within(select()).getAllByRole('option').map((option) => option.textContent);

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (reason: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

let queryClient: QueryClient;

/** A host that owns the value. */
function ControlledHost({ initial }: { initial: number }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <ImportStatusSelect queryClient={queryClient} value={value} onValueChange={setValue} />
      <output data-testid="host">{value}</output>
    </>
  );
}
beforeEach(() => {
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
});

describe('ImportStatusSelect', () => {
  describe('before authorization (built-in statuses)', () => {
    it('is a native select labelled Order Import Status with the 15 built-ins and Awaiting Fulfillment chosen', async () => {
      const { container } = render(<ImportStatusSelect queryClient={queryClient} />);
      expect(select().tagName).toBe('SELECT');
      expect(optionTexts()).toEqual(BIGCOMMERCE_ORDER_STATUSES.map((status) => status.name));
      expect(select()).toHaveValue('11');
      expect(screen.getByRole('option', { name: 'Awaiting Fulfillment' })).toHaveProperty('selected', true);
      expect(select()).toHaveAccessibleDescription(defaultMessages.importStatus.help);
      expect(select()).not.toHaveAttribute('aria-busy');
      const root = container.firstElementChild as HTMLElement;
      expect(root).toHaveAttribute('data-slot', 'import-status-select');
      expect(root).toHaveAttribute('data-source', 'built-in');
      expect(root).not.toHaveAttribute('data-loading');
      await expectNoAxeViolations(container);
    });

    it('reports the numeric id of the chosen status', async () => {
      const onValueChange = vi.fn();
      const user = userEvent.setup();
      render(<ImportStatusSelect queryClient={queryClient} onValueChange={onValueChange} />);
      await user.selectOptions(select(), 'Awaiting Shipment');
      expect(onValueChange).toHaveBeenCalledWith(9);
      expect(select()).toHaveValue('9');
    });

    it('loads nothing without a grant', () => {
      const adapter = createMemoryAdapter();
      const listOrderStatuses = vi.spyOn(adapter, 'listOrderStatuses');
      render(<ImportStatusSelect queryClient={queryClient} adapter={adapter} storeHash="abc123" />);
      expect(listOrderStatuses).not.toHaveBeenCalled();
      expect(optionTexts()).toHaveLength(15);
    });
  });

  describe('controlled and uncontrolled', () => {
    it('uncontrolled: starts from defaultValue', () => {
      render(<ImportStatusSelect queryClient={queryClient} defaultValue={2} />);
      expect(select()).toHaveValue('2');
    });

    it('controlled: shows the value and follows the host', async () => {
      const user = userEvent.setup();
      render(<ControlledHost initial={7} />);
      expect(select()).toHaveValue('7');
      await user.selectOptions(select(), '10');
      expect(screen.getByTestId('host')).toHaveTextContent('10');
      expect(select()).toHaveValue('10');
    });

    it('passes className, style, rest props and the ref to the root, the select ref to the select', () => {
      const ref = createRef<HTMLDivElement>();
      const selectRef = createRef<HTMLSelectElement>();
      const { container } = render(
        <ImportStatusSelect queryClient={queryClient} ref={ref} selectRef={selectRef} className="host" style={{ width: 10 }} title="t" />,
      );
      expect(ref.current).toBe(container.firstElementChild);
      expect(selectRef.current).toBe(select());
      expect(ref.current).toHaveClass('host');
      expect(ref.current?.style.width).toBe('10px');
      expect(ref.current).toHaveAttribute('title', 't');
    });
  });

  describe('with a statuses list', () => {
    it('sorts by order, then id, and shows the built-in name in parentheses when the label differs', () => {
      const statuses: OrderStatus[] = [
        { id: 11, name: 'Awaiting Fulfillment', customLabel: 'Ready to ship', order: 2 },
        { id: 9, name: 'Awaiting Shipment', customLabel: 'Awaiting Shipment', order: 1 },
        { id: 2, name: 'Shipped', order: 2 },
        { id: 5, name: 'Cancelled' },
      ];
      render(<ImportStatusSelect queryClient={queryClient} statuses={statuses} />);
      expect(optionTexts()).toEqual(['Awaiting Shipment', 'Shipped', 'Ready to ship (Awaiting Fulfillment)', 'Cancelled']);
    });

    it('keeps a value the list lacks visible instead of showing another option as chosen', () => {
      render(<ImportStatusSelect queryClient={queryClient} statuses={[{ id: 9, name: 'Awaiting Shipment' }]} />);
      expect(select()).toHaveValue('11');
      expect(optionTexts()).toEqual(['Awaiting Shipment', 'Awaiting Fulfillment']);
    });
  });

  describe('after authorization (the store’s labels)', () => {
    it('says it is loading (aria-busy and a status line) while the built-ins stay usable', async () => {
      const pending = deferred<OrderStatus[]>();
      const adapter: Pick<ConnectionAdapter, 'listOrderStatuses'> = { listOrderStatuses: () => pending.promise };
      const { container } = render(
        <ImportStatusSelect queryClient={queryClient} adapter={adapter} storeHash="abc123" grantId="g1" />,
      );
      expect(select()).toHaveAttribute('aria-busy', 'true');
      expect(screen.getByRole('status')).toHaveTextContent(defaultMessages.importStatus.loading);
      expect(select()).toHaveAccessibleDescription(`${defaultMessages.importStatus.help} ${defaultMessages.importStatus.loading}`);
      expect(optionTexts()).toHaveLength(15);
      expect(container.firstElementChild).toHaveAttribute('data-loading', '');
      await expectNoAxeViolations(container);
      pending.resolve([{ id: 11, name: 'Awaiting Fulfillment', customLabel: 'Ready to ship' }]);
      expect(await screen.findByRole('option', { name: 'Ready to ship (Awaiting Fulfillment)' })).toBeInTheDocument();
      expect(select()).not.toHaveAttribute('aria-busy');
      expect(screen.getByRole('status')).toBeEmptyDOMElement();
    });

    it('shows the store’s custom labels, keeps the value, and caches under the rcw key', async () => {
      const adapter = createMemoryAdapter({ orderStatusLabels: { 11: 'Ready to ship', 2: 'Shipped' } });
      const listOrderStatuses = vi.spyOn(adapter, 'listOrderStatuses');
      const { container } = render(
        <ImportStatusSelect queryClient={queryClient} adapter={adapter} storeHash="ABC123" grantId="g1" />,
      );
      expect(await screen.findByRole('option', { name: 'Ready to ship (Awaiting Fulfillment)' })).toBeInTheDocument();
      expect(screen.getByRole('option', { name: 'Shipped' })).toBeInTheDocument();
      expect(optionTexts()).toHaveLength(15);
      expect(select()).toHaveValue('11');
      expect(container.firstElementChild).toHaveAttribute('data-source', 'store');
      expect(listOrderStatuses).toHaveBeenCalledWith({ storeHash: 'abc123', grantId: 'g1' });
      expect(queryClient.getQueryData(['rcw', 'order-statuses', 'abc123', 'g1'])).toHaveLength(15);
      await expectNoAxeViolations(container);
    });

    it('sorts the store’s statuses by their order', async () => {
      const adapter: Pick<ConnectionAdapter, 'listOrderStatuses'> = {
        listOrderStatuses: async () => [
          { id: 1, name: 'Pending', order: 3 },
          { id: 11, name: 'Awaiting Fulfillment', order: 1 },
          { id: 9, name: 'Awaiting Shipment', order: 2 },
        ],
      };
      render(<ImportStatusSelect queryClient={queryClient} adapter={adapter} storeHash="abc123" grantId="g1" />);
      await waitFor(() => expect(optionTexts()).toEqual(['Awaiting Fulfillment', 'Awaiting Shipment', 'Pending']));
    });

    describe('when the labels cannot be loaded', () => {
      it.each([
        ['the adapter rejects', createMemoryAdapter({ fail: { listOrderStatuses: { message: '<b>boom</b>' } } })],
        ['the adapter returns junk', { listOrderStatuses: async () => [{ id: 'x' }] } as unknown as Pick<ConnectionAdapter, 'listOrderStatuses'>],
      ])('%s: says so and falls back to the 15 built-ins', async (_, adapter) => {
        const user = userEvent.setup();
        const onValueChange = vi.fn();
        const { container } = render(
          <ImportStatusSelect queryClient={queryClient} adapter={adapter} storeHash="abc123" grantId="g1" onValueChange={onValueChange} />,
        );
        expect(await screen.findByText(defaultMessages.importStatus.loadFailed)).toBeInTheDocument();
        expect(screen.getByRole('status')).toHaveTextContent(defaultMessages.importStatus.loadFailed);
        expect(optionTexts()).toEqual(BIGCOMMERCE_ORDER_STATUSES.map((status) => status.name));
        expect(select()).not.toHaveAttribute('aria-busy');
        expect(container.firstElementChild).toHaveAttribute('data-error', '');
        expect(container.querySelector('b')).toBeNull();
        await expectNoAxeViolations(container);
        await user.selectOptions(select(), 'Awaiting Shipment');
        expect(onValueChange).toHaveBeenCalledWith(9);
      });
    });
  });
});
