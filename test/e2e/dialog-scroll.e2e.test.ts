// @vitest-environment node
/*
 * The wizard dialog over a dashboard longer than the window, in a real Chromium with classic scrollbars: while it is
 * open the page behind neither scrolls nor shifts sideways (the scrollbar's width is given back), and once it closes
 * the page scrolls again from where it was.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type StartedHost, startHost, tempDir } from './support';

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let started: StartedHost;
let cleanupData: () => Promise<void>;

beforeAll(async () => {
  browser = await launchBrowser({ scrollbars: true });
  const temp = await tempDir('scroll');
  cleanupData = temp.cleanup;
  started = await startHost({ dataFile: path.join(temp.dir, 'db.json'), coop: false });
});

afterAll(async () => {
  await browser?.close();
  await started?.app.close();
  await cleanupData?.();
});

describe('the wizard dialog over a long page', () => {
  it('keeps the page behind still and unshifted while open, and gives its scrolling back on close', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1024, height: 320 });
    await page.goto(started.app.url);
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await page.evaluate(() => {
      document.body.style.minHeight = '300vh';
      window.scrollTo(0, 40);
    });
    const scrollY = () => page.evaluate(() => window.scrollY);
    // The shift check means something only where the scrollbar takes room.
    expect(await page.evaluate(() => window.innerWidth - document.documentElement.clientWidth)).toBeGreaterThan(0);
    // A handle, not a role query: while the dialog is open Radix hides the rest of the page from assistive technology.
    const trigger = await page.getByRole('button', { name: 'Add connection' }).elementHandle();
    if (!trigger) throw new Error('no trigger');
    // The trigger is right-aligned, so it moves if the page gets wider; it stays in view, since closing returns focus
    // to it, which would scroll it back into view.
    const before = await trigger.boundingBox();
    expect(before?.y).toBeGreaterThan(0);

    await trigger.click();
    const dialog = page.getByRole('dialog', { name: 'Add Connection' });
    await dialog.waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');
    expect((await trigger.boundingBox())?.x).toBe(before?.x);

    // A wheel over the overlay (top-left corner), then one over the dialog, which is taller than this short window
    // (checked, so the wait below cannot hang on a dialog that fits). Wheel events are handled in order: once the
    // dialog has scrolled, the first one has had its chance at the page.
    expect(await dialog.evaluate((element) => element.scrollHeight - element.clientHeight)).toBeGreaterThan(50);
    await page.mouse.move(4, 4);
    await page.mouse.wheel(0, 400);
    const box = await dialog.boundingBox();
    if (!box) throw new Error('the dialog has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 400);
    await page.waitForFunction(() => (document.querySelector('[role="dialog"]')?.scrollTop ?? 0) > 0);
    expect(await scrollY()).toBe(40);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.documentElement.getAttribute('style'))).toBeFalsy();
    expect(await scrollY()).toBe(40);
    await page.mouse.move(4, 4);
    await page.mouse.wheel(0, 300);
    await page.waitForFunction(() => window.scrollY > 40);
    expect(browser.pageErrors).toEqual([]);
  });
});
