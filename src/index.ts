// Public browser API. Internal helpers stay unexported.

// core
export {
  checkAdapterResult,
  type AdapterMethod,
  type AuthorizationStatus,
  type BeginAuthorizationInput,
  type BeginAuthorizationResult,
  type BigCommerceStoreSettings,
  type Connection,
  type ConnectionAdapter,
  type ConnectionInput,
  type FieldSpec,
  type Merchant,
  type OrderStatus,
  type StoreSummary,
  type WarehousePlatform,
} from './core/adapter';
export {
  STEP_IDS,
  type BigCommerceSetupValue,
  type ConnectionDraft,
  type DraftDefaults,
  type FieldError,
  type FieldErrors,
  type StepId,
  type StoreAuthorization,
} from './core/draft';
export { ConnectionError, isConnectionError, type ConnectionErrorCode, type ConnectionErrorOptions } from './core/errors';
export {
  BIGCOMMERCE_ORDER_STATUSES,
  DEFAULT_ORDER_IMPORT_STATUS_ID,
  type BuiltInOrderStatus,
} from './core/order-statuses';
export { parseStoreHash, type ParsedStoreHash, type StoreHashRejection, type StoreHashSource } from './core/store-hash';

// i18n
export { formatMessage, mergeMessages } from './i18n/format';
// The dictionary, and each of its sections on its own: a host that shows, say, `errorMessages[error.code]` next to a
// lone `AuthorizeButton` bundles that section, not the whole dictionary.
export {
  authorizeMessages,
  basicsMessages,
  defaultMessages,
  errorMessages,
  importStatusMessages,
  merchantMessages,
  storeHashMessages,
  storeMessages,
  successMessages,
  warehouseMessages,
  wizardMessages,
  type MessageOverrides,
  type Messages,
} from './i18n/messages.en';

// popup engine (no React)
export {
  authorizeInPopup,
  beginLinkAuthorization,
  focusAuthorizationPopup,
  type AuthorizationConfirmedVia,
  type AuthorizationResult,
  type AuthorizeInPopupOptions,
  type AuthorizePopupOptions,
  type BeginLinkAuthorizationOptions,
  type LinkAuthorization,
} from './oauth/popup';

// React: hooks and components
export { useControllableState } from './react/use-controllable-state';
export { StoreHashInput, type StoreHashInputProps } from './components/StoreHashInput/StoreHashInput';
export { AuthorizeButton, type AuthorizeButtonProps } from './components/AuthorizeButton/AuthorizeButton';
export { ImportStatusSelect, type ImportStatusSelectProps } from './components/ImportStatusSelect/ImportStatusSelect';
export {
  BigCommerceStoreSetup,
  type BigCommerceSetupAdapter,
  type BigCommerceStoreSetupProps,
} from './components/BigCommerceStoreSetup/BigCommerceStoreSetup';
export { ConnectionWizard, type ConnectionWizardProps } from './components/ConnectionWizard/ConnectionWizard';
export type { NextSteps } from './components/ConnectionWizard/WizardPanel';
export { useStoreHash, type StoreHashFound, type UseStoreHashOptions, type UseStoreHashReturn } from './react/use-store-hash';
export {
  useAuthorization,
  type AuthorizationEvent,
  type AuthorizationMethod,
  type AuthorizationState,
  type UseAuthorizationOptions,
  type UseAuthorizationReturn,
} from './react/use-authorization';
export {
  useOrderStatuses,
  type OrderStatusSource,
  type UseOrderStatusesOptions,
  type UseOrderStatusesReturn,
} from './react/use-order-statuses';
export {
  useWizard,
  type SubmissionState,
  type UseWizardParams,
  type UseWizardResult,
  type WarehouseTestState,
  type WizardCloseReason,
  type WizardEvent,
} from './react/use-wizard';
export { DEFAULT_DRAFT_STORAGE_KEY, usePersistedDraft, type PersistDraftOptions } from './react/use-persisted-draft';
export {
  useMerchants,
  useStores,
  useWarehousePlatforms,
  type AdapterQueryOptions,
  type AdapterQueryResult,
} from './react/use-adapter-queries';
