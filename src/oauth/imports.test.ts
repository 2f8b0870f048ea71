import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * oauth/ and callback/ are React-free (DESIGN §3: components → react → oauth → core) and browser code imports
 * `zod/mini`, never `zod`. Checked on the source, following relative imports so a helper cannot smuggle React in.
 */

const SRC = path.resolve(__dirname, '..');
const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(SRC, dir))
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => path.join(SRC, dir, file));
}

function importsOf(file: string): Array<{ specifier: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8');
  return Array.from(text.matchAll(IMPORT), (match) => ({ specifier: match[2] ?? '', typeOnly: Boolean(match[1]) }));
}

function resolveRelative(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // try the next
    }
  }
  throw new Error(`cannot resolve ${specifier} from ${from}`);
}

/** Every package a file pulls in at run time, through its relative imports. */
function packagesReachedFrom(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { specifier, typeOnly } of importsOf(file)) {
      if (typeOnly) continue;
      if (specifier.startsWith('.')) queue.push(resolveRelative(file, specifier));
      else packages.set(specifier, path.relative(SRC, file));
    }
  }
  return packages;
}

describe('oauth and callback dependencies', () => {
  const entries = [...sourceFiles('oauth'), ...sourceFiles('callback')];

  it('finds the source files', () => {
    expect(entries.map((file) => path.relative(SRC, file)).sort()).toEqual(
      expect.arrayContaining(['callback/index.ts', 'oauth/popup.ts', 'oauth/protocol.ts']),
    );
  });

  it.each(entries.map((file) => [path.relative(SRC, file), file]))('%s reaches no React and no full zod', (_name, file) => {
    const packages = [...packagesReachedFrom(file).keys()];
    expect(packages.filter((name) => /^(react|react-dom|@tanstack\/|@radix-ui\/)/.test(name))).toEqual([]);
    expect(packages.filter((name) => name === 'zod' || (name.startsWith('zod/') && name !== 'zod/mini'))).toEqual([]);
  });

  it('keeps the callback entry free of imports (it is inlined into the result page)', () => {
    expect(importsOf(path.join(SRC, 'callback', 'index.ts'))).toEqual([]);
  });

  it('touches no window or document at import time', async () => {
    const globals = globalThis as Record<string, unknown>;
    const saved = { window: globals.window, document: globals.document };
    const trap = (name: string) => ({
      get() {
        throw new Error(`${name} read at import time`);
      },
      configurable: true,
    });
    Object.defineProperty(globalThis, 'window', trap('window'));
    Object.defineProperty(globalThis, 'document', trap('document'));
    try {
      const stamp = `?import-time=${Date.now()}`;
      await expect(import(/* @vite-ignore */ `./popup.ts${stamp}`)).resolves.toBeDefined();
      await expect(import(/* @vite-ignore */ `./protocol.ts${stamp}`)).resolves.toBeDefined();
      await expect(import(/* @vite-ignore */ `../callback/index.ts${stamp}`)).resolves.toBeDefined();
    } finally {
      Object.defineProperty(globalThis, 'window', { value: saved.window, configurable: true, writable: true });
      Object.defineProperty(globalThis, 'document', { value: saved.document, configurable: true, writable: true });
    }
  });
});
