/*
 * Entry `react-connection-wizard/callback`: the script of the popup's result page (DESIGN §4, §5).
 *
 * `reportAuthorizationResult` must stay self-contained: the server entry inlines its source into the result page
 * as `(${reportAuthorizationResult.toString()})({ … })` inside a nonce'd <script>. So its body references no
 * import and no module-level binding — only its parameter and browser globals. The protocol constants are written
 * as literals; `callback.test.ts` checks that they equal those of `oauth/protocol.ts`. No zod here: the page must
 * stay tiny (≤ 1 kB brotli) and the opener validates strictly anyway.
 */

/** What the result page reports; read from `location.search` when not given. */
export interface ReportAuthorizationResultOptions {
  /**
   * The exact origin of the wizard's page, e.g. `https://app.example.com`: scheme, host and port only, written
   * as `new URL(origin).origin` would write it. `'*'`, `''`, `'null'`, or anything with a path, query or hash
   * (a trailing `/` included) throws a `TypeError` and nothing is sent.
   */
  appOrigin: string;
  /** @default the `attempt` query parameter */
  attemptId?: string;
  /** @default the `status` query parameter; anything unknown is reported as `'error'` */
  status?: 'authorized' | 'denied' | 'error';
  /** @default the `error` query parameter (at most 64 characters are sent) */
  errorCode?: string;
  /** The result page's window. @default globalThis */
  window?: Window;
}

/**
 * How the result went out: `'posted'` to `window.opener` (possibly broadcast too), `'broadcast'` on the
 * `BroadcastChannel` only (no opener, e.g. severed by `Cross-Origin-Opener-Policy`), `'none'` when nothing could
 * be sent or there was no attempt id.
 */
export type ReportAuthorizationOutcome = 'posted' | 'broadcast' | 'none';

/**
 * Tells the wizard that authorization finished, on every channel available: `postMessage` to `window.opener` with
 * `appOrigin` as the target origin (never `*`), and `BroadcastChannel('rcw:' + attemptId)` for when the opener
 * link was severed. The message is only a hint — `{ v, type, attemptId, status, errorCode? }`, nothing else;
 * the wizard asks its server for the outcome.
 *
 * @throws TypeError when `appOrigin` is not an exact `http:`/`https:` origin.
 * @example
 * // result page at https://app.example.com/auth/callback?attempt=…&status=authorized
 * reportAuthorizationResult({ appOrigin: 'https://app.example.com' });
 * @example
 * // inlined by a server: the function carries no outside references
 * `<script nonce="${nonce}">(${reportAuthorizationResult.toString()})(${JSON.stringify({ appOrigin, attemptId })})</script>`
 */
export function reportAuthorizationResult(options: ReportAuthorizationResultOptions): ReportAuthorizationOutcome {
  const appOrigin = options.appOrigin;
  let exact = false;
  try {
    const url = new URL(appOrigin);
    // `origin === appOrigin` rejects '*', '', 'null' (URL throws), paths, queries, hashes and non-canonical forms.
    exact = typeof appOrigin === 'string' && /^https?:$/.test(url.protocol) && url.origin === appOrigin;
  } catch {
    exact = false;
  }
  if (!exact) {
    throw new TypeError('reportAuthorizationResult: appOrigin must be an exact http(s) origin, e.g. https://app.example.com');
  }

  const win = (options.window || globalThis) as Window & typeof globalThis;
  let query = new URLSearchParams();
  try {
    query = new URLSearchParams(win.location.search);
  } catch {
    // No readable location: only the explicit options count.
  }
  const attemptId = options.attemptId ?? query.get('attempt');
  // The opener drops ids outside 1..128 characters anyway; sending them would only leak noise.
  if (typeof attemptId !== 'string' || attemptId.length < 1 || attemptId.length > 128) return 'none';
  const rawStatus = options.status ?? query.get('status');
  const message: { v: 1; type: string; attemptId: string; status: string; errorCode?: string } = {
    v: 1,
    type: 'rcw:authorization-result',
    attemptId,
    status: rawStatus === 'authorized' || rawStatus === 'denied' ? rawStatus : 'error',
  };
  const errorCode = options.errorCode ?? query.get('error');
  if (typeof errorCode === 'string' && errorCode !== '') message.errorCode = errorCode.slice(0, 64);

  let outcome: ReportAuthorizationOutcome = 'none';
  try {
    const opener = win.opener as Window | null;
    if (opener && opener !== win) {
      opener.postMessage(message, appOrigin);
      outcome = 'posted';
    }
  } catch {
    // COOP or a navigated-away opener: the BroadcastChannel below is the fallback.
  }
  try {
    const Channel = win.BroadcastChannel;
    if (typeof Channel === 'function') {
      const channel = new Channel('rcw:' + attemptId);
      try {
        channel.postMessage(message);
      } finally {
        // Messages already posted are still delivered after close(); an open channel would keep the page alive.
        channel.close();
      }
      if (outcome === 'none') outcome = 'broadcast';
    }
  } catch {
    // No BroadcastChannel (or it refused the message): the opener path, if any, has already run.
  }
  return outcome;
}
