import type { ConnectionInput, Merchant, WarehousePlatform } from './adapter';
import { builtInOrderStatusName, DEFAULT_ORDER_IMPORT_STATUS_ID } from './order-statuses';
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

type Tree = Record<string, unknown>;

const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null;

/**
 * `base` with `layer` on top, section by section at any depth; an `undefined` in `layer` keeps the base value.
 * Copies, never mutates; builds objects only by spreading, so even a `__proto__` key stays plain data.
 */
function mergeLayer(base: Tree, layer: unknown): Tree {
  const over = isTree(layer) ? layer : {};
  const merged = Object.entries(base).map(([key, value]) => [key, isTree(value) ? mergeLayer(value, over[key]) : (over[key] ?? value)]);
  return { ...base, ...over, ...Object.fromEntries(merged) };
}

/**
 * A fresh draft with the wizard's defaults, then each of `layers` on top (the host's `defaultValues`, then a
 * restored draft), merged per section.
 */
export function createDraft(...layers: Array<DraftDefaults | undefined>): ConnectionDraft {
  const draft: ConnectionDraft = {
    name: '',
    merchant: { mode: 'existing', merchantId: '', name: '' },
    warehouse: { platformId: '', credentials: {} },
    store: { mode: 'new', storeId: '', name: '', platform: 'bigcommerce', bigcommerce: { ...defaultBigCommerceSetupValue } },
  };
  return layers.reduce<Tree>(mergeLayer, draft as unknown as Tree) as unknown as ConnectionDraft;
}

/**
 * The keys of a field path, the names `errors` uses: `name`, a section's key (`merchant.merchantId`), or
 * `warehouse.credentials.<name>`, where the name is the adapter's and may hold dots.
 */
function fieldKeys(path: string): string[] {
  const keys = path.split('.');
  return [...keys.slice(0, 2), ...(keys.length > 2 ? [keys.slice(2).join('.')] : [])];
}

/** `draft` with `value` in the field at `path`, copied along the path. */
export function withFieldValue(draft: ConnectionDraft, path: string, value: string): ConnectionDraft {
  const set = (node: Tree, [key = '', ...rest]: string[]): Tree => ({ ...node, [key]: rest.length ? set(node[key] as Tree, rest) : value });
  return set(draft as unknown as Tree, fieldKeys(path)) as unknown as ConnectionDraft;
}

/** The text of the field at `path`, as its control shows it (a credential not entered yet: empty). */
export function fieldValue(draft: ConnectionDraft, path: string): string {
  return (fieldKeys(path).reduce<unknown>((node, key) => (node as Tree)[key], draft) as string | undefined) ?? '';
}

/** An existing merchant with a warehouse needs no warehouse step input. */
export function existingWarehouse(draft: ConnectionDraft, context: DraftContext) {
  return selectedMerchant(draft, context)?.warehouse;
}

/** The merchant chosen in step 2, when it is an existing one. */
function selectedMerchant({ merchant }: ConnectionDraft, context: DraftContext): Merchant | undefined {
  return merchant.mode === 'existing' ? context.merchants?.find((item) => item.id === merchant.merchantId) : undefined;
}

export function selectedPlatform(draft: ConnectionDraft, context: DraftContext): WarehousePlatform | undefined {
  return context.warehousePlatforms?.find((platform) => platform.id === draft.warehouse.platformId);
}

/**
 * The errors of the whole draft, checked on the `ConnectionInput` it makes: the branches (existing or new merchant,
 * warehouse and store) are decided once, in `toConnectionInput`. A path's first segment is its step (`name`: basics).
 * The wizard validates once per render and reads each step's errors from the result (`errorsOfStep`).
 */
export function validateDraft(draft: ConnectionDraft, context: DraftContext = {}): FieldErrors {
  const { name, merchant, warehouse, store } = toConnectionInput(draft, context);
  const errors: FieldErrors = {};
  const check = (failed: unknown, path: string, message: string, values?: FieldError['values']) => {
    if (failed) errors[path] = values ? { message, values } : { message };
  };
  check(!name, 'name', 'basics.connectionNameRequired');
  check(name.length > CONNECTION_NAME_MAX_LENGTH, 'name', 'basics.connectionNameTooLong', { max: CONNECTION_NAME_MAX_LENGTH });
  if (merchant.mode === 'new') check(!merchant.name, 'merchant.name', 'merchant.merchantNameRequired');
  // Until the list loads, any chosen id will do (a host's default); then it must be one of the list.
  else check(context.merchants ? !selectedMerchant(draft, context) : !merchant.merchantId, 'merchant.merchantId', 'merchant.merchantRequired');
  if (warehouse.mode === 'new') {
    const platform = selectedPlatform(draft, context);
    check(!platform, 'warehouse.platformId', 'warehouse.platformRequired');
    for (const { name: key, label, required } of platform?.fields ?? []) {
      check(required !== false && !warehouse.credentials[key]?.trim(), `warehouse.credentials.${key}`, 'warehouse.fieldRequired', { label });
    }
  }
  if (store.mode === 'existing') check(!store.storeId, 'store.storeId', 'store.storeRequired');
  else {
    check(!store.name, 'store.name', 'store.storeNameRequired');
    const { storeHash, authorization, orderImportStatusId } = draft.store.bigcommerce;
    const parsed = parseStoreHash(storeHash);
    if (!parsed.ok) check(true, 'store.storeHash', `storeHash.rejected.${parsed.reason}`);
    else check(authorization?.storeHash !== parsed.storeHash, 'store.authorization', 'authorize.required');
    // By the built-in names, not `BIGCOMMERCE_ORDER_STATUSES`: that list would bring its descriptions into the wizard.
    check(builtInOrderStatusName(orderImportStatusId) === undefined, 'store.orderImportStatusId', 'importStatus.invalid');
  }
  return errors;
}

