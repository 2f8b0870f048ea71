import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Connection, ConnectionInput } from '../src/core/adapter';
import { ConnectionError } from '../src/core/errors';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../src/testing/memory-adapter';
import { ConnectionWizard } from '../src/components/ConnectionWizard/ConnectionWizard';
import { expectNoAxeViolations } from './helpers/axe';
import {
  authorizeStore,
  completeBasics,
  completeNewMerchant,
  completeWarehouse,
  createTestQueryClient,
  deferred,
  expectStep,
  fakePopups,
  MemoryStorage,
  renderWizard,
  validDefaults,
} from './wizard-helpers';
import userEvent from '@testing-library/user-event';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const SECRET = 'sk_live_SECRET';
const GRANT = 'grant-secret-1';

/** Renders at the store step with a complete, pre-authorized draft: Add connection is enabled once lists load. */
async function readyToSubmit(options: Parameters<typeof renderWizard>[0] = {}) {
  const rendered = renderWizard({ ...options, props: { defaultStep: 'store', defaultValues: validDefaults, ...options.props } });
  await waitFor(() => expect(screen.getByRole('button', { name: 'Add connection' })).toBeEnabled());
  return rendered;
}

describe('ConnectionWizard submit', () => {
  describe('when the connection is created', () => {
    it('shows the success view with the next steps, and reports the connection', async () => {
      const { user, adapter, onComplete, events, container } = await readyToSubmit({
        props: { nextSteps: { configureSkusHref: '/skus', reviewOrderStatusHref: '/settings/order-status' } },
      });
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      expect(await screen.findByRole('heading', { name: 'Connection added' })).toHaveFocus();
      expect(screen.getByText('Brand X — BigCommerce → ACME WMS was created disabled, so nothing syncs until you turn it on.')).toBeInTheDocument();
      const nav = screen.getByRole('navigation', { name: 'Next steps' });
      expect(within(nav).getByRole('link', { name: 'Configure SKUs' })).toHaveAttribute('href', '/skus');
      expect(within(nav).getByRole('link', { name: 'Review Order Status' })).toHaveAttribute('href', '/settings/order-status');
      expect(screen.getByRole('button', { name: 'Done' })).toBeInTheDocument();
      expect(screen.getByRole('region', { name: 'Add Connection' })).toHaveAttribute('data-state', 'complete');
      expect(adapter.connections).toHaveLength(1);
      const connection = adapter.connections[0]!;
      expect(connection.enabled).toBe(false);
      expect(connection.input).toEqual<ConnectionInput>({
        name: 'Brand X — BigCommerce → ACME WMS',
        merchant: { mode: 'existing', merchantId: 'm_brandx' },
        warehouse: { mode: 'existing', warehouseId: 'w_acme' },
        store: { mode: 'new', name: 'Brand X US', platform: 'bigcommerce', settings: { storeHash: 'abc123', grantId: GRANT, orderImportStatusId: 11 } },
      });
      expect(onComplete).toHaveBeenCalledTimes(1);
      expect(onComplete.mock.calls[0]?.[0]).toMatchObject({ id: connection.id, enabled: false });
      expect(events()).toContainEqual({ type: 'connection_created', connectionId: connection.id });
      await expectNoAxeViolations(container);
    });

    it('stays created when the host’s onComplete throws, and reports the host’s error', async () => {
      const hostBug = new Error('host bug');
      const report = vi.fn();
      vi.stubGlobal('reportError', report);
      const { user, adapter, events } = await readyToSubmit({
        props: {
          onComplete: () => {
            throw hostBug;
          },
        },
      });
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      expect(await screen.findByRole('heading', { name: 'Connection added' })).toBeInTheDocument();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(report).toHaveBeenCalledWith(hostBug);
      expect(adapter.connections).toHaveLength(1);
      expect(events()).toContainEqual({ type: 'connection_created', connectionId: adapter.connections[0]!.id });
      expect(events().some((event) => event.type === 'connection_failed')).toBe(false);
    });

    it('hides the links whose href is not given', async () => {
      const { user } = await readyToSubmit({ props: { nextSteps: { configureSkusHref: '/skus' } } });
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      await screen.findByRole('heading', { name: 'Connection added' });
      expect(screen.getByRole('link', { name: 'Configure SKUs' })).toBeInTheDocument();
      expect(screen.queryByRole('link', { name: 'Review Order Status' })).not.toBeInTheDocument();
    });

    it('shows no next steps at all without nextSteps', async () => {
      const { user, container } = await readyToSubmit();
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      await screen.findByRole('heading', { name: 'Connection added' });
      expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
      expect(screen.queryByRole('link')).not.toBeInTheDocument();
      await expectNoAxeViolations(container);
    });

    it('Done closes the wizard, and the next draft starts afresh with a new idempotency key', async () => {
      const { user, adapter, events } = await readyToSubmit();
      const create = vi.spyOn(adapter, 'createConnection');
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      await user.click(await screen.findByRole('button', { name: 'Done' }));
      expect(screen.queryByRole('region', { name: 'Add Connection' })).not.toBeInTheDocument();
      expect(events()).toContainEqual({ type: 'wizard_closed', reason: 'done' });
      // The inline wizard leaves its trigger, focused, to add another connection.
      const trigger = screen.getByRole('button', { name: 'Add connection' });
      expect(trigger).toHaveFocus();
      await user.click(trigger);
      await expectStep('Store Setup');
      await waitFor(() => expect(screen.getByRole('button', { name: 'Add connection' })).toBeEnabled());
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      await screen.findByRole('heading', { name: 'Connection added' });
      expect(create).toHaveBeenCalledTimes(2);
      const [first, second] = create.mock.calls.map(([, options]) => options.idempotencyKey);
      expect(first).toEqual(expect.any(String));
      expect(second).not.toEqual(first);
      expect(adapter.connections).toHaveLength(2);
    });
  });

  describe('while the connection is being created', () => {
    it('announces it and sends nothing twice', async () => {
      const adapter = createMemoryAdapter();
      const pending = deferred<Connection>();
      const create = vi.fn((_input: ConnectionInput, _options: { idempotencyKey: string }) => pending.promise);
      adapter.createConnection = create;
      const { user, container } = await readyToSubmit({ adapter });
      const add = screen.getByRole('button', { name: 'Add connection' });
      await user.click(add);
      expect(screen.getByText('Adding connection…')).toHaveAttribute('role', 'status');
      expect(screen.getByRole('region', { name: 'Add Connection' })).toHaveAttribute('data-state', 'submitting');
      expect(add).toHaveAttribute('aria-disabled', 'true');
      await expectNoAxeViolations(container);
      await user.click(add);
      expect(create).toHaveBeenCalledTimes(1);
      pending.resolve({ id: 'c1', name: 'x', enabled: false });
      await screen.findByRole('heading', { name: 'Connection added' });
    });
  });

  describe('when createConnection fails', () => {
    it('keeps every value, shows the dictionary error, and retries with the same idempotency key', async () => {
      const options: MemoryAdapterOptions = { fail: { createConnection: { message: '<img src=x onerror=alert(1)> db down' } } };
      const adapter = createMemoryAdapter(options);
      const create = vi.spyOn(adapter, 'createConnection');
      fakePopups();
      const { user, events, container } = renderWizard({ adapter });
      await completeBasics(user, 'Northwind — BigCommerce → ACME WMS');
      await completeNewMerchant(user, 'Northwind');
      await completeWarehouse(user);
      await user.type(screen.getByRole('textbox', { name: 'Store Name' }), 'Northwind US');
      await authorizeStore(user, adapter);
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('The connection could not be added. Everything you entered is kept; try again.');
      expect(alert).toHaveTextContent('The server could not be reached. Try again.');
      expect(screen.queryByText(/db down/)).not.toBeInTheDocument();
      expect(screen.getByRole('region', { name: 'Add Connection' })).toHaveAttribute('data-state', 'failed');
      expect(events()).toContainEqual({ type: 'connection_failed', code: 'adapter_error' });
      await expectNoAxeViolations(container);

      // Nothing was lost, on this step or the earlier ones.
      expect(screen.getByRole('textbox', { name: 'Store Name' })).toHaveValue('Northwind US');
      expect(screen.getByRole('textbox', { name: 'Store Hash' })).toHaveValue('abc123');
      expect(screen.getByText('Authorized — store abc123 (owner@example.com)')).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Back' }));
      expect(screen.getByLabelText('API Key')).toHaveValue(SECRET);
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      await expectStep('Store Setup');

      // A second failure, then success: one key throughout.
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      await waitFor(() => expect(create).toHaveBeenCalledTimes(2));
      delete options.fail?.createConnection;
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      await screen.findByRole('heading', { name: 'Connection added' });
      expect(create).toHaveBeenCalledTimes(3);
      const keys = new Set(create.mock.calls.map(([, callOptions]) => callOptions.idempotencyKey));
      expect(keys.size).toBe(1);
      expect(adapter.connections).toHaveLength(1);
      expect(adapter.connections[0]?.input.warehouse).toEqual({
        mode: 'new',
        platformId: 'acme-wms',
        credentials: { accountId: 'ACCT-1', apiKey: SECRET },
      });
    });

    it('reports an invalid adapter response by its code', async () => {
      const adapter = createMemoryAdapter();
      adapter.createConnection = async () => ({ id: '', name: 'x', enabled: false });
      const { user, events } = await readyToSubmit({ adapter });
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      expect(await screen.findByRole('alert')).toHaveTextContent('The server sent an unexpected response.');
      expect(events()).toContainEqual({ type: 'connection_failed', code: 'invalid_adapter_response' });
    });

    it('passes a ConnectionError’s code through', async () => {
      const adapter = createMemoryAdapter();
      adapter.createConnection = async () => {
        throw new ConnectionError('timeout');
      };
      const { user, events } = await readyToSubmit({ adapter });
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      expect(await screen.findByRole('alert')).toHaveTextContent('Authorization took too long.');
      expect(events()).toContainEqual({ type: 'connection_failed', code: 'timeout' });
    });
  });

  describe('events', () => {
    it('report each step, the authorization and the outcome, with no secret, credential or token', async () => {
      fakePopups();
      const { user, adapter, events } = renderWizard();
      await completeBasics(user, 'Northwind — BigCommerce → ACME WMS');
      await completeNewMerchant(user, 'Northwind');
      await completeWarehouse(user, { accountId: 'ACCT-CREDENTIAL', apiKey: SECRET });
      await user.type(screen.getByRole('textbox', { name: 'Store Name' }), 'Northwind US');
      await authorizeStore(user, adapter);
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      await screen.findByRole('heading', { name: 'Connection added' });
      await user.click(screen.getByRole('button', { name: 'Done' }));
      expect(events().map((event) => event.type)).toEqual([
        'step_viewed',
        'step_viewed',
        'step_viewed',
        'step_viewed',
        'authorization_started',
        'authorization_succeeded',
        'connection_created',
        'wizard_closed',
      ]);
      expect(events().filter((event) => event.type === 'step_viewed')).toEqual(
        ['basics', 'merchant', 'warehouse', 'store'].map((step) => ({ type: 'step_viewed', step })),
      );
      const serialized = JSON.stringify(events());
      for (const secret of [SECRET, 'ACCT-CREDENTIAL', GRANT, 'token', adapter.connections[0]!.idempotencyKey]) {
        expect(serialized).not.toContain(secret);
      }
    });
  });

  describe('under StrictMode', () => {
    it('sends one createConnection per click and reports each step once', async () => {
      const adapter = createMemoryAdapter();
      const create = vi.spyOn(adapter, 'createConnection');
      const { user, events } = await readyToSubmit({ adapter, strict: true });
      await user.click(screen.getByRole('button', { name: 'Add connection' }));
      await screen.findByRole('heading', { name: 'Connection added' });
      expect(create).toHaveBeenCalledTimes(1);
      expect(adapter.connections).toHaveLength(1);
      expect(events().filter((event) => event.type === 'step_viewed')).toEqual([{ type: 'step_viewed', step: 'store' }]);
      expect(events().filter((event) => event.type === 'connection_created')).toHaveLength(1);
    });

    it('walks the steps with one step_viewed each', async () => {
      const { user, events } = renderWizard({ strict: true });
      await completeBasics(user);
      await completeNewMerchant(user);
      expect(events()).toEqual([
        { type: 'step_viewed', step: 'basics' },
        { type: 'step_viewed', step: 'merchant' },
        { type: 'step_viewed', step: 'warehouse' },
      ]);
    });
  });

  describe('two wizards on one page', () => {
    it('authorize side by side: each opens its own popup and neither supersedes the other', async () => {
      const { open } = fakePopups();
      const adapters = [createMemoryAdapter(), createMemoryAdapter()] as const;
      const user = userEvent.setup();
      const atStore = (storeHash: string) => ({ store: { name: `Store ${storeHash}`, bigcommerce: { storeHash } } });
      render(
        <>
          <ConnectionWizard adapter={adapters[0]} variant="inline" defaultStep="store" defaultValues={atStore('aaaa1')} queryClient={createTestQueryClient()} />
          <ConnectionWizard adapter={adapters[1]} variant="inline" defaultStep="store" defaultValues={atStore('bbbb2')} queryClient={createTestQueryClient()} />
        </>,
      );
      const regions = screen.getAllByRole('region', { name: 'Add Connection' }).map((region) => within(region));
      for (const region of regions) await user.click(region.getByRole('button', { name: 'Authorize' }));
      await waitFor(() => expect(adapters.every((adapter) => adapter.attempts.length === 1)).toBe(true));
      const names = open.mock.calls.map(([, name]) => name);
      expect(names).toHaveLength(2);
      expect(names[0]).not.toBe(names[1]);
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();

      adapters.forEach((adapter, index) => {
        const storeHash = index === 0 ? 'aaaa1' : 'bbbb2';
        adapter.resolveAuthorization(adapter.attempts[0]!.attemptId, { status: 'authorized', grantId: `grant-${index}`, storeHash });
      });
      window.dispatchEvent(new Event('focus'));
      expect(await regions[0]!.findByText('Authorized — store aaaa1')).toBeInTheDocument();
      expect(await regions[1]!.findByText('Authorized — store bbbb2')).toBeInTheDocument();
    });

    it('work independently: own values, own ids, own attempts, own connections', async () => {
      fakePopups();
      const adapterA = createMemoryAdapter();
      const adapterB = createMemoryAdapter();
      const user = userEvent.setup();
      render(
        <>
          <ConnectionWizard adapter={adapterA} variant="inline" queryClient={createTestQueryClient()} />
          <ConnectionWizard adapter={adapterB} variant="inline" queryClient={createTestQueryClient()} />
        </>,
      );
      const [regionA, regionB] = screen.getAllByRole('region', { name: 'Add Connection' }).map((region) => within(region));
      if (!regionA || !regionB) throw new Error('two wizards expected');
      await completeBasics(user, 'Wizard A', regionA);
      expect(regionB.getByRole('textbox', { name: 'Connection Name' })).toHaveValue('');
      await completeBasics(user, 'Wizard B', regionB);
      const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
      expect(new Set(ids).size).toBe(ids.length);

      await completeNewMerchant(user, 'Merchant A', regionA);
      await completeNewMerchant(user, 'Merchant B', regionB);
      // Radios of one wizard do not uncheck the other's.
      await completeWarehouse(user, { accountId: 'A', apiKey: 'ka' }, regionA);
      await completeWarehouse(user, { accountId: 'B', apiKey: 'kb' }, regionB);

      await user.type(regionA.getByRole('textbox', { name: 'Store Name' }), 'Store A');
      await user.type(regionB.getByRole('textbox', { name: 'Store Name' }), 'Store B');
      await authorizeStore(user, adapterA, 'aaaa1', regionA, 'grant-a');
      expect(adapterB.attempts).toHaveLength(0);
      expect(regionB.queryByText(/Authorized/)).not.toBeInTheDocument();
      await authorizeStore(user, adapterB, 'bbbb2', regionB, 'grant-b');
      expect(adapterA.attempts).toHaveLength(1);
      expect(regionA.getByText('Authorized — store aaaa1 (owner@example.com)')).toBeInTheDocument();

      await user.click(regionB.getByRole('button', { name: 'Add connection' }));
      await regionB.findByRole('heading', { name: 'Connection added' });
      expect(regionA.getByRole('button', { name: 'Add connection' })).toBeInTheDocument();
      await user.click(regionA.getByRole('button', { name: 'Add connection' }));
      await regionA.findByRole('heading', { name: 'Connection added' });
      expect(adapterA.connections.map((connection) => connection.input.name)).toEqual(['Wizard A']);
      expect(adapterB.connections.map((connection) => connection.input.name)).toEqual(['Wizard B']);
      expect(adapterA.connections[0]?.input.store).toMatchObject({ settings: { storeHash: 'aaaa1', grantId: 'grant-a' } });
      expect(adapterB.connections[0]?.input.store).toMatchObject({ settings: { storeHash: 'bbbb2', grantId: 'grant-b' } });
    });
  });
});

