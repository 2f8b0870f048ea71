import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, type within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type ReactElement, StrictMode } from 'react';
import { expect, vi } from 'vitest';
import { ConnectionWizard, type ConnectionWizardProps } from '../src/components/ConnectionWizard/ConnectionWizard';
import type { DraftDefaults } from '../src/core/draft';
import type { WizardEvent } from '../src/react/use-wizard';
import { createMemoryAdapter, type MemoryAdapter, type MemoryAdapterOptions } from '../src/testing/memory-adapter';
import { FakePopup } from './helpers/popup-harness';

/*
 * Shared set-up of the ConnectionWizard tests: a memory adapter, a fresh QueryClient (retry: false) per test, spies
 * for the callbacks, and steps to walk the wizard by role and accessible name.
 */

export type User = ReturnType<typeof userEvent.setup>;

export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

export interface RenderWizardOptions {
  adapter?: MemoryAdapter;
  adapterOptions?: MemoryAdapterOptions;
  strict?: boolean;
  props?: Partial<ConnectionWizardProps>;
}

export function renderWizard({ adapter: given, adapterOptions, strict = false, props = {} }: RenderWizardOptions = {}) {
  const adapter = given ?? createMemoryAdapter(adapterOptions);
  const queryClient = createTestQueryClient();
  const onEvent = vi.fn<(event: WizardEvent) => void>();
  const onComplete = vi.fn();
  const user = userEvent.setup();
  const element = (overrides: Partial<ConnectionWizardProps> = {}): ReactElement => {
    const wizard = (
      <ConnectionWizard
        adapter={adapter}
        variant="inline"
        queryClient={queryClient}
        onEvent={onEvent}
        onComplete={onComplete}
        {...props}
        {...overrides}
      />
    );
    return strict ? <StrictMode>{wizard}</StrictMode> : wizard;
  };
  const result = render(element());
  return {
    ...result,
    adapter,
    queryClient,
    onEvent,
    onComplete,
    user,
    rerenderWith: (overrides: Partial<ConnectionWizardProps>) => result.rerender(element(overrides)),
    events: () => onEvent.mock.calls.map(([event]) => event),
  };
}

/** `window.open` returns fake popups (the popup engine writes to them and navigates them). */
export function fakePopups() {
  const popups: FakePopup[] = [];
  const open = vi.spyOn(window, 'open').mockImplementation(() => {
    const popup = new FakePopup();
    popups.push(popup);
    return popup as unknown as Window;
  });
  return { open, popups };
}

/** What a fully filled draft looks like when a host pre-fills it (an authorized store included). */
export const validDefaults: DraftDefaults = {
  name: 'Brand X — BigCommerce → ACME WMS',
  merchant: { mode: 'existing', merchantId: 'm_brandx' },
  store: {
    name: 'Brand X US',
    bigcommerce: { storeHash: 'abc123', authorization: { grantId: 'grant-secret-1', storeHash: 'abc123' }, orderImportStatusId: 11 },
  },
};

export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Scope = ReturnType<typeof within> | typeof screen;

export async function expectStep(title: string, scope: Scope = screen) {
  const heading = await scope.findByRole('heading', { name: title, level: 3 });
  expect(heading).toHaveFocus();
  return heading;
}

export async function completeBasics(user: User, name = 'Northwind — BigCommerce → ACME WMS', scope: Scope = screen) {
  await user.type(scope.getByRole('textbox', { name: 'Connection Name' }), name);
  await user.click(scope.getByRole('button', { name: 'Continue' }));
  await expectStep('Merchant Information', scope);
}

export async function completeNewMerchant(user: User, name = 'Northwind', scope: Scope = screen) {
  await user.click(scope.getByRole('radio', { name: 'Create new merchant' }));
  await user.type(scope.getByRole('textbox', { name: 'Merchant Name' }), name);
  await user.click(scope.getByRole('button', { name: 'Continue' }));
  await expectStep('Warehouse Setup', scope);
}

export async function completeWarehouse(user: User, credentials = { accountId: 'ACCT-1', apiKey: 'sk_live_SECRET' }, scope: Scope = screen) {
  await user.selectOptions(await scope.findByRole('combobox', { name: 'Warehouse Platform' }), 'acme-wms');
  await user.type(scope.getByLabelText('Account ID'), credentials.accountId);
  await user.type(scope.getByLabelText('API Key'), credentials.apiKey);
  await user.click(scope.getByRole('button', { name: 'Continue' }));
  await expectStep('Store Setup', scope);
}

/** Types the hash, clicks Authorize, lets "the server" authorize the attempt and the page regain focus. */
export async function authorizeStore(user: User, adapter: MemoryAdapter, storeHash = 'abc123', scope: Scope = screen, grantId = 'grant-secret-1') {
  await user.type(scope.getByRole('textbox', { name: 'Store Hash' }), storeHash);
  await user.click(scope.getByRole('button', { name: 'Authorize' }));
  await waitFor(() => expect(adapter.attempts).toHaveLength(1));
  const attempt = adapter.attempts.at(-1)!;
  adapter.resolveAuthorization(attempt.attemptId, { status: 'authorized', grantId, storeHash, ownerEmail: 'owner@example.com' });
  window.dispatchEvent(new Event('focus'));
  await scope.findByText(`Authorized — store ${storeHash} (owner@example.com)`);
}

/** A `Storage` over a Map, to read exactly what the wizard wrote. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
}
