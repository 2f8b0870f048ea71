import axe from 'axe-core';
import { expect, vi } from 'vitest';

/*
 * One axe check per component state. jsdom has no layout or canvas: `color-contrast` can only come back
 * "incomplete" there (after a "not implemented" warning), so it is left to the real-browser story tests. `region`
 * is a page-level rule (all content inside landmarks) that does not apply to a component rendered on its own.
 */
const OPTIONS: axe.RunOptions = { rules: { region: { enabled: false }, 'color-contrast': { enabled: false } } };

/**
 * Runs axe on `container` and fails with a readable list when there is any violation. Works under fake timers:
 * axe schedules its work with `setTimeout`, so the clock is moved 1 ms at a time until it is done (it usually
 * needs one step, far below any timer of the code under test).
 *
 * @example
 * await expectNoAxeViolations(container);
 */
export async function expectNoAxeViolations(container: Element): Promise<void> {
  const run = axe.run(container, OPTIONS);
  if (vi.isFakeTimers()) {
    let done = false;
    const settle = () => {
      done = true;
    };
    run.then(settle, settle);
    while (!done) await vi.advanceTimersByTimeAsync(1);
  }
  const results = await run;
  const violations = results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
  expect(violations, `axe violations:\n${violations.join('\n')}`).toEqual([]);
}
