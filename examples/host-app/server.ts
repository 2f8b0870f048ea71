/*
 * The example host: one node:http server with
 *   - the dashboard page (client/, built by Vite) and `/embed` (just the wizard, inline, for iframes);
 *   - the library's BigCommerce OAuth handlers under /auth/bigcommerce/* (via `toNodeHandler`);
 *   - a small JSON API (/api/*) that its `ConnectionAdapter` talks to, persisted in a JSON file.
 * By default BigCommerce is played by the in-process simulator; pass `bigcommerce` credentials for a real store.
 * `startHostApp` is what `npm start` (start.ts) and the end-to-end tests (test/e2e) both run.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBigCommerceAuth, toNodeHandler, type BigCommerceAuthHandlers } from '../../src/server/index';
import {
  createBigCommerceSimulator,
  SIMULATOR_CLIENT,
  type BigCommerceSimulator,
  type BigCommerceSimulatorOptions,
} from '../../src/testing/index';
import { createApiHandler } from './api';
import { ensureClientBuild } from './client-build';
import { type JsonStore, openJsonStore } from './db';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the data lives unless `dataFile` / `RCW_DATA_FILE` says otherwise (git-ignored). */
export const DEFAULT_DATA_FILE = path.join(here, 'data', 'db.json');
export const DEFAULT_PORT = 4400;
export const DEFAULT_HOST = '127.0.0.1';
export const AUTH_PATHS = {
  start: '/auth/bigcommerce/start',
  callback: '/auth/bigcommerce/callback',
  status: '/auth/bigcommerce/status',
  orderStatuses: '/auth/bigcommerce/order-statuses',
} as const;

/** Custom order status labels the simulated stores return, so the Order Import Status select shows the store's own. */
export const DEMO_ORDER_STATUS_LABELS: Record<string, Record<number, string>> = {
  abc123: { 11: 'Ready for Warehouse', 9: 'Packed — Awaiting Carrier', 7: 'Awaiting Bank Transfer' },
  demo1: { 11: 'Ready to Ship' },
};

/** A real BigCommerce app, registered in the Developer Portal. */
export interface BigCommerceAppConfig {
  clientId: string;
  clientSecret: string;
  /** The app's registered Auth Callback URL, used byte for byte as `redirect_uri`. */
  callbackUrl: string;
  scopes?: string[];
  /** @default https://login.bigcommerce.com */
  loginBaseUrl?: string;
  /** @default https://api.bigcommerce.com */
  apiBaseUrl?: string;
}

export interface HostAppOptions {
  /** 0 picks a free port. @default 4400 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default examples/host-app/data/db.json */
  dataFile?: string;
  /**
   * The origin the browser uses for the dashboard (and the result page posts to).
   * @default the callback URL's origin with `bigcommerce`, else http://<host>:<port>
   */
  appOrigin?: string;
  /** Serve the dashboard with `Cross-Origin-Opener-Policy: same-origin` (the popup then cannot message it). */
  coop?: boolean;
  /**
   * The BigCommerce stand-in: an instance you own (not closed by `close()`), options for one started here, or
   * omitted for one with the demo labels. Ignored when `bigcommerce` is given.
   */
  simulator?: BigCommerceSimulator | BigCommerceSimulatorOptions;
  /** A real BigCommerce app instead of the simulator. */
  bigcommerce?: BigCommerceAppConfig;
  /** Every log line (request lines, auth warnings). Never given a code, token or secret. @default console.log */
  log?: (line: string) => void;
}

