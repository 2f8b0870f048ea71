/** A BigCommerce built-in order status. Ids are fixed; merchants can only relabel them. */
export interface BuiltInOrderStatus {
  readonly id: number;
  readonly name: string;
  readonly description: string;
}

/*
 * The names and the descriptions are two lists, by id: the UI needs only the names (`BUILT_IN_ORDER_STATUSES`,
 * `builtInOrderStatusName`), so a host's bundle carries the descriptions only when it imports
 * `BIGCOMMERCE_ORDER_STATUSES`.
 */
const BUILT_IN_NAMES: ReadonlyArray<string> = [
  'Incomplete', // 0
  'Pending', // 1
  'Shipped', // 2
  'Partially Shipped', // 3
  'Refunded', // 4
  'Cancelled', // 5
  'Declined', // 6
  'Awaiting Payment', // 7
  'Awaiting Pickup', // 8
  'Awaiting Shipment', // 9
  'Completed', // 10
  'Awaiting Fulfillment', // 11
  'Manual Verification Required', // 12
  'Disputed', // 13
  'Partially Refunded', // 14
];

const BUILT_IN_DESCRIPTIONS: ReadonlyArray<string> = [
  'The shopper reached payment but never completed it.', // 0 Incomplete
  'Checkout was started but not completed.', // 1 Pending
  'Shipped; receipt is not yet confirmed.', // 2 Shipped
  'Only some items have shipped.', // 3 Partially Shipped
  'The seller refunded the order.', // 4 Refunded
  'The seller cancelled the order.', // 5 Cancelled
  'The seller declined the order.', // 6 Declined
  'Checked out; payment is not yet confirmed.', // 7 Awaiting Payment
  'Packed and waiting for customer pickup.', // 8 Awaiting Pickup
  'Packed and waiting for the carrier.', // 9 Awaiting Shipment
  'A paid digital order, ready to download.', // 10 Completed
  'Checked out, and the payment has been confirmed.', // 11 Awaiting Fulfillment
  'On hold for a manual check.', // 12 Manual Verification Required
  'The customer disputed the payment.', // 13 Disputed
  'Part of the order was refunded.', // 14 Partially Refunded
];

/** A frozen list of frozen records, one per built-in id (its calls are annotated pure, so a list nobody imports is dropped). */
function builtInRecords<T extends object>(record: (id: number, name: string) => T): ReadonlyArray<T> {
  return Object.freeze(BUILT_IN_NAMES.map((name, id) => Object.freeze(record(id, name))));
}

/**
 * The 15 built-in BigCommerce order statuses, ids 0–14, in id order, each with a one-sentence description.
 * @see https://developer.bigcommerce.com/docs/store-operations/orders/order-statuses
 */
export const BIGCOMMERCE_ORDER_STATUSES: ReadonlyArray<BuiltInOrderStatus> = /* @__PURE__ */ builtInRecords((id, name) => ({
  id,
  name,
  description: BUILT_IN_DESCRIPTIONS[id] as string,
}));

/** `{ id, name }` of the 15 built-ins, in id order: what the UI offers and checks against, without the descriptions. */
export const BUILT_IN_ORDER_STATUSES: ReadonlyArray<{ readonly id: number; readonly name: string }> =
  /* @__PURE__ */ builtInRecords((id, name) => ({ id, name }));

/** Awaiting Fulfillment: paid and ready to ship. */
export const DEFAULT_ORDER_IMPORT_STATUS_ID = 11;

/** The built-in name for an id, or undefined for an id BigCommerce does not define. */
export function builtInOrderStatusName(id: number): string | undefined {
  return BUILT_IN_NAMES[id];
}
