import { type QueryClient, useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import {
  callAdapter,
  type Connection,
  type ConnectionAdapter,
  type ConnectionInput,
  type Merchant,
  type StoreSummary,
  type WarehousePlatform,
} from '../core/adapter';
import {
  type BigCommerceSetupValue,
  type ConnectionDraft,
  createDraft,
  type DraftContext,
  type DraftDefaults,
  type FieldErrors,
  firstInvalidStep,
  STEP_IDS,
  type StepId,
  toConnectionInput,
  validateStep,
} from '../core/draft';
import type { ConnectionError, ConnectionErrorCode } from '../core/errors';
import { randomId } from '../core/random-id';
import { queryKeys } from './query-client';
import { createStore, type ReadableStore } from './store';
import type { AuthorizationEvent } from './use-authorization';
import { type AdapterQueryResult, useMerchants, useStores, useWarehousePlatforms } from './use-adapter-queries';
import { useControllableState } from './use-controllable-state';
import { useLatestCallback } from './use-latest-callback';
import { type PersistDraftOptions, type RestoredDraft, usePersistedDraft } from './use-persisted-draft';

/*
 * The wizard's state machine over `core/draft.ts`: the draft, the current step, which errors are visible, the
 * lists it needs, the idempotent submit. Components only wire it to markup.
 */

/** Why the wizard closed: **Cancel** (draft discarded), a dismissal (Escape, outside click; draft kept), **Done**. */
export type WizardCloseReason = 'cancel' | 'dismiss' | 'done';


/**
 * What `onEvent` receives: `{ type, ...details }`. No event carries a secret, a credential value or a token.
 */
export type WizardEvent =
  | { type: 'step_viewed'; step: StepId }
  | { type: 'connection_created'; connectionId: string }
  | { type: 'connection_failed'; code: ConnectionErrorCode }
  | { type: 'wizard_closed'; reason: WizardCloseReason }
  /** `BigCommerceStoreSetup`'s events, passed through unchanged. */
  | AuthorizationEvent;

export interface UseWizardParams {
  adapter: ConnectionAdapter;
  queryClient: QueryClient;
  /** Lists load and `step_viewed` fires only while the wizard is shown. */
  open: boolean;
  step?: StepId;
  defaultStep?: StepId;
  onStepChange?: (step: StepId) => void;
  defaultValues?: DraftDefaults;
  persistDraft?: boolean | PersistDraftOptions;
  onEvent?: (event: WizardEvent) => void;
  onComplete?: (connection: Connection) => void;
  /**
   * @internal `draft` keeps the store hash text of its last other change (validity and `firstInvalid` cannot differ):
   * typing the hash does not re-render the owner. Read the live value from `bigcommerce`.
   */
  deferStoreHash?: boolean;
}

export type SubmissionState =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'error'; error: ConnectionError }
  | { status: 'success'; connection: Connection };

export type WarehouseTestState =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'ok' }
  | { status: 'failed' }
  | { status: 'error'; error: ConnectionError };

export interface UseWizardResult {
  step: StepId;
  stepIndex: number;
  draft: ConnectionDraft;
  /** What validation knows beyond the draft: the loaded lists. */
  context: DraftContext;
  merchants: AdapterQueryResult<Merchant[]>;
  warehousePlatforms: AdapterQueryResult<WarehousePlatform[]>;
  stores: AdapterQueryResult<StoreSummary[]>;
  /** The errors to show on the current step: fields the user left, or all after **Continue**. */
  errors: FieldErrors;
  /** Whether the current step was validated (Continue), so every error shows. */
  validated: boolean;
  setName(name: string): void;
  setMerchant(patch: Partial<ConnectionDraft['merchant']>): void;
  setWarehousePlatform(platformId: string): void;
  setCredential(name: string, value: string): void;
  setStore(patch: Partial<Omit<ConnectionDraft['store'], 'bigcommerce'>>): void;
  setBigCommerce(value: BigCommerceSetupValue): void;
  /** Marks a field as left (blur): its error shows from now on. */
  touch(path: string): void;
  /** Validates the current step; moves on when valid. Returns the step's errors (empty when it moved). */
  next(): FieldErrors;
  back(): void;
  goTo(step: StepId): void;
  /** The first step with errors, or undefined when the whole draft is valid (then `submit` is allowed). */
  firstInvalid: StepId | undefined;
  /** Calls `adapter.createConnection` once; a retry reuses the idempotency key. False when nothing was sent. */
  submit(): boolean;
  submission: SubmissionState;
  /** `adapter.testWarehouseConnection` when the adapter has it. */
  canTestWarehouse: boolean;
  testWarehouse(): FieldErrors;
  warehouseTest: WarehouseTestState;
  /** A fresh draft at the first step (after **Done** or **Cancel**); the stored draft is removed. */
  reset(): void;
  /** @internal The live BigCommerce section of the draft. */
  bigcommerce: ReadableStore<BigCommerceSetupValue>;
}

