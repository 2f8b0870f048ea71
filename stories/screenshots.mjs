#!/usr/bin/env node
// Screenshots of every story of a built Storybook, in light and dark, 1024px and 360px wide.
//
//   npm run build-storybook && node stories/screenshots.mjs [--filter <text>] [--themes light,dark] [--widths 1024,360]
//                                                            [--concurrency 2] [--out .artifacts/screenshots]
//
// Serves `storybook-static/` with a tiny node:http server on 127.0.0.1, reads its index.json, renders each story
// alone in `iframe.html` (the theme through the `globals` URL parameter, as the toolbar does), waits for Storybook's
// `storyFinished` (play function, the 360px layout check and axe included), and writes
// `<story-id>--<theme>-<width>.png`. Renders whose play function, checks or axe failed are listed at the end and make
// the exit code 1 — at 360px every story gets the narrow-layout check, not only the `Narrow` ones.
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    dir: { type: 'string', default: path.join(root, 'storybook-static') },
    out: { type: 'string', default: path.join(root, '.artifacts/screenshots') },
    filter: { type: 'string', default: '' },
    themes: { type: 'string', default: 'light,dark' },
    widths: { type: 'string', default: '1024,360' },
    concurrency: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '60000' },
  },
});

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** A static file server for the built Storybook; resolves with its origin. */
function serve(dir) {
  const base = path.resolve(dir);
  const server = createServer(async (request, response) => {
    try {
      const { pathname } = new URL(request.url ?? '/', 'http://localhost');
      let file = path.resolve(base, `.${decodeURIComponent(pathname)}`);
      if (file !== base && !file.startsWith(base + path.sep)) {
        response.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, 'index.html');
      if (!(await stat(file).catch(() => null))?.isFile()) {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

/**
 * Installed before any page script: records what Storybook's preview reports about the story — `storyFinished`
 * (status `success` or `error`, with the a11y report), and a play function's exception.
 */
function recordStoryEvents() {
  const events = { finished: null, playError: null, renderError: null };
  Object.defineProperty(globalThis, '__rcwStoryEvents', { value: events });
  const timer = setInterval(() => {
    const channel = globalThis.__STORYBOOK_ADDONS_CHANNEL__;
    if (!channel) return;
    clearInterval(timer);
    channel.on('storyFinished', (event) => {
      events.finished = {
        status: event.status,
        reports: (event.reporters ?? []).map((report) => ({
          type: report.type,
          status: report.status,
          violations: (report.result?.violations ?? []).map((violation) => violation.id),
        })),
      };
    });
    channel.on('playFunctionThrewException', (error) => {
      events.playError = String(error?.message ?? error).split('\n')[0];
    });
    channel.on('storyThrewException', (error) => {
      events.renderError = String(error?.message ?? error).split('\n')[0];
    });
  }, 5);
}

/** Waits for Storybook's `storyFinished` (after the play function, afterEach checks and axe) and returns it. */
async function waitForStory(page, timeout) {
  await page.waitForFunction(() => globalThis.__rcwStoryEvents?.finished, undefined, { timeout, polling: 100 });
  return page.evaluate(() => globalThis.__rcwStoryEvents);
}

/** A one-line account of a render that did not finish cleanly, or null. */
function problemOf(events) {
  const failed = events.finished.reports.filter((report) => report.status === 'failed');
  // `storyFinished` says `success` even after a play function threw: its exception is a separate event.
  if (events.finished.status === 'success' && failed.length === 0 && !events.playError && !events.renderError) return null;
  const parts = [];
  if (events.playError) parts.push(`play: ${events.playError}`);
  if (events.renderError) parts.push(`render: ${events.renderError}`);
  for (const report of failed) parts.push(`${report.type}: ${report.violations.join(', ') || 'failed'}`);
  return parts.join(' · ') || 'error (afterEach check; see the story in Storybook)';
}

async function main() {
  const index = JSON.parse(await readFile(path.join(options.dir, 'index.json'), 'utf8').catch(() => {
    throw new Error(`No ${path.join(options.dir, 'index.json')}: run \`npm run build-storybook\` first.`);
  }));
  const filter = options.filter.toLowerCase();
  const stories = Object.values(index.entries).filter(
    (entry) => entry.type === 'story' && (!filter || `${entry.id} ${entry.title} ${entry.name}`.toLowerCase().includes(filter)),
  );
  const themes = options.themes.split(',').filter(Boolean);
  const widths = options.widths.split(',').map(Number).filter((width) => width > 0);
  const jobs = stories.flatMap((story) => themes.flatMap((theme) => widths.map((width) => ({ story, theme, width }))));

  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: set CHROMIUM_PATH or install Debian’s chromium.');
  await mkdir(options.out, { recursive: true });
  const server = await serve(options.dir);
  const profile = await mkdtemp(path.join(tmpdir(), 'rcw-screenshots-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1024, height: 800 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  const failures = [];
  let done = 0;
  const started = Date.now();
  const timeout = Number(options.timeout);

  async function worker() {
    const page = await context.newPage();
    await page.addInitScript(recordStoryEvents);
    const problems = [];
    page.on('pageerror', (error) => problems.push(String(error.message ?? error)));
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      const { story, theme, width } = job;
      problems.length = 0;
      // Tall enough for the dialog's longest step; `fullPage` catches anything taller in the page flow.
      await page.setViewportSize({ width, height: width <= 360 ? 760 : 800 });
      const url = `${server.origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story&globals=theme:${theme}`;
      let problem = null;
      try {
        await page.goto(url, { waitUntil: 'load' });
        problem = problemOf(await waitForStory(page, timeout));
        // Let transitions and late paints settle (reducedMotion is on, so this is short).
        await page.waitForTimeout(150);
      } catch (error) {
        problem = `did not finish: ${error instanceof Error ? error.message.split('\n')[0] : error}`;
      }
      const file = path.join(options.out, `${story.id}--${theme}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      if (problem) failures.push(`${story.id} (${theme}, ${width}px): ${problem}${problems.length ? ` — ${problems.join('; ')}` : ''}`);
      done += 1;
      if (done % 20 === 0) console.log(`${done} screenshots…`);
    }
    await page.close();
  }

  try {
    const count = jobs.length;
    await Promise.all(Array.from({ length: Math.max(1, Number(options.concurrency)) }, () => worker()));
    console.log(`${count} screenshots of ${stories.length} stories in ${((Date.now() - started) / 1000).toFixed(0)}s → ${path.relative(root, options.out)}/`);
  } finally {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.error(`\n${failures.length} renders did not finish cleanly:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
