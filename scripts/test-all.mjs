// `npm test`: every check the project has, in the order a failure is cheapest to find. Stops at the first failure.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';

const steps = [
  ['typecheck', 'npx tsc --noEmit -p .'],
  ['lint', 'npx biome lint .'],
  ['unit (React 19)', 'npx vitest run --project unit'],
  ['React 18 fixture', 'npm ci --prefix test/react18 --no-audit --no-fund --loglevel=error'],
  ['unit (React 18)', 'npx vitest run --project unit-react18'],
  ['build', 'npm run build'],
  ['tree-shaking', 'node scripts/check-treeshake.mjs'],
  ['package checks', 'node scripts/check-package.mjs'],
  ['size budgets', 'npx size-limit'],
  ['browser', () => ensureChromium()],
  ['story tests (Chromium)', 'npx vitest run --project storybook'],
  ['end-to-end (Chromium)', 'npx vitest run --project e2e'],
  // The static build must work too: its Full flow stories (a real popup onto the simulated sign-in) run in Chromium.
  ['static Storybook: Full flow (Chromium)', 'npm run build-storybook && node stories/screenshots.mjs --filter full-flow --widths 1024 --themes light'],
];

const started = Date.now();
let passed = 0;
for (const [name, command] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}${typeof command === 'string' ? `: ${command}` : ''}`);
  let ok = true;
  if (typeof command === 'function') {
    try {
      const result = command();
      if (result) console.log(String(result));
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      ok = false;
    }
  } else {
    ok = spawnSync(command, { shell: true, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } }).status === 0;
  }
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (!ok) {
    console.error(`\n✗ ${name} failed after ${seconds}s`);
    console.log(`steps: ${passed} passed, 1 failed`);
    process.exit(1);
  }
  passed += 1;
  console.log(`✓ ${name} (${seconds}s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
console.log(`steps: ${passed} passed, 0 failed`);
