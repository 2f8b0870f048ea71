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

const MESSAGE_KEYS: ReadonlySet<string> = new Set(['v', 'type', 'attemptId', 'status', 'errorCode']);

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
 * Copies the own data properties of a plain object into a fresh null-prototype record, or returns null.
 * Getters are never invoked and unknown keys (`__proto__`, `constructor`, symbols…) reject the value, so a
 * hostile payload can neither run code through us nor reach a prototype.
 */
function toPlainRecord(value: unknown): Record<string, unknown> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  // A plain object's prototype is null or some realm's Object.prototype (the data may come from another window).
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return null;
  const keys = Reflect.ownKeys(value);
  if (keys.length > MESSAGE_KEYS.size) return null;
  const record: Record<string, unknown> = Object.create(null);
  for (const key of keys) {
    if (typeof key !== 'string' || !MESSAGE_KEYS.has(key)) return null;
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor || !('value' in descriptor)) return null;
    record[key] = descriptor.value;
  }
  return record;
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
    // Strict: an extra key (say `access_token`) rejects the whole message, so nobody can start relying on the result
    // page to carry more than a hint.
    const record = toPlainRecord(data);
    if (!record) return null;
    const { v, type, attemptId, status, errorCode } = record;
    if (
      v !== RESULT_MESSAGE_VERSION ||
      type !== RESULT_MESSAGE_TYPE ||
      typeof attemptId !== 'string' ||
      attemptId.length < 1 ||
      attemptId.length > MAX_ATTEMPT_ID_LENGTH ||
      !RESULT_STATUSES.includes(status as ResultStatus) ||
      (errorCode !== undefined && (typeof errorCode !== 'string' || errorCode.length > MAX_ERROR_CODE_LENGTH))
    ) {
      return null;
    }
    const message: ResultMessage = { v, type, attemptId, status: status as ResultStatus };
    if (errorCode !== undefined) message.errorCode = errorCode;
    return message;
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
  if (typeof value !== 'string' || value === '') return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    const origin = url.origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
