/*
 * Which components rendered in a React commit, read from the committed fiber tree: the way React DevTools'
 * profiler decides it. Works with React 18 and 19 (the fiber fields and flags used here are the same).
 *
 * - A function or class component fiber did its render work in this commit when `flags & PerformedWork` is set.
 * - Fibers React did not visit at all (a parent bailed out with no pending work below) are the very objects of the
 *   previous commit and keep stale flags, so a subtree is entered only when it was cloned or mounted in this
 *   commit: `fiber.alternate === null` (mounted) or `fiber.child !== fiber.alternate.child` (children re-created).
 */

/** ReactFiberFlags.PerformedWork */
const PERFORMED_WORK = 1;
/** ReactWorkTags */
const FUNCTION_COMPONENT = 0;
const CLASS_COMPONENT = 1;
const FORWARD_REF = 11;
const SIMPLE_MEMO_COMPONENT = 15;

export interface Fiber {
  tag: number;
  flags: number;
  type: unknown;
  elementType: unknown;
  child: Fiber | null;
  sibling: Fiber | null;
  alternate: Fiber | null;
  stateNode: unknown;
}

export interface FiberRoot {
  current: Fiber;
}

type NamedType = { displayName?: string; name?: string; render?: NamedType; type?: NamedType } | null | undefined;

function nameOf(type: NamedType): string | undefined {
  if (!type) return undefined;
  // memo(...) and forwardRef(...) wrappers: their own displayName first, then the wrapped function's.
  return type.displayName || nameOf(type.render) || nameOf(type.type) || type.name || undefined;
}

/** The component's name as DevTools shows it, memo/forwardRef unwrapped. */
export function componentName(fiber: Fiber): string {
  return nameOf(fiber.elementType as NamedType) || nameOf(fiber.type as NamedType) || 'Anonymous';
}

const COMPONENT_TAGS: ReadonlySet<number> = new Set([FUNCTION_COMPONENT, CLASS_COMPONENT, FORWARD_REF, SIMPLE_MEMO_COMPONENT]);

/**
 * The components that rendered in the commit whose finished tree starts at `root` (a HostRoot fiber, e.g.
 * `fiberRoot.current` inside `onCommitFiberRoot` or a Profiler's `onRender`), with how many fibers of each.
 */
export function renderedComponents(root: Fiber): Map<string, number> {
  const rendered = new Map<string, number>();
  const stack: Fiber[] = [root];
  while (stack.length > 0) {
    const fiber = stack.pop() as Fiber;
    // A MemoComponent (tag 14) wrapper does no render work itself; the component it wraps is its child fiber.
    if (COMPONENT_TAGS.has(fiber.tag) && (fiber.flags & PERFORMED_WORK) !== 0) {
      const name = componentName(fiber);
      rendered.set(name, (rendered.get(name) ?? 0) + 1);
    }
    const visitedThisCommit = fiber.alternate === null || fiber.child !== fiber.alternate.child;
    if (!visitedThisCommit) continue;
    for (let child = fiber.child; child !== null; child = child.sibling) stack.push(child);
  }
  return rendered;
}

/** The FiberRoot React keeps for a container made with `createRoot` (React 18 and 19). */
export function fiberRootOf(container: Element): FiberRoot | undefined {
  const key = Object.keys(container).find((name) => name.startsWith('__reactContainer$'));
  if (!key) return undefined;
  const hostRoot = (container as unknown as Record<string, Fiber>)[key];
  return hostRoot?.stateNode as FiberRoot | undefined;
}

export interface CommitRecord {
  /** Sequence number over the whole run. */
  index: number;
  rendered: Map<string, number>;
}

/**
 * Installs `__REACT_DEVTOOLS_GLOBAL_HOOK__` so React DOM reports every commit. Must run before `react-dom` is
 * first evaluated (React DOM looks for the hook once, when it loads). Returns the commit log.
 */
export function installCommitHook(target: typeof globalThis = globalThis): { commits: CommitRecord[] } {
  const log = { commits: [] as CommitRecord[] };
  let rendererId = 0;
  const hook = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map<number, unknown>(),
    inject(renderer: unknown) {
      rendererId += 1;
      hook.renderers.set(rendererId, renderer);
      return rendererId;
    },
    onCommitFiberRoot(_id: number, root: FiberRoot) {
      log.commits.push({ index: log.commits.length, rendered: renderedComponents(root.current) });
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onScheduleFiberRoot() {},
    checkDCE() {},
  };
  (target as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: typeof hook }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = hook;
  return log;
}

/** Sums the renders of several commits. */
export function sumRenders(commits: ReadonlyArray<{ rendered: Map<string, number> }>): Map<string, number> {
  const total = new Map<string, number>();
  for (const commit of commits) {
    for (const [name, count] of commit.rendered) total.set(name, (total.get(name) ?? 0) + count);
  }
  return total;
}
