/** A BigCommerce built-in order status. Ids are fixed; merchants can only relabel them. */
export interface BuiltInOrderStatus {
  readonly id: number;
  readonly name: string;
  readonly description: string;
}

/**
 * The 15 built-in BigCommerce order statuses, ids 0–14, in id order.
 * @see https://developer.bigcommerce.com/docs/store-operations/orders/order-statuses
 */
export const BIGCOMMERCE_ORDER_STATUSES: ReadonlyArray<BuiltInOrderStatus> = Object.freeze(
  [
    { id: 0, name: 'Incomplete', description: 'An incomplete order happens when a shopper reached the payment page, but did not complete the transaction.' },
    { id: 1, name: 'Pending', description: 'Customer started the checkout process, but did not complete it.' },
    { id: 2, name: 'Shipped', description: 'Order has been shipped, but receipt has not been confirmed.' },
    { id: 3, name: 'Partially Shipped', description: 'Only some items in the order have been shipped.' },
    { id: 4, name: 'Refunded', description: 'Seller has used the Refund action.' },
    { id: 5, name: 'Cancelled', description: 'Seller has cancelled an order, due to a stock inconsistency or other reasons.' },
    { id: 6, name: 'Declined', description: 'Seller has marked the order as declined for lack of manual payment, or other reasons.' },
    { id: 7, name: 'Awaiting Payment', description: 'Customer has completed checkout process, but payment has yet to be confirmed.' },
    { id: 8, name: 'Awaiting Pickup', description: 'Order has been pulled, and is awaiting customer pickup from a seller-specified location.' },
    { id: 9, name: 'Awaiting Shipment', description: 'Order has been pulled and packaged, and is awaiting collection from a shipping provider.' },
    { id: 10, name: 'Completed', description: 'Client has paid for their digital product and their file(s) are available for download.' },
    { id: 11, name: 'Awaiting Fulfillment', description: 'Customer has completed the checkout process and payment has been confirmed.' },
    { id: 12, name: 'Manual Verification Required', description: 'Order on hold while some aspect needs to be manually confirmed.' },
    { id: 13, name: 'Disputed', description: 'Customer has initiated a dispute resolution process for the PayPal transaction that paid for the order.' },
    { id: 14, name: 'Partially Refunded', description: 'Seller has partially refunded the order.' },
  ].map((status) => Object.freeze(status)),
);

/** Awaiting Fulfillment: paid and ready to ship. */
export const DEFAULT_ORDER_IMPORT_STATUS_ID = 11;

/** The built-in name for an id, or undefined for an id BigCommerce does not define. */
export function builtInOrderStatusName(id: number): string | undefined {
  return BIGCOMMERCE_ORDER_STATUSES[id]?.name;
}
