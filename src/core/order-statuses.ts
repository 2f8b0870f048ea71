/** A BigCommerce built-in order status. Ids are fixed; merchants can only relabel them. */
export interface BuiltInOrderStatus {
  readonly id: number;
  readonly name: string;
  readonly description: string;
}

/** Frozen `{ id, name, description }` records from `[id, name, description]` rows. */
function freezeStatuses(rows: ReadonlyArray<readonly [number, string, string]>): ReadonlyArray<BuiltInOrderStatus> {
  return Object.freeze(rows.map(([id, name, description]) => Object.freeze({ id, name, description })));
}

/**
 * The 15 built-in BigCommerce order statuses, ids 0–14, in id order, each with a one-sentence description.
 * @see https://developer.bigcommerce.com/docs/store-operations/orders/order-statuses
 */
export const BIGCOMMERCE_ORDER_STATUSES: ReadonlyArray<BuiltInOrderStatus> = /* @__PURE__ */ freezeStatuses([
  [0, 'Incomplete', 'The shopper reached payment but never completed it.'],
  [1, 'Pending', 'Checkout was started but not completed.'],
  [2, 'Shipped', 'Shipped; receipt is not yet confirmed.'],
  [3, 'Partially Shipped', 'Only some items have shipped.'],
  [4, 'Refunded', 'The seller refunded the order.'],
  [5, 'Cancelled', 'The seller cancelled the order.'],
  [6, 'Declined', 'The seller declined the order.'],
  [7, 'Awaiting Payment', 'Checked out; payment is not yet confirmed.'],
  [8, 'Awaiting Pickup', 'Packed and waiting for customer pickup.'],
  [9, 'Awaiting Shipment', 'Packed and waiting for the carrier.'],
  [10, 'Completed', 'A paid digital order, ready to download.'],
  [11, 'Awaiting Fulfillment', 'Checked out, and the payment has been confirmed.'],
  [12, 'Manual Verification Required', 'On hold for a manual check.'],
  [13, 'Disputed', 'The customer disputed the payment.'],
  [14, 'Partially Refunded', 'Part of the order was refunded.'],
]);

/** Awaiting Fulfillment: paid and ready to ship. */
export const DEFAULT_ORDER_IMPORT_STATUS_ID = 11;

/** The built-in name for an id, or undefined for an id BigCommerce does not define. */
export function builtInOrderStatusName(id: number): string | undefined {
  return BIGCOMMERCE_ORDER_STATUSES[id]?.name;
}
