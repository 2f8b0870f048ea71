// Bundle report: own code per entry and per single-component import, "everything a host pays", dependency
// baselines, and per-source-module minified bytes. esbuild's JS API, the way size-limit's esbuild plugin measures
// (bundle + minify, ESM, NODE_ENV=production), compressed with node:zlib at maximum quality.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import ts from 'typescript';

/** Peer and direct dependencies: "own code" leaves all of them out. */
const ALL_DEPS = ['react', 'react/*', 'react-dom', 'react-dom/*', '@tanstack/*', '@radix-ui/*', 'zod', 'zod/*'];
const NODE_BUILTINS = [...builtinModules, 'node:*'];
/** What a host already has: React. Everything else a host pays for. */
const REACT_ONLY = ['react', 'react/*', 'react-dom', 'react-dom/*'];

/** DESIGN §6 size budgets (size-limit's "kB" is 1000 bytes), brotli. */
export const BUDGETS = {
  whole: { label: 'whole library ≤ 8 kB', bytes: 8000 },
  storeHashInput: { label: '`StoreHashInput` alone ≤ 2 kB', bytes: 2000 },
  callback: { label: '`/callback` ≤ 1 kB', bytes: 1000 },
  host: { label: 'everything a host pays ≤ 40 kB', bytes: 40000 },
};

export function compressedSizes(code) {
  const buffer = Buffer.from(code);
  return {
    min: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

/**
 * The same minified code with the text of every string and template literal emptied (`"abc"` → `""`): what the
 * library's code costs without any of its words — dictionary, `data-slot` names, error codes, class names, keys.
 * TypeScript's parser finds the literals, so regular expressions and nested templates are not mistaken for them.
 */
export function withoutText(code) {
  const file = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const cuts = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateTail(node)) {
      cuts.push([node.getStart(file) + 1, node.end - 1]);
    } else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node)) {
      cuts.push([node.getStart(file) + 1, node.end - 2]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file); // pre-order, so the cuts come in source order
  let out = '';
  let at = 0;
  for (const [start, end] of cuts) {
    out += code.slice(at, start);
    at = end;
  }
  return out + code.slice(at);
}

async function bundle({ contents, resolveDir, external, platform = 'browser', loader = 'js', metafile = false }) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir, loader, sourcefile: 'bench-entry.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    external,
    write: false,
    metafile,
    logLevel: 'silent',
    jsx: 'automatic',
    // Our own package.json's `sideEffects` applies to dist/ as it would in a host's bundler.
  });
  const out = result.outputFiles.find((file) => file.path.endsWith('.js')) ?? result.outputFiles[0];
  return { code: out.text, metafile: result.metafile };
}

const zodSchemas = (specifier) => `import * as z from '${specifier}';
// The schemas a library like ours writes (src/core/adapter.ts, src/oauth/protocol.ts): objects, strings with
// checks, arrays, optional, enum, literal, union, discriminated union, strict and loose objects, safeParse.
const id = z.string().check(z.minLength(1));
const merchant = z.object({ id, name: z.string(), warehouse: z.optional(z.object({ id, name: z.string() })) });
const field = z.object({ name: id, label: z.string(), type: z.optional(z.enum(['text', 'secret', 'url', 'email'])), required: z.optional(z.boolean()) });
const platform = z.object({ id, name: z.string(), fields: z.array(field) });
const status = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({ status: z.literal('failed'), code: z.optional(z.string()) }),
  z.object({ status: z.literal('authorized'), grantId: id, storeHash: id, ownerEmail: z.optional(z.string()) }),
]);
const orderStatus = z.object({ id: z.number().check(z.int(), z.nonnegative()), name: z.string(), order: z.optional(z.number()) });
const value = z.union([z.string(), z.number()]);
const message = z.strictObject({ v: z.literal(1), attemptId: z.string().check(z.maxLength(128)), status: z.enum(['authorized', 'denied', 'error']) });
const connection = z.looseObject({ id, name: z.string(), enabled: z.boolean() });
export const schemas = { merchants: z.array(merchant), platforms: z.array(platform), status, orderStatuses: z.array(orderStatus), value, message, connection };
export function check(name, data) { return schemas[name].safeParse(data); }
`;

/**
 * @param {{ root: string }} options the project root (dist/ must be built)
 */
