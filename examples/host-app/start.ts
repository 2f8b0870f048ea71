/*
 * `npm start`: the example host app with the BigCommerce simulator (or a real store, see README.md).
 *
 * Environment:
 *   PORT (4400), HOST (127.0.0.1), APP_ORIGIN, RCW_DATA_FILE (examples/host-app/data/db.json), RCW_COOP=1,
 *   EMBED_PARENT_PORT (also serve the cross-site iframe demo on http://localhost:<port>),
 *   BIGCOMMERCE_CLIENT_ID + BIGCOMMERCE_CLIENT_SECRET + BIGCOMMERCE_CALLBACK_URL (+ BIGCOMMERCE_SCOPES) for a real store.
 */
import { DEFAULT_HOST, DEFAULT_PORT, startEmbedParent, startHostApp, type BigCommerceAppConfig } from './server';

function fail(message: string): never {
  console.error(`\n✗ ${message}\n`);
  process.exit(1);
}

function realBigCommerce(): BigCommerceAppConfig | undefined {
  const clientId = process.env.BIGCOMMERCE_CLIENT_ID?.trim();
  const clientSecret = process.env.BIGCOMMERCE_CLIENT_SECRET?.trim();
  const callbackUrl = process.env.BIGCOMMERCE_CALLBACK_URL?.trim();
  const given = [clientId, clientSecret, callbackUrl].filter(Boolean).length;
  if (given === 0) return undefined;
  if (given < 3) {
    fail(
      'Set all three of BIGCOMMERCE_CLIENT_ID, BIGCOMMERCE_CLIENT_SECRET and BIGCOMMERCE_CALLBACK_URL (or none, for the simulator).',
    );
  }
  const scopes = process.env.BIGCOMMERCE_SCOPES?.split(/[\s,]+/).filter(Boolean);
  return {
    clientId: clientId as string,
    clientSecret: clientSecret as string,
    callbackUrl: callbackUrl as string,
    ...(scopes && scopes.length > 0 ? { scopes } : {}),
  };
}

const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`PORT must be a port number, not ${process.env.PORT}`);
const bigcommerce = realBigCommerce();

const app = await startHostApp({
  port,
  host: process.env.HOST || DEFAULT_HOST,
  ...(process.env.APP_ORIGIN ? { appOrigin: process.env.APP_ORIGIN } : {}),
  ...(bigcommerce ? { bigcommerce } : {}),
  coop: process.env.RCW_COOP === '1',
}).catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') fail(`Port ${port} is in use. Try PORT=${port + 1} npm start`);
  fail(error instanceof Error ? error.message : String(error));
});

const parentPort = process.env.EMBED_PARENT_PORT ? Number(process.env.EMBED_PARENT_PORT) : undefined;
const parent =
  parentPort === undefined ? undefined : await startEmbedParent({ port: parentPort, embedUrl: `${app.origin}/embed` });

console.log('');
console.log(`  Example host app:   ${app.url}`);
if (app.simulator) {
  console.log(`  BigCommerce:        simulator at ${app.simulator.loginBaseUrl} (sign in with any password)`);
  console.log('  Try store hash:     abc123 (has custom order status labels), or paste');
  console.log('                      https://api.bigcommerce.com/stores/abc123/v3/');
} else {
  console.log(`  BigCommerce:        real (login.bigcommerce.com), callback ${app.callbackUrl}`);
  const origin = new URL(app.callbackUrl).origin;
  if (origin !== app.origin)
    console.log(`  Open the app at:    ${origin}/ (the callback URL's origin, so the session cookie matches)`);
}
if (parent) console.log(`  Iframe demo:        ${parent.url} (embeds ${app.origin}/embed from another site)`);
console.log(`  Data:               ${app.db.file}`);
console.log('');

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await Promise.all([app.close(), parent?.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
