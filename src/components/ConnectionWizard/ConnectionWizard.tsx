// Named imports, not `import * as Dialog`: a namespace import of an external package costs an interop helper in
// every bundle that keeps the package external.
import {
  Content as DialogContent,
  Description as DialogDescription,
  Overlay as DialogOverlay,
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
  type ReactNode,
  type Ref,
  useCallback,
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
import { useControllableState } from '../../react/use-controllable-state';
import { useLatestCallback } from '../../react/use-latest-callback';
import type { PersistDraftOptions } from '../../react/use-persisted-draft';
import { useWizard, type WizardCloseReason, type WizardEvent } from '../../react/use-wizard';
import type { NextSteps } from './SuccessView';
import { WizardPanel } from './WizardPanel';

const NAME = 'ConnectionWizard';
/** The root's `data-state` for each submission status. */
const SUBMISSION_STATES = { idle: 'editing', pending: 'submitting', error: 'failed', success: 'complete' } as const;

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
    step: stepProp,
    defaultStep,
    onStepChange,
    defaultValues,
    onComplete,
    onEvent,
    messages: overrides,
    nextSteps,
    persistDraft,
    queryClient: queryClientProp,
    ...rootProps
  } = props;
  const messages = useMessages(overrides);
  const queryClient = useRcwQueryClient(queryClientProp);
  const emit = useLatestCallback((event: WizardEvent) => onEvent?.(event));
  const [open, setOpen] = useControllableState({
    prop: openProp,
    defaultProp: defaultOpen ?? variant === 'inline',
    onChange: onOpenChange,
    caller: NAME,
  });
  const wizard = useWizard({
    adapter,
    queryClient,
    open,
    step: stepProp,
    defaultStep,
    onStepChange,
    defaultValues,
    persistDraft,
    onEvent: emit,
    onComplete,
    // Typing the store hash re-renders the field, not the wizard (DESIGN §6).
    deferStoreHash: true,
  });
  const headingRef = useRef<HTMLHeadingElement>(null);
  // An inline wizard takes focus only when the user opened it, never on page load; closed by the user, it hands
  // focus to its trigger (a dialog's focus is returned by Radix).
  const openedByUser = useRef(false);
  const closedByUser = useRef(false);
  const triggerRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (variant !== 'inline' || open || !closedByUser.current) return;
    closedByUser.current = false;
    triggerRef.current?.focus();
  }, [variant, open]);

  const completed = wizard.submission.status === 'success';
  const { reset } = wizard;
  const close = useCallback(
    (reason: WizardCloseReason) => {
      if (!open) return;
      if (reason !== 'dismiss' || completed) reset();
      closedByUser.current = true;
      setOpen(false);
      emit({ type: 'wizard_closed', reason });
    },
    [open, completed, reset, setOpen, emit],
  );
  const openWizard = useCallback(() => {
    openedByUser.current = true;
    setOpen(true);
  }, [setOpen]);

  const dataState = SUBMISSION_STATES[wizard.submission.status];
  const rootData = { 'data-slot': 'connection-wizard', 'data-variant': variant, 'data-step': wizard.step, 'data-state': dataState };

  const panel = (focusOnMount: boolean) => (
    <WizardPanel
      wizard={wizard}
      adapter={adapter}
      queryClient={queryClient}
      emit={emit}
      nextSteps={nextSteps}
      headingRef={headingRef}
      focusOnMount={focusOnMount}
      onCancel={() => close('cancel')}
      onDone={() => close('done')}
    />
  );
  const triggerElement: ReactNode =
    trigger === null ? null : (
      (trigger ?? (
        <button type="button" data-slot="wizard-trigger">
          {messages.wizard.trigger}
        </button>
      ))
    );

  if (variant === 'inline') {
    return (
      <MessagesProvider messages={messages}>
        {open ? (
          <InlineRoot {...rootProps} {...rootData} ref={forwardedRef}>
            {panel(openedByUser.current)}
          </InlineRoot>
        ) : triggerElement ? (
          <Slot ref={triggerRef} onClick={openWizard}>
            {triggerElement}
          </Slot>
        ) : null}
      </MessagesProvider>
    );
  }

  return (
    <MessagesProvider messages={messages}>
      <DialogRoot open={open} onOpenChange={(next) => (next ? openWizard() : close('dismiss'))}>
        {triggerElement ? <DialogTrigger asChild>{triggerElement}</DialogTrigger> : null}
        <DialogPortal>
          <DialogOverlay data-slot="wizard-overlay" />
          <DialogContent
            {...rootProps}
            {...rootData}
            ref={forwardedRef as Ref<HTMLDivElement>}
            // The panel focuses the step heading itself; Radix would focus the first field instead.
            onOpenAutoFocus={(event) => {
              event.preventDefault();
              headingRef.current?.focus();
            }}
          >
            <header data-slot="wizard-header">
              <DialogTitle data-slot="wizard-title">{messages.wizard.title}</DialogTitle>
              <DialogDescription data-slot="wizard-description">{messages.wizard.description}</DialogDescription>
            </header>
            {panel(true)}
          </DialogContent>
        </DialogPortal>
      </DialogRoot>
    </MessagesProvider>
  );
}, NAME);

/** The inline card: a region named by the wizard's title and described by its description. */
const InlineRoot = /* @__PURE__ */ namedForwardRef<HTMLElement, RootProps & { children: ReactNode }>(function InlineRoot({ children, ...props }, ref) {
  const messages = useMessages();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} aria-describedby={`${id}-description`} {...props} ref={ref}>
      <header data-slot="wizard-header">
        <h2 id={`${id}-title`} data-slot="wizard-title">
          {messages.wizard.title}
        </h2>
        <p id={`${id}-description`} data-slot="wizard-description">
          {messages.wizard.description}
        </p>
      </header>
      {children}
    </section>
  );
}, 'InlineRoot');
