import { readFile, writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

// "use client" (TOOLCHAIN gotcha 4): esbuild keeps only the entry file's directive and `treeshake: true` (Rollup)
// strips even a banner, so the browser entries get the directive written in front of the finished files. Rollup is
// worth it: esbuild alone leaves one `import { … } from "react"` per source module (about 40 in `index.js`), and a
// bundler that keeps packages external (size-limit with `ignore`) turns each into a `require` it cannot drop, even
// for a host importing one component — about 0.3 kB of the budgets (DESIGN §6). Rollup folds them into one
// statement per package and keeps the `/* @__PURE__ */` annotations hosts' bundlers need to drop unused components.
// The server entry never gets the directive.
const BROWSER_FILES = ['index.js', 'index.cjs', 'callback.js', 'callback.cjs', 'testing.js', 'testing.cjs'];

async function prependUseClient(): Promise<void> {
  for (const file of BROWSER_FILES) {
    const path = `dist/${file}`;
    const code = await readFile(path, 'utf8');
    if (!code.startsWith('"use client";')) await writeFile(path, `"use client";\n${code}`);
  }
}

// One build for every entry: with two builds (browser entries with `clean: true`, then the server), the first one's
// declaration step cleared `*.d.ts` when it happened to start after the second had written `server.d.ts`, and
// the package shipped `/server` without types. Every entry is built for the default `node` platform as before.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    callback: 'src/callback/index.ts',
    testing: 'src/testing/index.ts',
    server: 'src/server/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  target: 'es2022',
  splitting: false,
  platform: 'node',
  treeshake: true,
  onSuccess: prependUseClient,
  clean: true,
  external: ['react', 'react-dom', '@tanstack/react-query', '@radix-ui/react-dialog', '@radix-ui/react-slot', 'zod'],
});
