// @vitest-environment node
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/*
 * The callback entry as tsup builds it (same options as tsup.config.ts for browser entries): the server inlines
 * `reportAuthorizationResult.toString()` from this build, so the built function — not just the source — must be
 * self-contained, and the entry must stay within its 1 kB (brotli) budget (DESIGN §6).
 */

const entry = path.resolve(__dirname, 'index.ts');
let outDir = '';

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'rcw-callback-'));
  const common = {
    entry: { callback: entry },
    target: 'es2022',
    dts: false,
    sourcemap: false,
    silent: true,
    config: false,
    splitting: false,
  } as const;
  // As tsup.config.ts builds it (Rollup tree-shaking; the "use client" directive is written in front afterwards).
  await build({ ...common, outDir: path.join(outDir, 'plain'), format: ['esm', 'cjs'], treeshake: true });
  await build({ ...common, outDir: path.join(outDir, 'min'), format: ['esm'], minify: true });
}, 60_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

function loadCjs(code: string): { reportAuthorizationResult: (options: Record<string, unknown>) => string } {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', code)(module, module.exports, () => {
    throw new Error('the callback entry must not require anything');
  });
  return module.exports as never;
}

describe('the built callback entry', () => {
  it('imports nothing (no zod, no shared chunk)', async () => {
    const esm = await readFile(path.join(outDir, 'plain', 'callback.js'), 'utf8');
    expect(esm).not.toMatch(/\bimport\b[^(]/);
    expect(esm).not.toMatch(/zod/);
  });

  it('is at most 1 kB brotli when minified', async () => {
    const minified = await readFile(path.join(outDir, 'min', 'callback.js'));
    expect(brotliCompressSync(minified).length).toBeLessThanOrEqual(1024);
  });

  it.each(['plain', 'min'])('exports a function whose source text runs on its own (%s build)', async (flavour) => {
    const file = flavour === 'plain' ? 'callback.cjs' : null;
    const code = file
      ? await readFile(path.join(outDir, flavour, file), 'utf8')
      : // the minified ESM build, turned into a CommonJS-ish body to evaluate it
        (await readFile(path.join(outDir, 'min', 'callback.js'), 'utf8')).replace(
          /export\s*\{\s*(\w+)\s+as\s+reportAuthorizationResult\s*\};?/,
          'module.exports.reportAuthorizationResult = $1;',
        );
    const { reportAuthorizationResult } = loadCjs(code);
    expect(typeof reportAuthorizationResult).toBe('function');
    const inlined = new Function(`return (${reportAuthorizationResult.toString()})`)() as typeof reportAuthorizationResult;
    const opener = { postMessage: vi.fn() };
    const outcome = inlined({
      appOrigin: 'https://app.example.com',
      window: { location: { search: '?attempt=a-1&status=authorized' }, opener },
    });
    expect(outcome).toBe('posted');
    expect(opener.postMessage).toHaveBeenCalledWith(
      { v: 1, type: 'rcw:authorization-result', attemptId: 'a-1', status: 'authorized' },
      'https://app.example.com',
    );
  });
});
