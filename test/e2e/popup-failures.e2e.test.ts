// @vitest-environment node
/*
 * RELIABILITY G 50 in a real Chromium: the popup closed by the user, Cancel on the consent page, and a blocked
 * popup. Each shows its own message and keeps everything the user entered.
 */
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationOutcome,
  CONNECTION_NAME,
  fillToStoreStep,
  launchBrowser,
  PASTED_API_PATH,
  pasteInto,
  type StartedHost,
  screenshot,
  signInAndChoose,
  startHost,
  tempDir,
} from './support';

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let host: StartedHost;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const temp = await tempDir('failures');
  cleanup = temp.cleanup;
  host = await startHost({ dataFile: path.join(temp.dir, 'db.json') });
  browser = await launchBrowser();
  context = browser.context;
});

afterEach(async () => {
  for (const page of context.pages()) await page.close();
  const pageErrors = browser.pageErrors.splice(0);
  expect(pageErrors, 'uncaught exceptions in the pages').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await host?.app.close();
  await cleanup?.();
});

/** The dashboard with the wizard on Store Setup, the API path pasted into Store Hash. */
async function wizardOnStoreStep(page: Page): Promise<Locator> {
  await page.goto(host.app.url);
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Connection' });
  await fillToStoreStep(dialog);
  await pasteInto(dialog.getByRole('textbox', { name: 'Store Hash' }), PASTED_API_PATH);
  await dialog.getByText('Found store hash abc123 in the API path.').waitFor();
  return dialog;
}

/** Everything the user entered is still there: this step's fields, and step 1's name after going Back. */
async function expectInputKept(dialog: Locator): Promise<void> {
  expect(await dialog.getByRole('textbox', { name: 'Store Hash' }).inputValue()).toBe('abc123');
  expect(await dialog.getByRole('textbox', { name: 'Store Name' }).inputValue()).toBe('Brand X BigCommerce');
  expect(await dialog.getByRole('combobox', { name: 'Order Import Status' }).inputValue()).toBe('11');
  for (let i = 0; i < 3; i += 1) await dialog.getByRole('button', { name: 'Back' }).click();
  expect(await dialog.getByRole('textbox', { name: 'Connection Name' }).inputValue()).toBe(CONNECTION_NAME);
}

const authorizeButton = (dialog: Locator) => dialog.getByRole('button', { name: /^(Authorize|Try again)$/ });

describe('50 · when authorization does not complete', () => {
  it('says the window was closed when the user closes the popup, and keeps the input', async () => {
    const page = await context.newPage();
    const dialog = await wizardOnStoreStep(page);
    const opened = context.waitForEvent('page');
    await authorizeButton(dialog).click();
    const popup = await opened;
    await popup.getByRole('heading', { name: 'Sign in to BigCommerce' }).waitFor();
    // A person reads the sign-in page first. (Closed within 3 s of opening, the engine cannot tell a close from a
    // COOP severance — `severanceWindowMs` — and waits for the server until its timeout instead.)
    await popup.waitForTimeout(3_500);
    await popup.close();

    expect(await authorizationOutcome(dialog)).toBe(
      'error: The BigCommerce window was closed before authorization finished.',
    );
    await screenshot(page, '50-popup-closed');
    await expectInputKept(dialog);
  });

  it('says access was not granted when Cancel is clicked on the consent page, and keeps the input', async () => {
    const page = await context.newPage();
    const dialog = await wizardOnStoreStep(page);
    const opened = context.waitForEvent('page');
    await authorizeButton(dialog).click();
    const popup = await opened;
    await signInAndChoose(popup, 'Cancel');

    expect(await authorizationOutcome(dialog)).toBe(
      'error: Access was not granted: Cancel was clicked on the BigCommerce consent screen.',
    );
    await expectInputKept(dialog);
  });

  it('says the popup was blocked when window.open returns null, and keeps the input', async () => {
    const page = await context.newPage();
    // What a popup blocker does to the page: window.open hands back null.
    await page.addInitScript(() => {
      window.open = () => null;
    });
    const dialog = await wizardOnStoreStep(page);
    let popups = 0;
    const count = () => {
      popups += 1;
    };
    context.on('page', count);
    await authorizeButton(dialog).click();

    expect(await authorizationOutcome(dialog)).toBe(
      'error: The browser blocked the BigCommerce window. Allow pop-ups for this site and try again.',
    );
    context.off('page', count);
    expect(popups).toBe(0);
    await expectInputKept(dialog);
  });
});
