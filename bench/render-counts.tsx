/*
 * Render counts of the inline ConnectionWizard in jsdom, and the "popup opens before the first await" checks.
 * Run by bench/run.mjs through tsx: `tsx bench/render-counts.tsx --out <file.json>`.
 *
 * Two independent probes of every commit:
 * - `__REACT_DEVTOOLS_GLOBAL_HOOK__.onCommitFiberRoot`, installed before React DOM loads (React DOM reads the hook
 *   once, at load): counts commits and, by walking the fiber tree (bench/lib/fiber-probe.ts), which components did
 *   render work in each;
 * - `<Profiler onRender>` around the wizard: counts the commits that touched the wizard and walks the same tree
 *   from the container's FiberRoot, as a cross-check of the hook.
 */
import { writeFileSync } from 'node:fs';
import { type CommitRecord, fiberRootOf, installCommitHook, renderedComponents, sumRenders } from './lib/fiber-probe';
import { installJsdomGlobals } from './lib/jsdom-globals';

installJsdomGlobals();
const hook = installCommitHook();

// Everything that loads React comes after the hook.
const React = await import('react');
const { act, render, screen, cleanup } = await import('@testing-library/react');
const { default: userEvent } = await import('@testing-library/user-event');
const { QueryClient } = await import('@tanstack/react-query');
const { ConnectionWizard } = await import('../src/components/ConnectionWizard/ConnectionWizard');
const { createMemoryAdapter } = await import('../src/testing/memory-adapter');
const flow = await import('./lib/wizard-flow');
const { runPopupChecks } = await import('./lib/popup-checks');
const { calibrateProbe } = await import('./lib/probe-calibration');

const outIndex = process.argv.indexOf('--out');
const outFile = outIndex > 0 ? process.argv[outIndex + 1] : undefined;

type Renders = Record<string, number>;
const toObject = (map: Map<string, number>): Renders =>
  Object.fromEntries([...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));

interface ProfilerCommit {
  phase: string;
  actualDuration: number;
  rendered: Map<string, number>;
}

/** Lets effects, TanStack Query's batched notifications (setTimeout 0) and their commits run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
}

function mountWizard(profilerCommits: ProfilerCommit[]) {
  const container = document.body.appendChild(document.createElement('div'));
  const onRender: React.ProfilerOnRenderCallback = (_id, phase, actualDuration) => {
    const root = fiberRootOf(container);
    profilerCommits.push({ phase, actualDuration, rendered: root ? renderedComponents(root.current) : new Map() });
  };
  const adapter = createMemoryAdapter();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <React.Profiler id="wizard" onRender={onRender}>
      <ConnectionWizard adapter={adapter} variant="inline" queryClient={queryClient} />
    </React.Profiler>,
    { container },
  );
}

/** The commits (hook and Profiler) that happen while `action` runs and settles. */
async function during(profilerCommits: ProfilerCommit[], action: () => Promise<void>) {
  const hookStart = hook.commits.length;
  const profilerStart = profilerCommits.length;
  const t0 = performance.now();
  await action();
  await settle();
  const ms = performance.now() - t0;
  const hookCommits: CommitRecord[] = hook.commits.slice(hookStart);
  const profiled = profilerCommits.slice(profilerStart);
  const hookTotal = sumRenders(hookCommits);
  const profilerTotal = sumRenders(profiled);
  const agree = JSON.stringify(toObject(hookTotal)) === JSON.stringify(toObject(profilerTotal)) && hookCommits.length === profiled.length;
  return {
    commits: hookCommits.length,
    profilerCommits: profiled.length,
    renders: toObject(hookTotal),
    perCommit: hookCommits.map((commit) => toObject(commit.rendered)),
    actualDurationMs: profiled.reduce((sum, commit) => sum + commit.actualDuration, 0),
    wallMs: ms,
    probesAgree: agree,
  };
}

// ---- The probe on a tree whose answer is known ----
const calibration = await calibrateProbe(hook.commits);

// ---- Scenario A: typing a 10-character store hash on the Store Setup step ----
const HASH = 'abcde12345';
const scenarioA = await (async () => {
  const profilerCommits: ProfilerCommit[] = [];
  mountWizard(profilerCommits);
  const user = userEvent.setup();
  await settle();
  await flow.goToStoreStep(user);
  await settle();
  const input = screen.getByRole('textbox', { name: 'Store Hash' });
  const focus = await during(profilerCommits, () => user.click(input));
  const keystrokes = [];
  for (const [index, key] of [...HASH].entries()) {
    const result = await during(profilerCommits, () => user.keyboard(key));
    keystrokes.push({ index: index + 1, key, value: (input as HTMLInputElement).value, ...result });
  }
  const authorize = screen.getByRole('button', { name: 'Authorize' }) as HTMLButtonElement;
  cleanup();
  return { hash: HASH, focus, keystrokes, authorizeEnabledAfter: !authorize.disabled };
})();

// ---- Scenario B: Continue ×3 through the four steps ----
const scenarioB = await (async () => {
  const profilerCommits: ProfilerCommit[] = [];
  const user = userEvent.setup();
  // The first render, then the adapter's lists (merchants, warehouse platforms, stores) arriving.
  const mount = await during(profilerCommits, async () => {
    mountWizard(profilerCommits);
    await flow.waitForStep('Basic Information');
  });
  const steps = [];
  await flow.fillBasics(user);
  await settle();
  steps.push({ from: 'basics', to: 'merchant', ...(await during(profilerCommits, () => flow.clickContinue(user).then(() => flow.waitForStep('Merchant Information')))) });
  await flow.fillMerchant(user);
  await settle();
  steps.push({ from: 'merchant', to: 'warehouse', ...(await during(profilerCommits, () => flow.clickContinue(user).then(() => flow.waitForStep('Warehouse Setup')))) });
  await flow.fillWarehouse(user);
  await settle();
  steps.push({ from: 'warehouse', to: 'store', ...(await during(profilerCommits, () => flow.clickContinue(user).then(() => flow.waitForStep('Store Setup')))) });
  cleanup();
  return { mount, steps };
})();

const popup = await runPopupChecks();

const result = {
  react: React.version,
  calibration,
  scenarioA,
  scenarioB,
  popup,
};
if (outFile) writeFileSync(outFile, JSON.stringify(result, null, 2));
else console.log(JSON.stringify(result, null, 2));
// Node's BroadcastChannel or a stray timer must not keep the script alive.
process.exit(0);
