import { describe, expect, it } from 'vitest';
import { orderStatusLabel, sortOrderStatuses } from './use-order-statuses';

describe('sortOrderStatuses', () => {
  it('sorts by order, an entry without one by its id, ties by id, and keeps the first entry of an id', () => {
    const sorted = sortOrderStatuses([
      { id: 11, name: 'Awaiting Fulfillment', order: 5 },
      { id: 3, name: 'Partially Shipped' },
      { id: 2, name: 'Shipped', order: 5 },
      { id: 11, name: 'Duplicate', order: 0 },
      { id: 0, name: 'Incomplete', order: 9 },
    ]);
    expect(sorted.map((status) => status.id)).toEqual([3, 2, 11, 0]);
    expect(sorted.find((status) => status.id === 11)?.name).toBe('Awaiting Fulfillment');
  });
});

describe('orderStatusLabel', () => {
  const template = '{label} ({name})';

  it('shows the custom label with the built-in name in parentheses when they differ', () => {
    expect(orderStatusLabel({ id: 11, name: 'Awaiting Fulfillment', customLabel: 'Ready to ship' }, template)).toBe(
      'Ready to ship (Awaiting Fulfillment)',
    );
  });

  it('shows just the name when there is no custom label or it is the same', () => {
    expect(orderStatusLabel({ id: 2, name: 'Shipped' }, template)).toBe('Shipped');
    expect(orderStatusLabel({ id: 2, name: 'Shipped', customLabel: ' Shipped ' }, template)).toBe('Shipped');
  });

  it('falls back to the built-in name for an empty name', () => {
    expect(orderStatusLabel({ id: 9, name: '', customLabel: 'Packed' }, template)).toBe('Packed (Awaiting Shipment)');
  });
});
