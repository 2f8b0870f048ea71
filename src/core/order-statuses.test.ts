import { describe, expect, it } from 'vitest';
import {
  BIGCOMMERCE_ORDER_STATUSES,
  BUILT_IN_ORDER_STATUSES,
  builtInOrderStatusName,
  DEFAULT_ORDER_IMPORT_STATUS_ID,
} from './order-statuses';

describe('BIGCOMMERCE_ORDER_STATUSES', () => {
  it('lists the 15 built-in statuses, ids 0–14, with the names of DESIGN §2', () => {
    expect(BIGCOMMERCE_ORDER_STATUSES.map(({ id, name }) => `${id} ${name}`)).toEqual([
      '0 Incomplete',
      '1 Pending',
      '2 Shipped',
      '3 Partially Shipped',
      '4 Refunded',
      '5 Cancelled',
      '6 Declined',
      '7 Awaiting Payment',
      '8 Awaiting Pickup',
      '9 Awaiting Shipment',
      '10 Completed',
      '11 Awaiting Fulfillment',
      '12 Manual Verification Required',
      '13 Disputed',
      '14 Partially Refunded',
    ]);
    for (const status of BIGCOMMERCE_ORDER_STATUSES) expect(status.description.length).toBeGreaterThan(10);
  });

  it('defaults the import status to Awaiting Fulfillment (11)', () => {
    expect(DEFAULT_ORDER_IMPORT_STATUS_ID).toBe(11);
    expect(builtInOrderStatusName(DEFAULT_ORDER_IMPORT_STATUS_ID)).toBe('Awaiting Fulfillment');
    expect(builtInOrderStatusName(15)).toBeUndefined();
  });

  it('is frozen, so no host can relabel the built-ins by mistake', () => {
    expect(Object.isFrozen(BIGCOMMERCE_ORDER_STATUSES)).toBe(true);
    expect(Object.isFrozen(BIGCOMMERCE_ORDER_STATUSES[0])).toBe(true);
  });

  it('has the same ids and names, without descriptions, in the list the UI uses', () => {
    expect(BUILT_IN_ORDER_STATUSES).toEqual(BIGCOMMERCE_ORDER_STATUSES.map(({ id, name }) => ({ id, name })));
    expect(Object.isFrozen(BUILT_IN_ORDER_STATUSES)).toBe(true);
    expect(Object.isFrozen(BUILT_IN_ORDER_STATUSES[0])).toBe(true);
  });
});
