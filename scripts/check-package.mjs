// Package checks on the built dist/: "use client" banners, publint, attw, and a separate consumer project that
// installs the packed tarball and imports every entry from ESM and CJS, with types.
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = process.cwd();
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const run = (command, cwd = root) => execSync(command, { cwd, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
const failures = [];

// 1. "use client" on browser entries only (TOOLCHAIN gotcha 4).
for (const file of ['index.js', 'index.cjs', 'callback.js', 'callback.cjs', 'testing.js', 'testing.cjs']) {
  const head = readFileSync(path.join('dist', file), 'utf8').slice(0, 40);
  if (!head.startsWith('"use client";')) failures.push(`dist/${file} does not start with "use client"`);
}
for (const file of ['server.js', 'server.cjs']) {
  if (readFileSync(path.join('dist', file), 'utf8').includes('use client')) failures.push(`dist/${file} carries "use client"`);
}
console.log('"use client": browser entries have it, /server does not');

// 2. publint and attw.
run('npx publint --strict');
run('npx attw --pack . --profile node16 --exclude-entrypoints styles.css');

// 3. A consumer project that installs the tarball.
const work = mkdtempSync(path.join(tmpdir(), 'rcw-consumer-'));
try {
  const tarball = execSync(`npm pack --silent --pack-destination ${work}`, { encoding: 'utf8' }).trim().split('\n').pop();
  writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const deps = ['react', 'react-dom', '@tanstack/react-query', 'typescript', '@types/react', '@types/react-dom', '@types/node']
    .map((name) => `${name}@${pkg.devDependencies[name]}`)
    .join(' ');
  run(`npm install --prefer-offline --no-audit --no-fund --loglevel=error ./${tarball} ${deps}`, work);

  writeFileSync(
    path.join(work, 'esm.mjs'),
    `import { parseStoreHash, DEFAULT_ORDER_IMPORT_STATUS_ID, ConnectionWizard } from 'react-connection-wizard';
import { reportAuthorizationResult } from 'react-connection-wizard/callback';
import { createBigCommerceAuth, toNodeHandler } from 'react-connection-wizard/server';
import { createMemoryAdapter } from 'react-connection-wizard/testing';
const parsed = parseStoreHash('https://api.bigcommerce.com/stores/abc123/v3/');
if (!parsed.ok || parsed.storeHash !== 'abc123' || DEFAULT_ORDER_IMPORT_STATUS_ID !== 11) throw new Error('esm: wrong result');
for (const [name, value] of Object.entries({ ConnectionWizard, reportAuthorizationResult, createBigCommerceAuth, toNodeHandler, createMemoryAdapter }))
  if (!value) throw new Error('esm: missing ' + name);
console.log('ESM import ok');
`,
  );
  writeFileSync(
    path.join(work, 'cjs.cjs'),
    `const { parseStoreHash } = require('react-connection-wizard');
const { reportAuthorizationResult } = require('react-connection-wizard/callback');
const { createBigCommerceAuth } = require('react-connection-wizard/server');
const { createMemoryAdapter } = require('react-connection-wizard/testing');
const parsed = parseStoreHash('store-abc123.mybigcommerce.com');
if (!parsed.ok || parsed.storeHash !== 'abc123') throw new Error('cjs: wrong result');
if (!reportAuthorizationResult || !createBigCommerceAuth || !createMemoryAdapter) throw new Error('cjs: missing export');
require.resolve('react-connection-wizard/styles.css');
console.log('CJS require ok');
`,
  );
  const typed = `import { parseStoreHash, type ConnectionAdapter, type ParsedStoreHash } from 'react-connection-wizard';
import { reportAuthorizationResult } from 'react-connection-wizard/callback';
import { createBigCommerceAuth } from 'react-connection-wizard/server';
import { createMemoryAdapter } from 'react-connection-wizard/testing';
const parsed: ParsedStoreHash = parseStoreHash('abc123');
const adapter: ConnectionAdapter = createMemoryAdapter();
// @ts-expect-error the store hash parser takes a string
parseStoreHash(42);
export const used = [parsed, adapter, reportAuthorizationResult, createBigCommerceAuth];
`;
  writeFileSync(path.join(work, 'types-esm.mts'), typed);
  writeFileSync(path.join(work, 'types-cjs.cts'), typed);
  writeFileSync(
    path.join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true, skipLibCheck: false, lib: ['ES2022', 'DOM'], types: ['node'] },
      files: ['types-esm.mts', 'types-cjs.cts'],
    }),
  );
  run('node esm.mjs', work);
  run('node cjs.cjs', work);
  run('npx tsc -p tsconfig.json', work);
  console.log('types ok from ESM (.mts) and CJS (.cts)');
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures.length) {
  for (const failure of failures) console.error(`✗ ${failure}`);
  process.exit(1);
}
console.log('package checks passed');
