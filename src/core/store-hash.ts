/**
 * Store hash extraction (DESIGN §2). Pure and total: never throws, whatever the string.
 */

export type StoreHashSource = 'bare' | 'api-path' | 'control-panel' | 'context';
export type StoreHashRejection = 'empty' | 'no-hash-in-url' | 'invalid-characters' | 'too-short' | 'too-long';

export type ParsedStoreHash =
  | { ok: true; storeHash: string; source: StoreHashSource }
  | { ok: false; reason: StoreHashRejection };

export const STORE_HASH_MIN_LENGTH = 4;
export const STORE_HASH_MAX_LENGTH = 16;

// `api.bigcommerce.com/stores/{hash}` followed by /v2, /v3, /graphql, any other segment, or the end.
const API_PATH = /(?:^|[/.@])api\.bigcommerce\.com(?::\d+)?\/stores\/([^/?#\s]*)/i;
// store-{hash}.mybigcommerce.com, and the channel host store-{hash}-{channelId}.mybigcommerce.com.
const CONTROL_PANEL = /(?:^|[/.@])store-([^./?#\s-]*)(?:-\d+)?\.mybigcommerce\.com(?=[:/?#]|$)/i;
// `stores/{hash}` anywhere: a context string, a `context=` parameter, a login URL carrying one.
const CONTEXT = /(?:^|[^a-z0-9])stores\/([^/?#&\s]*)/i;
/** Tried in this order (DESIGN §2). The captures exclude whitespace, so a hash found in a URL needs no trim. */
const SHAPES: ReadonlyArray<readonly [RegExp, Exclude<StoreHashSource, 'bare'>]> = [
  [API_PATH, 'api-path'],
  [CONTROL_PANEL, 'control-panel'],
  [CONTEXT, 'context'],
];
/**
 * Text that reads as an address (or a `context=` parameter) rather than as a hash with odd characters, yet holds no
 * hash: anything with a `/` (a scheme included), `www.…`, `context=`, three dot-separated labels or more
 * (`login.bigcommerce.com`), or two with a common top-level domain (`shop.com`; `ab.cd` is a hash with a bad
 * character).
 */
const ADDRESS =
  /\/|^www\.|context=|^[a-z0-9-]+(?:(?:\.[a-z0-9-]+){2,}|\.(?:com|net|org|io|co|shop|store|app|dev|biz|info|us|uk|de|ca|au|fr|nl|eu))$/i;

function validate(candidate: string, source: StoreHashSource): ParsedStoreHash {
  const hash = candidate.toLowerCase();
  const reason: StoreHashRejection | null =
    hash === ''
      ? source === 'bare'
        ? 'empty'
        : 'no-hash-in-url'
      : /[^a-z0-9]/.test(hash)
        ? 'invalid-characters'
        : hash.length < STORE_HASH_MIN_LENGTH
          ? 'too-short'
          : hash.length > STORE_HASH_MAX_LENGTH
            ? 'too-long'
            : null;
  return reason ? { ok: false, reason } : { ok: true, storeHash: hash, source };
}

/**
 * Extracts a BigCommerce store hash from whatever the user pasted: a bare hash, an API path, a control-panel or
 * channel address, or a context string. The hash is normalised to lower case.
 *
 * @example
 * parseStoreHash('https://api.bigcommerce.com/stores/abc123/v3/catalog')
 * // → { ok: true, storeHash: 'abc123', source: 'api-path' }
 * parseStoreHash('www.shop.com') // → { ok: false, reason: 'no-hash-in-url' }
 */
export function parseStoreHash(input: string): ParsedStoreHash {
  let text = typeof input === 'string' ? input : '';
  try {
    text = decodeURIComponent(text);
  } catch {
    // A stray `%` is not ours to fix: validate the text as typed.
  }
  text = text.trim();
  for (const [shape, source] of SHAPES) {
    const match = shape.exec(text);
    if (match) return validate(match[1] as string, source);
  }
  // Empty text falls through to `validate`, which reports `empty`.
  return ADDRESS.test(text) ? { ok: false, reason: 'no-hash-in-url' } : validate(text, 'bare');
}
