// Tree-shaking check (DESIGN §6 size budgets): a host that imports only `StoreHashInput` must not bundle the wizard,
// the popup engine, Radix Dialog or TanStack Query. Bundles `import { StoreHashInput } from …` with esbuild the way
// a host's production build does (dependencies bundled, React external, NODE_ENV=production) — once from the built
// `dist/index.js` (run `npm run build` first), once from the source, whose metafile names every module — and fails
// when a forbidden module shows up.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = process.cwd();
/** Modules `StoreHashInput` must never pull in, matched against the metafile's input paths. */
const FORBIDDEN_INPUTS = [
  ['Radix Dialog', /@radix-ui[\\/]react-dialog[\\/]/],
  ['TanStack Query', /@tanstack[\\/]/],
  ['the wizard', /ConnectionWizard/],
  ['the popup engine', /oauth[\\/]popup/],
];
/**
 * `dist/index.js` is one file, so its own modules have no input path of their own: these strings, each found only in
 * one of them, stand in. The popup's default window name, the wizard's root `data-slot`, the wizard's first step.
 */
const FORBIDDEN_TEXT = [
  ['the popup engine', 'rcw-bigcommerce-authorization'],
  ['the wizard', '"connection-wizard"'],
  ['the wizard’s dictionary', 'Basic Information'],
];

async function bundle(specifier) {
  const result = await build({
    stdin: {
      contents: `import { StoreHashInput } from ${JSON.stringify(specifier)};\nconsole.log(StoreHashInput);\n`,
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    write: false,
    metafile: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external: ['react', 'react-dom', 'react/jsx-runtime'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  // Every module esbuild parsed is a metafile input; the ones that made it into the bundle have bytes in the output.
  const output = Object.values(result.metafile.outputs)[0];
  const inputs = Object.entries(output?.inputs ?? {})
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([input]) => input);
  return { inputs, code: result.outputFiles[0]?.text ?? '' };
}

const failures = [];
const sources = [['src/index.ts', './src/index.ts']];
if (existsSync(path.join(root, 'dist/index.js'))) sources.unshift(['dist/index.js', './dist/index.js']);
else failures.push('dist/index.js is missing: run `npm run build` first');

for (const [label, specifier] of sources) {
  const { inputs, code } = await bundle(specifier);
  for (const [what, pattern] of FORBIDDEN_INPUTS) {
    const offending = inputs.filter((input) => pattern.test(input));
    if (offending.length > 0) failures.push(`${label}: { StoreHashInput } bundles ${what}: ${offending.slice(0, 3).join(', ')}`);
  }
  for (const [what, marker] of FORBIDDEN_TEXT) {
    if (code.includes(marker)) failures.push(`${label}: { StoreHashInput } bundles ${what} (found ${marker})`);
  }
  console.log(`${label}: { StoreHashInput } bundles ${inputs.length} modules (${inputs.join(', ')}), ${code.length} bytes minified`);
}

if (failures.length > 0) {
  console.error(`\nTree-shaking check failed:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
  process.exit(1);
}
console.log('Tree-shaking: { StoreHashInput } pulls no wizard, popup engine, Radix Dialog or TanStack Query');