/** The errors among `errors` (the whole draft's) that belong to `step`. */
export function errorsOfStep(errors: FieldErrors, step: StepId): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => (path === 'name' ? 'basics' : path.split('.')[0]) === step));
}

/**
 * Field errors of one step; an empty object when the step is valid.
 *
 * @example
 * validateStep('basics', createDraft(), {}) // → { name: { message: 'basics.connectionNameRequired' } }
 */
export function validateStep(step: StepId, draft: ConnectionDraft, context: DraftContext = {}): FieldErrors {
  return errorsOfStep(validateDraft(draft, context), step);
}

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;

/** The first step with errors among the whole draft's `errors`, or undefined when there are none. */
export function firstStepWithErrors(errors: FieldErrors): StepId | undefined {
  return STEP_IDS.find((step) => hasErrors(errorsOfStep(errors, step)));
}

/** The first step with errors, or undefined when the whole draft is valid. */
export function firstInvalidStep(draft: ConnectionDraft, context: DraftContext = {}): StepId | undefined {
  return firstStepWithErrors(validateDraft(draft, context));
}

/**
 * The adapter's `ConnectionInput` for a valid draft (trimmed names, only the chosen branch of each step, only
 * the declared credential fields). Call it after `firstInvalidStep` returned undefined.
 */
export function toConnectionInput(draft: ConnectionDraft, context: DraftContext = {}): ConnectionInput {
  const { merchant, warehouse, store } = draft;
  const existing = existingWarehouse(draft, context);
  const credentials: Record<string, string> = {};
  for (const { name } of selectedPlatform(draft, context)?.fields ?? []) {
    if (warehouse.credentials[name]) credentials[name] = warehouse.credentials[name];
  }
  const { storeHash, authorization, orderImportStatusId } = store.bigcommerce;
  const parsed = parseStoreHash(storeHash);
  return {
    name: draft.name.trim(),
    merchant:
      merchant.mode === 'existing'
        ? { mode: 'existing', merchantId: merchant.merchantId }
        : { mode: 'new', name: merchant.name.trim() },
    warehouse: existing
      ? { mode: 'existing', warehouseId: existing.id }
      : { mode: 'new', platformId: warehouse.platformId, credentials },
    // The existing-store choice counts only when the adapter offers stores.
    store:
      store.mode === 'existing' && context.canUseExistingStore
        ? { mode: 'existing', storeId: store.storeId }
        : {
            mode: 'new',
            name: store.name.trim(),
            platform: 'bigcommerce',
            settings: {
              storeHash: parsed.ok ? parsed.storeHash : storeHash,
              grantId: authorization?.grantId ?? '',
              orderImportStatusId,
            },
          },
  };
}

/** Values a stored draft may hold beyond their type: the modes and the platform. */
const STORED_CHOICES: Record<string, ReadonlyArray<unknown> | undefined> = {
  mode: ['new', 'existing'],
  platform: ['bigcommerce'],
};

/**
 * The fields of `source` that the draft `shape` has, with a value of the same type (a mode or platform: one it
 * allows), at any depth, and nothing else. A fresh draft has no credential values (its `credentials` is empty) and
 * no authorization, so neither ever passes.
 */
function keepDraftFields(shape: Tree, source: unknown): Tree {
  const kept: Tree = {};
  for (const [key, model] of Object.entries(shape)) {
    const value = isTree(source) ? source[key] : undefined;
    if (isTree(model)) kept[key] = keepDraftFields(model, value);
    else if (STORED_CHOICES[key]?.includes(value) ?? typeof value === typeof model) kept[key] = value;
  }
  return kept;
}

/**
 * The draft as it may be stored for `persistDraft`: credential values and the authorization grant are dropped,
 * so nothing secret reaches `localStorage`. The user re-enters credentials and re-authorizes after a reload.
 */
export function toStoredDraft(draft: ConnectionDraft): DraftDefaults {
  return keepDraftFields(createDraft() as unknown as Tree, draft);
}

/** Reads a stored draft back, accepting only known string/number fields (storage is user-controlled input). */
export function fromStoredDraft(raw: unknown): DraftDefaults | undefined {
  return isTree(raw) ? toStoredDraft(raw as unknown as ConnectionDraft) : undefined;
}
