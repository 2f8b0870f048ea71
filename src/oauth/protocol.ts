/*
 * The result message the popup's result page sends back to the wizard (DESIGN §5.3). It is only a hint: the
 * opener confirms every outcome with the server (`adapter.getAuthorization`), so the message carries no grant,
 * no token and no e-mail — just enough to say "ask now". Everything here is pure and never throws, because its
 * input comes from any window on the web that can `postMessage` to the wizard.
 */

/** `type` of every result message. */
export const RESULT_MESSAGE_TYPE = 'rcw:authorization-result';

/** `v` of every result message; a future format gets a new number and the old parser rejects it. */
export const RESULT_MESSAGE_VERSION = 1;

/** Prefix of the `BroadcastChannel` name; the full name is `channelName(attemptId)`. */
export const RESULT_CHANNEL_PREFIX = 'rcw:';

/** The `status` values the result page may report. */
export const RESULT_STATUSES = ['authorized', 'denied', 'error'] as const;

/** Longest accepted `attemptId` (a UUID is 36 characters; the slack is for host-made ids). */
export const MAX_ATTEMPT_ID_LENGTH = 128;

/** Longest accepted `errorCode`. */
export const MAX_ERROR_CODE_LENGTH = 64;

export type ResultStatus = (typeof RESULT_STATUSES)[number];

/**
 * The one message of the popup protocol; nothing else is ever accepted.
 *
 * @example
 * const message: ResultMessage = { v: 1, type: 'rcw:authorization-result', attemptId, status: 'denied', errorCode: 'access_denied' };
 */
export interface ResultMessage {
  v: typeof RESULT_MESSAGE_VERSION;
  type: typeof RESULT_MESSAGE_TYPE;
  attemptId: string;
  status: ResultStatus;
  errorCode?: string;
}

const MESSAGE_KEYS: readonly string[] = ['v', 'type', 'attemptId', 'status', 'errorCode'];

/**
 * The name of the `BroadcastChannel` an attempt listens on: the same-origin fallback for when
 * `Cross-Origin-Opener-Policy` severs `window.opener`.
 *
 * @example
 * new BroadcastChannel(channelName(attemptId))
 */
export function channelName(attemptId: string): string {
  return RESULT_CHANNEL_PREFIX + attemptId;
}

/**
 * Checks a `message` / `BroadcastChannel` payload against the protocol. Returns a fresh, plain copy of a valid
 * message, or null for anything else — non-objects, class instances, extra or missing keys, wrong types,
 * over-long strings, getters, proxies. Never throws.
 *
 * @example
 * const message = parseResultMessage(event.data);
 * if (message?.attemptId === attemptId) confirmWithServer();
 */
export function parseResultMessage(data: unknown): ResultMessage | null {
  try {
    // A plain object's prototype is null or some realm's Object.prototype (the data may come from another window);
    // primitives (through their wrapper), arrays, functions and class instances have another; null and undefined
    // throw here.
    const proto: unknown = Object.getPrototypeOf(data);
    if (proto && Object.getPrototypeOf(proto)) return null;
    // A null-prototype record: a missing key reads as undefined, never as something inherited.
    const message: Record<string, unknown> = Object.create(null);
    for (const key of Reflect.ownKeys(data as object)) {
      // Strict: an extra key (say `access_token`, `__proto__`, a symbol, an array's `length`) rejects the whole
      // message, so nobody can start relying on the result page to carry more than a hint. Own data properties
      // only: a getter is never invoked, so a hostile payload can neither run code through us nor reach a prototype.
      const descriptor = Reflect.getOwnPropertyDescriptor(data as object, key) as PropertyDescriptor;
      if (!MESSAGE_KEYS.includes(key as string) || !('value' in descriptor)) return null;
      message[key as string] = descriptor.value;
    }
    const { v, type, attemptId, status, errorCode } = message;
    return v === RESULT_MESSAGE_VERSION &&
      type === RESULT_MESSAGE_TYPE &&
      typeof attemptId === 'string' &&
      attemptId.length > 0 &&
      attemptId.length <= MAX_ATTEMPT_ID_LENGTH &&
      RESULT_STATUSES.includes(status as ResultStatus) &&
      (errorCode === undefined || (typeof errorCode === 'string' && errorCode.length <= MAX_ERROR_CODE_LENGTH))
      ? ({ ...message } as unknown as ResultMessage)
      : null;
  } catch {
    // A revoked proxy or a throwing trap: whatever it was, it is not our message.
    return null;
  }
}

/**
 * Normalises an `http:`/`https:` URL or origin to its exact origin (`new URL(value).origin`): lower-case host,
 * no default port, no path. Returns null for anything else — and never `'null'`, the origin of sandboxed and
 * opaque documents, which any page can obtain and so must never match.
 *
 * @example
 * normalizeOrigin('https://App.example.com:443/callback') // 'https://app.example.com'
 */
export function normalizeOrigin(value: unknown): string | null {
  try {
    // Anything but a string that parses as a URL throws here. An http(s) URL always has a host, so its origin is
    // never 'null'.
    const { protocol, origin } = new URL(value as string);
    return protocol === 'https:' || protocol === 'http:' ? origin : null;
  } catch {
    return null;
  }
}
