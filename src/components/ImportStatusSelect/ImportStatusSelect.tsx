import type { QueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type ComponentPropsWithoutRef, memo, type Ref, useId } from 'react';
import type { ConnectionAdapter, OrderStatus } from '../../core/adapter';
import { DEFAULT_ORDER_IMPORT_STATUS_ID } from '../../core/order-statuses';
import { importStatusMessages, type MessageOverrides } from '../../i18n/messages.en';
import { useMessageSections } from '../../react/messages';
import { namedForwardRef } from '../../react/named-forward-ref';
import { useRcwQueryClient } from '../../react/query-client';
import { useControllableState } from '../../react/use-controllable-state';
import { orderStatusLabel, useOrderStatuses } from '../../react/use-order-statuses';

const IMPORT_STATUS_SELECT_NAME = 'ImportStatusSelect';
/** The dictionary sections this component shows: used alone, it bundles no other text. */
const MESSAGES = { importStatus: importStatusMessages };

type ImportStatusSelectElement = HTMLDivElement;
type RootProps = Omit<ComponentPropsWithoutRef<'div'>, 'id' | 'defaultValue' | 'onChange' | 'children'>;

export interface ImportStatusSelectProps extends RootProps {
  /** The selected status id (controlled). */
  value?: number;
  /**
   * The initial status id (uncontrolled).
   * @default 11 (Awaiting Fulfillment)
   */
  defaultValue?: number;
  onValueChange?: (id: number) => void;
  /** The statuses to offer; when given nothing is loaded. @default the 15 built-in statuses */
  statuses?: ReadonlyArray<OrderStatus>;
  /** With `storeHash` and `grantId`: load the store's own labels (`adapter.listOrderStatuses`). */
  adapter?: Pick<ConnectionAdapter, 'listOrderStatuses'>;
  storeHash?: string;
  grantId?: string;
  /** The TanStack Query client for the load. @default a private client */
  queryClient?: QueryClient;
  /** Overrides of the dictionary (`importStatus.*`). */
  messages?: MessageOverrides;
  /** The `<select>`'s id. @default a generated id */
  id?: string;
  /** The `<select>`'s name, for a host form. */
  name?: string;
  /** @default false */
  disabled?: boolean;
  /** A ref to the `<select>` (the forwarded ref is the root). */
  selectRef?: Ref<HTMLSelectElement>;
}

/**
 * **Order Import Status**: the BigCommerce status that means "ready to ship". A native `<select>` of the 15
 * built-in statuses, or — given `adapter`, `storeHash` and `grantId` — of the store's own labels, shown as
 * "Ready to ship (Awaiting Fulfillment)". While they load it says so; if they cannot be loaded it says so and
 * keeps the built-ins. The value is the numeric status id.
 *
 * Styling hooks: `data-slot="import-status-select"`, `[data-loading]`, `[data-error]`,
 * `[data-source="built-in|statuses|store"]`, `[data-disabled]`; parts `import-status-label`, `import-status-field`,
 * `import-status-option`, `import-status-help`, `import-status-status`.
 *
 * @example
 * <ImportStatusSelect adapter={adapter} storeHash="abc123" grantId={grantId} onValueChange={setStatusId} />
 */
// memo: inside BigCommerceStoreSetup it need not render again when the store hash's validity changes.
export const ImportStatusSelect = /* @__PURE__ */ memo(/* @__PURE__ */ namedForwardRef<ImportStatusSelectElement, ImportStatusSelectProps>(
  function ImportStatusSelect(props, forwardedRef) {
    // Taken out of the root's props; `statuses`, `adapter`, `storeHash` and `grantId` reach the hook through `props`.
    const {
      value: valueProp,
      defaultValue = DEFAULT_ORDER_IMPORT_STATUS_ID,
      onValueChange,
      statuses: statusesProp,
      adapter,
      storeHash,
      grantId,
      queryClient,
      messages: overrides,
      id,
      name,
      disabled,
      selectRef,
      ...rootProps
    } = props;
    const text = useMessageSections(MESSAGES, overrides).importStatus;
    const [value, setValue] = useControllableState<number>({
      prop: valueProp,
      defaultProp: defaultValue,
      onChange: onValueChange,
      caller: IMPORT_STATUS_SELECT_NAME,
    });
    // `statuses`, `adapter`, `storeHash` and `grantId` are the hook's options of the same names.
    const { statuses, source, isLoading, error } = useOrderStatuses(props, useRcwQueryClient(queryClient));
    // A value the list lacks would make the browser show another option as selected: keep it visible instead (an
    // empty name reads as the built-in name, or the id).
    const options = statuses.some((status) => status.id === value) ? statuses : [...statuses, { id: value, name: '' }];

    const baseId = useId();
    const selectId = id ?? baseId + '-select';
    const helpId = baseId + '-help';
    const statusId = baseId + '-status';
    const notice = isLoading ? text.loading : error ? text.loadFailed : null;

    return (
      <div
        data-slot="import-status-select"
        data-source={source}
        data-loading={isLoading ? '' : undefined}
        data-error={error ? '' : undefined}
        data-disabled={disabled ? '' : undefined}
        {...rootProps}
        ref={forwardedRef}
      >
        <label data-slot="import-status-label" htmlFor={selectId}>
          {text.label}
        </label>
        <select
          data-slot="import-status-field"
          ref={selectRef}
          id={selectId}
          name={name}
          disabled={disabled}
          aria-busy={isLoading || undefined}
          aria-describedby={notice ? `${helpId} ${statusId}` : helpId}
          value={value}
          onChange={(event: ChangeEvent<HTMLSelectElement>) => setValue(Number(event.target.value))}
        >
          {options.map((status) => (
            <option key={status.id} data-slot="import-status-option" value={status.id}>
              {orderStatusLabel(status, text.customLabel)}
            </option>
          ))}
        </select>
        <p data-slot="import-status-help" id={helpId}>
          {text.help}
        </p>
        {/* Always rendered, so screen readers announce "loading" and "could not be loaded" when they appear. */}
        <p data-slot="import-status-status" id={statusId} role="status">
          {notice}
        </p>
      </div>
    );
  },
  IMPORT_STATUS_SELECT_NAME,
));
