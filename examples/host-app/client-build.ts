/*
 * Builds the dashboard (client/) with Vite when no cached build of the current sources exists. The cache key is a
 * fingerprint of every source file's path, size and mtime (client/ and the library's src/, tests and stories
 * excluded); each build lives in its own folder, dist-client/<fingerprint>/, so an unchanged tree starts at once
 * and a server that is already running keeps serving the build it started with while a newer one is made.
 * Vite runs in a child process (build-client.mjs) with NODE_ENV=production — see there why.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CLIENT_DIR = path.join(here, 'client');
/** Git-ignored cache of client builds. */
export const DIST_DIR = path.join(here, 'dist-client');
const LIBRARY_SRC = path.resolve(here, '../../src');
const BUILD_SCRIPT = path.join(here, 'build-client.mjs');
/** Builds kept besides the newest, for servers still running on them. */
const KEEP_BUILDS = 3;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    // Tests and stories never reach the bundle: editing them must not trigger a rebuild.
    else if (!/\.(test|stories)\.[cm]?[jt]sx?$/.test(entry.name)) files.push(full);
  }
  return files;
}

async function sourceFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const files = [
    ...(await listFiles(CLIENT_DIR)),
    ...(await listFiles(LIBRARY_SRC)),
    fileURLToPath(import.meta.url),
    BUILD_SCRIPT,
  ].sort();
  for (const file of files) {
    const info = await stat(file);
    hash.update(`${path.relative(here, file)}\0${info.size}\0${info.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

function runBuild(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILD_SCRIPT, outDir], {
      cwd: path.resolve(here, '../..'),
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) {
        if (stderr.trim()) process.stderr.write(stderr);
        resolve();
        return;
      }
      void rm(outDir, { recursive: true, force: true }).finally(() =>
        reject(new Error(`Building the dashboard failed (exit ${code}):\n${stderr.trim()}`)),
      );
    });
  });
}

/** Removes all but the newest builds (and leftovers of interrupted ones). */
async function prune(current: string): Promise<void> {
  const entries = await readdir(DIST_DIR, { withFileTypes: true });
  const builds = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory() && path.join(DIST_DIR, entry.name) !== current)
      .map(async (entry) => {
        const full = path.join(DIST_DIR, entry.name);
        return { full, mtime: (await stat(full)).mtimeMs, partial: entry.name.startsWith('tmp-') };
      }),
  );
  const hourAgo = Date.now() - 3_600_000;
  const old = builds
    .filter((build) => !build.partial)
    .sort((a, b) => b.mtime - a.mtime)
    .slice(KEEP_BUILDS - 1);
  const stale = builds.filter((build) => build.partial && build.mtime < hourAgo);
  await Promise.all([...old, ...stale].map((build) => rm(build.full, { recursive: true, force: true })));
}

async function build(log: (line: string) => void): Promise<string> {
  const fingerprint = await sourceFingerprint();
  const target = path.join(DIST_DIR, fingerprint);
  if (existsSync(path.join(target, 'index.html')) && existsSync(path.join(target, 'embed.html'))) return target;

  const started = Date.now();
  log('Building the dashboard (examples/host-app/client)…');
  const temporary = path.join(DIST_DIR, `tmp-${process.pid}-${Date.now()}`);
  await runBuild(temporary);
  try {
    await rename(temporary, target);
  } catch (error) {
    // Another process finished the same build first: use theirs.
    await rm(temporary, { recursive: true, force: true });
    if (!existsSync(path.join(target, 'index.html'))) throw error;
  }
  await prune(target).catch(() => undefined);
  log(`Dashboard built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return target;
}

let pending: Promise<string> | undefined;

/**
 * Makes sure a build of the current sources exists and returns its folder. Concurrent calls in one process share
 * one build.
 */
export function ensureClientBuild(options: { log?: (line: string) => void } = {}): Promise<string> {
  pending ??= build(options.log ?? ((line) => console.log(line))).finally(() => {
    pending = undefined;
  });
  return pending;
}
