import type { ConnectionErrorCode } from '../core/errors';
import type { StoreHashRejection, StoreHashSource } from '../core/store-hash';

/*
 * Every user-visible string of the library, `aria-label`s included. Placeholders are `{name}`; `formatMessage`
 * fills them. Hosts override any subset through the `messages` prop (see `mergeMessages`).
 *
 * One export per section, so a component used alone bundles only the sections it shows (`StoreHashInput` pulls
 * `storeHashMessages`, not the wizard's text); `defaultMessages` composes them.
 */
/** The `wizard` section of `defaultMessages`. */
export const wizardMessages = {
  title: 'Add Connection',
  description: 'Connect a store to a warehouse for a merchant in four steps.',
  trigger: 'Add connection',
  stepIndicator: 'Step {current} of {total}',
  stepsLabel: 'Progress',
  stepCompleted: 'completed',
  continue: 'Continue',
  back: 'Back',
  cancel: 'Cancel',
  submit: 'Add connection',
  submitting: 'Adding connection…',
  submitFailed: 'The connection could not be added. Everything you entered is kept; try again.',
  retry: 'Try again',
  loading: 'Loading…',
  incompleteStep: '{title} is not complete yet.',
  goToStep: 'Go to {title}',
  steps: {
    basics: 'Basic Information',
    merchant: 'Merchant Information',
    warehouse: 'Warehouse Setup',
    store: 'Store Setup',
  },
};

/** The `basics` section of `defaultMessages`. */
export const basicsMessages = {
  connectionName: 'Connection Name',
  connectionNameHint: 'A descriptive name, such as "Brand X — BigCommerce → ACME WMS".',
  connectionNameRequired: 'Enter a connection name.',
  connectionNameTooLong: 'Use at most {max} characters.',
};

/** The `merchant` section of `defaultMessages`. */
export const merchantMessages = {
  modeLabel: 'Merchant',
  useExisting: 'Use existing merchant',
  createNew: 'Create new merchant',
  merchant: 'Merchant',
  merchantPlaceholder: 'Select a merchant',
  merchantRequired: 'Select a merchant.',
  merchantName: 'Merchant Name',
  merchantNameRequired: 'Enter the merchant’s company name.',
  empty: 'No merchants yet. Create a new one instead.',
  loadFailed: 'Merchants could not be loaded.',
  withWarehouse: '{name} (warehouse: {warehouse})',
};

/** The `warehouse` section of `defaultMessages`. */
export const warehouseMessages = {
  existing: 'This merchant already ships from {name}. Nothing to enter here.',
  platform: 'Warehouse Platform',
  platformPlaceholder: 'Select a warehouse platform',
  platformRequired: 'Select a warehouse platform.',
  empty: 'No warehouse platforms are available.',
  loadFailed: 'Warehouse platforms could not be loaded.',
  fieldRequired: 'Enter {label}.',
  testConnection: 'Test connection',
  testing: 'Testing…',
  testSucceeded: 'Connection works.',
  testFailed: 'The warehouse rejected these credentials.',
  testError: 'The test could not run. Try again.',
  credentials: 'Credentials',
};

/** The `store` section of `defaultMessages`. */
export const storeMessages = {
  modeLabel: 'Store',
  createNew: 'Create new store',
  useExisting: 'Use existing store',
  store: 'Store',
  storePlaceholder: 'Select a store',
  storeRequired: 'Select a store.',
  empty: 'No stores yet. Create a new one instead.',
  loadFailed: 'Stores could not be loaded.',
  storeName: 'Store Name',
  storeNameRequired: 'Enter a store name.',
  platform: 'Platform',
  platforms: { bigcommerce: 'BigCommerce' },
  completeToSubmit: 'Add connection becomes available once the store is named and authorized.',
};

/** The `storeHash` section of `defaultMessages`. */
export const storeHashMessages = {
  label: 'Store Hash',
  help: 'The segment between /stores/ and /v3/ of your API path, e.g. https://api.bigcommerce.com/stores/abcde/v3/ → abcde. You can paste the whole URL.',
  found: {
    bare: 'Store hash {hash}.',
    'api-path': 'Found store hash {hash} in the API path.',
    'control-panel': 'Found store hash {hash} in the control panel address.',
    context: 'Found store hash {hash} in the context string.',
  } satisfies Record<StoreHashSource, string>,
  rejected: {
    empty: 'Enter the store hash.',
    'no-hash-in-url':
      'This address has no store hash. Open the control panel (store-<hash>.mybigcommerce.com) or Settings → API accounts and copy the part between /stores/ and /v3/.',
    'invalid-characters': 'A store hash has only letters and digits.',
    'too-short': 'A store hash has at least 4 characters.',
    'too-long': 'A store hash has at most 16 characters.',
  } satisfies Record<StoreHashRejection, string>,
};

