import { type QueryClient, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type ConnectionAdapter, callAdapter, type OrderStatus } from '../core/adapter';
import type { ConnectionError } from '../core/errors';
import { BUILT_IN_ORDER_STATUSES, builtInOrderStatusName } from '../core/order-statuses';
import { parseStoreHash } from '../core/store-hash';
import { formatMessage } from '../i18n/format';
import { queryKeys } from './query-client';

/*
 * The order statuses an import-status picker offers: the 15 built-ins, a list the host passes, or the store's own
 * labels loaded through TanStack Query once the store is authorized. A failed load falls back to the built-ins.
 */

/** Where the offered statuses come from. */
export type OrderStatusSource = 'built-in' | 'statuses' | 'store';

export interface UseOrderStatusesOptions {
  /** A fixed list; when given nothing is loaded. */
  statuses?: ReadonlyArray<OrderStatus>;
  /** With `storeHash` and `grantId`: load the store's labels with `adapter.listOrderStatuses`. */
  adapter?: Pick<ConnectionAdapter, 'listOrderStatuses'>;
  storeHash?: string;
  grantId?: string;
}

export interface UseOrderStatusesReturn {
  /** Sorted by `order`, then id; one entry per id. */
  statuses: ReadonlyArray<OrderStatus>;
  source: OrderStatusSource;
  /** The store's labels are on their way (the built-ins are offered meanwhile). */
  isLoading: boolean;
  /** The load failed; the built-ins are offered instead. */
  error: ConnectionError | null;
}

/**
 * One entry per id (the first wins), sorted by `order` — an entry without one sorts by its id — then by id.
 *
 * @example
 * sortOrderStatuses([{ id: 2, name: 'Shipped', order: 0 }, { id: 1, name: 'Pending' }]) // → ids 2, 1
 */
export function sortOrderStatuses(statuses: ReadonlyArray<OrderStatus>): OrderStatus[] {
  const seen = new Set<number>();
  const unique = statuses.filter((status) => !seen.has(status.id) && seen.add(status.id));
  return unique.sort((a, b) => (a.order ?? a.id) - (b.order ?? b.id) || a.id - b.id);
}

/**
 * The text of an option: the store's label, with the built-in name in parentheses when they differ, through the
 * dictionary's `importStatus.customLabel` template (`{label} ({name})`).
 *
 * @example
 * orderStatusLabel({ id: 11, name: 'Awaiting Fulfillment', customLabel: 'Ready to ship' }, '{label} ({name})')
 * // → 'Ready to ship (Awaiting Fulfillment)'
 */
export function orderStatusLabel(status: OrderStatus, template: string): string {
  const name = status.name.trim() || builtInOrderStatusName(status.id) || String(status.id);
  const label = status.customLabel?.trim();
  if (!label || label === name) return name;
  return formatMessage(template, { label, name });
}

/**
 * The statuses to offer, loading the store's labels when `adapter`, `storeHash` and `grantId` are all given.
 * The query runs on the explicit `queryClient` under `['rcw', 'order-statuses', storeHash, grantId]`.
 *
 * @example
 * const queryClient = useRcwQueryClient(props.queryClient);
 * const { statuses, isLoading, error } = useOrderStatuses({ adapter, storeHash, grantId }, queryClient);
 */
export function useOrderStatuses(options: UseOrderStatusesOptions, queryClient: QueryClient): UseOrderStatusesReturn {
  const { statuses, adapter, grantId = '' } = options;
  const parsed = parseStoreHash(options.storeHash ?? '');
  const storeHash = parsed.ok ? parsed.storeHash : '';
  const enabled = !statuses && !!adapter && !!storeHash && !!grantId;
  // TanStack Query calls the newest `queryFn`: a host passing an inline adapter object neither changes the key nor
  // refetches on every render.
  const query = useQuery<OrderStatus[], ConnectionError>(
    {
      queryKey: queryKeys.orderStatuses(storeHash, grantId),
      queryFn: () => callAdapter(adapter!, 'listOrderStatuses', { storeHash, grantId }),
      enabled,
    },
    queryClient,
  );

  const loaded = enabled && query.isSuccess ? query.data : undefined;
  const list = useMemo(() => sortOrderStatuses(statuses ?? loaded ?? BUILT_IN_ORDER_STATUSES), [statuses, loaded]);
  return {
    statuses: list,
    source: statuses ? 'statuses' : loaded ? 'store' : 'built-in',
    isLoading: enabled && query.isPending,
    error: enabled && query.isError ? query.error : null,
  };
}
