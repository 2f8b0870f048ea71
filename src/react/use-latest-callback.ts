import { useCallback, useInsertionEffect, useRef } from 'react';

/**
 * A stable function that always calls the newest `callback`: host callbacks are never stale, and effects that use
 * them need not re-run when the host passes a new inline function.
 *
 * @example
 * const onAuthorized = useLatestCallback(props.onAuthorized);
 */
// biome-ignore lint/suspicious/noExplicitAny: a generic function type needs `any` parameters.
export function useLatestCallback<F extends (...args: any[]) => any>(callback: F | undefined): F {
  const ref = useRef(callback);
  // Insertion effects run before layout effects, so the ref is fresh for any effect that calls it.
  useInsertionEffect(() => {
    ref.current = callback;
  });
  return useCallback(((...args) => ref.current?.(...args)) as F, []);
}
