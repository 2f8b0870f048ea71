/**
 * A 128-bit random id: `crypto.randomUUID()` where it exists (secure contexts), else 32 hex characters from
 * `crypto.getRandomValues` (every browser and Node ≥ 15). Attempt ids double as the capability to read an
 * attempt's status (the server binds its first reader), so there is deliberately no `Math.random` fallback.
 *
 * @example
 * const attemptId = randomId(button.ownerDocument.defaultView?.crypto);
 */
export function randomId(cryptoApi: Crypto | undefined = globalThis.crypto): string {
  if (cryptoApi?.randomUUID) return cryptoApi.randomUUID();
  if (!cryptoApi?.getRandomValues) {
    throw new Error(
      process.env.NODE_ENV !== 'production'
        ? 'react-connection-wizard needs the Web Crypto API (crypto.getRandomValues) for attempt ids'
        : 'Web Crypto',
    );
  }
  return Array.from(cryptoApi.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