export interface HostApp {
  /** The dashboard: `${origin}/`. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  /** The redirect_uri in use. */
  readonly callbackUrl: string;
  /** The simulator in use (undefined against real BigCommerce). */
  readonly simulator: BigCommerceSimulator | undefined;
  readonly db: JsonStore;
  /** Stops the server (and the simulator it started); waits for pending writes. */
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

function isSimulator(value: HostAppOptions['simulator']): value is BigCommerceSimulator {
  return typeof value === 'object' && value !== null && 'approve' in value && 'loginBaseUrl' in value;
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

async function sendFile(
  res: ServerResponse,
  file: string,
  method: string,
  headers: Record<string, string>,
): Promise<boolean> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch {
    return false;
  }
  if (!info.isFile()) return false;
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  if (method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((resolve) => {
    createReadStream(file)
      .on('error', () => res.destroy())
      .on('close', resolve)
      .pipe(res);
  });
  return true;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Starts the example host. Resolves once it listens, the dashboard is built and the data file is open.
 *
 * @example
 * const app = await startHostApp({ port: 0, dataFile: '/tmp/rcw/db.json' });
 * console.log(app.url, app.simulator?.loginBaseUrl);
 * await app.close();
 */
export async function startHostApp(options: HostAppOptions = {}): Promise<HostApp> {
  const log = options.log ?? ((line: string) => console.log(line));
  const host = options.host ?? DEFAULT_HOST;
  const dataFile = options.dataFile ?? process.env.RCW_DATA_FILE ?? DEFAULT_DATA_FILE;

  const [distDir, db] = await Promise.all([ensureClientBuild({ log }), openJsonStore(dataFile)]);

  let ownSimulator: BigCommerceSimulator | undefined;
  let simulator: BigCommerceSimulator | undefined;
  if (!options.bigcommerce) {
    if (isSimulator(options.simulator)) {
      simulator = options.simulator;
    } else {
      ownSimulator = await createBigCommerceSimulator({
        orderStatusLabels: DEMO_ORDER_STATUS_LABELS,
        ...(options.simulator as BigCommerceSimulatorOptions | undefined),
      });
      simulator = ownSimulator;
    }
  }

  let auth: BigCommerceAuthHandlers;
  let nodeAuth: Record<string, ReturnType<typeof toNodeHandler>> = {};
  let nodeApi: ReturnType<typeof toNodeHandler> | undefined;
  const coop = options.coop === true;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    // Only the path is read (and logged): the query of a callback carries the authorization code.
    const pathname = new URL(req.url ?? '/', 'http://placeholder').pathname;
    const authHandler = nodeAuth[pathname];
    if (authHandler) return authHandler(req, res);
    if (pathname.startsWith('/api/') && nodeApi) return nodeApi(req, res);
    if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });

    if (pathname === '/' || pathname === '/index.html') {
      const headers: Record<string, string> = {
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        // The dashboard is not meant to be framed; /embed is.
        'X-Frame-Options': 'DENY',
      };
      if (coop) headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      if (await sendFile(res, path.join(distDir, 'index.html'), method, headers)) return;
    } else if (pathname === '/embed') {
      // Framable on purpose, from any site: the cross-site iframe demo (and test) embeds it.
      const headers = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
      if (await sendFile(res, path.join(distDir, 'embed.html'), method, headers)) return;
    } else if (pathname.startsWith('/assets/')) {
      const file = path.resolve(distDir, `.${decodeURIComponent(pathname)}`);
      const inside = file.startsWith(path.join(distDir, 'assets') + path.sep);
      // Hashed file names: cache forever.
      if (inside && (await sendFile(res, file, method, { 'Cache-Control': 'public, max-age=31536000, immutable' })))
        return;
    } else if (pathname === '/healthz') {
      return sendText(res, 200, 'ok');
    } else if (pathname === '/favicon.ico') {
      res.writeHead(204, { 'Cache-Control': 'public, max-age=86400' });
      res.end();
      return;
    }
    sendText(res, 404, 'Not Found');
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    res.once('finish', () => {
      const pathname = new URL(req.url ?? '/', 'http://placeholder').pathname;
      log(`${req.method} ${pathname} → ${res.statusCode} (${Date.now() - started} ms)`);
    });
    route(req, res).catch((error: unknown) => {
      log(`error: ${error instanceof Error ? error.name : 'unknown'}`);
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  // Playwright and browsers keep connections alive; close() must not wait for them.
  server.keepAliveTimeout = 2_000;

  let address: AddressInfo;
  try {
    address = await listen(server, options.port ?? DEFAULT_PORT, host);
  } catch (error) {
    await ownSimulator?.close();
    throw error;
  }
  const browserHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const listeningOrigin = `http://${browserHost}:${address.port}`;
  const callbackUrl =
    options.bigcommerce?.callbackUrl ?? `${options.appOrigin ?? listeningOrigin}${AUTH_PATHS.callback}`;
  const appOrigin = options.appOrigin ?? (options.bigcommerce ? new URL(callbackUrl).origin : listeningOrigin);

  try {
    auth = createBigCommerceAuth({
      clientId: options.bigcommerce?.clientId ?? SIMULATOR_CLIENT.clientId,
      clientSecret: options.bigcommerce?.clientSecret ?? SIMULATOR_CLIENT.clientSecret,
      callbackUrl,
      appOrigin,
      ...(options.bigcommerce?.scopes ? { scopes: options.bigcommerce.scopes } : {}),
      loginBaseUrl: options.bigcommerce ? options.bigcommerce.loginBaseUrl : simulator?.loginBaseUrl,
      apiBaseUrl: options.bigcommerce ? options.bigcommerce.apiBaseUrl : simulator?.apiBaseUrl,
      logger: { warn: (message, meta) => log(`[auth] ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}`) },
      async onAuthorized(grant) {
        // The token is written to the server's data file and nowhere else; the browser gets the grant id only.
        const grantId = `grant_${randomUUID()}`;
        await db.update((data) => {
          data.grants.push({
            grantId,
            storeHash: grant.storeHash,
            accessToken: grant.accessToken,
            scope: grant.scope,
            userEmail: grant.user.email,
            ...(grant.owner ? { ownerEmail: grant.owner.email } : {}),
            ...(grant.accountUuid ? { accountUuid: grant.accountUuid } : {}),
            createdAt: new Date().toISOString(),
          });
        });
        log(`authorized store ${grant.storeHash} (${grantId})`);
        return { grantId };
      },
      async getAccessToken(grantId) {
        const grant = db.read().grants.find((g) => g.grantId === grantId);
        return grant ? { storeHash: grant.storeHash, accessToken: grant.accessToken } : null;
      },
    });
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await ownSimulator?.close();
    throw error;
  }

  const callbackPath = new URL(callbackUrl).pathname;
  nodeAuth = {
    [AUTH_PATHS.start]: toNodeHandler(auth.start),
    [AUTH_PATHS.callback]: toNodeHandler(auth.callback),
    [callbackPath]: toNodeHandler(auth.callback),
    [AUTH_PATHS.status]: toNodeHandler(auth.status),
    [AUTH_PATHS.orderStatuses]: toNodeHandler(auth.orderStatuses),
  };
  nodeApi = toNodeHandler(createApiHandler({ db, appOrigin }));

  let closing: Promise<void> | undefined;
  return {
    url: `${listeningOrigin}/`,
    origin: listeningOrigin,
    port: address.port,
    callbackUrl,
    simulator,
    db,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await db.flush();
        await ownSimulator?.close();
      })();
      return closing;
    },
  };
}

/**
 * A page on another site that embeds the wizard's `/embed` page in an iframe — the cross-site iframe case
 * (RELIABILITY 49). Serve it on `localhost` while the host app runs on `127.0.0.1`: different sites.
 */
export async function startEmbedParent(options: {
  embedUrl: string;
  port?: number;
  host?: string;
}): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const embedUrl = new URL(options.embedUrl).href;
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner portal (embeds the wizard)</title>' +
    '<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;background:#f4f1ea}' +
    'iframe{width:100%;height:900px;border:2px dashed #8a6d3b;background:#fff}</style></head><body>' +
    '<h1>Partner portal</h1><p>The wizard below is served from another site, inside an iframe.</p>' +
    `<iframe title="Add connection" src="${embedUrl.replace(/"/g, '&quot;')}"></iframe></body></html>`;
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://placeholder').pathname;
    if (pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (pathname !== '/') return sendText(res, 404, 'Not Found');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(html);
  });
  server.keepAliveTimeout = 2_000;
  const address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    url: `http://localhost:${address.port}/`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
