/*
 * Small Fetch-API helpers shared by the handlers. Web platform only at the top level (no static Node imports), so
 * the server entry also runs on edge runtimes; randomness comes from `globalThis.crypto`, or on Node 18 (where Web
 * Crypto is global only behind --experimental-global-webcrypto) from `node:crypto`'s `webcrypto`, loaded on first use.
 */

let nodeWebCrypto: Promise<Crypto> | undefined;

async function webCrypto(): Promise<Crypto> {
  const crypto = globalThis.crypto;
  if (typeof crypto?.getRandomValues === 'function') return crypto;
  nodeWebCrypto ??= import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:crypto').then(
    (module) => module.webcrypto as unknown as Crypto,
    (error: unknown) => {
      nodeWebCrypto = undefined;
      throw new Error('react-connection-wizard/server needs Web Crypto (globalThis.crypto or node:crypto)', { cause: error });
    },
  );
  return nodeWebCrypto;
}

/** `byteLength` random bytes as base64url without padding (32 bytes → 43 characters). */
export async function randomToken(byteLength = 32): Promise<string> {
  const bytes = (await webCrypto()).getRandomValues(new Uint8Array(byteLength));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Compares two secrets in time independent of where they first differ. */
export function safeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** The value of cookie `name` in the request's `Cookie` header(s), the first one when repeated. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  // Headers joins repeated Cookie headers with ", "; browsers send one header joined with "; ". Accept both.
  for (const part of header.split(/;\s*|,\s+/)) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

export interface CookieAttributes {
  maxAgeSeconds: number;
  secure: boolean;
}

/** A session cookie the page's scripts cannot read and other sites cannot send along with sub-requests. */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  return [
    `${name}=${value}`,
    'Path=/',
    `Max-Age=${attributes.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(attributes.secure ? ['Secure'] : []),
  ].join('; ');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe to place in HTML content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * JSON safe to place inside an inline `<script>`: `<` cannot close the element or open a comment, and the
 * line separators that older engines reject inside string literals are escaped too.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Headers every response of the handlers carries: nothing here is cacheable or worth a referrer. */
export function baseHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  });
}

/** A JSON response that is never cached. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: baseHeaders('application/json; charset=utf-8') });
}

/** 405 for a method the endpoint does not serve. */
export function methodNotAllowed(allowed: readonly string[]): Response {
  const response = jsonResponse({ error: 'method_not_allowed' }, 405);
  response.headers.set('Allow', allowed.join(', '));
  return response;
}
