import type { QueryClient } from '@tanstack/react-query';
import { type FormEvent, type JSX, type RefObject, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { ConnectionAdapter } from '../../core/adapter';
import { STEP_IDS, type StepId } from '../../core/draft';
import { formatMessage } from '../../i18n/format';
import { useMessages } from '../../react/messages';
import type { UseWizardResult, WizardEvent } from '../../react/use-wizard';
import { StepIndicator } from './StepIndicator';
import { BasicsStep } from './steps/BasicsStep';
import { MerchantStep } from './steps/MerchantStep';
import { StoreStep } from './steps/StoreStep';
import type { StepProps } from './steps/types';
import { WarehouseStep } from './steps/WarehouseStep';
import { type NextSteps, SuccessView } from './SuccessView';

// Layout effects on the client (focus before paint), nothing on the server (no warning in React 18).
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

const STEP_PARTS: Record<StepId, (props: StepProps) => JSX.Element> = {
  basics: BasicsStep,
  merchant: MerchantStep,
  warehouse: WarehouseStep,
  store: StoreStep,
};

export interface WizardPanelProps {
  wizard: UseWizardResult;
  adapter: ConnectionAdapter;
  queryClient: QueryClient;
  emit: (event: WizardEvent) => void;
  nextSteps?: NextSteps | undefined;
  /** The heading of what is shown (a step or the success view): focus goes there on every change. */
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** Focus the heading on mount too (dialog opened, inline wizard opened by its trigger). */
  focusOnMount: boolean;
  onCancel: () => void;
  onDone: () => void;
}

/** The wizard's body: step indicator, the current step's form and actions, or the success view. */
export function WizardPanel({ wizard, adapter, queryClient, emit, nextSteps, headingRef, focusOnMount, onCancel, onDone }: WizardPanelProps) {
  const messages = useMessages();
  const baseId = useId();
  const idFor = useCallback((path: string) => `${baseId}-${encodeURIComponent(path)}`, [baseId]);
  const formRef = useRef<HTMLFormElement>(null);
  const { step, stepIndex, submission, firstInvalid } = wizard;
  const isLast = stepIndex === STEP_IDS.length - 1;
  const completed = submission.status === 'success';
  const pending = submission.status === 'pending';

  // Focus the heading whenever what is shown changes; not on the inline wizard's first mount (the page owns focus
  // then). A ref, not a "first run" flag, so StrictMode's second effect run changes nothing.
  const view = completed ? 'success' : step;
  const focusedView = useRef<string | undefined>(focusOnMount ? undefined : view);
  useIsomorphicLayoutEffect(() => {
    if (focusedView.current === view) return;
    focusedView.current = view;
    headingRef.current?.focus();
  }, [view, headingRef]);

  // After a failed Continue the errors render first, then focus goes to the first invalid field in DOM order.
  const [focusRequest, setFocusRequest] = useState(0);
  const focusFirstInvalid = useCallback(() => setFocusRequest((count) => count + 1), []);
  useIsomorphicLayoutEffect(() => {
    if (focusRequest === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? headingRef.current)?.focus();
  }, [focusRequest, headingRef]);

  if (completed) {
    return (
      <>
        <StepIndicator step={step} complete />
        <SuccessView connection={submission.connection} nextSteps={nextSteps} onDone={onDone} headingRef={headingRef} />
      </>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isLast) {
      if (!wizard.submit() && firstInvalid === step) focusFirstInvalid();
      return;
    }
    if (Object.keys(wizard.next()).length > 0) focusFirstInvalid();
  };

  const Step = STEP_PARTS[step];
  const text = messages.wizard;
  const title = text.steps[step];
  const headingId = `${baseId}-heading`;
  const blockedBy = isLast && firstInvalid && firstInvalid !== 'store' ? firstInvalid : undefined;
  const submitHintId = `${baseId}-submit-hint`;
  const submitDisabled = isLast && firstInvalid !== undefined;

  return (
    <>
      <StepIndicator step={step} />
      <form ref={formRef} data-slot="wizard-form" data-step={step} noValidate onSubmit={onSubmit} aria-labelledby={headingId}>
        <p data-slot="step-count">
          {formatMessage(text.stepIndicator, { current: stepIndex + 1, total: STEP_IDS.length })}
        </p>
        <h3 id={headingId} ref={headingRef} tabIndex={-1} data-slot="step-heading">
          {title}
        </h3>
        <Step
          wizard={wizard}
          idFor={idFor}
          focusFirstInvalid={focusFirstInvalid}
          adapter={adapter}
          queryClient={queryClient}
          emit={emit}
        />
        {blockedBy ? (
          <div data-slot="wizard-alert" data-variant="info">
            <p>{formatMessage(text.incompleteStep, { title: text.steps[blockedBy] })}</p>
            <button type="button" data-slot="button" data-variant="secondary" onClick={() => wizard.goTo(blockedBy)}>
              {formatMessage(text.goToStep, { title: text.steps[blockedBy] })}
            </button>
          </div>
        ) : null}
        {submission.status === 'error' ? (
          <div data-slot="wizard-alert" data-variant="error" role="alert">
            <p>{text.submitFailed}</p>
            <p>{messages.errors[submission.error.code]}</p>
          </div>
        ) : null}
        {/* Always rendered, so "Adding connection…" is announced when it appears. */}
        <p data-slot="wizard-status" role="status">
          {pending ? text.submitting : null}
        </p>
        {isLast && firstInvalid === 'store' ? (
          <p id={submitHintId} data-slot="field-hint">
            {messages.store.completeToSubmit}
          </p>
        ) : null}
        <div data-slot="wizard-actions">
          {stepIndex > 0 ? (
            <button type="button" data-slot="button" data-variant="secondary" onClick={wizard.back}>
              {text.back}
            </button>
          ) : null}
          <button type="button" data-slot="button" data-variant="ghost" onClick={onCancel}>
            {text.cancel}
          </button>
          <button
            type="submit"
            data-slot="button"
            data-variant="primary"
            disabled={submitDisabled}
            data-pending={pending ? '' : undefined}
            aria-disabled={pending || undefined}
            aria-describedby={isLast && firstInvalid === 'store' ? submitHintId : undefined}
          >
            {isLast ? text.submit : text.continue}
          </button>
        </div>
      </form>
    </>
  );
}
