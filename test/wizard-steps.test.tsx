import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Merchant, StoreSummary, WarehousePlatform } from '../src/core/adapter';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../src/testing/memory-adapter';
import { expectNoAxeViolations } from './helpers/axe';
import {
  authorizeStore,
  completeBasics,
  completeNewMerchant,
  completeWarehouse,
  deferred,
  expectStep,
  fakePopups,
  renderWizard,
  validDefaults,
} from './wizard-helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

function errorOf(field: HTMLElement): HTMLElement {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  const error = ids.map((id) => document.getElementById(id)).find((element) => element?.getAttribute('role') === 'alert');
  if (!error) throw new Error('the field has no linked error');
  return error;
}

describe('ConnectionWizard steps', () => {
  describe('step 1, Basic Information', () => {
    it('shows the title, the step indicator, the heading and Connection Name with its hint', async () => {
      const { container } = renderWizard();
      expect(screen.getByRole('region', { name: 'Add Connection' })).toHaveAccessibleDescription(
        'Connect a store to a warehouse for a merchant in four steps.',
      );
      const steps = within(screen.getByRole('list', { name: 'Progress' })).getAllByRole('listitem');
      // The visible number is a CSS counter (aria-hidden), so unstyled the list marker is the only number.
      expect(steps.map((step) => step.textContent?.trim())).toEqual([
        'Basic Information',
        'Merchant Information',
        'Warehouse Setup',
        'Store Setup',
      ]);
      expect(container.querySelectorAll('ol[data-slot="step-indicator"] > li > [data-slot="step-indicator-number"]')).toHaveLength(4);
      expect(steps[0]).toHaveAttribute('aria-current', 'step');
      expect(steps[1]).not.toHaveAttribute('aria-current');
      expect(screen.getByRole('heading', { name: 'Basic Information', level: 3 })).toBeInTheDocument();
      expect(screen.getByText('Step 1 of 4')).toBeInTheDocument();
      const name = screen.getByRole('textbox', { name: 'Connection Name' });
      expect(name).toHaveAccessibleDescription('A descriptive name, such as "Brand X — BigCommerce → ACME WMS".');
      expect(screen.queryByRole('button', { name: 'Back' })).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
      await expectNoAxeViolations(container);
    });

    it('leaves focus where the page had it on the inline wizard’s first mount', () => {
      renderWizard();
      expect(document.body).toHaveFocus();
    });

    describe('when Continue is pressed with no name', () => {
      it('shows the error next to the field, marks it invalid and focuses it', async () => {
        const { user, container, events } = renderWizard();
        await user.click(screen.getByRole('button', { name: 'Continue' }));
        const name = screen.getByRole('textbox', { name: 'Connection Name' });
        expect(name).toHaveAttribute('aria-invalid', 'true');
        expect(errorOf(name)).toHaveTextContent('Enter a connection name.');
        expect(name).toHaveFocus();
        expect(screen.getByRole('heading', { name: 'Basic Information' })).toBeInTheDocument();
        expect(events().filter((event) => event.type === 'step_viewed')).toEqual([{ type: 'step_viewed', step: 'basics' }]);
        await expectNoAxeViolations(container);
      });

      it('clears the error as soon as the name is typed', async () => {
        const { user } = renderWizard();
        await user.click(screen.getByRole('button', { name: 'Continue' }));
        const name = screen.getByRole('textbox', { name: 'Connection Name' });
        await user.type(name, 'A');
        expect(name).not.toHaveAttribute('aria-invalid');
        expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      });
    });

    it('rejects a name longer than 100 characters', async () => {
      const { user } = renderWizard({ props: { defaultValues: { name: 'x'.repeat(101) } } });
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      expect(errorOf(screen.getByRole('textbox', { name: 'Connection Name' }))).toHaveTextContent('Use at most 100 characters.');
    });

    it('shows the error after the field is left empty (blur)', async () => {
      const { user } = renderWizard();
      await user.click(screen.getByRole('textbox', { name: 'Connection Name' }));
      await user.tab();
      expect(errorOf(screen.getByRole('textbox', { name: 'Connection Name' }))).toHaveTextContent('Enter a connection name.');
    });

    it('moves on with a valid name, focusing the next heading and marking step 1 completed', async () => {
      const { user, events } = renderWizard();
      await completeBasics(user);
      const steps = within(screen.getByRole('list', { name: 'Progress' })).getAllByRole('listitem');
      expect(steps[0]).toHaveTextContent('Basic Information completed');
      expect(steps[1]).toHaveAttribute('aria-current', 'step');
      expect(screen.getByRole('region', { name: 'Add Connection' })).toHaveAttribute('data-step', 'merchant');
      expect(events()).toEqual([
        { type: 'step_viewed', step: 'basics' },
        { type: 'step_viewed', step: 'merchant' },
      ]);
    });
  });

  describe('step 2, Merchant Information', () => {
    it('offers the two choices as a radio group and lists the adapter’s merchants', async () => {
      const { user, container } = renderWizard();
      await completeBasics(user);
      const group = screen.getByRole('group', { name: 'Merchant' });
      expect(within(group).getByRole('radio', { name: 'Use existing merchant' })).toBeChecked();
      expect(within(group).getByRole('radio', { name: 'Create new merchant' })).not.toBeChecked();
      const select = await screen.findByRole('combobox', { name: 'Merchant' });
      expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual([
        'Select a merchant',
        'Brand X (warehouse: ACME WMS — Reno)',
        'Northwind Outfitters',
      ]);
      await expectNoAxeViolations(container);
    });

    it('says "Loading…" while the merchants load', async () => {
      const adapter = createMemoryAdapter();
      const pending = deferred<Merchant[]>();
      adapter.listMerchants = () => pending.promise;
      const { user, container } = renderWizard({ adapter });
      await completeBasics(user);
      expect(screen.getByText('Loading…')).toHaveAttribute('role', 'status');
      expect(screen.queryByRole('combobox', { name: 'Merchant' })).not.toBeInTheDocument();
      await expectNoAxeViolations(container);
      pending.resolve([{ id: 'm1', name: 'Late Merchant' }]);
      expect(await screen.findByRole('option', { name: 'Late Merchant' })).toBeInTheDocument();
    });

    it('says so when there are no merchants yet', async () => {
      const { user, container } = renderWizard({ adapterOptions: { merchants: [] } });
      await completeBasics(user);
      expect(await screen.findByText('No merchants yet. Create a new one instead.')).toBeInTheDocument();
      await expectNoAxeViolations(container);
    });

    describe('when the merchants cannot be loaded', () => {
      it('shows the error and Try again refetches, then focuses the list', async () => {
        const options: MemoryAdapterOptions = { fail: { listMerchants: true } };
        const { user, container } = renderWizard({ adapterOptions: options });
        await completeBasics(user);
        expect(await screen.findByRole('alert')).toHaveTextContent('Merchants could not be loaded.');
        await expectNoAxeViolations(container);
        delete options.fail?.listMerchants;
        await user.click(screen.getByRole('button', { name: 'Try again' }));
        const select = await screen.findByRole('combobox', { name: 'Merchant' });
        expect(select).toHaveFocus();
        expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      });
    });

    it('requires a merchant to be selected', async () => {
      const { user } = renderWizard();
      await completeBasics(user);
      const select = await screen.findByRole('combobox', { name: 'Merchant' });
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      expect(select).toHaveAttribute('aria-invalid', 'true');
      expect(errorOf(select)).toHaveTextContent('Select a merchant.');
      expect(select).toHaveFocus();
    });

    it('requires the new merchant’s name, and keeps both answers while switching', async () => {
      const { user, container } = renderWizard();
      await completeBasics(user);
      await user.selectOptions(await screen.findByRole('combobox', { name: 'Merchant' }), 'm_northwind');
      await user.click(screen.getByRole('radio', { name: 'Create new merchant' }));
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      const merchantName = screen.getByRole('textbox', { name: 'Merchant Name' });
      expect(errorOf(merchantName)).toHaveTextContent('Enter the merchant’s company name.');
      expect(merchantName).toHaveFocus();
      await expectNoAxeViolations(container);
      await user.type(merchantName, 'Acme Apparel');
      await user.click(screen.getByRole('radio', { name: 'Use existing merchant' }));
      expect(screen.getByRole('combobox', { name: 'Merchant' })).toHaveValue('m_northwind');
      await user.click(screen.getByRole('radio', { name: 'Create new merchant' }));
      expect(screen.getByRole('textbox', { name: 'Merchant Name' })).toHaveValue('Acme Apparel');
    });
  });

  describe('step 3, Warehouse Setup', () => {
    it('shows the existing merchant’s warehouse and asks for nothing', async () => {
      const { user, container } = renderWizard();
      await completeBasics(user);
      await user.selectOptions(await screen.findByRole('combobox', { name: 'Merchant' }), 'm_brandx');
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      await expectStep('Warehouse Setup');
      expect(screen.getByText('This merchant already ships from ACME WMS — Reno. Nothing to enter here.')).toBeInTheDocument();
      expect(screen.queryByRole('combobox', { name: 'Warehouse Platform' })).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Test connection' })).not.toBeInTheDocument();
      await expectNoAxeViolations(container);
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      await expectStep('Store Setup');
    });

    it('renders the platform’s credential fields from its field specs', async () => {
      const { user, container } = renderWizard();
      await completeBasics(user);
      await completeNewMerchant(user);
      const platform = await screen.findByRole('combobox', { name: 'Warehouse Platform' });
      expect(within(platform).getAllByRole('option').map((option) => option.textContent)).toEqual([
        'Select a warehouse platform',
        'ACME WMS',
        'ShipFast 3PL',
      ]);
      await user.selectOptions(platform, 'shipfast');
      const credentials = screen.getByRole('group', { name: 'Credentials' });
      const endpoint = within(credentials).getByRole('textbox', { name: 'API Endpoint' });
      expect(endpoint).toHaveAttribute('type', 'url');
      expect(endpoint).toHaveAttribute('placeholder', 'https://api.shipfast.example');
      expect(endpoint).toHaveAttribute('autocomplete', 'off');
      expect(endpoint).toBeRequired();
      const password = within(credentials).getByLabelText('Password');
      expect(password).toHaveAttribute('type', 'password');
      expect(password).toHaveAttribute('autocomplete', 'new-password');
      expect(within(credentials).getByRole('textbox', { name: 'Facility Code' })).not.toBeRequired();
      await expectNoAxeViolations(container);
    });

    it('validates every required credential and focuses the first', async () => {
      const { user, container } = renderWizard();
      await completeBasics(user);
      await completeNewMerchant(user);
      await user.selectOptions(await screen.findByRole('combobox', { name: 'Warehouse Platform' }), 'shipfast');
      await user.type(screen.getByRole('textbox', { name: 'Username' }), 'ops');
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      const endpoint = screen.getByRole('textbox', { name: 'API Endpoint' });
      expect(errorOf(endpoint)).toHaveTextContent('Enter API Endpoint.');
      expect(errorOf(screen.getByLabelText('Password'))).toHaveTextContent('Enter Password.');
      expect(screen.getByRole('textbox', { name: 'Username' })).not.toHaveAttribute('aria-invalid');
      expect(screen.getByRole('textbox', { name: 'Facility Code' })).not.toHaveAttribute('aria-invalid');
      expect(endpoint).toHaveFocus();
      await expectNoAxeViolations(container);
    });

    it('requires a platform', async () => {
      const { user } = renderWizard();
      await completeBasics(user);
      await completeNewMerchant(user);
      const platform = await screen.findByRole('combobox', { name: 'Warehouse Platform' });
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      expect(errorOf(platform)).toHaveTextContent('Select a warehouse platform.');
      expect(platform).toHaveFocus();
    });

    it('says "Loading…" while the platforms load', async () => {
      const adapter = createMemoryAdapter();
      const pending = deferred<WarehousePlatform[]>();
      adapter.listWarehousePlatforms = () => pending.promise;
      const { user } = renderWizard({ adapter });
      await completeBasics(user);
      await completeNewMerchant(user);
      expect(screen.getByText('Loading…')).toBeInTheDocument();
      pending.resolve([{ id: 'p1', name: 'Late WMS', fields: [] }]);
      expect(await screen.findByRole('option', { name: 'Late WMS' })).toBeInTheDocument();
    });

    it('says so when there are no platforms', async () => {
      const { user, container } = renderWizard({ adapterOptions: { warehousePlatforms: [] } });
      await completeBasics(user);
      await completeNewMerchant(user);
      expect(await screen.findByText('No warehouse platforms are available.')).toBeInTheDocument();
      await expectNoAxeViolations(container);
    });

    it('shows the load error with Try again', async () => {
      const options: MemoryAdapterOptions = { fail: { listWarehousePlatforms: { message: '<b>boom</b>' } } };
      const { user, container } = renderWizard({ adapterOptions: options });
      await completeBasics(user);
      await completeNewMerchant(user);
      expect(await screen.findByRole('alert')).toHaveTextContent('Warehouse platforms could not be loaded.');
      expect(screen.queryByText(/boom/)).not.toBeInTheDocument();
      await expectNoAxeViolations(container);
      delete options.fail?.listWarehousePlatforms;
      await user.click(screen.getByRole('button', { name: 'Try again' }));
      expect(await screen.findByRole('combobox', { name: 'Warehouse Platform' })).toHaveFocus();
    });

    describe('Test connection', () => {
      async function atCredentials(options: MemoryAdapterOptions = {}, adapter = createMemoryAdapter(options)) {
        const rendered = renderWizard({ adapter });
        await completeBasics(rendered.user);
        await completeNewMerchant(rendered.user);
        await rendered.user.selectOptions(await screen.findByRole('combobox', { name: 'Warehouse Platform' }), 'acme-wms');
        await rendered.user.type(screen.getByLabelText('Account ID'), 'ACCT-1');
        return rendered;
      }

      it('announces "Testing…" and then that the connection works', async () => {
        const adapter = createMemoryAdapter();
        const pending = deferred<{ ok: boolean }>();
        const test = vi.fn(() => pending.promise);
        adapter.testWarehouseConnection = test;
        const { user, container } = await atCredentials({}, adapter);
        await user.type(screen.getByLabelText('API Key'), 'sk_live_SECRET');
        await user.click(screen.getByRole('button', { name: 'Test connection' }));
        expect(screen.getByText('Testing…')).toBeInTheDocument();
        expect(screen.getByText('Testing…')).toHaveAttribute('role', 'status');
        await expectNoAxeViolations(container);
        await user.click(screen.getByRole('button', { name: 'Test connection' }));
        expect(test).toHaveBeenCalledTimes(1);
        expect(test).toHaveBeenCalledWith({ platformId: 'acme-wms', credentials: { accountId: 'ACCT-1', apiKey: 'sk_live_SECRET' } });
        pending.resolve({ ok: true });
        expect(await screen.findByText('Connection works.')).toHaveAttribute('role', 'status');
        await expectNoAxeViolations(container);
      });

      it('says when the warehouse rejects the credentials', async () => {
        const { user, container } = await atCredentials();
        await user.type(screen.getByLabelText('API Key'), 'wrong');
        await user.click(screen.getByRole('button', { name: 'Test connection' }));
        expect(await screen.findByRole('alert')).toHaveTextContent('The warehouse rejected these credentials.');
        await expectNoAxeViolations(container);
        await user.type(screen.getByLabelText('API Key'), '-fixed');
        expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      });

      it('says when the test could not run, keeping the values', async () => {
        const { user } = await atCredentials({ fail: { testWarehouseConnection: true } });
        await user.type(screen.getByLabelText('API Key'), 'sk_live_SECRET');
        await user.click(screen.getByRole('button', { name: 'Test connection' }));
        expect(await screen.findByRole('alert')).toHaveTextContent('The test could not run. Try again.');
        expect(screen.getByLabelText('API Key')).toHaveValue('sk_live_SECRET');
        expect(screen.getByLabelText('Account ID')).toHaveValue('ACCT-1');
      });

      it('checks the fields first and does not call the adapter while one is missing', async () => {
        const adapter = createMemoryAdapter();
        const test = vi.spyOn(adapter, 'testWarehouseConnection');
        const { user } = await atCredentials({}, adapter);
        await user.click(screen.getByRole('button', { name: 'Test connection' }));
        expect(errorOf(screen.getByLabelText('API Key'))).toHaveTextContent('Enter API Key.');
        expect(screen.getByLabelText('API Key')).toHaveFocus();
        expect(test).not.toHaveBeenCalled();
      });

      it('is not offered when the adapter has no testWarehouseConnection', async () => {
        await atCredentials({ testWarehouseConnection: false });
        expect(screen.getByLabelText('API Key')).toBeInTheDocument();
        expect(screen.queryByRole('button', { name: 'Test connection' })).not.toBeInTheDocument();
      });
    });
  });

  describe('step 4, Store Setup', () => {
    it('shows the new-store form directly when the adapter has no listStores', async () => {
      const { user, container } = renderWizard();
      await completeBasics(user);
      await completeNewMerchant(user);
      await completeWarehouse(user);
      expect(screen.queryByRole('radio', { name: 'Create new store' })).not.toBeInTheDocument();
      expect(screen.getByRole('textbox', { name: 'Store Name' })).toBeInTheDocument();
      const platform = screen.getByRole('combobox', { name: 'Platform' });
      expect(platform).toHaveValue('bigcommerce');
      expect(within(platform).getByRole('option', { name: 'BigCommerce' })).toBeInTheDocument();
      expect(screen.getByRole('textbox', { name: 'Store Hash' })).toBeInTheDocument();
      expect(screen.getByRole('combobox', { name: 'Order Import Status' })).toHaveValue('11');
      const add = screen.getByRole('button', { name: 'Add connection' });
      expect(add).toBeDisabled();
      expect(add).toHaveAccessibleDescription('Add connection becomes available once the store is named and authorized.');
      await expectNoAxeViolations(container);
    });

    it('enables Add connection once the store is named and authorized', async () => {
      fakePopups();
      const { user, adapter, container } = renderWizard();
      await completeBasics(user);
      await completeNewMerchant(user);
      await completeWarehouse(user);
      await user.type(screen.getByRole('textbox', { name: 'Store Name' }), 'Northwind US');
      await authorizeStore(user, adapter);
      expect(screen.getByRole('button', { name: 'Add connection' })).toBeEnabled();
      await expectNoAxeViolations(container);
    });

    it('shows the Store Name error when the field is left empty', async () => {
      const { user } = renderWizard();
      await completeBasics(user);
      await completeNewMerchant(user);
      await completeWarehouse(user);
      const storeName = screen.getByRole('textbox', { name: 'Store Name' });
      await user.click(storeName);
      await user.tab();
      expect(errorOf(storeName)).toHaveTextContent('Enter a store name.');
    });

    describe('when the adapter has listStores', () => {
      const stores: StoreSummary[] = [{ id: 's_1', name: 'Brand X BigCommerce', platform: 'bigcommerce' }];

      it('offers Create new store (default) or Use existing store', async () => {
        const { user, container } = renderWizard({ adapterOptions: { stores }, props: { defaultValues: validDefaults } });
        for (const title of ['Merchant Information', 'Warehouse Setup', 'Store Setup']) {
          await user.click(screen.getByRole('button', { name: 'Continue' }));
          await expectStep(title);
        }
        const group = screen.getByRole('group', { name: 'Store' });
        expect(within(group).getByRole('radio', { name: 'Create new store' })).toBeChecked();
        await user.click(within(group).getByRole('radio', { name: 'Use existing store' }));
        expect(screen.queryByRole('textbox', { name: 'Store Name' })).not.toBeInTheDocument();
        const select = await screen.findByRole('combobox', { name: 'Store' });
        await expectNoAxeViolations(container);
        await user.selectOptions(select, 's_1');
        expect(screen.getByRole('button', { name: 'Add connection' })).toBeEnabled();
        await user.click(within(group).getByRole('radio', { name: 'Create new store' }));
        expect(screen.getByRole('textbox', { name: 'Store Name' })).toHaveValue('Brand X US');
      });

      it('asks for a store when Use existing store is chosen and none is selected', async () => {
        const { user } = renderWizard({
          adapterOptions: { stores },
          props: { defaultStep: 'store', defaultValues: { ...validDefaults, store: { mode: 'existing' } } },
        });
        const select = await screen.findByRole('combobox', { name: 'Store' });
        expect(screen.getByRole('button', { name: 'Add connection' })).toBeDisabled();
        await user.click(select);
        await user.tab();
        expect(errorOf(select)).toHaveTextContent('Select a store.');
      });

      it('shows loading, empty and error states for the stores', async () => {
        const adapter = createMemoryAdapter({ stores });
        const pending = deferred<StoreSummary[]>();
        let answer: () => Promise<StoreSummary[]> = () => pending.promise;
        adapter.listStores = () => answer();
        const { user, container } = renderWizard({
          adapter,
          props: { defaultStep: 'store', defaultValues: { ...validDefaults, store: { mode: 'existing' } } },
        });
        expect(screen.getByText('Loading…')).toBeInTheDocument();
        answer = () => Promise.reject(new Error('down'));
        pending.reject(new Error('down'));
        expect(await screen.findByText('Stores could not be loaded.')).toHaveAttribute('role', 'alert');
        await expectNoAxeViolations(container);
        answer = () => Promise.resolve([]);
        await user.click(screen.getByRole('button', { name: 'Try again' }));
        expect(await screen.findByText('No stores yet. Create a new one instead.')).toBeInTheDocument();
        await expectNoAxeViolations(container);
      });
    });
  });

  describe('Back and Continue', () => {
    it('never lose anything typed, credentials included', async () => {
      const { user } = renderWizard();
      await completeBasics(user, 'Keep me');
      await completeNewMerchant(user, 'Kept Merchant');
      await completeWarehouse(user, { accountId: 'ACCT-9', apiKey: 'sk_live_KEEP' });
      await user.type(screen.getByRole('textbox', { name: 'Store Name' }), 'Kept Store');
      await user.type(screen.getByRole('textbox', { name: 'Store Hash' }), 'abc123');
      await user.click(screen.getByRole('button', { name: 'Back' }));
      await expectStep('Warehouse Setup');
      expect(screen.getByLabelText('API Key')).toHaveValue('sk_live_KEEP');
      await user.click(screen.getByRole('button', { name: 'Back' }));
      await expectStep('Merchant Information');
      expect(screen.getByRole('textbox', { name: 'Merchant Name' })).toHaveValue('Kept Merchant');
      await user.click(screen.getByRole('button', { name: 'Back' }));
      await expectStep('Basic Information');
      expect(screen.getByRole('textbox', { name: 'Connection Name' })).toHaveValue('Keep me');
      for (const title of ['Merchant Information', 'Warehouse Setup', 'Store Setup']) {
        await user.click(screen.getByRole('button', { name: 'Continue' }));
        await expectStep(title);
      }
      expect(screen.getByRole('textbox', { name: 'Store Name' })).toHaveValue('Kept Store');
      expect(screen.getByRole('textbox', { name: 'Store Hash' })).toHaveValue('abc123');
    });

    it('points to an earlier step that is incomplete from the last step', async () => {
      const { user } = renderWizard({ props: { defaultStep: 'store', defaultValues: { ...validDefaults, name: '' } } });
      expect(await screen.findByText('Basic Information is not complete yet.')).toBeInTheDocument();
      await waitFor(() => expect(screen.getByRole('button', { name: 'Add connection' })).toBeDisabled());
      await user.click(screen.getByRole('button', { name: 'Go to Basic Information' }));
      await expectStep('Basic Information');
    });
  });
});
