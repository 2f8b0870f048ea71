// Real Chromium: trigger click → focus inside the dialog, the wizard against a bare Radix Dialog.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

const VARIANTS = {
  wizard: { entry: 'bench/chromium/wizard-page.jsx', trigger: '[data-slot="wizard-trigger"]' },
  bare: { entry: 'bench/chromium/bare-page.jsx', trigger: '[data-bench-trigger]' },
};

const html = (script) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body><div id="root"></div><script type="module" src="/${script}"></script></body></html>`;

async function buildPages(root, outdir) {
  await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(VARIANTS).map(([name, { entry }]) => [name, path.join(root, entry)])),
    outdir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // dist/testing.js imports node:http lazily inside the (Node-only) simulator; never executed in the page.
    external: [...builtinModules, 'node:*'],
    logLevel: 'silent',
  });
  for (const name of Object.keys(VARIANTS)) await writeFile(path.join(outdir, `${name}.html`), html(`${name}.js`));
}

function serve(dir) {
  const server = createServer(async (request, response) => {
    const file = path.join(dir, path.normalize(new URL(request.url, 'http://x').pathname).replace(/^\/+/, ''));
    try {
      const body = await readFile(file);
      const type = file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => {
    const position = (sorted.length - 1) * q;
    const low = Math.floor(position);
    const high = Math.ceil(position);
    return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
  };
  return { n: sorted.length, median: at(0.5), p90: at(0.9), min: sorted[0], max: sorted.at(-1) };
}

/** One open: click the trigger with a real (CDP) mouse click, wait for the probe's "next paint". */
async function openOnce(page, trigger) {
  await page.click(trigger);
  await page.waitForFunction(() => window.__bench.paintAt !== null && window.__bench.taskEndAt !== null, null, { timeout: 10_000 });
  const probe = await page.evaluate(() => ({ ...window.__bench }));
  return {
    focus: probe.focusAt - probe.clickAt,
    taskEnd: probe.taskEndAt - probe.clickAt,
    paint: probe.paintAt - probe.clickAt,
    focusTag: probe.focusTag,
  };
}

async function closeDialog(page) {
  await page.keyboard.press('Escape');
  await page.waitForSelector('[role="dialog"]', { state: 'detached', timeout: 10_000 });
}

/**
 * @param {{ root: string, loads?: number, reopens?: number }} options
 *   loads: fresh page loads per variant (one cold open each); reopens: warm re-opens after each cold open.
 */
export async function chromiumBench({ root, loads = 24, reopens = 2 }) {
  const executablePath = findChromium();
  if (!executablePath) return { skipped: 'no Chromium found (CHROMIUM_PATH, /usr/bin/chromium, PATH)' };
  const version = execFileSync(executablePath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const dir = await mkdtemp(path.join(tmpdir(), 'rcw-bench-pages-'));
  const profile = await mkdtemp(path.join(tmpdir(), 'rcw-bench-profile-'));
  let server;
  let context;
  try {
    await buildPages(root, dir);
    const sizes = {};
    for (const name of Object.keys(VARIANTS)) sizes[name] = (await readFile(path.join(dir, `${name}.js`))).length;
    server = await serve(dir);
    const origin = `http://127.0.0.1:${server.address().port}`;
    context = await chromium.launchPersistentContext(profile, { executablePath, args: CHROMIUM_ARGS, headless: true });
    const page = context.pages()[0] ?? (await context.newPage());
    const samples = { wizard: { cold: [], warm: [], focusTags: new Set() }, bare: { cold: [], warm: [], focusTags: new Set() } };

    // Warm-up load of each page (first compile of the bundles, disk cache), not recorded.
    for (const name of Object.keys(VARIANTS)) {
      await page.goto(`${origin}/${name}.html`);
      await page.waitForSelector(VARIANTS[name].trigger);
      await openOnce(page, VARIANTS[name].trigger);
    }

    for (let run = 0; run < loads; run += 1) {
      // Alternate which variant goes first so drift (thermal, GC, caches) falls on both.
      const order = run % 2 === 0 ? ['wizard', 'bare'] : ['bare', 'wizard'];
      for (const name of order) {
        const { trigger } = VARIANTS[name];
        await page.goto(`${origin}/${name}.html`);
        await page.waitForSelector(trigger);
        // Let the page finish its own start-up work before the click.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
        const cold = await openOnce(page, trigger);
        samples[name].cold.push(cold);
        samples[name].focusTags.add(cold.focusTag);
        for (let again = 0; again < reopens; again += 1) {
          await closeDialog(page);
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30))));
          samples[name].warm.push(await openOnce(page, trigger));
        }
      }
    }

    const summary = {};
    for (const [name, sample] of Object.entries(samples)) {
      summary[name] = {
        bundleBytes: sizes[name],
        focusTags: [...sample.focusTags],
        cold: {
          focus: stats(sample.cold.map((s) => s.focus)),
          taskEnd: stats(sample.cold.map((s) => s.taskEnd)),
          paint: stats(sample.cold.map((s) => s.paint)),
        },
        warm: {
          focus: stats(sample.warm.map((s) => s.focus)),
          taskEnd: stats(sample.warm.map((s) => s.taskEnd)),
          paint: stats(sample.warm.map((s) => s.paint)),
        },
      };
    }
    return { version, loads, reopens, summary };
  } finally {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    await rm(dir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  }
}
