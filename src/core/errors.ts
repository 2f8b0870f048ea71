/**
 * Every failure the library reports is a `ConnectionError` with a stable `code`. The UI shows the dictionary
 * message for the code (`messages.errors[code]`), never `error.message`, which may come from a host adapter.
 */
export const CONNECTION_ERROR_CODES = [
  'popup_blocked',
  'popup_closed',
  'timeout',
  'cancelled',
  'superseded',
  'access_denied',
  'store_mismatch',
  'authorization_failed',
  'invalid_store_hash',
  'adapter_error',
  'invalid_adapter_response',
] as const;

export type ConnectionErrorCode = (typeof CONNECTION_ERROR_CODES)[number];

/** Codes after which trying again is pointless until the user changes something. */
const NOT_RECOVERABLE: ReadonlySet<ConnectionErrorCode> = new Set(['invalid_store_hash', 'invalid_adapter_response']);

export interface ConnectionErrorOptions {
  message?: string;
  /** @default true for every code but `invalid_store_hash` and `invalid_adapter_response` */
  recoverable?: boolean;
  attemptId?: string;
  cause?: unknown;
}

/**
 * The one error type the library rejects with.
 *
 * @example
 * try { await authorizeInPopup({ storeHash, adapter }) }
 * catch (error) { if (isConnectionError(error) && error.code === 'popup_blocked') showHint() }
 */
export class ConnectionError extends Error {
  readonly code: ConnectionErrorCode;
  readonly recoverable: boolean;
  readonly attemptId?: string;
  override readonly cause?: unknown;

  constructor(code: ConnectionErrorCode, options: ConnectionErrorOptions = {}) {
    super(options.message ?? code);
    this.name = 'ConnectionError';
    this.code = code;
    this.recoverable = options.recoverable ?? !NOT_RECOVERABLE.has(code);
    // Both are class fields, so they are own properties (`undefined` when not given) either way.
    this.attemptId = options.attemptId;
    this.cause = options.cause;
  }
}

/** True for a `ConnectionError`, also one created by another copy of the library (checked by shape). */
export function isConnectionError(value: unknown): value is ConnectionError {
  return (
    value instanceof ConnectionError ||
    (value instanceof Error &&
      value.name === 'ConnectionError' &&
      (CONNECTION_ERROR_CODES as readonly string[]).includes((value as { code?: unknown }).code as string))
  );
}

/** Wraps anything an adapter threw as `adapter_error`, keeping a `ConnectionError` as it is. */
export function toConnectionError(error: unknown, fallback: ConnectionErrorCode = 'adapter_error'): ConnectionError {
  if (isConnectionError(error)) return error;
  return new ConnectionError(fallback, { cause: error });
}
