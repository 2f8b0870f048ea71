import type { QueryClient } from '@tanstack/react-query';
import { type JSX, type RefObject, useEffect, useId, useLayoutEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import type { ConnectionAdapter } from '../../core/adapter';
import { hasErrors, STEP_IDS, type StepId } from '../../core/draft';
import { formatMessage } from '../../i18n/format';
import { useMessages } from '../../react/messages';
import type { UseWizardResult, WizardEvent } from '../../react/use-wizard';
import { Button } from './fields';
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
  emit: ((event: WizardEvent) => void) | undefined;
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
  const text = messages.wizard;
  const baseId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const { step, stepIndex, submission, firstInvalid } = wizard;
  const isLast = stepIndex === STEP_IDS.length - 1;

  // Focus the heading whenever what is shown changes; not on the inline wizard's first mount (the page owns focus
  // then). A ref, not a "first run" flag, so StrictMode's second effect run changes nothing.
  const view = submission.status === 'success' ? 'success' : step;
  const focusedView = useRef<string | undefined>(focusOnMount ? undefined : view);
  useIsomorphicLayoutEffect(() => {
    if (focusedView.current === view) return;
    focusedView.current = view;
    headingRef.current?.focus();
  }, [view, headingRef]);

  // A failed check (Continue, Test connection) renders its errors at once (flushSync), then focus goes to the first
  // invalid field in DOM order.
  const check = (run: () => boolean) => {
    if (flushSync(run)) {
      (formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? headingRef.current)?.focus();
    }
  };
  const field = (path: string) => ({
    id: `${baseId}-${encodeURIComponent(path)}`,
    error: wizard.errors[path],
    onBlur: () => wizard.touch(path),
  });

  const Step = STEP_PARTS[step];
  const headingId = `${baseId}-heading`;
  const submitHintId = `${baseId}-submit-hint`;
  // On the last step an earlier incomplete step is pointed to; this step's own gaps are explained under the button.
  const blockedBy = isLast && firstInvalid !== 'store' ? firstInvalid : undefined;
  const hint = isLast && firstInvalid === 'store';

  return (
    <>
      <StepIndicator step={step} complete={submission.status === 'success'} />
      {submission.status === 'success' ? (
        <SuccessView connection={submission.connection} nextSteps={nextSteps} onDone={onDone} headingRef={headingRef} />
      ) : (
        <form
          ref={formRef}
          data-slot="wizard-form"
          data-step={step}
          noValidate
          aria-labelledby={headingId}
          onSubmit={(event) => {
            event.preventDefault();
            // Add connection sends nothing while a step is incomplete: it shows that step's errors, as Continue does.
            check(() => (isLast ? !wizard.submit() && firstInvalid === step : hasErrors(wizard.next())));
          }}
        >
          <p data-slot="step-count">{formatMessage(text.stepIndicator, { current: stepIndex + 1, total: STEP_IDS.length })}</p>
          <h3 id={headingId} ref={headingRef} tabIndex={-1} data-slot="step-heading">
            {text.steps[step]}
          </h3>
          <div data-slot="wizard-step-fields" data-step={step}>
            <Step wizard={wizard} field={field} check={check} adapter={adapter} queryClient={queryClient} emit={emit} />
          </div>
          {blockedBy ? (
            <div data-slot="wizard-alert" data-variant="info">
              <p>{formatMessage(text.incompleteStep, { title: text.steps[blockedBy] })}</p>
              <Button variant="secondary" onClick={() => wizard.goTo(blockedBy)}>
                {formatMessage(text.goToStep, { title: text.steps[blockedBy] })}
              </Button>
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
            {submission.status === 'pending' ? text.submitting : null}
          </p>
          {hint ? (
            <p id={submitHintId} data-slot="field-hint">
              {messages.store.completeToSubmit}
            </p>
          ) : null}
          <div data-slot="wizard-actions">
            {stepIndex > 0 ? (
              <Button variant="secondary" onClick={wizard.back}>
                {text.back}
              </Button>
            ) : null}
            <Button variant="ghost" onClick={onCancel}>
              {text.cancel}
            </Button>
            <Button
              type="submit"
              variant="primary"
              disabled={isLast && firstInvalid !== undefined}
              pending={submission.status === 'pending'}
              aria-describedby={hint ? submitHintId : undefined}
            >
              {isLast ? text.submit : text.continue}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
