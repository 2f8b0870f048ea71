import { type Ref, useId } from 'react';
import type { Connection } from '../../core/adapter';
import { formatMessage } from '../../i18n/format';
import { useMessages } from '../../react/messages';

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
  const messages = useMessages();
  const headingId = useId();
  const links = [
    { href: nextSteps?.configureSkusHref, label: messages.success.configureSkus, slot: 'configure-skus' },
    { href: nextSteps?.reviewOrderStatusHref, label: messages.success.reviewOrderStatus, slot: 'review-order-status' },
  ].filter((link): link is { href: string; label: string; slot: string } => Boolean(link.href));
  return (
    <section data-slot="success-view" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1} data-slot="step-heading">
        {messages.success.title}
      </h3>
      <p data-slot="success-body">{formatMessage(messages.success.body, { name: connection.name })}</p>
      {links.length > 0 ? (
        <nav data-slot="next-steps" aria-label={messages.success.nextSteps}>
          <h4 data-slot="next-steps-heading">{messages.success.nextSteps}</h4>
          <ul>
            {links.map((link) => (
              <li key={link.slot}>
                <a href={link.href} data-slot="next-step-link" data-link={link.slot}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div data-slot="wizard-actions">
        <button type="button" data-slot="button" data-variant="primary" onClick={onDone}>
          {messages.success.done}
        </button>
      </div>
    </section>
  );
}
