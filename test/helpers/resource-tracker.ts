/*
 * Counts what code under test registers and releases, so a test can assert after every outcome that nothing is
 * left behind (RELIABILITY E43): event listeners on the targets you `track` (window, document, AbortSignal…),
 * timers and intervals (wraps the global timer functions — install it after `vi.useFakeTimers()`), and
 * `BroadcastChannel`s (replaced by an in-memory fake whose instances are tracked too).
 */

type Listener = EventListenerOrEventListenerObject;

interface TimerFunctions {
  setTimeout: typeof globalThis.setTimeout;
  clearTimeout: typeof globalThis.clearTimeout;
  setInterval: typeof globalThis.setInterval;
  clearInterval: typeof globalThis.clearInterval;
}

export interface ResourceTrackerOptions {
  /**
   * `true`: install the tracked in-memory `BroadcastChannel`; `false`: remove `BroadcastChannel` entirely (a
   * partitioned iframe or an old browser).
   * @default true
   */
  broadcastChannel?: boolean;
}

/** The tracked in-memory `BroadcastChannel`: same-name instances receive each other's messages asynchronously. */
export interface TrackedChannel extends BroadcastChannel {
  readonly isClosed: boolean;
}

export interface ResourceTracker {
  /** Starts counting `addEventListener` / `removeEventListener` on `target` (an instance-level wrapper). */
  track<T extends object>(target: T, label: string): T;
  readonly listeners: {
    readonly added: number;
    readonly removed: number;
    /** Listeners added and not removed, as `label type`. */
    live(): string[];
  };
  readonly timers: {
    readonly set: number;
    readonly cleared: number;
    /** Timeouts neither fired nor cleared, plus intervals not cleared. */
    live(): number;
  };
  readonly channels: {
    readonly opened: number;
    readonly closed: number;
    /** Names of the channels not closed. */
    live(): string[];
    /** Every channel instance created so far. */
    readonly instances: ReadonlyArray<TrackedChannel>;
    /** Delivers `data` to every open channel of that name, as a page of the same origin would. */
    deliver(name: string, data: unknown): void;
  };
  /** Describes what is left; empty when clean. */
  leaks(): string[];
  /** Throws with the list of leaks, if any. */
  assertClean(): void;
  /** Puts back the timer functions, `BroadcastChannel` and the wrapped listener methods. */
  restore(): void;
}

/**
 * @example
 * vi.useFakeTimers();
 * const tracker = createResourceTracker();
 * tracker.track(window, 'window');
 * // … run the code, reach an outcome …
 * tracker.assertClean();
 * tracker.restore();
 */
