import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import {
  callAdapter,
  type Connection,
  type ConnectionAdapter,
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
  errorsOfStep,
  type FieldErrors,
  firstInvalidStep,
  firstStepWithErrors,
  hasErrors,
  STEP_IDS,
  type StepId,
  toConnectionInput,
  validateDraft,
  validateStep,
  withFieldValue,
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
  /**
   * @internal Sets the text field at a path of `errors` (`name`, `merchant.merchantId`, `warehouse.credentials.apiKey`…).
   */
  setField(path: string, value: string): void;
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

/**
 * Runs host callbacks about an outcome. One that throws is reported like an uncaught error (`reportError`: the
 * page's `error` event, so the host's error tracking sees it) but cannot turn a created connection into a failure:
 * a retry would only get the same connection back.
 */
function callHost(run: () => void): void {
  try {
    run();
  } catch (error) {
    (globalThis.reportError ?? console.error)(error);
  }
}

const IDLE = { status: 'idle' } as const;
const NOTHING: ReadonlySet<string> = new Set();

/**
 * The state of the latest adapter call made for `of` (the draft's session, its warehouse section): it shows only
 * while `of` is current, so a reset or an edit voids it, and a late answer for something gone is dropped. A
 * rejection becomes `{ status: 'error', error }`.
 */
function useCallState<S>(of: unknown) {
  type State = S | typeof IDLE | { status: 'pending' } | { status: 'error'; error: ConnectionError };
  const [call, setCall] = useState<{ of?: unknown; state: State }>({ state: IDLE });
  const run = (promise: Promise<S>) => {
    setCall({ of, state: { status: 'pending' } });
    void promise
      .catch((error: ConnectionError): State => ({ status: 'error', error }))
      .then((state) => setCall((latest) => (latest.of === of ? { of, state } : latest)));
  };
  return [call.of === of ? call.state : IDLE, run] as const;
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
  const { adapter, queryClient, open, defaultValues } = params;
  const emit = useLatestCallback(params.onEvent);
  const complete = useLatestCallback(params.onComplete);
  const initialStep = params.defaultStep ?? 'basics';

  // The live draft, outside React state, and its BigCommerce section as a store of its own.
  const [live] = useState(() => createStore(createDraft(defaultValues)));
  const [bigcommerce] = useState<ReadableStore<BigCommerceSetupValue>>(() => ({
    get: () => live.get().store.bigcommerce,
    subscribe: live.subscribe,
  }));
  // What the owner renders: the live draft, except that an edit of the store hash text alone leaves it as it was
  // under `deferStoreHash` (validity and `firstInvalid` cannot differ: a changed hash drops the authorization).
  const shown = useRef(live.get());
  const getShown = () => shown.current;
  const draft = useSyncExternalStore(live.subscribe, getShown, getShown);
  // A pristine draft is not stored; a restored or edited one is: every commit marks the draft dirty (`reset` then
  // marks it pristine again).
  const [dirty, setDirty] = useState(false);
  const commit = (next: ConnectionDraft, hashOnly = false) => {
    if (!hashOnly || !params.deferStoreHash) shown.current = next;
    live.set(next);
    setDirty(true);
  };
  const [step, setStep] = useControllableState<StepId>({
    prop: params.step,
    defaultProp: initialStep,
    onChange: params.onStepChange,
    caller: 'ConnectionWizard',
  });
  // Which errors show: those of the fields the user left (their paths) and of the steps validated by Continue (their
  // ids; no field path is a step id).
  const [revealed, setRevealed] = useState(NOTHING);
  const reveal = (key: string) => setRevealed((previous) => (previous.has(key) ? previous : new Set(previous).add(key)));

  const listOptions = { enabled: open };
  const merchants = useMerchants(adapter, queryClient, listOptions);
  const warehousePlatforms = useWarehousePlatforms(adapter, queryClient, listOptions);
  const stores = useStores(adapter, queryClient, listOptions);
  const context: DraftContext = {
    merchants: merchants.data,
    warehousePlatforms: warehousePlatforms.data,
    canUseExistingStore: typeof adapter.listStores === 'function',
  };

  // ---- submit: one session per draft (until reset), its idempotency key made on the first submit and reused by
  // every retry ----
  const [session, setSession] = useState<{ idempotencyKey?: string }>({});
  const [submission, runSubmission] = useCallState<{ status: 'success'; connection: Connection }>(session);
  const inFlight = useRef(false);
  const completed = submission.status === 'success';

  // ---- Test connection: a result speaks for the warehouse section it was run on; any edit there voids it ----
  const [warehouseTest, runTest] = useCallState<{ status: 'ok' | 'failed' }>(draft.warehouse);

  // ---- persistence ----
  usePersistedDraft({
    options: params.persistDraft,
    draft,
    live,
    step,
    shouldStore: dirty && !completed,
    onRestore(restored: RestoredDraft) {
      const next = createDraft(defaultValues, restored.draft);
      commit(next);
      if (restored.step) {
        // Credentials and the authorization are never stored, so resume no later than the first step that needs
        // input again.
        const blocking = STEP_IDS.indexOf(firstInvalidStep(next) ?? 'store');
        setStep(STEP_IDS[Math.min(STEP_IDS.indexOf(restored.step), blocking)] ?? initialStep);
      }
    },
  });

  // ---- step_viewed: once per step shown (effects re-run under StrictMode: the ref keeps it to one) ----
  const viewed = useRef<string | undefined>(undefined);
  const shownStep = open && !completed ? step : undefined;
  useEffect(() => {
    if (viewed.current === shownStep) return;
    viewed.current = shownStep;
    if (shownStep) emit({ type: 'step_viewed', step: shownStep });
  }, [shownStep, emit]);

  // ---- draft edits ----
  const edit = <K extends 'merchant' | 'warehouse' | 'store'>(section: K, patch: Partial<ConnectionDraft[K]>, hashOnly?: boolean) => {
    const previous = live.get();
    commit({ ...previous, [section]: { ...previous[section], ...patch } }, hashOnly);
  };
  const setField = (path: string, value: string) => commit(withFieldValue(live.get(), path, value));

  // ---- validation (once per render) and navigation ----
  const stepIndex = STEP_IDS.indexOf(step);
  const draftErrors = validateDraft(draft, context);
  const stepErrors = errorsOfStep(draftErrors, step);
  const validated = revealed.has(step);

  return {
    step,
    stepIndex,
    draft,
    context,
    merchants,
    warehousePlatforms,
    stores,
    errors: Object.fromEntries(Object.entries(stepErrors).filter(([path]) => validated || revealed.has(path))),
    validated,
    setName: (name) => setField('name', name),
    setMerchant: (patch) => edit('merchant', patch),
    setWarehousePlatform: (platformId) => setField('warehouse.platformId', platformId),
    setCredential: (name, value) => setField(`warehouse.credentials.${name}`, value),
    setStore: (patch) => edit('store', patch),
    setBigCommerce(value) {
      const previous = bigcommerce.get();
      const hashOnly = value.authorization === previous.authorization && value.orderImportStatusId === previous.orderImportStatusId;
      edit('store', { bigcommerce: value }, hashOnly);
    },
    setField,
    touch: reveal,
    next() {
      reveal(step);
      if (hasErrors(stepErrors)) return stepErrors;
      setStep(STEP_IDS[stepIndex + 1] ?? step);
      return {};
    },
    back: () => setStep(STEP_IDS[stepIndex - 1] ?? step),
    goTo: setStep,
    firstInvalid: firstStepWithErrors(draftErrors),
    submit() {
      if (inFlight.current || completed) return false;
      // The live draft: the one rendered may lag it by the store hash text (`deferStoreHash`).
      const current = live.get();
      const invalid = firstInvalidStep(current, context);
      if (invalid) {
        reveal(invalid);
        setStep(invalid);
        return false;
      }
      inFlight.current = true;
      session.idempotencyKey ??= randomId();
      runSubmission(
        callAdapter(adapter, 'createConnection', toConnectionInput(current, context), { idempotencyKey: session.idempotencyKey })
          .then(
            (connection) => {
              callHost(() => {
                emit({ type: 'connection_created', connectionId: connection.id });
                complete(connection);
              });
              // The new merchant or store now exists: the next wizard lists it.
              for (const queryKey of [queryKeys.merchants(), queryKeys.stores()]) void queryClient.invalidateQueries({ queryKey });
              return { status: 'success', connection } as const;
            },
            (error: ConnectionError) => {
              callHost(() => emit({ type: 'connection_failed', code: error.code }));
              throw error;
            },
          )
          .finally(() => {
            inFlight.current = false;
          }),
      );
      return true;
    },
    submission,
    canTestWarehouse: typeof adapter.testWarehouseConnection === 'function',
    testWarehouse() {
      const current = live.get();
      const errors = validateStep('warehouse', current, context);
      if (hasErrors(errors)) {
        reveal('warehouse');
        return errors;
      }
      const input = toConnectionInput(current, context).warehouse;
      if (warehouseTest.status !== 'pending' && input.mode === 'new') {
        runTest(
          callAdapter(adapter, 'testWarehouseConnection', { platformId: input.platformId, credentials: input.credentials }).then(
            ({ ok }) => ({ status: ok ? 'ok' : 'failed' }) as const,
          ),
        );
      }
      return {};
    },
    warehouseTest,
    reset() {
      commit(createDraft(defaultValues));
      setDirty(false);
      setRevealed(NOTHING);
      setSession({});
      setStep(initialStep);
    },
    bigcommerce,
  };
}
