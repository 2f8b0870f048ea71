import { reportAuthorizationResult } from '../callback';
import { baseHeaders, escapeHtml, jsonForScript, randomToken } from './http';
import type { ServerMessages } from './messages';

/** What the result page tells the wizard: the popup protocol's statuses and a generic error code. */
export interface ResultPageOutcome {
  attemptId: string;
  status: 'authorized' | 'denied' | 'error';
  errorCode?: string;
}

const STYLE =
  'body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1f2328;background:#fff}' +
  'main{max-width:32rem;margin:15vh auto;padding:0 1.5rem;text-align:center}' +
  'h1{font-size:1.375rem;margin:0 0 .5rem}p{margin:0;color:#59636e}' +
  '@media (prefers-color-scheme:dark){body{color:#f0f6fc;background:#0d1117}p{color:#9198a1}}';

function page(lang: string, title: string, heading: string, text: string, nonce: string, script = ''): string {
  return (
    `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head>` +
    `<body><main><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p></main>${script}</body></html>`
  );
}

function htmlHeaders(nonce: string): Headers {
  const headers = baseHeaders('text/html; charset=utf-8');
  // Only the nonce'd inline script and style may run; nothing may be loaded, framed, posted or used as <base>.
  // No Cross-Origin-Opener-Policy on purpose: `same-origin` would sever window.opener and the popup could not
  // post its result (the BroadcastChannel and server check would still work, only slower).
  headers.set(
    'Content-Security-Policy',
    `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  return headers;
}

/**
 * The popup's result page: says the window can be closed and runs `reportAuthorizationResult` inline, so the page
 * needs no second request (and works under `default-src 'none'`).
 */
export async function resultPageResponse(
  outcome: ResultPageOutcome,
  appOrigin: string,
  messages: ServerMessages,
): Promise<Response> {
  const nonce = await randomToken(16);
  const options: Record<string, string> = { appOrigin, attemptId: outcome.attemptId, status: outcome.status };
  if (outcome.errorCode !== undefined) options.errorCode = outcome.errorCode;
  // `reportAuthorizationResult` is self-contained by contract (no imports, no closure), so its source text runs
  // as it is; `jsonForScript` keeps `</script>` in any value from ending the element.
  // Then try to close the window: where the opener kept its handle it closes the popup itself, but under a COOP
  // host page the handle is severed and only the popup can close itself (browsers ignore this when not allowed).
  const script =
    `<script nonce="${nonce}">(${reportAuthorizationResult.toString()})(${jsonForScript(options)});` +
    'setTimeout(function(){window.close()},1500);</script>';
  const heading =
    outcome.status === 'authorized' ? messages.authorized : outcome.status === 'denied' ? messages.denied : messages.failed;
  const html = page(messages.lang, messages.resultTitle, heading, messages.closeWindow, nonce, script);
  return new Response(html, { status: 200, headers: htmlHeaders(nonce) });
}

/** The plain 400 page for a callback that no pending attempt of this browser explains. No script at all. */
export async function invalidPageResponse(messages: ServerMessages, status = 400): Promise<Response> {
  const nonce = await randomToken(16);
  const html = page(messages.lang, messages.invalidTitle, messages.invalidTitle, messages.invalidBody, nonce);
  return new Response(html, { status, headers: htmlHeaders(nonce) });
}