export function createResourceTracker(options: ResourceTrackerOptions = {}): ResourceTracker {
  const global = globalThis as unknown as TimerFunctions & { BroadcastChannel?: unknown };
  const restorers: Array<() => void> = [];
  const live = new Map<string, Set<Listener>>();
  let added = 0;
  let removed = 0;

  function track<T extends object>(target: T, label: string): T {
    const eventTarget = target as unknown as EventTarget;
    const hadOwnAdd = Object.hasOwn(eventTarget, 'addEventListener');
    const hadOwnRemove = Object.hasOwn(eventTarget, 'removeEventListener');
    const add = eventTarget.addEventListener;
    const remove = eventTarget.removeEventListener;
    const keyOf = (type: string, options?: boolean | EventListenerOptions) =>
      `${label} ${type}${(typeof options === 'boolean' ? options : options?.capture) ? ' (capture)' : ''}`;
    eventTarget.addEventListener = function (this: EventTarget, type, listener, listenerOptions) {
      added += 1;
      if (listener) {
        const key = keyOf(type, listenerOptions);
        const set = live.get(key) ?? new Set();
        set.add(listener);
        live.set(key, set);
      }
      return add.call(this, type, listener, listenerOptions);
    };
    eventTarget.removeEventListener = function (this: EventTarget, type, listener, listenerOptions) {
      removed += 1;
      if (listener) live.get(keyOf(type, listenerOptions))?.delete(listener);
      return remove.call(this, type, listener, listenerOptions);
    };
    restorers.push(() => {
      if (hadOwnAdd) eventTarget.addEventListener = add;
      else delete (eventTarget as { addEventListener?: unknown }).addEventListener;
      if (hadOwnRemove) eventTarget.removeEventListener = remove;
      else delete (eventTarget as { removeEventListener?: unknown }).removeEventListener;
    });
    return target;
  }

  // ---- timers
  const original: TimerFunctions = {
    setTimeout: global.setTimeout,
    clearTimeout: global.clearTimeout,
    setInterval: global.setInterval,
    clearInterval: global.clearInterval,
  };
  const pendingTimers = new Set<unknown>();
  let timersSet = 0;
  let timersCleared = 0;
  global.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    timersSet += 1;
    const id: unknown = original.setTimeout(() => {
      pendingTimers.delete(id);
      handler(...args);
    }, ms);
    pendingTimers.add(id);
    return id;
  }) as typeof globalThis.setTimeout;
  global.setInterval = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    timersSet += 1;
    const id: unknown = original.setInterval(handler, ms, ...args);
    pendingTimers.add(id);
    return id;
  }) as typeof globalThis.setInterval;
  global.clearTimeout = ((id: Parameters<typeof clearTimeout>[0]) => {
    timersCleared += 1;
    pendingTimers.delete(id);
    original.clearTimeout(id);
  }) as typeof globalThis.clearTimeout;
  global.clearInterval = ((id: Parameters<typeof clearInterval>[0]) => {
    timersCleared += 1;
    pendingTimers.delete(id);
    original.clearInterval(id);
  }) as typeof globalThis.clearInterval;
  restorers.push(() => Object.assign(global, original));

  // ---- BroadcastChannel
  const hadChannel = Object.hasOwn(global, 'BroadcastChannel');
  const originalChannel = global.BroadcastChannel;
  const instances: TrackedChannel[] = [];
  let channelsClosed = 0;

  function dispatchTo(channels: TrackedChannel[], data: unknown): void {
    // Real channels deliver a structured clone, in a later task: code must not rely on synchronous delivery.
    const copy = typeof structuredClone === 'function' ? structuredClone(data) : data;
    void Promise.resolve().then(() => {
      for (const channel of channels) {
        if (!channel.isClosed) channel.dispatchEvent(new MessageEvent('message', { data: copy }));
      }
    });
  }

  class FakeBroadcastChannel extends EventTarget {
    readonly name: string;
    #closed = false;
    onmessage: ((event: MessageEvent) => void) | null = null;
    onmessageerror: ((event: MessageEvent) => void) | null = null;

    constructor(name: string) {
      super();
      this.name = String(name);
      instances.push(this as unknown as TrackedChannel);
      track(this, `BroadcastChannel(${this.name})`);
    }

    get isClosed(): boolean {
      return this.#closed;
    }

    postMessage(data: unknown): void {
      if (this.#closed) throw new DOMException('BroadcastChannel is closed', 'InvalidStateError');
      dispatchTo(
        instances.filter((other) => other !== (this as unknown) && other.name === this.name),
        data,
      );
    }

    close(): void {
      if (this.#closed) return;
      this.#closed = true;
      channelsClosed += 1;
    }
  }

  if (options.broadcastChannel === false) delete global.BroadcastChannel;
  else global.BroadcastChannel = FakeBroadcastChannel;
  restorers.push(() => {
    if (hadChannel) global.BroadcastChannel = originalChannel;
    else delete global.BroadcastChannel;
  });

  const tracker: ResourceTracker = {
    track,
    listeners: {
      get added() {
        return added;
      },
      get removed() {
        return removed;
      },
      live: () => [...live].flatMap(([key, set]) => Array.from(set, () => key)),
    },
    timers: {
      get set() {
        return timersSet;
      },
      get cleared() {
        return timersCleared;
      },
      live: () => pendingTimers.size,
    },
    channels: {
      get opened() {
        return instances.length;
      },
      get closed() {
        return channelsClosed;
      },
      live: () => instances.filter((channel) => !channel.isClosed).map((channel) => channel.name),
      instances,
      deliver: (name, data) =>
        dispatchTo(
          instances.filter((channel) => channel.name === name),
          data,
        ),
    },
    leaks() {
      const leaks: string[] = [];
      const liveListeners = tracker.listeners.live();
      if (liveListeners.length > 0) leaks.push(`listeners still registered: ${liveListeners.join(', ')}`);
      if (added !== removed) leaks.push(`addEventListener ×${added} but removeEventListener ×${removed}`);
      if (pendingTimers.size > 0) leaks.push(`${pendingTimers.size} timer(s) neither fired nor cleared`);
      const liveChannels = tracker.channels.live();
      if (liveChannels.length > 0) leaks.push(`BroadcastChannel(s) not closed: ${liveChannels.join(', ')}`);
      return leaks;
    },
    assertClean() {
      const leaks = tracker.leaks();
      if (leaks.length > 0) throw new Error(`Resources left behind:\n- ${leaks.join('\n- ')}`);
    },
    restore() {
      for (const restore of restorers.splice(0).reverse()) restore();
    },
  };
  return tracker;
}
