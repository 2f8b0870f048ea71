import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FetchHandler } from './create-big-commerce-auth';

/** A `node:http` / Express request listener. Resolves once the response is written; never rejects. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const BODYLESS_METHODS = new Set(['GET', 'HEAD']);

async function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  // An Express body parser may have consumed the stream already; there is nothing left to forward then.
  if (req.readableEnded) return undefined;
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    chunks.push(bytes);
    length += bytes.byteLength;
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  // rawHeaders keeps every repetition as sent (req.headers folds or drops some), so repeated headers survive.
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-headers are not headers to the Fetch API
    try {
      headers.append(name, raw[i + 1] as string);
    } catch {
      // A value the Fetch API refuses: drop it rather than the whole request.
    }
  }
  return headers;
}

function requestUrl(req: IncomingMessage): string {
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const path = req.url ?? '/';
  // Absolute-form targets (`GET http://host/path`) are already URLs. The Host header is untrusted, which is fine:
  // the handlers never build a URL or a redirect from it.
  if (/^https?:\/\//i.test(path)) return new URL(path).href;
  const host = req.headers.host ?? 'localhost';
  try {
    return new URL(`${encrypted ? 'https' : 'http'}://${host}${path.startsWith('/') ? path : `/${path}`}`).href;
  } catch {
    return new URL(path.startsWith('/') ? path : `/${path}`, 'http://localhost').href;
  }
}

async function toRequest(req: IncomingMessage, signal: AbortSignal): Promise<Request> {
  const method = (req.method ?? 'GET').toUpperCase();
  const body = BODYLESS_METHODS.has(method) ? undefined : await readBody(req);
  return new Request(requestUrl(req), { method, headers: requestHeaders(req), body, signal });
}

function setCookies(headers: Headers): string[] {
  // getSetCookie() keeps each Set-Cookie apart (Node ≥ 18.14); a joined value would be one broken cookie.
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const value = headers.get('set-cookie');
  return value === null ? [] : [value];
}

async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name.toLowerCase() !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = setCookies(response.headers);
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);

  if (!response.body || req.method === 'HEAD') {
    await response.body?.cancel();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
      // Respect back-pressure: wait for the socket to drain instead of buffering the whole body in memory.
      if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
    }
    res.end();
  } catch {
    res.destroy();
  }
}

/**
 * Adapts a Fetch-API handler (`(request: Request) => Promise<Response>`) to `node:http` and Express: the request
 * keeps its body and every repeated header, each `Set-Cookie` stays a separate header, a handler that throws
 * becomes a 500, and a client that goes away aborts `request.signal`.
 *
 * @example
 * import { createServer } from 'node:http';
 * const auth = createBigCommerceAuth(options);
 * const routes = { '/api/bc/start': auth.start, '/api/bc/callback': auth.callback };
 * createServer((req, res) => {
 *   const handler = routes[new URL(req.url ?? '/', 'http://x').pathname];
 *   if (handler) toNodeHandler(handler)(req, res);
 *   else res.writeHead(404).end();
 * }).listen(3000);
 * // Express: app.get('/api/bc/start', toNodeHandler(auth.start));
 */
export function toNodeHandler(handler: FetchHandler): NodeHandler {
  return async (req, res) => {
    const controller = new AbortController();
    const abort = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.once('close', abort);
    let response: Response;
    try {
      response = await handler(await toRequest(req, controller.signal));
    } catch {
      response = new Response('Internal Server Error', {
        status: 500,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    }
    try {
      await writeResponse(response, req, res);
    } catch {
      res.destroy();
    } finally {
      res.off('close', abort);
    }
  };
}
