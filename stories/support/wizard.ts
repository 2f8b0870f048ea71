import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { ConnectionAdapter } from '../../src/core/adapter';
import type { BigCommerceSetupValue, DraftDefaults } from '../../src/core/draft';
import type { MemoryAdapter } from '../../src/testing/memory-adapter';

/* Draft presets and play helpers shared by the wizard stories and the Full flow stories. */

export const CONNECTION_NAME = 'Brand X — BigCommerce → ACME WMS';

export const AUTHORIZED_SETUP: BigCommerceSetupValue = {
  storeHash: 'abc123',
  authorization: { grantId: 'grant_1', storeHash: 'abc123', ownerEmail: 'owner@example.com' },
  orderImportStatusId: 11,
};

/** Steps 1–2 done with Brand X, whose warehouse already exists (step 3 asks for nothing). */
export const THROUGH_MERCHANT: DraftDefaults = {
  name: CONNECTION_NAME,
  merchant: { mode: 'existing', merchantId: 'm_brandx' },
};

/** Steps 1–2 done with Northwind Outfitters, which has no warehouse yet. */
export const NORTHWIND: DraftDefaults = {
  name: 'Northwind — BigCommerce → ACME WMS',
  merchant: { mode: 'existing', merchantId: 'm_northwind' },
};

/** Steps 1–3 done; the store step still needs a name, a hash and the authorization. */
export const THROUGH_WAREHOUSE: DraftDefaults = THROUGH_MERCHANT;

/** Everything valid: **Add connection** is enabled. */
export const READY: DraftDefaults = {
  ...THROUGH_MERCHANT,
  store: { mode: 'new', name: 'Brand X BigCommerce', platform: 'bigcommerce', bigcommerce: AUTHORIZED_SETUP },
};

/** Everything on the page, dialog or not: Radix portals the dialog to <body> (TOOLCHAIN gotcha 6). */
export function page(canvasElement: HTMLElement) {
  return within(canvasElement.ownerDocument.body);
}

/** The open wizard dialog, once it is there. */
export async function wizardDialog(canvasElement: HTMLElement, name = 'Add Connection') {
  return within(await page(canvasElement).findByRole('dialog', { name }));
}

/** Waits for a step's heading, checks it has focus (focus moves there on every step change) and returns it. */
export async function expectStep(scope: ReturnType<typeof within>, title: string) {
  const heading = await scope.findByRole('heading', { name: title });
  await expect(heading).toHaveFocus();
  return heading;
}

/** Makes one adapter method slower than the others (the memory adapter's `latencyMs` delays them all). */
export function delayMethod<M extends 'createConnection' | 'testWarehouseConnection' | 'listStores' | 'listOrderStatuses'>(
  adapter: MemoryAdapter,
  method: M,
  ms: number,
): MemoryAdapter {
  const original = adapter[method] as ((...args: unknown[]) => Promise<unknown>) | undefined;
  if (!original) throw new Error(`The adapter has no ${method}`);
  (adapter as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
    new Promise((resolve) => setTimeout(resolve, ms)).then(() => original.apply(adapter, args));
  return adapter;
}

/**
 * Makes `createConnection` reject the first `failures` calls (a flaky backend) and records every idempotency key
 * it was called with, so a story can show that a retry reuses the key.
 */
export function flakyCreateConnection(adapter: MemoryAdapter, failures = 1): { keys: string[] } {
  const keys: string[] = [];
  const original = adapter.createConnection.bind(adapter);
  let left = failures;
  adapter.createConnection = (input: Parameters<ConnectionAdapter['createConnection']>[0], options: { idempotencyKey: string }) => {
    keys.push(options.idempotencyKey);
    if (left > 0) {
      left -= 1;
      return Promise.reject(Object.assign(new Error('502 Bad Gateway'), { code: 'bad_gateway' }));
    }
    return original(input, options);
  };
  return { keys };
}

/** Fills **Store Name** and **Store Hash** on the store step. */
export async function fillNewStore(scope: ReturnType<typeof within>, name = 'Brand X BigCommerce', hash = 'abc123') {
  await userEvent.type(scope.getByRole('textbox', { name: 'Store Name' }), name);
  await userEvent.type(scope.getByRole('textbox', { name: 'Store Hash' }), hash);
}

/**
 * Clicks **Add connection** once it is enabled: with a valid draft it still waits for the adapter's lists (the
 * merchant's warehouse decides whether step 3 is complete), which may take a moment after the wizard mounts.
 */
export async function submitWhenReady(scope: ReturnType<typeof within>) {
  const submit = scope.getByRole('button', { name: 'Add connection' });
  await waitFor(() => expect(submit).toBeEnabled());
  await userEvent.click(submit);
}
