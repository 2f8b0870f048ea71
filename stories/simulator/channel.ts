import type { AuthorizationStatus } from '../../src/core/adapter';
import type { MemoryAdapter } from '../../src/testing/memory-adapter';

/*
 * How the simulated BigCommerce popup (a story of this Storybook) and the story that opened it talk. A real
 * BigCommerce redirects to the host's server, which records the outcome; here the popup tells the opener's
 * memory adapter directly, then reports to the wizard with the library's own `reportAuthorizationResult`.
 *
 *   popup  → { type: 'outcome', attemptId, outcome }   (Confirm or Cancel)
 *   opener → { type: 'recorded', attemptId }            (the "server" now knows; the popup may report)
 */

/** The channel's name: same-origin only, like every BroadcastChannel. */
export const SIMULATOR_CHANNEL = 'rcw-storybook-simulator';

/** The story id of the simulated sign-in + consent screen (title `Internal/BigCommerce Simulator`, story `Consent`). */
export const SIMULATOR_STORY_ID = 'internal-bigcommerce-simulator--consent';

/** The e-mail the simulator pre-fills: the Store Owner of every simulated store. */
export const SIMULATED_OWNER_EMAIL = 'owner@example.com';

export type SimulatorOutcome = Extract<AuthorizationStatus, { status: 'authorized' } | { status: 'denied' }>;

export type SimulatorMessage =
  | { type: 'outcome'; attemptId: string; outcome: SimulatorOutcome }
  | { type: 'recorded'; attemptId: string };

function isSimulatorMessage(data: unknown): data is SimulatorMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type, attemptId } = data as Record<string, unknown>;
  return (type === 'outcome' || type === 'recorded') && typeof attemptId === 'string';
}

/**
 * Where the popup goes. Inside Storybook (dev server or static build) it is the simulator story rendered alone in
 * `iframe.html`; in the Vitest story runner, which has no `iframe.html`, it is `stories/simulator/index.html`
 * served by Vitest's own Vite server, which mounts the very same component. The memory adapter appends
 * `attempt` and `store_hash`.
 */
export function simulatorUrl(win: Window = window): string {
  const { location } = win;
  if (/\/iframe\.html$/.test(location.pathname)) {
    return new URL(`iframe.html?id=${SIMULATOR_STORY_ID}&viewMode=story`, location.href).href;
  }
  return new URL('/stories/simulator/index.html', location.origin).href;
}

/**
 * The opener's half: records each outcome the popup announces in `adapter` (the memory "server"), then
 * acknowledges. Outcomes for attempts this adapter does not know (another story, another test file) are ignored.
 * Returns the unsubscribe function.
 */
export function connectSimulator(adapter: MemoryAdapter, win: Window = window): () => void {
  const Channel = (win as Window & typeof globalThis).BroadcastChannel;
  const channel = new Channel(SIMULATOR_CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (!isSimulatorMessage(data) || data.type !== 'outcome') return;
    if (!adapter.attempts.some((attempt) => attempt.attemptId === data.attemptId)) return;
    adapter.resolveAuthorization(data.attemptId, data.outcome);
    channel.postMessage({ type: 'recorded', attemptId: data.attemptId } satisfies SimulatorMessage);
  };
  return () => channel.close();
}

/**
 * The popup's half: announces the outcome and resolves once the opener recorded it (or after `timeoutMs`, so a
 * simulator opened on its own still finishes).
 */
export function announceOutcome(attemptId: string, outcome: SimulatorOutcome, timeoutMs = 3_000): Promise<boolean> {
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(SIMULATOR_CHANNEL);
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(recorded: boolean) {
      clearTimeout(timer);
      channel.close();
      resolve(recorded);
    }
    channel.onmessage = (event: MessageEvent) => {
      const data: unknown = event.data;
      if (isSimulatorMessage(data) && data.type === 'recorded' && data.attemptId === attemptId) finish(true);
    };
    channel.postMessage({ type: 'outcome', attemptId, outcome } satisfies SimulatorMessage);
  });
}
