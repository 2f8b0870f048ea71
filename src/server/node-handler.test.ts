// @vitest-environment node
import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchHandler } from './create-big-commerce-auth';
import { toNodeHandler } from './node-handler';
import { createHarness, type Harness } from './test-harness';

let server: Server | undefined;
let harness: Harness | undefined;

afterEach(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }
  server = undefined;
  await harness?.close();
  harness = undefined;
});

/** Serves one Fetch handler on loopback through `toNodeHandler`; resolves its origin. */
async function serve(handler: FetchHandler): Promise<string> {
  const node = toNodeHandler(handler);
  server = createServer((req, res) => void node(req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
}

/** A raw `node:http` request, so repeated request headers go out as separate lines. */
function send(
  url: string,
  options: { method?: string; headers?: Array<[string, string]>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // With raw (array) headers Node adds no Host header by itself, and HTTP/1.1 requires one.
    const headers: string[] = ['Host', new URL(url).host];
    for (const [name, value] of options.headers ?? []) headers.push(name, value);
    const req = httpRequest(url, { method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('toNodeHandler', () => {
  describe('when a request comes in', () => {
    it('passes method, URL with query and Host to the handler', async () => {
      const origin = await serve(async (request) => Response.json({ method: request.method, url: request.url }));
      const response = await send(`${origin}/api/x?attempt=a1&store_hash=abc123`, { method: 'DELETE' });
      expect(JSON.parse(response.body)).toEqual({
        method: 'DELETE',
        url: `${origin}/api/x?attempt=a1&store_hash=abc123`,
      });
    });

    it('keeps every repeated request header', async () => {
      const origin = await serve(async (request) =>
        Response.json({ custom: request.headers.get('x-custom'), cookie: request.headers.get('cookie') }),
      );
      const response = await send(origin, {
        headers: [
          ['X-Custom', 'one'],
          ['X-Custom', 'two'],
          ['Cookie', 'a=1'],
          ['Cookie', 'b=2'],
        ],
      });
      const body = JSON.parse(response.body) as { custom: string; cookie: string };
      expect(body.custom).toBe('one, two');
      expect(body.cookie).toContain('a=1');
      expect(body.cookie).toContain('b=2');
    });

    it('forwards the request body', async () => {
      const origin = await serve(async (request) =>
        Response.json({ body: await request.text(), type: request.headers.get('content-type') }),
      );
      const payload = JSON.stringify({ hello: 'wörld', big: 'x'.repeat(200_000) });
      const response = await send(origin, {
        method: 'POST',
        headers: [['Content-Type', 'application/json']],
        body: payload,
      });
      expect(JSON.parse(response.body)).toEqual({ body: payload, type: 'application/json' });
    });
  });

  describe('when the handler answers', () => {
    it('writes the status, the headers and a streamed body', async () => {
      const origin = await serve(async () => {
        const stream = new ReadableStream({
          start(controller) {
            const encoder = new TextEncoder();
            for (const part of ['chunk-1 ', 'chunk-2 ', 'chunk-3']) controller.enqueue(encoder.encode(part));
            controller.close();
          },
        });
        return new Response(stream, { status: 202, headers: { 'Content-Type': 'text/plain', 'X-Thing': 'yes' } });
      });
      const response = await send(origin);
      expect(response.status).toBe(202);
      expect(response.headers['x-thing']).toBe('yes');
      expect(response.body).toBe('chunk-1 chunk-2 chunk-3');
    });

    it('keeps each Set-Cookie header separate', async () => {
      const origin = await serve(async () => {
        const headers = new Headers({ Location: '/next' });
        headers.append('Set-Cookie', 'a=1; Path=/; HttpOnly');
        // An Expires date contains a comma: joined into one header, the two cookies could not be told apart.
        headers.append('Set-Cookie', 'b=2; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT');
        return new Response(null, { status: 303, headers });
      });

      const response = await send(origin);
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe('/next');
      expect(response.headers['set-cookie']).toEqual([
        'a=1; Path=/; HttpOnly',
        'b=2; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT',
      ]);
    });

    it('sends no body to HEAD', async () => {
      const origin = await serve(async () => new Response('content', { headers: { 'Content-Type': 'text/plain' } }));
      const response = await send(origin, { method: 'HEAD' });
      expect(response.status).toBe(200);
      expect(response.body).toBe('');
    });
  });

  describe('when the handler throws', () => {
    it('answers 500 without details and keeps serving', async () => {
      let calls = 0;
      const origin = await serve(async () => {
        calls += 1;
        if (calls === 1) throw new Error('secret detail');
        return new Response('fine');
      });
      const failed = await send(origin);
      expect(failed.status).toBe(500);
      expect(failed.body).not.toContain('secret detail');
      expect((await send(origin)).body).toBe('fine');
    });
  });

  describe('when serving the real handlers', () => {
    it('runs the whole popup flow over node:http with the session cookie', async () => {
      harness = await createHarness({ callbackUrl: 'http://127.0.0.1/cb', appOrigin: 'http://127.0.0.1' });
      const auth = harness.auth;
      const routes: Record<string, FetchHandler> = { '/start': auth.start, '/cb': auth.callback, '/status': auth.status };
      const origin = await serve(async (request) => {
        const handler = routes[new URL(request.url).pathname];
        return handler ? handler(request) : new Response('not found', { status: 404 });
      });

      const start = await send(`${origin}/start?attempt=node-1&store_hash=abc123`);
      expect(start.status).toBe(303);
      const cookie = (start.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
      expect(cookie).toMatch(/^rcw_bc_session=/);

      const callbackUrl = new URL(await harness.simulator.approve(start.headers.location ?? ''));
      const landing = await send(`${origin}/cb${callbackUrl.search}`, { headers: [['Cookie', cookie]] });
      expect(landing.status).toBe(303);
      expect(landing.headers.location).toBe('http://127.0.0.1/cb?attempt=node-1');

      const page = await send(`${origin}/cb?attempt=node-1`, { headers: [['Cookie', cookie]] });
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toMatch(/script-src 'nonce-/);

      const status = await send(`${origin}/status?attempt=node-1`, { headers: [['Cookie', cookie]] });
      expect(JSON.parse(status.body)).toMatchObject({ status: 'authorized', storeHash: 'abc123' });
    });
  });
});
