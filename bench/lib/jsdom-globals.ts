import { createRequire } from 'node:module';

// jsdom ships no types and @types/jsdom is not a dependency: the little used here is typed locally.
interface JsdomInstance {
  window: Window & typeof globalThis;
}
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string, options: { url: string; pretendToBeVisual: boolean }) => JsdomInstance;
};

/*
 * A jsdom window as the global environment of a plain Node script (what Vitest's jsdom environment does for the
 * unit tests): the DOM classes and events come from jsdom, so events dispatched by Testing Library and the
 * listeners React attaches agree on one `Event`.
 */
export function installJsdomGlobals(url = 'http://localhost:3000/'): JsdomInstance {
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { url, pretendToBeVisual: true });
  const win = dom.window as unknown as Record<string, unknown>;
  const target = globalThis as unknown as Record<string, unknown>;
  // jsdom's own DOM and event classes win over Node's (Event, EventTarget, MessageEvent…); Node keeps its own
  // timers, crypto, URL, fetch and the like.
  const keepNode = new Set(['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'crypto', 'URL', 'URLSearchParams', 'fetch', 'Request', 'Response', 'Headers', 'TextEncoder', 'TextDecoder', 'structuredClone', 'performance', 'console', 'AbortController', 'AbortSignal', 'Blob', 'BroadcastChannel']);
  for (const key of Object.getOwnPropertyNames(dom.window)) {
    if (key.startsWith('_') || keepNode.has(key)) continue;
    if (key in target && !/^[A-Z]/.test(key)) continue;
    try {
      target[key] = win[key];
    } catch {
      // read-only global
    }
  }
  target.window = dom.window;
  target.document = dom.window.document;
  target.navigator = dom.window.navigator;
  target.IS_REACT_ACT_ENVIRONMENT = true;
  return dom;
}
