import { type QueryClient, type UseQueryResult, useQuery } from '@tanstack/react-query';
import { callAdapter, type ConnectionAdapter, type Merchant, type StoreSummary, type WarehousePlatform } from '../core/adapter';
import type { ConnectionError } from '../core/errors';
import { queryKeys } from './query-client';

/*
 * The wizard's lists, loaded through TanStack Query with the explicit client (no provider needed). Every query
 * function calls the adapter through `callAdapter`, so a rejection is an `adapter_error` and a malformed value an
 * `invalid_adapter_response`, both `ConnectionError`s the UI turns into dictionary messages.
 */

export interface AdapterQueryOptions {
  /** Load only while this is true (the wizard loads while it is open). @default true */
  enabled?: boolean;
}

export type AdapterQueryResult<T> = UseQueryResult<T, ConnectionError>;

/**
 * The one query behind the list hooks: `adapter[method]()` through `callAdapter`, under `queryKey`, on the explicit
 * client. The newest adapter is called (every render hands its options, this `queryFn` included, to the query), so a
 * host passing an inline object does not change the query or refetch on every render.
 */
function useAdapterList<T>(
  adapter: ConnectionAdapter,
  queryClient: QueryClient,
  method: 'listMerchants' | 'listWarehousePlatforms' | 'listStores',
  queryKey: ReadonlyArray<string>,
  enabled = true,
): AdapterQueryResult<T> {
  return useQuery<T, ConnectionError>({ queryKey, queryFn: () => callAdapter(adapter, method) as Promise<T>, enabled }, queryClient);
}

/**
 * The adapter's merchants (`adapter.listMerchants()`), cached under `['rcw', 'merchants']`.
 *
 * @example
 * const merchants = useMerchants(adapter, queryClient);
 * if (merchants.isError) return <button onClick={() => merchants.refetch()}>Try again</button>;
 */
export function useMerchants(
  adapter: ConnectionAdapter,
  queryClient: QueryClient,
  options?: AdapterQueryOptions,
): AdapterQueryResult<Merchant[]> {
  return useAdapterList(adapter, queryClient, 'listMerchants', queryKeys.merchants(), options?.enabled);
}

/**
 * The adapter's warehouse platforms and their credential fields (`adapter.listWarehousePlatforms()`), cached under
 * `['rcw', 'warehouse-platforms']`.
 *
 * @example
 * const platforms = useWarehousePlatforms(adapter, queryClient, { enabled: open });
 */
export function useWarehousePlatforms(
  adapter: ConnectionAdapter,
  queryClient: QueryClient,
  options?: AdapterQueryOptions,
): AdapterQueryResult<WarehousePlatform[]> {
  return useAdapterList(adapter, queryClient, 'listWarehousePlatforms', queryKeys.warehousePlatforms(), options?.enabled);
}

/**
 * The adapter's existing stores (`adapter.listStores()`, optional), cached under `['rcw', 'stores']`. Disabled
 * when the adapter has no `listStores`.
 *
 * @example
 * const stores = useStores(adapter, queryClient);
 */
export function useStores(
  adapter: ConnectionAdapter,
  queryClient: QueryClient,
  options?: AdapterQueryOptions,
): AdapterQueryResult<StoreSummary[]> {
  const enabled = options?.enabled !== false && typeof adapter.listStores === 'function';
  return useAdapterList(adapter, queryClient, 'listStores', queryKeys.stores(), enabled);
}
