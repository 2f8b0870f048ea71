import { vi } from 'vitest';

/*
 * Testing Library's async helpers (user-event, `waitFor`, `findBy*`) wait for a `setTimeout(0)` and advance fake
 * timers only when they see Jest's (`jest.advanceTimersByTime`). Vitest's fake timers are the same @sinonjs clock,
 * so exposing `jest.advanceTimersByTime` lets those helpers drive them instead of hanging.
 * @see https://github.com/testing-library/react-testing-library/issues/1197
 */

type JestShim = { advanceTimersByTime: (ms: number) => void };

/**
 * `vi.useFakeTimers()` that Testing Library understands; returns the function that undoes it.
 *
 * @example
 * let restoreTimers: () => void;
 * beforeEach(() => { restoreTimers = useTestingLibraryFakeTimers(); });
 * afterEach(() => restoreTimers());
 */
export function useTestingLibraryFakeTimers(): () => void {
  vi.useFakeTimers();
  const global = globalThis as { jest?: JestShim };
  const previous = global.jest;
  global.jest = { advanceTimersByTime: (ms) => vi.advanceTimersByTime(ms) };
  return () => {
    if (previous === undefined) delete global.jest;
    else global.jest = previous;
    vi.useRealTimers();
  };
}
