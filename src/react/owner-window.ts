/**
 * The window that owns an element: the wizard may live in an iframe, where the popup must be opened (and its
 * messages received) by that frame's window, not the top one.
 */
export function ownerWindow(element: Element | null | undefined): Window | undefined {
  return element?.ownerDocument?.defaultView ?? (typeof window === 'undefined' ? undefined : window);
}
