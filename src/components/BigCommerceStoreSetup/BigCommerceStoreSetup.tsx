import type { QueryClient } from '@tanstack/react-query';
import { type ComponentPropsWithoutRef, useEffect, useId, useRef, useSyncExternalStore } from 'react';
import type { ConnectionAdapter } from '../../core/adapter';
import { type BigCommerceSetupValue, defaultBigCommerceSetupValue } from '../../core/draft';
import { type ParsedStoreHash, parseStoreHash } from '../../core/store-hash';
import { formatMessage } from '../../i18n/format';
import {
  authorizeMessages,
  errorMessages,
  importStatusMessages,
  type MessageOverrides,
  type Messages,
} from '../../i18n/messages.en';
import type { AuthorizePopupOptions } from '../../oauth/popup';
import { useMessageSections } from '../../react/messages';
import { namedForwardRef } from '../../react/named-forward-ref';
import { ownerWindow } from '../../react/owner-window';
import type { ReadableStore } from '../../react/store';
import {
  type AuthorizationEvent,
  type AuthorizationState,
  toStoreAuthorization,
  useAuthorization,
} from '../../react/use-authorization';
import { useControllableState } from '../../react/use-controllable-state';
import { useLatestCallback } from '../../react/use-latest-callback';
import { AuthorizeButton } from '../AuthorizeButton/AuthorizeButton';
import { ImportStatusSelect } from '../ImportStatusSelect/ImportStatusSelect';
import { StoreHashInput } from '../StoreHashInput/StoreHashInput';

const BIGCOMMERCE_STORE_SETUP_NAME = 'BigCommerceStoreSetup';
/** The dictionary sections this component shows itself (its parts bring their own): no wizard text. */
const MESSAGES = { authorize: authorizeMessages, importStatus: importStatusMessages, errors: errorMessages };

type BigCommerceStoreSetupElement = HTMLDivElement;
const noSubscribe = () => () => {};
type RootProps = Omit<ComponentPropsWithoutRef<'div'>, 'defaultValue' | 'onChange' | 'children'>;

/** What the setup needs from the host adapter. */
export type BigCommerceSetupAdapter = Pick<ConnectionAdapter, 'beginAuthorization' | 'getAuthorization' | 'listOrderStatuses'>;

export interface BigCommerceStoreSetupProps extends RootProps {
  adapter: BigCommerceSetupAdapter;
  /** The setup's value (controlled). */
  value?: BigCommerceSetupValue;
  /**
   * The initial value (uncontrolled); missing fields take the defaults.
   * @default { storeHash: '', orderImportStatusId: 11 }
   */
  defaultValue?: Partial<BigCommerceSetupValue>;
  /** Called with the whole new value. Changing the store hash drops `authorization`. */
  onValueChange?: (value: BigCommerceSetupValue) => void;
  /**
   * Show every field's error without waiting for blur; the wizard sets it when it validates the step.
   * @default false
   */
  showErrors?: boolean;
  /** Popup size and `window.open` name. @default { width: 900, height: 650 } */
  popup?: Pick<AuthorizePopupOptions, 'width' | 'height' | 'name'>;
  /** How long a popup attempt may take. @default 300_000 */
  timeoutMs?: number;
  /** How long a closed popup may still deliver its result. @default 1_500 */
  closeGraceMs?: number;
  /** See `AuthorizeButtonProps.severanceWindowMs`. @default 3_000 */
  severanceWindowMs?: number;
  /** How long a copied authorization link is waited for. @default 600_000 */
  linkTimeoutMs?: number;
  /** `authorization_started`, `authorization_succeeded`, `authorization_failed` (with `code`); no secrets. */
  onEvent?: (event: AuthorizationEvent) => void;
  /** Overrides of the dictionary. */
  messages?: MessageOverrides;
  /** The TanStack Query client for the store's order statuses. @default a private client */
  queryClient?: QueryClient;
  /**
   * The level of the section headings ("Authorization", "Import Settings").
   * @default 3
   */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  /** @default false */
  disabled?: boolean;
  /**
   * @internal The live value from a store instead of `value` (changes still go to `onValueChange`): typing the
   * hash re-renders the field alone, and this component only when the hash's validity changes.
   */
  valueStore?: ReadableStore<BigCommerceSetupValue> | undefined;
}

function statusText(text: Messages['authorize'], state: AuthorizationState): string | null {
  if (state.status === 'authorized') {
    const { storeHash, ownerEmail } = state.authorization;
    return formatMessage(ownerEmail ? text.authorizedWithEmail : text.authorized, { hash: storeHash, email: ownerEmail ?? '' });
  }
  if (state.status !== 'waiting') return null;
  if (state.method === 'popup') return text.waiting;
  if (state.url === undefined) return text.preparingLink;
  return state.copied ? text.linkCopied : text.linkWaiting;
}

