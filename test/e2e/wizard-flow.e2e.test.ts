// @vitest-environment node
/*
 * RELIABILITY G 47–48 in a real Chromium: the example dashboard, its wizard, a real popup to the BigCommerce
 * simulator, the host's server and its JSON file.
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
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  browser = await launchBrowser();
  context = browser.context;
});

afterEach(async () => {
  for (const page of context.pages()) await page.close();
  const pageErrors = browser.pageErrors.splice(0);
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await context.clearCookies();
  expect(pageErrors, 'uncaught exceptions in the pages').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

async function host(options: { coop?: boolean; dataFile?: string } = {}): Promise<StartedHost & { dataFile: string }> {
  let dataFile = options.dataFile;
  if (!dataFile) {
    const temp = await tempDir('flow');
    cleanups.push(temp.cleanup);
    dataFile = path.join(temp.dir, 'db.json');
  }
  const started = await startHost({ dataFile, coop: options.coop ?? false });
  cleanups.push(() => started.app.close());
  return { ...started, dataFile };
}

/** Opens the dashboard and the wizard dialog; returns the dialog. */
async function openWizard(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Connection' });
  await dialog.waitFor();
  return dialog;
}

/** Clicks Authorize and resolves the popup it opened. */
async function authorizeInPopup(scope: Locator, options: { pauseMs?: number } = {}): Promise<Page> {
  const opened = context.waitForEvent('page');
  await scope.getByRole('button', { name: 'Authorize', exact: true }).click();
  const popup = await opened;
  // A person takes a few seconds to sign in; under COOP that is longer than the close grace.
  if (options.pauseMs) await popup.waitForTimeout(options.pauseMs);
  await signInAndChoose(popup, 'Confirm');
  return popup;
}

async function selectedOptionText(select: Locator): Promise<string> {
  return select.evaluate((element) => {
    const s = element as HTMLSelectElement;
    return s.options[s.selectedIndex]?.text ?? '';
  });
}

describe('47 · the full flow against the example host and the simulator', () => {
  it('authorizes in a real popup, shows the store’s labels, adds the connection disabled and persists it', async () => {
    const { app, dataFile, logs } = await host();
    const page = await context.newPage();
    const dialog = await openWizard(page, app.url);

    await fillToStoreStep(dialog);
    const storeHash = dialog.getByRole('textbox', { name: 'Store Hash' });
    await pasteInto(storeHash, PASTED_API_PATH);
    await dialog.getByText('Found store hash abc123 in the API path.').waitFor();
    expect(await storeHash.inputValue()).toBe('abc123');

    // Before authorization: the 15 built-in statuses, Awaiting Fulfillment selected.
    const importStatus = dialog.getByRole('combobox', { name: 'Order Import Status' });
    expect(await selectedOptionText(importStatus)).toBe('Awaiting Fulfillment');

    const popup = await authorizeInPopup(dialog);
    expect(await authorizationOutcome(dialog)).toBe('Authorized — store abc123 (owner@example.com)');
    // The wizard closes the popup once the server confirmed.
    await popup.waitForEvent('close', { timeout: 5_000 }).catch(() => undefined);
    expect(popup.isClosed()).toBe(true);

    // After: the store's own labels, the built-in name in parentheses; still id 11.
    await importStatus
      .locator('option', { hasText: 'Ready for Warehouse (Awaiting Fulfillment)' })
      .waitFor({ state: 'attached' });
    expect(await importStatus.inputValue()).toBe('11');
    expect(await selectedOptionText(importStatus)).toBe('Ready for Warehouse (Awaiting Fulfillment)');
    expect(
      await importStatus.locator('option', { hasText: 'Packed — Awaiting Carrier (Awaiting Shipment)' }).count(),
    ).toBe(1);
    await importStatus.scrollIntoViewIfNeeded();
    await screenshot(page, '47-authorized');

    await dialog.getByRole('button', { name: 'Add connection' }).click();
    await dialog.getByRole('heading', { name: 'Connection added' }).waitFor();
    await dialog.getByText(`${CONNECTION_NAME} was created disabled`).waitFor();
    await screenshot(page, '47-success');

    // The dashboard refreshed behind the dialog.
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('tbody tr', { hasText: CONNECTION_NAME });
    await row.waitFor();
    expect(await row.textContent()).toContain('Disabled');
    expect(await row.textContent()).toContain('abc123');
    expect(await page.locator('tbody tr').count()).toBe(1);

    // No token ever reached the page; the server's log holds no secret either.
    const html = await page.content();
    expect(html).not.toContain('simtok_');
    expect(logs.join('\n')).not.toMatch(/simtok_|code_[0-9a-f]{8}|sim-client-secret/);

    // A restart with the same data file loses nothing.
    await app.close();
    const again = await host({ dataFile });
    await page.goto(again.app.url);
    await page.locator('tbody tr', { hasText: CONNECTION_NAME }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
  });
});

describe('48 · a host page served with Cross-Origin-Opener-Policy: same-origin', () => {
  it('still completes through the server check and says why it was slower', async () => {
    const { app } = await host({ coop: true });
    const page = await context.newPage();
    const response = await page.goto(app.url);
    expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
    const dialog = await openWizard(page, app.url);
    await fillToStoreStep(dialog);
    await pasteInto(dialog.getByRole('textbox', { name: 'Store Hash' }), PASTED_API_PATH);

    // COOP severs window.opener: the popup reads as closed as soon as it leaves this origin. Sign in at a human
    // pace (longer than the default close grace) to be sure the flow does not depend on a fast user.
    const popup = await authorizeInPopup(dialog, { pauseMs: 2_500 });
    expect(await authorizationOutcome(dialog)).toBe('Authorized — store abc123 (owner@example.com)');
    const note = dialog.getByText(/Confirmed through the server/);
    await note.waitFor({ timeout: 3_000 });
    await note.scrollIntoViewIfNeeded();
    await screenshot(page, '48-coop-authorized');
    // The severed popup cannot be closed from here: it stays on "You can close this window".
    await popup.close();

    await dialog.getByRole('button', { name: 'Add connection' }).click();
    await dialog.getByRole('heading', { name: 'Connection added' }).waitFor();
  });
});
