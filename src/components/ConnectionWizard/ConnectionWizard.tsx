// Named imports, not `import * as Dialog`: a namespace import of an external package costs an interop helper in
// every bundle that keeps the package external.
import {
  Content as DialogContent,
  Description as DialogDescription,
  Portal as DialogPortal,
  Root as DialogRoot,
  Title as DialogTitle,
  Trigger as DialogTrigger,
} from '@radix-ui/react-dialog';
import { Slot } from '@radix-ui/react-slot';
import type { QueryClient } from '@tanstack/react-query';
import {
  type ComponentPropsWithoutRef,
  type CSSProperties,
  type ReactElement,
  type Ref,
  useEffect,
  useId,
  useRef,
} from 'react';
import type { Connection, ConnectionAdapter } from '../../core/adapter';
import type { DraftDefaults, StepId } from '../../core/draft';
import type { MessageOverrides } from '../../i18n/messages.en';
import { MessagesProvider, useMessages } from '../../react/messages';
import { namedForwardRef } from '../../react/named-forward-ref';
import { useRcwQueryClient } from '../../react/query-client';
import { lockDocumentScroll } from '../../react/scroll-lock';
import { useControllableState } from '../../react/use-controllable-state';
import type { PersistDraftOptions } from '../../react/use-persisted-draft';
import { useWizard, type WizardCloseReason, type WizardEvent } from '../../react/use-wizard';
import { type NextSteps, WizardPanel } from './WizardPanel';

const NAME = 'ConnectionWizard';
/** The root's `data-state` for each submission status. */
const SUBMISSION_STATES = { idle: 'editing', pending: 'submitting', error: 'failed', success: 'complete' } as const;

/**
 * The backdrop behind the dialog (mounted while it is open); the page behind it does not scroll meanwhile. Not Radix's
 * `Dialog.Overlay`: its scroll lock (react-remove-scroll) would cost every host about 3.8 kB brotli, and covering the
 * viewport leaves the document's own scroller as the only one to lock (`lockDocumentScroll`).
 */
function WizardOverlay() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    return element ? lockDocumentScroll(element.ownerDocument) : undefined;
  }, []);
  return <div ref={ref} data-slot="wizard-overlay" data-state="open" />;
}

type RootProps = Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'defaultValue' | 'title'>;

export interface ConnectionWizardProps extends RootProps {
  /** The host's backend: lists, authorization, `createConnection`. */
  adapter: ConnectionAdapter;
  /**
   * `dialog`: a Radix Dialog (title, description, focus trap) opened by `trigger`. `inline`: a card in the page.
   * @default 'dialog'
   */
  variant?: 'dialog' | 'inline';
  /** Controlled open state. */
  open?: boolean;
  /** @default false for `dialog`, true for `inline` */
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  /**
   * The element that opens the wizard (rendered through Radix Slot, so your own button). Without it a default
   * **Add connection** button is rendered; pass `null` to render none (control `open` yourself). An inline wizard
   * shows its trigger while closed.
   */
  trigger?: ReactElement | null;
  /** Controlled step. */
  step?: StepId;
  /** @default 'basics' */
  defaultStep?: StepId;
  onStepChange?: (step: StepId) => void;
  /** Values the draft starts with (and returns to after **Cancel** or **Done**). */
  defaultValues?: DraftDefaults;
  /** The connection `adapter.createConnection` resolved (created disabled). */
  onComplete?: (connection: Connection) => void;
  /**
   * `step_viewed`, `connection_created`, `connection_failed`, `wizard_closed` and the store setup's
   * `authorization_*` events. No event carries a secret, a credential value or a token.
   */
  onEvent?: (event: WizardEvent) => void;
  /** Overrides of any subset of `defaultMessages`; passed down to every part. */
  messages?: MessageOverrides;
  /** Links the success view offers; each is hidden when its `href` is absent. */
  nextSteps?: NextSteps;
  /**
   * Keep the draft in storage so a reload resumes it. Never stores credential values, secrets or the grant;
   * removed after a success or **Cancel**. Give each wizard on a page its own `key`.
   * @default false
   */
  persistDraft?: boolean | PersistDraftOptions;
  /** The TanStack Query client to use; a private one otherwise (no provider needed). */
  queryClient?: QueryClient;
  className?: string;
  style?: CSSProperties;
}

/**
 * The **Add Connection** wizard: Basic Information → Merchant Information → Warehouse Setup → Store Setup, then
 * `adapter.createConnection`. **Cancel** closes and discards the draft; dismissing the dialog (Escape, a click
 * outside) closes it and keeps the draft for when it opens again.
 * While the dialog is open the page behind it does not scroll (`data-slot="wizard-overlay"` is its backdrop).
 *
 * The root (`data-slot="connection-wizard"`: the dialog content, or the inline card) takes `className`, `style`
 * and other props, and exposes `data-variant`, `data-step` (`basics | merchant | warehouse | store`) and
 * `data-state` (`editing | submitting | failed | complete`).
 *
 * @example
 * <ConnectionWizard
 *   adapter={adapter}
 *   nextSteps={{ configureSkusHref: '/skus', reviewOrderStatusHref: '/settings/orders' }}
 *   onComplete={(connection) => router.push(`/connections/${connection.id}`)}
 * />
 */
