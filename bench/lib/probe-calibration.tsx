import { act, cleanup, render } from '@testing-library/react';
import { forwardRef, memo, useState } from 'react';
import { sumRenders } from './fiber-probe';

/*
 * Calibrates the fiber probe on a tree whose answer is known: after one state update in `Parent`,
 * Parent and its plain child render; a memo child with equal props, a forwardRef child inside it, and an untouched
 * sibling subtree do not. Run with the DevTools hook installed; `commits` is its log.
 */

let bump: () => void = () => {};

function Leaf(_props: { count?: number }) {
  return <span>leaf</span>;
}
const MemoChild = memo(function MemoChild({ label }: { label: string }) {
  return <Inner>{label}</Inner>;
});
const Inner = forwardRef<HTMLSpanElement, { children: string }>(function Inner({ children }, ref) {
  return <span ref={ref}>{children}</span>;
});
function PlainChild({ count }: { count: number }) {
  return <Leaf count={count} />;
}
function Parent() {
  const [count, setCount] = useState(0);
  bump = () => setCount((value) => value + 1);
  return (
    <div>
      <PlainChild count={count} />
      <MemoChild label="stable" />
    </div>
  );
}
function Sibling() {
  return <Leaf />;
}

export async function calibrateProbe(commits: ReadonlyArray<{ rendered: Map<string, number> }>) {
  render(
    <>
      <Parent />
      <Sibling />
    </>,
  );
  const mount = Object.fromEntries(sumRenders(commits.slice(-1)));
  const start = commits.length;
  act(() => bump());
  const update = Object.fromEntries(sumRenders(commits.slice(start)));
  cleanup();
  const expectedMount = { Parent: 1, PlainChild: 1, Leaf: 2, MemoChild: 1, Inner: 1, Sibling: 1 };
  const expectedUpdate = { Parent: 1, PlainChild: 1, Leaf: 1 };
  const same = (a: Record<string, number>, b: Record<string, number>) =>
    JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  return { mount, update, expectedMount, expectedUpdate, pass: same(mount, expectedMount) && same(update, expectedUpdate) };
}
