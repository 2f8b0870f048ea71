import { useCallback, useEffect, useRef, useState } from 'react';
import { useLatestCallback } from './use-latest-callback';

export interface UseControllableStateParams<T> {
  /** The controlled value; `undefined` means uncontrolled. */
  prop?: T | undefined;
  defaultProp: T;
  onChange?: ((value: T) => void) | undefined;
  /** Component name for the controlled ↔ uncontrolled warning. @default 'react-connection-wizard' */
  caller?: string;
}

/** Warns in development when a component switches between controlled and uncontrolled, like React's inputs. */
function useModeSwitchWarning(isControlled: boolean, caller: string): void {
  const wasControlled = useRef(isControlled);
  useEffect(() => {
    if (wasControlled.current !== isControlled) {
      console.warn(
        `${caller} is changing from ${wasControlled.current ? 'controlled' : 'uncontrolled'} to ${
          isControlled ? 'controlled' : 'uncontrolled'
        }. Decide between controlled and uncontrolled for the lifetime of the component.`,
      );
    }
    wasControlled.current = isControlled;
  }, [isControlled, caller]);
}

/**
 * One hook behind every `value`/`defaultValue`/`onValueChange` pair (Radix naming). Warns in development when a
 * component switches between controlled and uncontrolled, like React's own inputs.
 *
 * @example
 * const [open, setOpen] = useControllableState({ prop: props.open, defaultProp: false, onChange: props.onOpenChange });
 */
export function useControllableState<T>({
  prop,
  defaultProp,
  onChange,
  caller,
}: UseControllableStateParams<T>): [T, (next: T | ((previous: T) => T)) => void] {
  const [uncontrolled, setUncontrolled] = useState(defaultProp);
  const isControlled = prop !== undefined;
  const value = isControlled ? (prop as T) : uncontrolled;
  const handleChange = useLatestCallback(onChange);
  const valueRef = useRef(value);
  valueRef.current = value;

  if (process.env.NODE_ENV !== 'production') {
    // biome-ignore lint/correctness/useHookAtTopLevel: NODE_ENV is fixed for a build, so the call order never changes.
    useModeSwitchWarning(isControlled, caller ?? 'react-connection-wizard');
  }

  const setValue = useCallback(
    (next: T | ((previous: T) => T)) => {
      const resolved = typeof next === 'function' ? (next as (previous: T) => T)(valueRef.current) : next;
      if (Object.is(resolved, valueRef.current)) return;
      valueRef.current = resolved;
      if (!isControlled) setUncontrolled(resolved);
      handleChange(resolved);
    },
    [isControlled, handleChange],
  );

  return [value, setValue];
}