export const ConnectionWizard = /* @__PURE__ */ namedForwardRef<HTMLElement, ConnectionWizardProps>(function ConnectionWizard(props, forwardedRef) {
  const {
    adapter,
    variant = 'dialog',
    open: openProp,
    defaultOpen,
    onOpenChange,
    trigger,
    step,
    defaultStep,
    onStepChange,
    defaultValues,
    onComplete,
    onEvent,
    messages: overrides,
    nextSteps,
    persistDraft,
    queryClient: queryClientProp,
    // The props above are the wizard's (`useWizard` reads its own from `props`); the rest go to the root.
    ...rootProps
  } = props;
  const messages = useMessages(overrides);
  const queryClient = useRcwQueryClient(queryClientProp);
  const isDialog = variant !== 'inline';
  const [open, setOpen] = useControllableState({
    prop: openProp,
    defaultProp: defaultOpen ?? !isDialog,
    onChange: onOpenChange,
    caller: NAME,
  });
  const wizard = useWizard({
    ...props,
    queryClient,
    open,
    // Typing the store hash re-renders the field, not the wizard (DESIGN §6).
    deferStoreHash: true,
  });
  const id = useId();
  // An inline wizard takes focus only when the user opened it, never on page load; closed by the user, it hands
  // focus to its trigger (a dialog's focus is returned by Radix).
  const openedByUser = useRef(false);
  const closedByUser = useRef(false);
  const triggerRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (isDialog || open || !closedByUser.current) return;
    closedByUser.current = false;
    triggerRef.current?.focus();
  }, [isDialog, open]);

  const close = (reason: WizardCloseReason) => {
    if (!open) return;
    // A dismissal keeps the draft for the next opening, unless it is done.
    if (reason !== 'dismiss' || wizard.submission.status === 'success') wizard.reset();
    closedByUser.current = true;
    setOpen(false);
    onEvent?.({ type: 'wizard_closed', reason });
  };
  const openWizard = () => {
    openedByUser.current = true;
    setOpen(true);
  };

  const triggerElement =
    trigger === undefined ? (
      <button type="button" data-slot="wizard-trigger">
        {messages.wizard.trigger}
      </button>
    ) : (
      trigger
    );
  // The dialog's title and description are Radix parts (which link them to the dialog); the inline card links its own.
  const Title = isDialog ? DialogTitle : 'h2';
  const Description = isDialog ? DialogDescription : 'p';
  const root = {
    ...rootProps,
    'data-slot': 'connection-wizard',
    'data-variant': variant,
    'data-step': wizard.step,
    'data-state': SUBMISSION_STATES[wizard.submission.status],
    ref: forwardedRef as Ref<HTMLDivElement>,
  };
  const content = (
    <>
      <header data-slot="wizard-header">
        <Title data-slot="wizard-title" {...(isDialog ? {} : { id: `${id}-title` })}>
          {messages.wizard.title}
        </Title>
        <Description data-slot="wizard-description" {...(isDialog ? {} : { id: `${id}-description` })}>
          {messages.wizard.description}
        </Description>
      </header>
      <WizardPanel {...props} wizard={wizard} queryClient={queryClient} focusOnMount={isDialog || openedByUser.current} onClose={close} />
    </>
  );

  return (
    <MessagesProvider messages={messages}>
      {isDialog ? (
        <DialogRoot open={open} onOpenChange={(next) => (next ? openWizard() : close('dismiss'))}>
          {triggerElement ? <DialogTrigger asChild>{triggerElement}</DialogTrigger> : null}
          <DialogPortal>
            <WizardOverlay />
            <DialogContent
              {...root}
              // The panel focuses the step heading itself (a layout effect, before Radix looks for focus); should focus
              // still be outside, Radix focuses the dialog, never the first field.
              onOpenAutoFocus={(event) => event.preventDefault()}
            >
              {content}
            </DialogContent>
          </DialogPortal>
        </DialogRoot>
      ) : open ? (
        // The inline card: a region named by the wizard's title and described by its description.
        <section aria-labelledby={`${id}-title`} aria-describedby={`${id}-description`} {...root}>
          {content}
        </section>
      ) : triggerElement ? (
        <Slot ref={triggerRef} onClick={openWizard}>
          {triggerElement}
        </Slot>
      ) : null}
    </MessagesProvider>
  );
}, NAME);
