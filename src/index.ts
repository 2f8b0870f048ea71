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
export { defaultMessages, type MessageOverrides, type Messages } from './i18n/messages.en';

// popup engine (no React)
export {
  authorizeInPopup,
  beginLinkAuthorization,
  focusAuthorizationPopup,
  type AuthorizationResult,
  type AuthorizeInPopupOptions,
} from './oauth/popup';

// React: hooks and components
export { useControllableState } from './react/use-controllable-state';
