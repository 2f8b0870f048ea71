import type { ConnectionInput, Merchant, WarehousePlatform } from './adapter';
import { BIGCOMMERCE_ORDER_STATUSES, DEFAULT_ORDER_IMPORT_STATUS_ID } from './order-statuses';
import { parseStoreHash } from './store-hash';

/*
 * The wizard's draft: everything the four steps collect, as plain data. Validation is per step and returns
 * field-level errors as message keys, so the React layer only renders them.
 */

export const STEP_IDS = ['basics', 'merchant', 'warehouse', 'store'] as const;
export type StepId = (typeof STEP_IDS)[number];

export const CONNECTION_NAME_MAX_LENGTH = 100;

/** The outcome of a confirmed authorization, as kept in the draft. */
export interface StoreAuthorization {
  grantId: string;
  storeHash: string;
  ownerEmail?: string;
}

/** The value of `BigCommerceStoreSetup`. */
export interface BigCommerceSetupValue {
  storeHash: string;
  authorization?: StoreAuthorization;
  orderImportStatusId: number;
}

export interface ConnectionDraft {
  name: string;
  merchant: { mode: 'existing' | 'new'; merchantId: string; name: string };
  warehouse: { platformId: string; credentials: Record<string, string> };
  store: {
    mode: 'new' | 'existing';
    storeId: string;
    name: string;
    platform: 'bigcommerce';
    bigcommerce: BigCommerceSetupValue;
  };
}

/** Partial values a host may pre-fill (`defaultValues`). */
export type DraftDefaults = {
  name?: string;
  merchant?: Partial<ConnectionDraft['merchant']>;
  warehouse?: Partial<ConnectionDraft['warehouse']>;
  store?: Partial<Omit<ConnectionDraft['store'], 'bigcommerce'>> & { bigcommerce?: Partial<BigCommerceSetupValue> };
};

/** What validation needs to know beyond the draft: the adapter's lists, once loaded. */
export interface DraftContext {
  merchants?: ReadonlyArray<Merchant>;
  warehousePlatforms?: ReadonlyArray<WarehousePlatform>;
  /** Whether the adapter offers `listStores` (the existing-store choice). */
  canUseExistingStore?: boolean;
}

/**
 * A field error: `message` is a dotted key of the dictionary (e.g. `basics.connectionNameRequired`), `values`
 * fills its placeholders.
 */
export interface FieldError {
  message: string;
  values?: Record<string, string | number>;
}

/** Field path → error. Paths: `name`, `merchant.merchantId`, `warehouse.credentials.<field>`, `store.storeHash`… */
export type FieldErrors = Record<string, FieldError>;

export const defaultBigCommerceSetupValue: BigCommerceSetupValue = {
  storeHash: '',
  orderImportStatusId: DEFAULT_ORDER_IMPORT_STATUS_ID,
};

/** A fresh draft with the wizard's defaults, merged with the host's `defaultValues`. */
export function createDraft(defaults: DraftDefaults = {}): ConnectionDraft {
  return {
    name: defaults.name ?? '',
    merchant: { mode: 'existing', merchantId: '', name: '', ...defaults.merchant },
    warehouse: { platformId: '', ...defaults.warehouse, credentials: { ...defaults.warehouse?.credentials } },
    store: {
      mode: 'new',
      storeId: '',
      name: '',
      platform: 'bigcommerce',
      ...defaults.store,
      bigcommerce: { ...defaultBigCommerceSetupValue, ...defaults.store?.bigcommerce },
    },
  };
}

/** The merchant chosen in step 2, when it is an existing one. */
export function selectedMerchant(draft: ConnectionDraft, context: DraftContext): Merchant | undefined {
  if (draft.merchant.mode !== 'existing') return undefined;
  return context.merchants?.find((merchant) => merchant.id === draft.merchant.merchantId);
}

/** An existing merchant with a warehouse needs no warehouse step input. */
export function existingWarehouse(draft: ConnectionDraft, context: DraftContext) {
  return selectedMerchant(draft, context)?.warehouse;
}

export function selectedPlatform(draft: ConnectionDraft, context: DraftContext): WarehousePlatform | undefined {
  return context.warehousePlatforms?.find((platform) => platform.id === draft.warehouse.platformId);
}

/** Validates the BigCommerce section alone (used by the wizard's store step and by `BigCommerceStoreSetup`). */
export function validateBigCommerceSetup(value: BigCommerceSetupValue): FieldErrors {
  const errors: FieldErrors = {};
  const parsed = parseStoreHash(value.storeHash);
  if (!parsed.ok) {
    errors.storeHash = { message: `storeHash.rejected.${parsed.reason}` };
  } else if (!value.authorization || value.authorization.storeHash !== parsed.storeHash) {
    errors.authorization = { message: 'authorize.required' };
  }
  if (!BIGCOMMERCE_ORDER_STATUSES.some((status) => status.id === value.orderImportStatusId)) {
    errors.orderImportStatusId = { message: 'importStatus.invalid' };
  }
  return errors;
}

