import { screen } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';

/*
 * Walks the inline ConnectionWizard to a step by role and accessible name (DESIGN §1 names), with user-event, as a
 * user would. Used by the render-count benchmark and by test/bench-render.test.tsx; no test-runner imports here.
 */

export type User = ReturnType<typeof userEvent.setup>;

export async function waitForStep(title: string): Promise<void> {
  await screen.findByRole('heading', { name: title, level: 3 });
}

export async function fillBasics(user: User): Promise<void> {
  await user.type(screen.getByRole('textbox', { name: 'Connection Name' }), 'Northwind — BigCommerce → ACME WMS');
}

export async function fillMerchant(user: User): Promise<void> {
  await user.click(screen.getByRole('radio', { name: 'Create new merchant' }));
  await user.type(screen.getByRole('textbox', { name: 'Merchant Name' }), 'Northwind');
}

export async function fillWarehouse(user: User): Promise<void> {
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Warehouse Platform' }), 'acme-wms');
  await user.type(screen.getByLabelText('Account ID'), 'ACCT-1');
  await user.type(screen.getByLabelText('API Key'), 'sk_test_1');
}

export async function clickContinue(user: User): Promise<void> {
  await user.click(screen.getByRole('button', { name: 'Continue' }));
}

/** Basic Information → Merchant Information → Warehouse Setup → Store Setup. */
export async function goToStoreStep(user: User): Promise<void> {
  await waitForStep('Basic Information');
  await fillBasics(user);
  await clickContinue(user);
  await waitForStep('Merchant Information');
  await fillMerchant(user);
  await clickContinue(user);
  await waitForStep('Warehouse Setup');
  await fillWarehouse(user);
  await clickContinue(user);
  await waitForStep('Store Setup');
}
