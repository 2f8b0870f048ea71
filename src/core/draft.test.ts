import { describe, expect, it } from 'vitest';
import { sampleMerchants, sampleWarehousePlatforms } from '../testing/memory-adapter';
import {
  type ConnectionDraft,
  createDraft,
  type DraftContext,
  firstInvalidStep,
  fromStoredDraft,
  toConnectionInput,
  toStoredDraft,
  validateStep,
} from './draft';

const context: DraftContext = { merchants: sampleMerchants, warehousePlatforms: sampleWarehousePlatforms };

function completeDraft(): ConnectionDraft {
  const draft = createDraft({ name: '  Brand X — BigCommerce → ACME WMS ' });
  draft.merchant = { mode: 'new', merchantId: '', name: ' Northwind ' };
  draft.warehouse = { platformId: 'acme-wms', credentials: { accountId: 'A-1', apiKey: 's3cret', stray: 'x' } };
  draft.store.name = 'Northwind US';
  draft.store.bigcommerce = {
    storeHash: 'ABC123',
    authorization: { grantId: 'g1', storeHash: 'abc123', ownerEmail: 'owner@example.com' },
    orderImportStatusId: 11,
  };
  return draft;
}

describe('createDraft', () => {
  it('starts with the wizard defaults: existing merchant, new BigCommerce store, Awaiting Fulfillment', () => {
    const draft = createDraft();
    expect(draft).toEqual({
      name: '',
      merchant: { mode: 'existing', merchantId: '', name: '' },
      warehouse: { platformId: '', credentials: {} },
      store: { mode: 'new', storeId: '', name: '', platform: 'bigcommerce', bigcommerce: { storeHash: '', orderImportStatusId: 11 } },
    });
  });

  it('merges host defaults at any depth', () => {
    const draft = createDraft({ name: 'X', store: { bigcommerce: { storeHash: 'abcd1' } } });
    expect(draft.name).toBe('X');
    expect(draft.store.bigcommerce).toEqual({ storeHash: 'abcd1', orderImportStatusId: 11 });
  });
});

describe('validateStep', () => {
  describe('basics', () => {
    it('requires a trimmed name of 1–100 characters', () => {
      expect(validateStep('basics', createDraft({ name: '   ' }))).toEqual({ name: { message: 'basics.connectionNameRequired' } });
      expect(validateStep('basics', createDraft({ name: 'x'.repeat(101) }))).toEqual({
        name: { message: 'basics.connectionNameTooLong', values: { max: 100 } },
      });
      expect(validateStep('basics', createDraft({ name: ` ${'x'.repeat(100)} ` }))).toEqual({});
    });
  });

  describe('merchant', () => {
    it('requires a known merchant, or a company name for a new one', () => {
      expect(validateStep('merchant', createDraft(), context)).toEqual({ 'merchant.merchantId': { message: 'merchant.merchantRequired' } });
      expect(validateStep('merchant', createDraft({ merchant: { merchantId: 'nope' } }), context)).toHaveProperty('merchant.merchantId');
      expect(validateStep('merchant', createDraft({ merchant: { merchantId: 'm_brandx' } }), context)).toEqual({});
      expect(validateStep('merchant', createDraft({ merchant: { mode: 'new', name: ' ' } }), context)).toEqual({
        'merchant.name': { message: 'merchant.merchantNameRequired' },
      });
    });
  });

  describe('warehouse', () => {
    it('asks nothing when the existing merchant has a warehouse', () => {
      expect(validateStep('warehouse', createDraft({ merchant: { merchantId: 'm_brandx' } }), context)).toEqual({});
    });

    it('requires a platform and each required credential field', () => {
      expect(validateStep('warehouse', createDraft({ merchant: { merchantId: 'm_northwind' } }), context)).toEqual({
        'warehouse.platformId': { message: 'warehouse.platformRequired' },
      });
      const draft = createDraft({ merchant: { mode: 'new', name: 'N' }, warehouse: { platformId: 'shipfast', credentials: { username: 'u' } } });
      expect(validateStep('warehouse', draft, context)).toEqual({
        'warehouse.credentials.endpoint': { message: 'warehouse.fieldRequired', values: { label: 'API Endpoint' } },
        'warehouse.credentials.password': { message: 'warehouse.fieldRequired', values: { label: 'Password' } },
      });
    });
  });

  describe('store', () => {
    it('requires a store name, a valid hash and an authorization for that hash', () => {
      expect(validateStep('store', createDraft(), context)).toEqual({
        'store.name': { message: 'store.storeNameRequired' },
        'store.storeHash': { message: 'storeHash.rejected.empty' },
      });
      const draft = completeDraft();
      draft.store.bigcommerce.storeHash = 'other1';
      expect(validateStep('store', draft, context)).toEqual({ 'store.authorization': { message: 'authorize.required' } });
    });

    it('requires a store when an existing one is chosen and the adapter offers them', () => {
      const draft = createDraft({ store: { mode: 'existing' } });
      expect(validateStep('store', draft, { ...context, canUseExistingStore: true })).toEqual({
        'store.storeId': { message: 'store.storeRequired' },
      });
    });

    it('rejects an order import status id BigCommerce does not define', () => {
      const draft = completeDraft();
      draft.store.bigcommerce.orderImportStatusId = 42;
      expect(validateStep('store', draft, context)).toHaveProperty('store.orderImportStatusId');
    });

    it('accepts the built-in ids 0–14 and no other number', () => {
      const draft = completeDraft();
      for (const id of [0, 14]) {
        draft.store.bigcommerce.orderImportStatusId = id;
        expect(validateStep('store', draft, context)).toEqual({});
      }
      for (const id of [-1, 1.5, 15, Number.NaN]) {
        draft.store.bigcommerce.orderImportStatusId = id;
        expect(validateStep('store', draft, context)).toEqual({ 'store.orderImportStatusId': { message: 'importStatus.invalid' } });
      }
    });
  });
});

