// @vitest-environment node
/*
 * RELIABILITY G 49: the wizard (`/embed`, inline) inside a cross-site iframe — the partner page on
 * http://localhost:<p2>, the wizard on http://127.0.0.1:<p1>. The popup's BroadcastChannel is partitioned away
 * from the iframe, so the flow has to complete through the server check.
 */
import path from 'node:path';
import { startEmbedParent } from '../../examples/host-app/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let host: StartedHost;
let parent: Awaited<ReturnType<typeof startEmbedParent>>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const temp = await tempDir('iframe');
  cleanup = temp.cleanup;
  host = await startHost({ dataFile: path.join(temp.dir, 'db.json') });
  parent = await startEmbedParent({ embedUrl: `${host.app.origin}/embed` });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await parent?.close();
  await host?.app.close();
  await cleanup?.();
});

describe('49 · the wizard inside a cross-site iframe', () => {
  it('authorizes through the server check and adds the connection', async () => {
    const { context } = browser;
    const page = await context.newPage();
    await page.goto(parent.url);
    expect(new URL(page.url()).hostname).toBe('localhost');
    expect(new URL(host.app.origin).hostname).toBe('127.0.0.1');
    const frame = page.frameLocator('iframe[title="Add connection"]');
    const wizard = frame.getByRole('region', { name: 'Add Connection' });
    await wizard.waitFor();

    await fillToStoreStep(wizard);
    await pasteInto(wizard.getByRole('textbox', { name: 'Store Hash' }), PASTED_API_PATH);
    await wizard.getByText('Found store hash abc123 in the API path.').waitFor();

    const opened = context.waitForEvent('page');
    await wizard.getByRole('button', { name: 'Authorize', exact: true }).click();
    const popup = await opened;
    await signInAndChoose(popup, 'Confirm');
    // The popup's result page is first-party; the iframe is not. Bring the partner page back to the front, as a
    // person closing the popup would.
    await page.bringToFront();
    const outcome = await authorizationOutcome(wizard);
    await screenshot(page, '49-iframe-outcome');
    const authLog = host.logs.filter((line) => line.includes('/auth/')).join('\n');
    expect(outcome, `the host's auth requests:\n${authLog}`).toBe('Authorized — store abc123 (owner@example.com)');

    const importStatus = wizard.getByRole('combobox', { name: 'Order Import Status' });
    await importStatus
      .locator('option', { hasText: 'Ready for Warehouse (Awaiting Fulfillment)' })
      .waitFor({ state: 'attached' });
    await wizard.getByRole('button', { name: 'Add connection' }).click();
    await wizard.getByRole('heading', { name: 'Connection added' }).waitFor();

    const list = await (await fetch(`${host.app.origin}/api/connections`)).json();
    expect(list).toEqual([expect.objectContaining({ name: CONNECTION_NAME, enabled: false })]);
    expect(browser.pageErrors).toEqual([]);
  });
});
