import { type Ref, useId } from 'react';
import type { Connection } from '../../core/adapter';
import { formatMessage } from '../../i18n/format';
import { useMessages } from '../../react/messages';
import { Button } from './fields';

export interface NextSteps {
  /** Where **Configure SKUs** goes; the link is hidden without it. */
  configureSkusHref?: string;
  /** Where **Review Order Status** goes; the link is hidden without it. */
  reviewOrderStatusHref?: string;
}

export interface SuccessViewProps {
  connection: Connection;
  nextSteps?: NextSteps | undefined;
  onDone: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}

/** After **Add connection**: says the connection was created disabled and offers the next steps. */
export function SuccessView({ connection, nextSteps, onDone, headingRef }: SuccessViewProps) {
  const text = useMessages().success;
  const headingId = useId();
  const links = (
    [
      ['configure-skus', nextSteps?.configureSkusHref, text.configureSkus],
      ['review-order-status', nextSteps?.reviewOrderStatusHref, text.reviewOrderStatus],
    ] as const
  ).filter(([, href]) => href);
  return (
    <section data-slot="success-view" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1} data-slot="step-heading">
        {text.title}
      </h3>
      <p data-slot="success-body">{formatMessage(text.body, { name: connection.name })}</p>
      {links.length > 0 ? (
        <nav data-slot="next-steps" aria-label={text.nextSteps}>
          <h4 data-slot="next-steps-heading">{text.nextSteps}</h4>
          <ul>
            {links.map(([slot, href, label]) => (
              <li key={slot}>
                <a href={href} data-slot="next-step-link" data-link={slot}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div data-slot="wizard-actions">
        <Button variant="primary" onClick={onDone}>
          {text.done}
        </Button>
      </div>
    </section>
  );
}
