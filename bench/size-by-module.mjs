// `node bench/size-by-module.mjs [ExportName] [--host]`: where the bytes of the browser entry go, straight from src/
// (no build). Bundles src/index.ts (or one export of it) the way size-limit does — esbuild, minified, dependencies
// external — and prints each module's minified bytes, then the whole bundle's minified and brotli size. With
// `--host`, only React stays external: "everything a host pays" (Radix Dialog, TanStack Query, zod/mini included).
// size-limit on dist/ stays the enforced number (it reads ~0.3–0.7 kB lower: it subtracts its empty-project overhead).
import { brotliCompressSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const host = process.argv.includes('--host');
const name = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const entry = path.join(root, 'src/index.ts');
const result = await build({
  stdin: { contents: name ? `export { ${name} } from ${JSON.stringify(entry)};` : `export * from ${JSON.stringify(entry)};`, resolveDir: root, loader: 'ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  metafile: true,
  jsx: 'automatic',
  loader: { '.css': 'empty' },
  external: ['react', 'react-dom', 'react/*', ...(host ? [] : ['@tanstack/react-query', '@radix-ui/*', 'zod', 'zod/*'])],
});
const [output] = Object.values(result.metafile.outputs);
const rows = Object.entries(output.inputs)
  .map(([file, { bytesInOutput }]) => [bytesInOutput, file])
  .filter(([bytes]) => bytes > 0)
  .sort((a, b) => b[0] - a[0]);
for (const [bytes, file] of host ? [] : rows) console.log(`${String(bytes).padStart(7)}  ${file}`);
const code = result.outputFiles[0].contents;
console.log(`${name ?? 'whole library'}${host ? ' + dependencies but React' : ''}: ${code.length} B minified, ${brotliCompressSync(code).length} B brotli`);
