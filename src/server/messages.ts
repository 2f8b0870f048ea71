/*
 * The few user-visible strings of the server's own pages (the popup's result page and the plain error page).
 * They live here rather than in `i18n/messages.en.ts` because the server entry must not pull in the browser
 * dictionary; hosts translate them through `createBigCommerceAuth({ messages })`.
 */

/** Every string the server's pages show. */
export interface ServerMessages {
  /** `lang` attribute of the pages. */
  lang: string;
  /** `<title>` of the result page. */
  resultTitle: string;
  /** Heading when the store was authorized. */
  authorized: string;
  /** Heading when the user cancelled at BigCommerce. */
  denied: string;
  /** Heading when the authorization failed or expired. */
  failed: string;
  /** The line under every result heading. */
  closeWindow: string;
  /** `<title>` and heading of the 400 page (unknown, expired, used or unbound attempt). */
  invalidTitle: string;
  /** Body of the 400 page. */
  invalidBody: string;
}

/**
 * English defaults of the server pages' strings. Override any of them with the `messages` option.
 *
 * @example
 * createBigCommerceAuth({ ...options, messages: { closeWindow: 'Sie können dieses Fenster schließen.' } });
 */
export const serverMessages: Readonly<ServerMessages> = Object.freeze({
  lang: 'en',
  resultTitle: 'BigCommerce authorization',
  authorized: 'Store authorized',
  denied: 'Authorization cancelled',
  failed: 'Authorization failed',
  closeWindow: 'You can close this window.',
  invalidTitle: 'This authorization link is no longer valid',
  invalidBody: 'The link is unknown, has expired or was already used. Go back to the wizard and click Authorize again.',
});

/** The defaults with the host's overrides; only known keys with string values are taken. */
export function resolveServerMessages(overrides?: Partial<ServerMessages>): ServerMessages {
  const result: ServerMessages = { ...serverMessages };
  if (!overrides) return result;
  for (const key of Object.keys(serverMessages) as Array<keyof ServerMessages>) {
    const value = Object.hasOwn(overrides, key) ? overrides[key] : undefined;
    if (typeof value === 'string') result[key] = value;
  }
  return result;
}
