import {
  type ForwardRefExoticComponent,
  type ForwardRefRenderFunction,
  forwardRef,
  type PropsWithoutRef,
  type RefAttributes,
} from 'react';

/**
 * `forwardRef` plus a `displayName` (which minifiers keep, unlike function names), in one expression: call it
 * `/* @__PURE__ *\/`-annotated, so a host's bundler drops every component the host does not import — a separate
 * `X.displayName = …` statement would be a side effect that keeps it.
 *
 * @example
 * export const StoreHashInput = /* @__PURE__ *\/ namedForwardRef<HTMLDivElement, StoreHashInputProps>(function StoreHashInput(props, ref) {
 *   return <div ref={ref} />;
 * }, 'StoreHashInput');
 */
export function namedForwardRef<T, P = object>(
  render: ForwardRefRenderFunction<T, PropsWithoutRef<P>>,
  displayName: string,
): ForwardRefExoticComponent<PropsWithoutRef<P> & RefAttributes<T>> {
  const component = forwardRef<T, P>(render);
  component.displayName = displayName;
  return component;
}