/** Host defaults with a restored draft on top, merged per section. */
function mergeDefaults(defaults: DraftDefaults = {}, restored: DraftDefaults = {}): DraftDefaults {
  return {
    ...defaults,
    ...restored,
    merchant: { ...defaults.merchant, ...restored.merchant },
    warehouse: { ...defaults.warehouse, ...restored.warehouse, credentials: { ...defaults.warehouse?.credentials } },
    store: {
      ...defaults.store,
      ...restored.store,
      bigcommerce: { ...defaults.store?.bigcommerce, ...restored.store?.bigcommerce },
    },
  };
}


const EMPTY: ReadonlySet<string> = new Set();

/** Whether `a` and `b` differ in nothing but `key`. */
function sameBut(a: object, b: object, key: string): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return Object.keys({ ...x, ...y }).every((k) => k === key || Object.is(x[k], y[k]));
}

function onlyHashTextChanged(a: ConnectionDraft, b: ConnectionDraft): boolean {
  return sameBut(a, b, 'store') && sameBut(a.store, b.store, 'bigcommerce') && sameBut(a.store.bigcommerce, b.store.bigcommerce, 'storeHash');
}

function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/**
 * The wizard's state machine. `ConnectionWizard` is this hook plus markup; a host building its own UI can use it
 * directly.
 *
 * @example
 * const wizard = useWizard({ adapter, queryClient, open: true });
 * <input value={wizard.draft.name} onChange={(e) => wizard.setName(e.target.value)} onBlur={() => wizard.touch('name')} />
 * <button onClick={() => wizard.next()}>Continue</button>
 */