describe('firstInvalidStep and toConnectionInput', () => {
  it('finds the first step with errors', () => {
    expect(firstInvalidStep(createDraft(), context)).toBe('basics');
    const draft = completeDraft();
    draft.store.name = '';
    expect(firstInvalidStep(draft, context)).toBe('store');
    expect(firstInvalidStep(completeDraft(), context)).toBeUndefined();
  });

  it('builds the adapter input: trimmed, normalised hash, only declared credential fields', () => {
    expect(toConnectionInput(completeDraft(), context)).toEqual({
      name: 'Brand X — BigCommerce → ACME WMS',
      merchant: { mode: 'new', name: 'Northwind' },
      warehouse: { mode: 'new', platformId: 'acme-wms', credentials: { accountId: 'A-1', apiKey: 's3cret' } },
      store: {
        mode: 'new',
        name: 'Northwind US',
        platform: 'bigcommerce',
        settings: { storeHash: 'abc123', grantId: 'g1', orderImportStatusId: 11 },
      },
    });
  });

  it('uses the existing warehouse of an existing merchant and an existing store', () => {
    const draft = completeDraft();
    draft.merchant = { mode: 'existing', merchantId: 'm_brandx', name: '' };
    draft.store.mode = 'existing';
    draft.store.storeId = 's1';
    expect(toConnectionInput(draft, { ...context, canUseExistingStore: true })).toMatchObject({
      merchant: { mode: 'existing', merchantId: 'm_brandx' },
      warehouse: { mode: 'existing', warehouseId: 'w_acme' },
      store: { mode: 'existing', storeId: 's1' },
    });
  });
});

describe('stored drafts', () => {
  it('never keeps credential values or the authorization grant', () => {
    const stored = JSON.stringify(toStoredDraft(completeDraft()));
    expect(stored).not.toContain('s3cret');
    expect(stored).not.toContain('A-1');
    expect(stored).not.toContain('g1');
    expect(stored).toContain('Northwind US');
  });

  it('round-trips what it keeps', () => {
    const restored = createDraft(fromStoredDraft(JSON.parse(JSON.stringify(toStoredDraft(completeDraft())))));
    expect(restored.name).toBe('  Brand X — BigCommerce → ACME WMS ');
    expect(restored.store.bigcommerce).toEqual({ storeHash: 'ABC123', orderImportStatusId: 11 });
    expect(restored.warehouse).toEqual({ platformId: 'acme-wms', credentials: {} });
  });

  it('ignores junk and unknown modes from storage', () => {
    expect(fromStoredDraft(null)).toBeUndefined();
    expect(fromStoredDraft('x')).toBeUndefined();
    const restored = createDraft(fromStoredDraft({ name: 5, merchant: { mode: 'evil' }, store: { bigcommerce: { orderImportStatusId: '11' } } }));
    expect(restored).toEqual(createDraft());
  });
});
