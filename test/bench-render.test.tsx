import { QueryClient } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, type ProfilerOnRenderCallback } from 'react';
import { describe, expect, it } from 'vitest';
import { fiberRootOf, renderedComponents } from '../bench/lib/fiber-probe';
import { goToStoreStep } from '../bench/lib/wizard-flow';
import { ConnectionWizard } from '../src/components/ConnectionWizard/ConnectionWizard';
import { parseStoreHash } from '../src/core/store-hash';
import { createMemoryAdapter } from '../src/testing/memory-adapter';

/*
 * DESIGN §6 "No wasted work": typing a hash re-renders the input only, not the other steps (and not the Authorize
 * section, per keystroke); bench/RESULTS.md §2 has the numbers.
 *
 * How renders are counted: a <Profiler> around the wizard calls onRender once per commit, during the commit; at
 * that moment the container's FiberRoot holds the finished tree, and bench/lib/fiber-probe.ts lists the components
 * that did render work in it (`flags & PerformedWork`, entering only subtrees React re-created in this commit).
 * `npm run bench` cross-checks this against React's DevTools hook (`onCommitFiberRoot`).
 */

/** A keystroke that keeps the hash's validity re-renders the field alone. */
const ALLOWED_PER_KEYSTROKE = new Set(['StoreHashInput']);
/** The keystroke that makes the hash valid may also enable Authorize (and drop the "enter a hash" hint). */
const ALLOWED_WHEN_VALIDITY_CHANGES = new Set(['StoreHashInput', 'BigCommerceStoreSetup', 'AuthorizeButton']);

async function settle() {
  for (let round = 0; round < 3; round += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
}

function renderProfiledWizard() {
  const commits: Array<Map<string, number>> = [];
  const container = document.body.appendChild(document.createElement('div'));
  const onRender: ProfilerOnRenderCallback = () => {
    const root = fiberRootOf(container);
    commits.push(root ? renderedComponents(root.current) : new Map());
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <Profiler id="wizard" onRender={onRender}>
      <ConnectionWizard adapter={createMemoryAdapter()} variant="inline" queryClient={queryClient} />
    </Profiler>,
    { container },
  );
  return { commits };
}

describe('when the user types a store hash on the Store Setup step', () => {
  it('re-renders the Store Hash field only, in one commit per keystroke', async () => {
    const { commits } = renderProfiledWizard();
    const user = userEvent.setup();
    await goToStoreStep(user);
    const input = screen.getByRole('textbox', { name: 'Store Hash' });
    await user.click(input);
    await settle();

    let previous = '';
    for (const key of 'abcde12345') {
      const start = commits.length;
      await user.keyboard(key);
      await settle();
      const typed = commits.slice(start);
      const value = `${previous}${key}`;
      const validityChanged = parseStoreHash(previous).ok !== parseStoreHash(value).ok;
      const allowed = validityChanged ? ALLOWED_WHEN_VALIDITY_CHANGES : ALLOWED_PER_KEYSTROKE;
      const rendered = new Set(typed.flatMap((commit) => [...commit.keys()]));
      expect({ value, commits: typed.length }).toEqual({ value, commits: 1 });
      expect({ value, outsideBudget: [...rendered].filter((name) => !allowed.has(name)).sort() }).toEqual({ value, outsideBudget: [] });
      expect(rendered.has('StoreHashInput')).toBe(true);
      previous = value;
    }
  });
});