/** The `authorize` section of `defaultMessages`. */
export const authorizeMessages = {
  heading: 'Authorization',
  intro: 'Sign in to BigCommerce as the Store Owner and click Confirm to let this app read orders and update inventory.',
  button: 'Authorize',
  retry: 'Try again',
  waiting: 'Waiting for BigCommerce… Sign in as the Store Owner and click Confirm in the popup.',
  focusPopup: 'Show the BigCommerce window',
  cancel: 'Cancel authorization',
  authorized: 'Authorized — store {hash}',
  authorizedWithEmail: 'Authorized — store {hash} ({email})',
  reauthorize: 'Authorize again',
  needsHash: 'Enter a valid store hash to authorize.',
  required: 'Authorize the store before adding the connection.',
  copyLink: 'Copy authorization link',
  copyLinkHelp: 'Not the Store Owner? Send this link to the owner; this page updates when they confirm.',
  linkCopied: 'Link copied. Waiting for the Store Owner to confirm…',
  copyFailed: 'The link could not be copied. Select it and copy it by hand:',
  linkLabel: 'Authorization link',
  preparingLink: 'Preparing the authorization link…',
  linkWaiting: 'Waiting for the Store Owner to confirm…',
  slowFallback: 'Confirmed through the server: the popup could not message this page (its security settings cut the link), which took a little longer.',
  popupTitle: 'Connecting to BigCommerce…',
  popupBody: 'Connecting to BigCommerce…',
};

/** The `importStatus` section of `defaultMessages`. */
export const importStatusMessages = {
  heading: 'Import Settings',
  label: 'Order Import Status',
  help: 'Orders in this status are ready to ship and are imported.',
  invalid: 'Choose one of the listed order statuses.',
  loading: 'Loading the store’s order statuses…',
  loadFailed: 'The store’s own labels could not be loaded; showing the built-in statuses.',
  customLabel: '{label} ({name})',
};

/** The `success` section of `defaultMessages`. */
export const successMessages = {
  title: 'Connection added',
  body: '{name} was created disabled, so nothing syncs until you turn it on.',
  nextSteps: 'Next steps',
  configureSkus: 'Configure SKUs',
  reviewOrderStatus: 'Review Order Status',
  done: 'Done',
};

/** The `errors` section of `defaultMessages`. */
export const errorMessages = {
  popup_blocked: 'The browser blocked the BigCommerce window. Allow pop-ups for this site and try again.',
  popup_closed: 'The BigCommerce window was closed before authorization finished.',
  timeout: 'Authorization took too long. Try again.',
  cancelled: 'Authorization was cancelled.',
  superseded: 'A newer authorization attempt replaced this one.',
  access_denied: 'Access was not granted: Cancel was clicked on the BigCommerce consent screen.',
  store_mismatch: 'You signed in to a different store than the hash entered. Sign in to store {hash} as its owner.',
  authorization_failed: 'BigCommerce could not complete the authorization. Try again.',
  invalid_store_hash: 'Enter a valid store hash first.',
  adapter_error: 'The server could not be reached. Try again.',
  invalid_adapter_response: 'The server sent an unexpected response. Contact support if this keeps happening.',
} satisfies Record<ConnectionErrorCode, string>;

/** The whole English dictionary. */
export const defaultMessages = {
  wizard: wizardMessages,
  basics: basicsMessages,
  merchant: merchantMessages,
  warehouse: warehouseMessages,
  store: storeMessages,
  storeHash: storeHashMessages,
  authorize: authorizeMessages,
  importStatus: importStatusMessages,
  success: successMessages,
  errors: errorMessages,
};

type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };

/** The full dictionary shape. */
export type Messages = Widen<typeof defaultMessages>;

/** A partial dictionary: any subset, at any depth. */
export type MessageOverrides = { [K in keyof Messages]?: DeepPartial<Messages[K]> };
type DeepPartial<T> = T extends string ? string : { [K in keyof T]?: DeepPartial<T[K]> };