export async function bundleReport({ root }) {
  const dist = path.join(root, 'dist');
  const at = (file) => JSON.stringify(path.join(dist, file));
  const rows = [];
  const ownCode = async (contents, options = {}) => (await bundle({ contents, resolveDir: root, external: ALL_DEPS, ...options })).code;
  const record = (group, name, code) => {
    const row = { group, name, ...compressedSizes(code) };
    rows.push(row);
    return row;
  };
  const measure = async (group, name, contents, options) => record(group, name, await ownCode(contents, options));

  // Own code per entry (all dependencies external).
  const wholeCode = await ownCode(`export * from ${at('index.js')};`);
  const whole = record('entry', '`react-connection-wizard` (whole index)', wholeCode);
  // What the whole-library budget is up against: the same code with no text at all, and the English dictionary alone.
  const floor = {
    withoutText: compressedSizes(withoutText(wholeCode)),
    dictionary: compressedSizes(await ownCode(`export { defaultMessages } from ${at('index.js')};`)),
  };
  const callback = await measure('entry', '`/callback`', `export * from ${at('callback.js')};`);
  // dist/testing.js has `await import("http")` / `import("crypto")` inside createBigCommerceSimulator (Node only):
  // a browser bundler cannot resolve them even when tree-shaken away, so they are marked external here.
  await measure('entry', '`/testing` `{ createMemoryAdapter }`', `export { createMemoryAdapter } from ${at('testing.js')};`, {
    external: [...ALL_DEPS, ...NODE_BUILTINS],
  });
  await measure('entry', '`/server` (node)', `export * from ${at('server.js')};`, { platform: 'node' });

  // One named import each, as a host's bundler would tree-shake it.
  const single = {};
  for (const name of [
    'StoreHashInput',
    'AuthorizeButton',
    'ImportStatusSelect',
    'BigCommerceStoreSetup',
    'ConnectionWizard',
    'parseStoreHash',
    'authorizeInPopup',
  ]) {
    single[name] = await measure('single', `\`{ ${name} }\``, `export { ${name} } from ${at('index.js')};`);
    // The same import from src/ (one module per file): what tree-shaking could reach if dist kept modules apart
    // or marked its top-level calls pure. Reported next to the dist figure, not against the budget.
    const { code, metafile } = await bundle({
      contents: `export { ${name} } from ${JSON.stringify(path.join(root, 'src/index.ts'))};`,
      resolveDir: root,
      external: ALL_DEPS,
      metafile: true,
    });
    single[name].fromSource = compressedSizes(code);
    single[name].sourceModules = Object.entries(Object.values(metafile.outputs)[0].inputs)
      .map(([file, info]) => ({ file: path.relative(root, path.resolve(root, file)), bytes: info.bytesInOutput }))
      .filter((module) => module.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes);
  }

  // Everything a host pays: React external, the rest bundled.
  const host = await measure('host', '`{ ConnectionWizard }` + Radix Dialog + TanStack Query + zod/mini', `export { ConnectionWizard } from ${at('index.js')};`, {
    external: REACT_ONLY,
  });
  const hostWhole = await measure('host', 'whole index + Radix Dialog + TanStack Query + zod/mini', `export * from ${at('index.js')};`, {
    external: REACT_ONLY,
  });

  // Dependency baselines, measured the same way (React external).
  const baselines = [];
  const baseline = async (name, contents) => {
    const { code } = await bundle({ contents, resolveDir: root, external: REACT_ONLY });
    const row = { group: 'baseline', name, ...compressedSizes(code) };
    baselines.push(row);
    return row;
  };
  await baseline('@radix-ui/react-dialog (whole Dialog)', `export * from '@radix-ui/react-dialog';`);
  // The wizard renders its own overlay: `Dialog.Overlay` brings react-remove-scroll (see src/react/scroll-lock.ts).
  await baseline(
    '@radix-ui/react-dialog (the parts the wizard uses: no Overlay)',
    `export { Root, Trigger, Portal, Content, Title, Description } from '@radix-ui/react-dialog';`,
  );
  await baseline('@tanstack/react-query (useQuery + QueryClient, what the library uses)', `export { useQuery, QueryClient } from '@tanstack/react-query';`);
  const zodMini = await baseline('zod/mini (object/string/array/union/enum/literal/discriminatedUnion… + safeParse)', zodSchemas('zod/mini'));
  const zodClassic = await baseline('zod classic (the same schemas, `import * as z from \'zod\'`)', zodSchemas('zod'));

  // Per source module: bundle src/index.ts itself (deps external) and read esbuild's bytesInOutput.
  const { code: srcCode, metafile } = await bundle({
    contents: `export * from ${JSON.stringify(path.join(root, 'src/index.ts'))};`,
    resolveDir: root,
    external: ALL_DEPS,
    metafile: true,
  });
  const output = Object.values(metafile.outputs)[0];
  const modules = Object.entries(output.inputs)
    .map(([file, info]) => ({ file: path.relative(root, path.resolve(root, file)), bytes: info.bytesInOutput }))
    .filter((module) => module.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  const fromSource = { ...compressedSizes(srcCode), modules };

  // Which dependency modules the host bundle contains, grouped by package (minified bytes).
  const { metafile: hostMeta } = await bundle({
    contents: `export { ConnectionWizard } from ${at('index.js')};`,
    resolveDir: root,
    external: REACT_ONLY,
    metafile: true,
  });
  const byPackage = new Map();
  for (const [file, info] of Object.entries(Object.values(hostMeta.outputs)[0].inputs)) {
    const match = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const key = match ? match[1] : 'react-connection-wizard (dist)';
    byPackage.set(key, (byPackage.get(key) ?? 0) + info.bytesInOutput);
  }
  const hostPackages = [...byPackage.entries()].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);

  const versions = {};
  for (const name of ['react', '@radix-ui/react-dialog', '@tanstack/react-query', 'zod', 'esbuild']) {
    versions[name] = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  }

  const budgets = [
    { ...BUDGETS.whole, key: 'whole', measured: whole.brotli },
    { ...BUDGETS.storeHashInput, key: 'storeHashInput', measured: single.StoreHashInput.brotli },
    { ...BUDGETS.callback, key: 'callback', measured: callback.brotli },
    { ...BUDGETS.host, key: 'host', measured: host.brotli, note: '`{ ConnectionWizard }`' },
    { ...BUDGETS.host, measured: hostWhole.brotli, note: 'whole index (no size-limit check)' },
  ].map((budget) => ({ ...budget, pass: budget.measured <= budget.bytes }));

  return { rows, baselines, budgets, floor, fromSource, hostPackages, versions, zodRatio: zodClassic.brotli / zodMini.brotli };
}