const validators: Record<StepId, (draft: ConnectionDraft, context: DraftContext) => FieldErrors> = {
  basics(draft): FieldErrors {
    const name = draft.name.trim();
    if (name === '') return { name: { message: 'basics.connectionNameRequired' } };
    if (name.length > CONNECTION_NAME_MAX_LENGTH) {
      return { name: { message: 'basics.connectionNameTooLong', values: { max: CONNECTION_NAME_MAX_LENGTH } } };
    }
    return {};
  },
  merchant(draft, context): FieldErrors {
    if (draft.merchant.mode === 'new') {
      return draft.merchant.name.trim() === '' ? { 'merchant.name': { message: 'merchant.merchantNameRequired' } } : {};
    }
    const known = context.merchants ? selectedMerchant(draft, context) !== undefined : draft.merchant.merchantId !== '';
    return known ? {} : { 'merchant.merchantId': { message: 'merchant.merchantRequired' } };
  },
  warehouse(draft, context) {
    if (existingWarehouse(draft, context)) return {};
    const platform = selectedPlatform(draft, context);
    if (!platform) return { 'warehouse.platformId': { message: 'warehouse.platformRequired' } };
    const errors: FieldErrors = {};
    for (const field of platform.fields) {
      if (field.required === false) continue;
      if ((draft.warehouse.credentials[field.name] ?? '').trim() === '') {
        errors[`warehouse.credentials.${field.name}`] = { message: 'warehouse.fieldRequired', values: { label: field.label } };
      }
    }
    return errors;
  },
  store(draft, context) {
    if (draft.store.mode === 'existing' && context.canUseExistingStore) {
      return draft.store.storeId === '' ? { 'store.storeId': { message: 'store.storeRequired' } } : {};
    }
    const errors: FieldErrors = {};
    if (draft.store.name.trim() === '') errors['store.name'] = { message: 'store.storeNameRequired' };
    for (const [key, error] of Object.entries(validateBigCommerceSetup(draft.store.bigcommerce))) {
      errors[`store.${key}`] = error;
    }
    return errors;
  },
};

/**
 * Field errors of one step; an empty object when the step is valid.
 *
 * @example
 * validateStep('basics', createDraft(), {}) // → { name: { message: 'basics.connectionNameRequired' } }
 */
export function validateStep(step: StepId, draft: ConnectionDraft, context: DraftContext = {}): FieldErrors {
  return validators[step](draft, context);
}

/** The first step with errors, or undefined when the whole draft is valid. */
export function firstInvalidStep(draft: ConnectionDraft, context: DraftContext = {}): StepId | undefined {
  return STEP_IDS.find((step) => Object.keys(validateStep(step, draft, context)).length > 0);
}

/**
 * The adapter's `ConnectionInput` for a valid draft (trimmed names, only the chosen branch of each step, only
 * the declared credential fields). Call it after `firstInvalidStep` returned undefined.
 */
export function toConnectionInput(draft: ConnectionDraft, context: DraftContext = {}): ConnectionInput {
  const warehouse = existingWarehouse(draft, context);
  const platform = selectedPlatform(draft, context);
  const credentials: Record<string, string> = {};
  for (const field of platform?.fields ?? []) {
    const value = draft.warehouse.credentials[field.name];
    if (value !== undefined && value !== '') credentials[field.name] = value;
  }
  const bigcommerce = draft.store.bigcommerce;
  const parsed = parseStoreHash(bigcommerce.storeHash);
  return {
    name: draft.name.trim(),
    merchant:
      draft.merchant.mode === 'existing'
        ? { mode: 'existing', merchantId: draft.merchant.merchantId }
        : { mode: 'new', name: draft.merchant.name.trim() },
    warehouse: warehouse
      ? { mode: 'existing', warehouseId: warehouse.id }
      : { mode: 'new', platformId: draft.warehouse.platformId, credentials },
    store:
      draft.store.mode === 'existing' && context.canUseExistingStore
        ? { mode: 'existing', storeId: draft.store.storeId }
        : {
            mode: 'new',
            name: draft.store.name.trim(),
            platform: 'bigcommerce',
            settings: {
              storeHash: parsed.ok ? parsed.storeHash : bigcommerce.storeHash,
              grantId: bigcommerce.authorization?.grantId ?? '',
              orderImportStatusId: bigcommerce.orderImportStatusId,
            },
          },
  };
}

/**
 * The draft as it may be stored for `persistDraft`: credential values and the authorization grant are dropped,
 * so nothing secret reaches `localStorage`. The user re-enters credentials and re-authorizes after a reload.
 */
export function toStoredDraft(draft: ConnectionDraft): DraftDefaults {
  const { authorization: _dropped, ...bigcommerce } = draft.store.bigcommerce;
  return {
    name: draft.name,
    merchant: { ...draft.merchant },
    warehouse: { platformId: draft.warehouse.platformId, credentials: {} },
    store: { ...draft.store, bigcommerce },
  };
}

type FieldRule = 'string' | 'number' | ReadonlyArray<string>;

/**
 * The fields of `source` that pass their rule — a `typeof`, or a list of allowed values — and no other. Anything
 * that is not an object reads as an empty one.
 */
function pickFields(source: unknown, rules: Record<string, FieldRule>): Record<string, unknown> {
  const record = typeof source === 'object' && source !== null ? (source as Record<string, unknown>) : {};
  const picked: Record<string, unknown> = {};
  for (const [key, rule] of Object.entries(rules)) {
    const value = record[key];
    if (typeof rule === 'string' ? typeof value === rule : rule.includes(value as string)) picked[key] = value;
  }
  return picked;
}

/** Reads a stored draft back, accepting only known string/number fields (storage is user-controlled input). */
export function fromStoredDraft(raw: unknown): DraftDefaults | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = raw as Record<string, unknown>;
  const store = pickFields(value.store, { mode: ['new', 'existing'], storeId: 'string', name: 'string' });
  return {
    ...pickFields(value, { name: 'string' }),
    merchant: pickFields(value.merchant, { mode: ['existing', 'new'], merchantId: 'string', name: 'string' }),
    warehouse: pickFields(value.warehouse, { platformId: 'string' }),
    store: {
      ...store,
      bigcommerce: pickFields((value.store as { bigcommerce?: unknown } | null | undefined)?.bigcommerce, {
        storeHash: 'string',
        orderImportStatusId: 'number',
      }),
    },
  } as DraftDefaults;
}