describe('ConnectionWizard persistDraft', () => {
  const KEY = 'test:wizard';

  async function fillEverything(storage: Storage) {
    fakePopups();
    const rendered = renderWizard({ props: { persistDraft: { key: KEY, storage } } });
    const { user, adapter } = rendered;
    await completeBasics(user, 'Resumable');
    await completeNewMerchant(user, 'Northwind');
    await completeWarehouse(user, { accountId: 'ACCT-CREDENTIAL', apiKey: SECRET });
    await user.type(screen.getByRole('textbox', { name: 'Store Name' }), 'Northwind US');
    await authorizeStore(user, adapter);
    return rendered;
  }

  it('stores the draft without credential values, secrets or the grant', async () => {
    const storage = new MemoryStorage();
    await fillEverything(storage);
    const raw = storage.getItem(KEY);
    expect(raw).not.toBeNull();
    for (const secret of [SECRET, 'ACCT-CREDENTIAL', GRANT, 'grantId', 'owner@example.com']) {
      expect(raw).not.toContain(secret);
    }
    expect(JSON.parse(raw ?? '{}')).toMatchObject({
      step: 'store',
      draft: {
        name: 'Resumable',
        merchant: { mode: 'new', name: 'Northwind' },
        warehouse: { platformId: 'acme-wms', credentials: {} },
        store: { name: 'Northwind US', bigcommerce: { storeHash: 'abc123', orderImportStatusId: 11 } },
      },
    });
  });

  describe('after a reload (remount)', () => {
    it('resumes the draft at the first step that needs input again', async () => {
      const storage = new MemoryStorage();
      const first = await fillEverything(storage);
      first.unmount();
      const { user } = renderWizard({ props: { persistDraft: { key: KEY, storage } } });
      // Credentials were not stored: the warehouse step is where the user continues.
      expect(await screen.findByRole('heading', { name: 'Warehouse Setup' })).toBeInTheDocument();
      expect(await screen.findByRole('combobox', { name: 'Warehouse Platform' })).toHaveValue('acme-wms');
      expect(screen.getByLabelText('API Key')).toHaveValue('');
      expect(screen.getByLabelText('Account ID')).toHaveValue('');
      await user.click(screen.getByRole('button', { name: 'Back' }));
      expect(screen.getByRole('textbox', { name: 'Merchant Name' })).toHaveValue('Northwind');
      await user.click(screen.getByRole('button', { name: 'Back' }));
      expect(screen.getByRole('textbox', { name: 'Connection Name' })).toHaveValue('Resumable');
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      await user.type(screen.getByLabelText('Account ID'), 'ACCT-2');
      await user.type(screen.getByLabelText('API Key'), 'k2');
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      await expectStep('Store Setup');
      expect(screen.getByRole('textbox', { name: 'Store Name' })).toHaveValue('Northwind US');
      expect(screen.getByRole('textbox', { name: 'Store Hash' })).toHaveValue('abc123');
      expect(screen.queryByText(/Authorized/)).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Add connection' })).toBeDisabled();
    });

    it('ignores a corrupted stored value', async () => {
      const storage = new MemoryStorage();
      storage.setItem(KEY, '{not json');
      renderWizard({ props: { persistDraft: { key: KEY, storage } } });
      expect(await screen.findByRole('textbox', { name: 'Connection Name' })).toHaveValue('');
    });
  });

  it('restores once under StrictMode without overwriting the stored draft first', async () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, JSON.stringify({ v: 1, step: 'merchant', draft: { name: 'Strict', merchant: { mode: 'new', name: 'Kept' } } }));
    const setItem = vi.spyOn(storage, 'setItem');
    renderWizard({ strict: true, props: { persistDraft: { key: KEY, storage } } });
    expect(await screen.findByRole('textbox', { name: 'Merchant Name' })).toHaveValue('Kept');
    await waitFor(() => expect(setItem).toHaveBeenCalled());
    expect(setItem.mock.calls.every(([, value]) => value.includes('Strict'))).toBe(true);
    expect(JSON.parse(storage.getItem(KEY) ?? '{}')).toMatchObject({ step: 'merchant', draft: { name: 'Strict' } });
  });

  it('removes the stored draft after a success', async () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, JSON.stringify({ v: 1, step: 'basics', draft: { name: 'Old' } }));
    const { user } = renderWizard({ props: { persistDraft: { key: KEY, storage }, defaultStep: 'store', defaultValues: validDefaults } });
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Connection Name' })).toHaveValue('Old'));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await expectStep('Store Setup');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add connection' })).toBeEnabled());
    expect(storage.getItem(KEY)).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Add connection' }));
    await screen.findByRole('heading', { name: 'Connection added' });
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('removes the stored draft on Cancel', async () => {
    const storage = new MemoryStorage();
    const { user } = renderWizard({ props: { persistDraft: { key: KEY, storage } } });
    await user.type(screen.getByRole('textbox', { name: 'Connection Name' }), 'Abandoned');
    await waitFor(() => expect(storage.getItem(KEY)).toContain('Abandoned'));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('uses localStorage with the default key when persistDraft is true', async () => {
    localStorage.clear();
    const { user, unmount } = renderWizard({ props: { persistDraft: true } });
    await user.type(screen.getByRole('textbox', { name: 'Connection Name' }), 'Local');
    await waitFor(() => expect(localStorage.getItem('rcw:connection-wizard:draft')).toContain('Local'));
    unmount();
    renderWizard({ props: { persistDraft: true } });
    expect(await screen.findByRole('textbox', { name: 'Connection Name' })).toHaveValue('Local');
    localStorage.clear();
  });
});
