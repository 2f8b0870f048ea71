import { Slot } from '@radix-ui/react-slot';
import type { ComponentPropsWithoutRef, MouseEvent } from 'react';
import type { ConnectionError } from '../../core/errors';
import { authorizeMessages, type MessageOverrides } from '../../i18n/messages.en';
import type { AuthorizationAdapter, AuthorizationResult, AuthorizePopupOptions } from '../../oauth/popup';
import { useMessageSections } from '../../react/messages';
import { namedForwardRef } from '../../react/named-forward-ref';
import { ownerWindow } from '../../react/owner-window';
import { type AuthorizationEvent, type UseAuthorizationReturn, useAuthorization } from '../../react/use-authorization';

const AUTHORIZE_BUTTON_NAME = 'AuthorizeButton';
/** The dictionary sections this component shows: used alone, it bundles no other text. */
const MESSAGES = { authorize: authorizeMessages };

type AuthorizeButtonElement = HTMLButtonElement;

export interface AuthorizeButtonProps extends Omit<ComponentPropsWithoutRef<'button'>, 'onError'> {
  /** The store hash as typed; the button is disabled while it is invalid. */
  storeHash: string;
  /** The host adapter (`beginAuthorization`, `getAuthorization`). */
  adapter: AuthorizationAdapter;
  /** The server confirmed the authorization of this very store. */
  onAuthorized?: (result: AuthorizationResult) => void;
  /** The attempt failed; show `messages.errors[error.code]`, never `error.message`. */
  onError?: (error: ConnectionError) => void;
  /** `authorization_started`, `authorization_succeeded`, `authorization_failed` (with `code`). */
  onEvent?: (event: AuthorizationEvent) => void;
  /**
   * Render the child element instead of a `<button>`, merging props and behaviour into it (Radix Slot).
   * @default false
   */
  asChild?: boolean;
  /** Popup size and `window.open` name. @default { width: 900, height: 650 } and a name of its own per instance */
  popup?: Pick<AuthorizePopupOptions, 'width' | 'height' | 'name'>;
  /** How long an attempt may take. @default 300_000 */
  timeoutMs?: number;
  /** How long a closed popup may still deliver its result. @default 1_500 */
  closeGraceMs?: number;
  /**
   * A popup that reads closed this soon after navigating is taken as cut off by the host page's
   * `Cross-Origin-Opener-Policy`, not closed, and the server is asked until it answers.
   * @default 3_000
   */
  severanceWindowMs?: number;
  /** @default false */
  disabled?: boolean;
  /** Overrides of the dictionary (`authorize.*`). */
  messages?: MessageOverrides;
  /**
   * Drive the button from a `useAuthorization` you own (as `BigCommerceStoreSetup` does, to render the waiting,
   * authorized and error states around it). `storeHash`, `adapter` and the callbacks then belong to that hook.
   */
  controller?: UseAuthorizationReturn;
}

/**
 * **Authorize**: opens the BigCommerce sign-in popup in the click itself (before any `await`, so no popup blocker
 * steps in) and waits for the host's server to confirm. A second click while waiting brings the popup back instead
 * of opening another; unmounting aborts the attempt and closes the popup.
 *
 * Styling hooks: `data-slot="authorize-button"`, `data-state="idle|waiting|authorized|error"`, `[data-disabled]`.
 *
 * @example
 * <AuthorizeButton
 *   storeHash="abc123"
 *   adapter={adapter}
 *   onAuthorized={({ grantId }) => setGrant(grantId)}
 *   onError={(error) => setMessage(messages.errors[error.code])}
 * />
 */
export const AuthorizeButton = /* @__PURE__ */ namedForwardRef<AuthorizeButtonElement, AuthorizeButtonProps>(function AuthorizeButton(
  props,
  forwardedRef,
) {
  // The hook's options are named like these props: taken out here, they go to it all at once.
  const {
    storeHash,
    adapter,
    onAuthorized,
    onError,
    onEvent,
    asChild,
    popup,
    timeoutMs,
    closeGraceMs,
    severanceWindowMs,
    disabled,
    messages: overrides,
    controller,
    children,
    onClick,
    ...buttonProps
  } = props;
  const text = useMessageSections(MESSAGES, overrides).authorize;
  // Always called (hooks cannot be conditional); inert when a controller drives the button.
  const own = useAuthorization({ ...props, popup: { ...popup, title: text.popupTitle, body: text.popupBody } });
  const { status, canAuthorize, authorize } = controller ?? own;
  const inactive = disabled || !canAuthorize;
  const Comp = asChild ? Slot : 'button';
  return (
    <Comp
      data-slot="authorize-button"
      data-state={status}
      data-disabled={inactive ? '' : undefined}
      {...(asChild ? { 'aria-disabled': inactive || undefined } : { type: 'button' as const, disabled: inactive })}
      {...buttonProps}
      ref={forwardedRef}
      onClick={(event: MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        // The window that owns the button: inside an iframe the popup belongs to that frame.
        if (!event.defaultPrevented && !inactive) authorize(ownerWindow(event.currentTarget));
      }}
    >
      {children ?? (status === 'error' ? text.retry : status === 'authorized' ? text.reauthorize : text.button)}
    </Comp>
  );
}, AUTHORIZE_BUTTON_NAME);
