/*
 * Shared helpers of the end-to-end suite: the example host started in-process on a random port with its logs
 * captured, a raw HTTP client (so tests can spoof `Host` and read every header), a minimal cookie jar, and a
 * headless Debian Chromium driven by playwright-core (TOOLCHAIN gotcha 8: a persistent context, not
 * `--user-data-dir` in args).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { type HostApp, type HostAppOptions, startHostApp } from '../../examples/host-app/server';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(ROOT, '.artifacts', 'e2e');

/** A fresh temporary directory, removed by the returned `cleanup`. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `rcw-e2e-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface StartedHost {
  app: HostApp;
  /** Every line the host logged (request lines and the auth handlers' warnings). */
  logs: string[];
}

/** Starts the example host on a random port with its log captured instead of printed. */
export async function startHost(options: HostAppOptions & { dataFile: string }): Promise<StartedHost> {
  const logs: string[] = [];
  const app = await startHostApp({ port: 0, ...options, log: (line) => logs.push(line) });
  return { app, logs };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** `Location`, when there is one. */
  location: string | undefined;
  setCookies: string[];
}

/**
 * One HTTP request with exactly the headers given (`Host` included — fetch would not let us spoof it), no
 * redirect following.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const setCookie = res.headers['set-cookie'];
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            location: typeof res.headers.location === 'string' ? res.headers.location : undefined,
            setCookies: Array.isArray(setCookie) ? setCookie : [],
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A browser's cookie jar, reduced to what the tests need: one host, name=value pairs. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: RawResponse): void {
    for (const line of response.setCookies) {
      const [pair] = line.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (pair && index > 0) this.cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
  }

  header(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }
}

/**
 * A headless Chromium with its own throw-away profile. `pageErrors` collects every uncaught exception of every
 * page (popups and iframes included), for tests to assert there were none. `scrollbars`: classic scrollbars that
 * take room, as on Windows and Linux desktops (Playwright hides them in headless mode by default).
 */
export async function launchBrowser(options: { scrollbars?: boolean } = {}): Promise<{
  context: BrowserContext;
  pageErrors: string[];
  close(): Promise<void>;
}> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: set CHROMIUM_PATH or apt-get install chromium');
  const profile = await tempDir('profile');
  const context = await chromium.launchPersistentContext(profile.dir, {
    executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
    ...(options.scrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
  });
  context.setDefaultTimeout(10_000);
  const pageErrors: string[] = [];
  const watch = (page: Page) => page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    pageErrors,
    async close() {
      await context.close();
      await profile.cleanup();
    },
  };
}

/** Saves a screenshot under .artifacts/e2e/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Where the wizard lives: the dashboard's dialog, or the `/embed` page inside an iframe. */
export type WizardScope = Locator | FrameLocator;

export const CONNECTION_NAME = 'Brand X — BigCommerce → ACME WMS';
export const PASTED_API_PATH = 'https://api.bigcommerce.com/stores/abc123/v3/';

/**
 * Steps 1–3 with an existing merchant that already has a warehouse, then the store name on step 4. Leaves the
 * wizard on Store Setup with an empty Store Hash.
 */
export async function fillToStoreStep(scope: WizardScope, name = CONNECTION_NAME): Promise<void> {
  await scope.getByRole('textbox', { name: 'Connection Name' }).fill(name);
  await scope.getByRole('button', { name: 'Continue' }).click();
  await scope.getByRole('radio', { name: 'Use existing merchant' }).check();
  const merchant = scope.getByRole('combobox', { name: 'Merchant', exact: true });
  await merchant.selectOption('m_brandx');
  await scope.getByRole('button', { name: 'Continue' }).click();
  // Brand X ships from ACME WMS already: step 3 shows it and asks for nothing.
  await scope.getByText(/already ships from ACME WMS — Reno/).waitFor();
  await scope.getByRole('button', { name: 'Continue' }).click();
  await scope.getByRole('textbox', { name: 'Store Name' }).fill('Brand X BigCommerce');
}

/**
 * Pastes `text` into a field the way a user does (a `paste` event carrying clipboard data, then the input), so
 * the Store Hash field's paste handling runs.
 */
export async function pasteInto(field: Locator, text: string): Promise<void> {
  await field.focus();
  await field.evaluate((element, value) => {
    const input = element as HTMLInputElement;
    const data = new DataTransfer();
    data.setData('text/plain', value);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    if (input.dispatchEvent(event)) {
      // Nobody handled the paste: insert the text as the browser would.
      input.setRangeText(
        value,
        input.selectionStart ?? input.value.length,
        input.selectionEnd ?? input.value.length,
        'end',
      );
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: value }));
    }
  }, text);
}

/** In the simulator's popup: sign in as the Store Owner (email prefilled), then Confirm or Cancel. */
export async function signInAndChoose(popup: Page, choice: 'Confirm' | 'Cancel'): Promise<void> {
  await popup.getByRole('heading', { name: 'Sign in to BigCommerce' }).waitFor();
  await popup.getByLabel('Password').fill('correct horse battery staple');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup
    .getByRole('button', { name: choice })
    .click()
    // The wizard closes the popup as soon as the server confirms: that may happen before the click returns.
    .catch((error: unknown) => {
      if (!popup.isClosed()) throw error;
    });
}

/**
 * Waits until the Authorization section settles and returns what it says: the status line once authorized, or the
 * error text, or that it is still waiting (so a failing test reports what the wizard says, not a bare timeout).
 */
export async function authorizationOutcome(scope: WizardScope, timeout = 15_000): Promise<string> {
  const status = scope.locator('[data-slot="authorization-status"]', { hasText: /^Authorized/ });
  const error = scope.locator('[data-slot="authorization-error"]');
  try {
    await status.or(error).first().waitFor({ timeout });
  } catch {
    return `still waiting after ${timeout} ms`;
  }
  if (await error.count()) return `error: ${(await error.first().textContent()) ?? ''}`;
  return (await status.first().textContent()) ?? '';
}
