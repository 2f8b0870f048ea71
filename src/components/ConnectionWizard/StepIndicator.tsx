import { STEP_IDS, type StepId } from '../../core/draft';
import { useMessages } from '../../react/messages';

export interface StepIndicatorProps {
  step: StepId;
  /** After a successful submit every step reads as completed. */
  complete?: boolean;
}

/**
 * The four steps as an ordered list; the current one carries `aria-current="step"`. Each item exposes
 * `data-state="complete" | "current" | "upcoming"`.
 */
export function StepIndicator({ step, complete = false }: StepIndicatorProps) {
  const messages = useMessages();
  const current = STEP_IDS.indexOf(step);
  return (
    <ol data-slot="step-indicator" aria-label={messages.wizard.stepsLabel}>
      {STEP_IDS.map((id, index) => {
        const state = complete || index < current ? 'complete' : index === current ? 'current' : 'upcoming';
        return (
          <li
            key={id}
            data-slot="step-indicator-item"
            data-state={state}
            data-step={id}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            {/* Empty on purpose: the styled number is a CSS counter, so unstyled the list's own marker is the only one. */}
            <span data-slot="step-indicator-number" aria-hidden="true" />{' '}
            <span data-slot="step-indicator-label">{messages.wizard.steps[id]}</span>
            {state === 'complete' ? (
              <>
                {' '}
                <span data-slot="step-indicator-status">{messages.wizard.stepCompleted}</span>
              </>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
