import { createMemoryAdapter, type MemoryAdapter, type MemoryAdapterOptions } from '../../src/testing/memory-adapter';
import { simulatorUrl } from '../simulator/channel';

/** Custom labels the stories' "store" returns, as a merchant would set them in the BigCommerce control panel. */
export const STORE_LABELS: Record<number, string> = {
  9: 'Packed — awaiting carrier',
  11: 'Ready to ship',
  12: 'On hold (fraud check)',
};

/**
 * A memory adapter whose popup goes to the simulated BigCommerce screen of this Storybook, so clicking
 * **Authorize** by hand in any story opens a working sign-in (the story connects the simulator).
 */
export function createStoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const location = (globalThis as { location?: Location }).location;
  return createMemoryAdapter({
    ...(location ? { authorizeUrl: simulatorUrl(), resultOrigin: location.origin } : {}),
    ...options,
  });
}

/**
 * A loader giving each render its own adapter (in `context.loaded.adapter`): args are copied and merged by
 * Storybook, which would freeze the adapter's live `attempts` and `connections` getters.
 *
 * @example
 * export const Loading: Story = { loaders: [adapterLoader({ latencyMs: 60_000 })] };
 */
export function adapterLoader(options: MemoryAdapterOptions = {}) {
  return async () => ({ adapter: createStoryAdapter(options) });
}

/** The loaded adapter of a story (see `adapterLoader`). */
export function loadedAdapter(context: { loaded: Record<string, unknown> }): MemoryAdapter {
  const adapter = context.loaded.adapter as MemoryAdapter | undefined;
  if (!adapter) throw new Error('This story needs `loaders: [adapterLoader(...)]`.');
  return adapter;
}