/**
 * The BigCommerce part of the store step: **Store Hash**, then **Authorize** (a popup where the Store Owner signs
 * in and clicks Confirm, or **Copy authorization link** for an owner elsewhere), then **Order Import Status** under
 * Import Settings — the built-in statuses before authorization, the store's own labels after. Changing the hash
 * clears the authorization; no failure ever clears what the user entered.
 *
 * Styling hooks: the root has `data-slot="bigcommerce-store-setup"` and `data-state="idle|waiting|authorized|error"`;
 * parts `authorization` (section, with the same `data-state`), `authorization-heading`, `authorization-intro`,
 * `authorization-actions`, `authorization-focus`, `authorization-cancel`, `authorization-hint`,
 * `authorization-status`, `authorization-note`, `authorization-error` (`[data-code]`), `authorization-required`, `authorization-link`,
 * `authorization-link-button`, `authorization-link-help`, `authorization-link-fallback`,
 * `authorization-link-field`, `import-settings`, `import-settings-heading`.
 *
 * @example
 * <BigCommerceStoreSetup
 *   adapter={adapter}
 *   defaultValue={{ storeHash: '' }}
 *   onValueChange={(value) => setDraft((draft) => ({ ...draft, bigcommerce: value }))}
 * />
 */
export const BigCommerceStoreSetup = /* @__PURE__ */ namedForwardRef<BigCommerceStoreSetupElement, BigCommerceStoreSetupProps>(
  function BigCommerceStoreSetup(props, forwardedRef) {
    const {
      adapter,
      value: valueProp,
      defaultValue,
      onValueChange,
      showErrors,
      popup,
      timeoutMs,
      closeGraceMs,
      severanceWindowMs,
      linkTimeoutMs,
      onEvent,
      messages: overrides,
      queryClient,
      headingLevel = 3,
      disabled,
      valueStore,
      ...rootProps
    } = props;
    const messages = useMessageSections(MESSAGES, overrides);
    const text = messages.authorize;
    const [ownValue, setOwnValue] = useControllableState<BigCommerceSetupValue>({
      prop: valueProp,
      defaultProp: { ...defaultBigCommerceSetupValue, ...defaultValue },
      onChange: onValueChange,
      caller: BIGCOMMERCE_STORE_SETUP_NAME,
    });
    // From a store: re-rendered by its owner for any change but the hash text; for that, only when its validity
    // changes. The rest is read when rendering, and every change goes to `onValueChange`.
    const valid = () => !!valueStore && parseStoreHash(valueStore.get().storeHash).ok;
    useSyncExternalStore(valueStore ? valueStore.subscribe : noSubscribe, valid, valid);
    const value = valueStore ? valueStore.get() : ownValue;
    const setValue = (change: (previous: BigCommerceSetupValue) => BigCommerceSetupValue) =>
      valueStore ? onValueChange?.(change(valueStore.get())) : setOwnValue(change);
    // From a store the field keeps its own text (only it re-renders per keystroke); a text from elsewhere (a restored
    // draft) starts it over.
    const typed = useRef(value.storeHash);
    const fieldKey = useRef(0);
    if (valueStore && value.storeHash !== typed.current) {
      typed.current = value.storeHash;
      fieldKey.current += 1;
    }

    const auth = useAuthorization({
      // `adapter`, the timeouts and `onEvent` are the hook's options of the same names.
      ...props,
      storeHash: valueStore ? () => valueStore.get().storeHash : value.storeHash,
      // The value decides whether the store is authorized (a resumed draft, a host that cleared it).
      authorization: value.authorization ?? null,
      popup: { ...popup, title: text.popupTitle, body: text.popupBody },
      onAuthorized: (result) => setValue((previous) => ({ ...previous, authorization: toStoreAuthorization(result) })),
      // Not the root's `onError` (a DOM event handler the host may pass).
      onError: undefined,
    });
    const { state, status, canAuthorize } = auth;
    const waiting = state.status === 'waiting' ? state : undefined;
    // Stable: the memoised select need not render again when the hash's validity changes.
    const onStatusChange = useLatestCallback((orderImportStatusId: number) => {
      setValue((previous) => ({ ...previous, orderImportStatusId }));
    });
    // The store's labels need its grant; during "Authorize again" the current grant still counts.
    const current = value.authorization?.storeHash === auth.storeHash ? value.authorization : undefined;
    // "Authorize the store first" (the wizard validated the step): a valid hash whose store is not authorized reads
    // as idle; while waiting or after an error the section says more already.
    const showRequired = showErrors && canAuthorize && status === 'idle';

    // Focus: when the part that held it goes away (Cancel, "Show the BigCommerce window" after the outcome), it
    // moves to the Authorize button instead of falling to <body>.
    const buttonRef = useRef<HTMLButtonElement>(null);
    const hadFocusRef = useRef(false);
    // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose after every status change (parts appear and go).
    useEffect(() => {
      const button = buttonRef.current;
      const active = button?.ownerDocument.activeElement;
      if (hadFocusRef.current && (!active || active === button?.ownerDocument.body)) button?.focus();
    }, [status]);

    const id = useId();
    const headingId = id + '-authorization';
    // The hint (invalid hash) and the required note (valid hash, not authorized) never show together.
    const noteId = id + '-note';
    const linkHelpId = id + '-link-help';
    const fallbackId = id + '-link-fallback';
    const fieldId = id + '-link';
    const importHeadingId = id + '-import';
    const Heading = `h${headingLevel}` as const;

    return (
      <div data-slot="bigcommerce-store-setup" data-state={status} {...rootProps} ref={forwardedRef}>
        <StoreHashInput
          key={fieldKey.current}
          value={valueStore ? undefined : value.storeHash}
          defaultValue={value.storeHash}
          onValueChange={(storeHash: string, info: ParsedStoreHash) => {
            typed.current = storeHash;
            const hash = info.ok ? info.storeHash : undefined;
            // A grant is for one store: another hash drops it (and the next authorization starts afresh).
            setValue(({ authorization, orderImportStatusId }) =>
              authorization && authorization.storeHash === hash
                ? { storeHash, authorization, orderImportStatusId }
                : { storeHash, orderImportStatusId },
            );
            // Without a re-render per keystroke, another store ends a running attempt here (no-op when idle).
            if (valueStore && hash !== auth.storeHash) auth.reset();
          }}
          showErrors={showErrors}
          messages={overrides}
          disabled={disabled}
          required
        />
        <section
          data-slot="authorization"
          data-state={status}
          aria-labelledby={headingId}
          onFocus={() => {
            hadFocusRef.current = true;
          }}
          onBlur={(event) => {
            // Null when the window itself loses focus (the popup opened): the section still "has" it then.
            const next = event.relatedTarget;
            if (next && !event.currentTarget.contains(next)) hadFocusRef.current = false;
          }}
        >
          <Heading data-slot="authorization-heading" id={headingId}>
            {text.heading}
          </Heading>
          <p data-slot="authorization-intro">{text.intro}</p>
          <div data-slot="authorization-actions">
            <AuthorizeButton
              ref={buttonRef}
              controller={auth}
              storeHash={value.storeHash}
              adapter={adapter}
              disabled={disabled}
              messages={overrides}
              aria-describedby={!canAuthorize || showRequired ? noteId : undefined}
            />
            {waiting?.method === 'popup' ? (
              <button
                type="button"
                data-slot="authorization-focus"
                onClick={(event) => auth.focusPopup(ownerWindow(event.currentTarget))}
              >
                {text.focusPopup}
              </button>
            ) : null}
            {waiting ? (
              <button
                type="button"
                data-slot="authorization-cancel"
                onClick={() => {
                  // Before the button disappears, so keyboard focus stays in the section.
                  buttonRef.current?.focus();
                  auth.cancel();
                }}
              >
                {text.cancel}
              </button>
            ) : null}
          </div>
          {!canAuthorize ? (
            <p data-slot="authorization-hint" id={noteId}>
              {text.needsHash}
            </p>
          ) : null}
          {/* Always rendered, so "Waiting…" and "Authorized — …" are announced when they appear. */}
          <p data-slot="authorization-status" role="status">
            {statusText(text, state)}
          </p>
          {state.status === 'authorized' && state.viaFallback ? (
            <p data-slot="authorization-note">{text.slowFallback}</p>
          ) : null}
          {state.status === 'error' ? (
            // Text from the dictionary for the code, never `error.message` (an adapter's, possibly with markup).
            <p data-slot="authorization-error" data-code={state.code} role="alert">
              {formatMessage(messages.errors[state.code], { hash: auth.storeHash! })}
            </p>
          ) : null}
          {showRequired ? (
            <p data-slot="authorization-required" id={noteId} role="alert">
              {text.required}
            </p>
          ) : null}
          <div data-slot="authorization-link">
            <button
              type="button"
              data-slot="authorization-link-button"
              disabled={!canAuthorize || disabled}
              aria-describedby={linkHelpId}
              onClick={(event) => auth.copyLink(ownerWindow(event.currentTarget))}
            >
              {text.copyLink}
            </button>
            <p data-slot="authorization-link-help" id={linkHelpId}>
              {text.copyLinkHelp}
            </p>
            {waiting?.method === 'link' && waiting.copied === false ? (
              <div data-slot="authorization-link-fallback">
                <p id={fallbackId}>{text.copyFailed}</p>
                <label htmlFor={fieldId}>{text.linkLabel}</label>
                <input
                  data-slot="authorization-link-field"
                  id={fieldId}
                  type="text"
                  readOnly
                  value={waiting.url}
                  aria-describedby={fallbackId}
                  onFocus={(event) => event.currentTarget.select()}
                />
              </div>
            ) : null}
          </div>
        </section>
        <section data-slot="import-settings" aria-labelledby={importHeadingId}>
          <Heading data-slot="import-settings-heading" id={importHeadingId}>
            {messages.importStatus.heading}
          </Heading>
          <ImportStatusSelect
            value={value.orderImportStatusId}
            onValueChange={onStatusChange}
            adapter={adapter}
            storeHash={current?.storeHash}
            grantId={current?.grantId}
            queryClient={queryClient}
            messages={overrides}
            disabled={disabled}
          />
        </section>
      </div>
    );
  },
  BIGCOMMERCE_STORE_SETUP_NAME,
);
