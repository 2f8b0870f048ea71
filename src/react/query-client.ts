import { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';

/** Every query key of the library starts with this, so it never collides with the host's keys. */
export const QUERY_KEY_ROOT = 'rcw';

/**
 * The host's `queryClient` when given, else a private client created once per component instance. Every hook
 * receives it explicitly, so the host needs no `QueryClientProvider` and ours never wraps the host's tree.
 */
export function useRcwQueryClient(queryClient?: QueryClient): QueryClient {
  const [own] = useState(
    () =>
      queryClient ??
      new QueryClient({
        // No mutations run through it (TanStack Query retries none by default).
        defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 60_000 } },
      }),
  );
  return queryClient ?? own;
}

export const queryKeys = {
  merchants: () => [QUERY_KEY_ROOT, 'merchants'] as const,
  warehousePlatforms: () => [QUERY_KEY_ROOT, 'warehouse-platforms'] as const,
  stores: () => [QUERY_KEY_ROOT, 'stores'] as const,
  orderStatuses: (storeHash: string, grantId: string) => [QUERY_KEY_ROOT, 'order-statuses', storeHash, grantId] as const,
};