export function useWizard(params: UseWizardParams): UseWizardResult {
  const { adapter, queryClient, open, defaultValues, persistDraft } = params;
  const emit = useLatestCallback((event: WizardEvent) => params.onEvent?.(event));
  const complete = useLatestCallback((connection: Connection) => params.onComplete?.(connection));
  const initialStep = params.defaultStep ?? 'basics';

  // The live draft, outside React state: the owner subscribes to its view (see `deferStoreHash`).
  const [draftStore] = useState(() => createStore(createDraft(defaultValues)));
  const deferStoreHash = params.deferStoreHash === true;
  const view = useRef<{ live: ConnectionDraft; shown: ConnectionDraft } | undefined>(undefined);
  const getView = useCallback(() => {
    const live = draftStore.get();
    const cached = view.current;
    if (cached && (cached.live === live || (deferStoreHash && onlyHashTextChanged(cached.live, live)))) {
      cached.live = live;
      return cached.shown;
    }
    view.current = { live, shown: live };
    return live;
  }, [draftStore, deferStoreHash]);
  const draft = useSyncExternalStore(draftStore.subscribe, getView, getView);
  const bigcommerce = useMemo<ReadableStore<BigCommerceSetupValue>>(
    () => ({ get: () => draftStore.get().store.bigcommerce, subscribe: draftStore.subscribe }),
    [draftStore],
  );
  // A pristine draft is not stored; a restored or edited one is.
  const [dirty, setDirty] = useState(false);
  const [step, setStep] = useControllableState<StepId>({
    prop: params.step,
    defaultProp: initialStep,
    onChange: params.onStepChange,
    caller: 'ConnectionWizard',
  });
  const [touched, setTouched] = useState<ReadonlySet<string>>(EMPTY);
  const [validatedSteps, setValidatedSteps] = useState<ReadonlySet<StepId>>(EMPTY as ReadonlySet<StepId>);

  const merchants = useMerchants(adapter, queryClient, { enabled: open });
  const warehousePlatforms = useWarehousePlatforms(adapter, queryClient, { enabled: open });
  const stores = useStores(adapter, queryClient, { enabled: open });
  const canUseExistingStore = typeof adapter.listStores === 'function';
  const context = useMemo<DraftContext>(
    () => ({ merchants: merchants.data, warehousePlatforms: warehousePlatforms.data, canUseExistingStore }),
    [merchants.data, warehousePlatforms.data, canUseExistingStore],
  );

  // ---- submit: one key per draft, reused by every retry, replaced only after a success ----
  const idempotencyKey = useRef<string | undefined>(undefined);
  const inFlight = useRef(false);
  const createConnection = useLatestCallback((variables: { input: ConnectionInput; idempotencyKey: string }) =>
    callAdapter(adapter, 'createConnection', variables.input, { idempotencyKey: variables.idempotencyKey }),
  );
  const creation = useMutation<Connection, ConnectionError, { input: ConnectionInput; idempotencyKey: string }>(
    {
      // TanStack Query 5.108 passes a second argument: never hand it to the adapter (TOOLCHAIN gotcha 3).
      mutationFn: (variables) => createConnection(variables),
      retry: false,
      onSuccess: (connection) => {
        idempotencyKey.current = undefined;
        emit({ type: 'connection_created', connectionId: connection.id });
        complete(connection);
        // The new merchant or store now exists: the next wizard lists it.
        void queryClient.invalidateQueries({ queryKey: queryKeys.merchants() });
        void queryClient.invalidateQueries({ queryKey: queryKeys.stores() });
      },
      onError: (error) => emit({ type: 'connection_failed', code: error.code }),
      onSettled: () => {
        inFlight.current = false;
      },
    },
    queryClient,
  );

  const testConnection = useLatestCallback((input: { platformId: string; credentials: Record<string, string> }) =>
    callAdapter(adapter, 'testWarehouseConnection', input),
  );
  const warehouseTestMutation = useMutation<{ ok: boolean }, ConnectionError, { platformId: string; credentials: Record<string, string> }>(
    { mutationFn: (variables) => testConnection(variables), retry: false },
    queryClient,
  );
  const resetWarehouseTest = warehouseTestMutation.reset;

  const completed = creation.status === 'success';

  // ---- persistence ----
  const restore = useCallback(
    (restored: RestoredDraft) => {
      const next = createDraft(mergeDefaults(defaultValues, restored.draft));
      draftStore.set(next);
      setDirty(true);
      if (restored.step) {
        // Credentials and the authorization are never stored, so resume no later than the first step that needs
        // input again.
        const blocking = firstInvalidStep(next) ?? 'store';
        const index = Math.min(STEP_IDS.indexOf(restored.step), STEP_IDS.indexOf(blocking));
        setStep(STEP_IDS[index] ?? 'basics');
      }
    },
    [defaultValues, setStep, draftStore],
  );
  usePersistedDraft({ options: persistDraft, draft, live: draftStore, step, shouldStore: dirty && !completed, onRestore: restore });

  // ---- step_viewed: once per step shown (effects re-run under StrictMode: the ref keeps it to one) ----
  const viewed = useRef<string | undefined>(undefined);
  const shownStep = open && !completed ? step : undefined;
  useEffect(() => {
    if (viewed.current === shownStep) return;
    viewed.current = shownStep;
    if (shownStep) emit({ type: 'step_viewed', step: shownStep });
  }, [shownStep, emit]);

  // ---- draft edits: every setter marks the draft dirty; a warehouse edit voids the last connection test ----
  const setters = useMemo(() => {
    const edit = (recipe: (previous: ConnectionDraft) => ConnectionDraft) => {
      draftStore.set(recipe(draftStore.get()));
      setDirty(true);
    };
    const editWarehouse = (patch: (warehouse: ConnectionDraft['warehouse']) => Partial<ConnectionDraft['warehouse']>) => {
      resetWarehouseTest();
      edit((d) => ({ ...d, warehouse: { ...d.warehouse, ...patch(d.warehouse) } }));
    };
    return {
      setName: (name: string) => edit((d) => ({ ...d, name })),
      setMerchant: (patch: Partial<ConnectionDraft['merchant']>) => edit((d) => ({ ...d, merchant: { ...d.merchant, ...patch } })),
      setWarehousePlatform: (platformId: string) => editWarehouse(() => ({ platformId })),
      setCredential: (name: string, value: string) =>
        editWarehouse((warehouse) => ({ credentials: { ...warehouse.credentials, [name]: value } })),
      setStore: (patch: Partial<Omit<ConnectionDraft['store'], 'bigcommerce'>>) =>
        edit((d) => ({ ...d, store: { ...d.store, ...patch } })),
      setBigCommerce: (bigcommerce: BigCommerceSetupValue) => edit((d) => ({ ...d, store: { ...d.store, bigcommerce } })),
    };
  }, [resetWarehouseTest, draftStore]);
  const touch = useCallback((path: string) => {
    setTouched((previous) => (previous.has(path) ? previous : new Set(previous).add(path)));
  }, []);

  // ---- validation and navigation ----
  const stepIndex = STEP_IDS.indexOf(step);
  const stepErrors = useMemo(() => validateStep(step, draft, context), [step, draft, context]);
  const validated = validatedSteps.has(step);
  const errors = useMemo(() => {
    if (validated) return stepErrors;
    return Object.fromEntries(Object.entries(stepErrors).filter(([path]) => touched.has(path)));
  }, [stepErrors, validated, touched]);
  const firstInvalid = useMemo(() => firstInvalidStep(draft, context), [draft, context]);

  const markValidated = useCallback((id: StepId) => {
    setValidatedSteps((previous) => (previous.has(id) ? previous : new Set(previous).add(id)));
  }, []);

  const next = useCallback((): FieldErrors => {
    markValidated(step);
    if (hasErrors(stepErrors)) return stepErrors;
    const following = STEP_IDS[stepIndex + 1];
    if (following) setStep(following);
    return {};
  }, [markValidated, step, stepErrors, stepIndex, setStep]);

  const back = useCallback(() => {
    const previous = STEP_IDS[stepIndex - 1];
    if (previous) setStep(previous);
  }, [stepIndex, setStep]);

  const submit = useCallback((): boolean => {
    if (inFlight.current || completed) return false;
    const invalid = firstInvalidStep(draft, context);
    if (invalid) {
      markValidated(invalid);
      if (invalid !== step) setStep(invalid);
      return false;
    }
    inFlight.current = true;
    idempotencyKey.current ??= randomId();
    creation.mutate({ input: toConnectionInput(draft, context), idempotencyKey: idempotencyKey.current });
    return true;
  }, [completed, draft, context, markValidated, step, setStep, creation.mutate]);

  const canTestWarehouse = typeof adapter.testWarehouseConnection === 'function';
  const testWarehouse = useCallback((): FieldErrors => {
    const warehouseErrors = validateStep('warehouse', draft, context);
    if (hasErrors(warehouseErrors)) {
      markValidated('warehouse');
      return warehouseErrors;
    }
    if (!warehouseTestMutation.isPending) {
      const input = toConnectionInput(draft, context).warehouse;
      if (input.mode === 'new') {
        warehouseTestMutation.mutate({ platformId: input.platformId, credentials: input.credentials });
      }
    }
    return {};
  }, [draft, context, markValidated, warehouseTestMutation.isPending, warehouseTestMutation.mutate]);

  const reset = useCallback(() => {
    idempotencyKey.current = undefined;
    draftStore.set(createDraft(defaultValues));
    setDirty(false);
    setTouched(EMPTY);
    setValidatedSteps(EMPTY as ReadonlySet<StepId>);
    creation.reset();
    resetWarehouseTest();
    setStep(initialStep);
  }, [defaultValues, draftStore, creation.reset, resetWarehouseTest, setStep, initialStep]);

  const submission: SubmissionState =
    creation.status === 'error'
      ? { status: 'error', error: creation.error }
      : creation.status === 'success'
        ? { status: 'success', connection: creation.data }
        : { status: creation.status };

  const warehouseTest: WarehouseTestState =
    warehouseTestMutation.status === 'error'
      ? { status: 'error', error: warehouseTestMutation.error }
      : warehouseTestMutation.status === 'success'
        ? { status: warehouseTestMutation.data.ok ? 'ok' : 'failed' }
        : { status: warehouseTestMutation.status };

  return {
    step,
    stepIndex,
    draft,
    context,
    merchants,
    warehousePlatforms,
    stores,
    errors,
    validated,
    ...setters,
    touch,
    next,
    back,
    goTo: setStep,
    firstInvalid,
    submit,
    submission,
    canTestWarehouse,
    testWarehouse,
    warehouseTest,
    reset,
    bigcommerce,
  };
}
