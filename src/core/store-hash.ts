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
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const COMMON_TLDS = new Set(['com', 'net', 'org', 'io', 'co', 'shop', 'store', 'app', 'dev', 'biz', 'info', 'us', 'uk', 'de', 'ca', 'au', 'fr', 'nl', 'eu']);

function decode(input: string): string {
  try {
    return decodeURIComponent(input);
  } catch {
    // A stray `%` is not ours to fix: validate the text as typed.
    return input;
  }
}

/** Whether text the user typed reads as an address rather than as a hash with odd characters. */
function looksLikeUrl(text: string): boolean {
  if (SCHEME.test(text) || text.includes('/') || /^www\./i.test(text)) return true;
  const labels = text.split('.');
  if (labels.length < 2 || labels.some((label) => !/^[a-z0-9-]+$/i.test(label))) return false;
  return labels.length >= 3 || COMMON_TLDS.has((labels.at(-1) ?? '').toLowerCase());
}

function validate(candidate: string, source: StoreHashSource): ParsedStoreHash {
  const hash = candidate.trim().toLowerCase();
  if (hash === '') return { ok: false, reason: source === 'bare' ? 'empty' : 'no-hash-in-url' };
  if (!/^[a-z0-9]+$/.test(hash)) return { ok: false, reason: 'invalid-characters' };
  if (hash.length < STORE_HASH_MIN_LENGTH) return { ok: false, reason: 'too-short' };
  if (hash.length > STORE_HASH_MAX_LENGTH) return { ok: false, reason: 'too-long' };
  return { ok: true, storeHash: hash, source };
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
  const text = decode(typeof input === 'string' ? input : '').trim();
  if (text === '') return { ok: false, reason: 'empty' };

  const apiPath = API_PATH.exec(text);
  if (apiPath) return validate(apiPath[1] ?? '', 'api-path');
  const controlPanel = CONTROL_PANEL.exec(text);
  if (controlPanel) return validate(controlPanel[1] ?? '', 'control-panel');
  const context = CONTEXT.exec(text);
  if (context) return validate(context[1] ?? '', 'context');
  if (/context=/i.test(text)) return { ok: false, reason: 'no-hash-in-url' };
  if (looksLikeUrl(text)) return { ok: false, reason: 'no-hash-in-url' };
  return validate(text, 'bare');
}
