import type { QueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useLayoutEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import type { ConnectionAdapter } from '../../core/adapter';
import { existingWarehouse, fieldValue, hasErrors, STEP_IDS, type StepId, selectedPlatform } from '../../core/draft';
import { formatMessage } from '../../i18n/format';
import type { Messages } from '../../i18n/messages.en';
import { useMessages } from '../../react/messages';
import type { UseWizardResult, WizardEvent } from '../../react/use-wizard';
import { BigCommerceStoreSetup } from '../BigCommerceStoreSetup/BigCommerceStoreSetup';
import { Button, ChoiceGroup, Field, type FieldBinding } from './fields';

/*
 * The wizard's body: the step indicator, then the current step's form (heading, fields, alerts, actions) or, after
 * **Add connection**, the success view. Each step's fields are a render function of `STEP_FIELDS`.
 */

// Layout effects on the client (focus before paint), nothing on the server (no warning in React 18).
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

export interface NextSteps {
  /** Where **Configure SKUs** goes; the link is hidden without it. */
  configureSkusHref?: string;
  /** Where **Review Order Status** goes; the link is hidden without it. */
  reviewOrderStatusHref?: string;
}

/** What each step's fields receive: the panel's props, the dictionary, and the panel's field helpers. */
interface StepProps extends WizardPanelProps {
  messages: Messages;
  /**
   * The binding of the field at a draft path (`name`, `merchant.merchantId`, `warehouse.credentials.apiKey`…): a
   * document-unique id, the error to show, blur (after which its error shows), its value and its setter.
   */
  field: (path: string) => FieldBinding & { value: string; onValueChange: (value: string) => void };
  /**
   * Runs a check such as **Test connection**; when it fails (returns true), its errors render and focus moves to
   * the first invalid field.
   */
  check: (run: () => boolean) => void;
}

/** The fields of each step, between its heading and its actions. */
const STEP_FIELDS: Record<StepId, (props: StepProps) => ReactNode> = {
  /** Step 1, Basic Information: the connection's name. */
  basics: ({ messages: { basics: text }, field }) => (
    <Field {...field('name')} label={text.connectionName} hint={text.connectionNameHint} autoComplete="off" />
  ),

  /** Step 2, Merchant Information: an existing merchant from `adapter.listMerchants()`, or a new one. */
  merchant: ({ messages: { merchant: text }, wizard, field }) => (
    <>
      <ChoiceGroup
        {...field('merchant.mode')}
        legend={text.modeLabel}
        options={[
          ['existing', text.useExisting],
          ['new', text.createNew],
        ]}
      />
      {wizard.draft.merchant.mode === 'existing' ? (
        <Field
          {...field('merchant.merchantId')}
          label={text.merchant}
          placeholder={text.merchantPlaceholder}
          list={wizard.merchants}
          listText={text}
          options={wizard.merchants.data?.map(({ id, name, warehouse }) => ({
            id,
            name: warehouse ? formatMessage(text.withWarehouse, { name, warehouse: warehouse.name }) : name,
          }))}
        />
      ) : (
        <Field {...field('merchant.name')} label={text.merchantName} autoComplete="organization" />
      )}
    </>
  ),

  /**
   * Step 3, Warehouse Setup. An existing merchant with a warehouse: shows it, nothing to enter. Otherwise a platform
   * from `adapter.listWarehousePlatforms()` and its credential fields, rendered from the platform's field specs.
   */
  warehouse: ({ messages: { warehouse: text }, wizard, field, check }) => {
    const { draft, context } = wizard;
    const existing = existingWarehouse(draft, context);
    const platform = selectedPlatform(draft, context);
    const { status } = wizard.warehouseTest;
    const pending = status === 'pending';
    if (existing) return <p data-slot="warehouse-existing">{formatMessage(text.existing, { name: existing.name })}</p>;
    return (
      <>
        <Field
          {...field('warehouse.platformId')}
          label={text.platform}
          placeholder={text.platformPlaceholder}
          list={wizard.warehousePlatforms}
          listText={text}
        />
        {platform?.fields.length ? (
          <fieldset data-slot="credentials">
            <legend>{text.credentials}</legend>
            {platform.fields.map((spec) => (
              <Field
                key={`${platform.id}:${spec.name}`}
                {...field(`warehouse.credentials.${spec.name}`)}
                label={spec.label}
                hint={spec.help}
                placeholder={spec.placeholder}
                required={spec.required !== false}
                // `secret` fields are password inputs the browser must not fill with the user's own passwords.
                type={spec.type === 'secret' ? 'password' : spec.type}
                autoComplete={spec.type === 'secret' ? 'new-password' : 'off'}
              />
            ))}
          </fieldset>
        ) : null}
        {platform && wizard.canTestWarehouse ? (
          // **Test connection**: testing, works, rejected or could not run, each announced.
          <div data-slot="warehouse-test" data-state={status}>
            {/* While a test runs, `testWarehouse` starts none and reports no errors: the click changes nothing. */}
            <Button variant="secondary" pending={pending} onClick={() => check(() => hasErrors(wizard.testWarehouse()))}>
              {text.testConnection}
            </Button>
            {/* Always rendered, so screen readers announce what appears in it. */}
            <p data-slot="warehouse-test-status" role="status">
              {pending ? text.testing : status === 'ok' ? text.testSucceeded : null}
            </p>
            {status === 'failed' || status === 'error' ? (
              <p data-slot="warehouse-test-error" role="alert">
                {status === 'failed' ? text.testFailed : text.testError}
              </p>
            ) : null}
          </div>
        ) : null}
      </>
    );
  },

  /**
   * Step 4, Store Setup. **Create new store** (default) or **Use existing store**, the choice offered only when the
   * adapter has `listStores`. A new store: **Store Name**, **Platform**, and the platform's form below.
   */
  store: ({ messages: { store: text }, wizard, field, adapter, queryClient, onEvent }) => {
    const canUseExisting = wizard.context.canUseExistingStore;
    return (
      <>
        {canUseExisting ? (
          <ChoiceGroup
            {...field('store.mode')}
            legend={text.modeLabel}
            options={[
              ['new', text.createNew],
              ['existing', text.useExisting],
            ]}
          />
        ) : null}
        {canUseExisting && wizard.draft.store.mode === 'existing' ? (
          <Field {...field('store.storeId')} label={text.store} placeholder={text.storePlaceholder} list={wizard.stores} listText={text} />
        ) : (
          <>
            <Field {...field('store.name')} label={text.storeName} autoComplete="off" />
            {/* BigCommerce is the only platform, so it is the only value a change can bring. */}
            <Field {...field('store.platform')} label={text.platform} options={[{ id: 'bigcommerce', name: text.platforms.bigcommerce }]} />
            <BigCommerceStoreSetup
              adapter={adapter}
              queryClient={queryClient}
              valueStore={wizard.bigcommerce}
              onValueChange={wizard.setBigCommerce}
              showErrors={wizard.validated}
              onEvent={onEvent}
              headingLevel={4}
            />
          </>
        )}
      </>
    );
  },
};

/** The wizard's props the panel reads (`ConnectionWizard` passes all of its props), and what the wizard adds. */
export interface WizardPanelProps {
  adapter: ConnectionAdapter;
  onEvent?: ((event: WizardEvent) => void) | undefined;
  nextSteps?: NextSteps | undefined;
  wizard: UseWizardResult;
  /** The wizard's client: the host's or its own. */
  queryClient: QueryClient;
  /** Focus the heading on mount too (dialog opened, inline wizard opened by its trigger). */
  focusOnMount: boolean;
  /** **Cancel** and **Done**. */
  onClose: (reason: 'cancel' | 'done') => void;
}

/** The wizard's body: step indicator, the current step's form and actions, or the success view. */
export function WizardPanel(props: WizardPanelProps) {
  const { wizard, nextSteps, focusOnMount, onClose } = props;
  const messages = useMessages();
  const { wizard: text, success } = messages;
  const baseId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { step, stepIndex, submission, firstInvalid } = wizard;
  const isLast = stepIndex === STEP_IDS.length - 1;
  const complete = submission.status === 'success';
  const pending = submission.status === 'pending';

  // Focus the heading of what is shown (a step or the success view) whenever it changes; not on the inline wizard's
  // first mount (the page owns focus then). A ref, not a "first run" flag, so StrictMode's second effect run changes
  // nothing. In the dialog this runs before Radix's FocusScope looks, which then finds focus inside and keeps it.
  const view = complete ? 'success' : step;
  const focusedView = useRef<string | undefined>(focusOnMount ? undefined : view);
  useIsomorphicLayoutEffect(() => {
    if (focusedView.current === view) return;
    focusedView.current = view;
    headingRef.current?.focus();
  }, [view]);

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
    value: fieldValue(wizard.draft, path),
    onValueChange: (value: string) => wizard.setField(path, value),
  });

  const headingId = `${baseId}-heading`;
  // The success view's or the step's heading: what each view is labelled by, and where focus goes when it changes.
  const heading = (title: string) => (
    <h3 id={headingId} ref={headingRef} tabIndex={-1} data-slot="step-heading">
      {title}
    </h3>
  );
  const submitHintId = `${baseId}-submit-hint`;
  // On the last step an earlier incomplete step is pointed to; this step's own gaps are explained under the button.
  const blockedBy = isLast && firstInvalid !== 'store' ? firstInvalid : undefined;
  const hint = isLast && firstInvalid === 'store';
  const links = (
    [
      ['configure-skus', nextSteps?.configureSkusHref, success.configureSkus],
      ['review-order-status', nextSteps?.reviewOrderStatusHref, success.reviewOrderStatus],
    ] as const
  ).filter(([, href]) => href);

  return (
    <>
      {/*
       * The steps as an ordered list; the current one carries `aria-current="step"`, each item `data-state="complete" |
       * "current" | "upcoming"`. After a successful submit every step reads as completed.
       */}
      <ol data-slot="step-indicator" aria-label={text.stepsLabel}>
        {STEP_IDS.map((id, index) => {
          const state = complete || index < stepIndex ? 'complete' : index === stepIndex ? 'current' : 'upcoming';
          return (
            <li key={id} data-slot="step-indicator-item" data-state={state} data-step={id} aria-current={state === 'current' ? 'step' : undefined}>
              {/* Empty on purpose: the styled number is a CSS counter, so unstyled the list's own marker is the only one. */}
              <span data-slot="step-indicator-number" aria-hidden="true" />{' '}
              <span data-slot="step-indicator-label">{text.steps[id]}</span>
              {state === 'complete' ? (
                <>
                  {' '}
                  <span data-slot="step-indicator-status">{text.stepCompleted}</span>
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
      {complete ? (
        // After **Add connection**: says the connection was created disabled and offers the next steps.
        <section data-slot="success-view" aria-labelledby={headingId}>
          {heading(success.title)}
          <p data-slot="success-body">{formatMessage(success.body, { name: submission.connection.name })}</p>
          {links.length > 0 ? (
            <nav data-slot="next-steps" aria-label={success.nextSteps}>
              <h4 data-slot="next-steps-heading">{success.nextSteps}</h4>
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
            <Button variant="primary" onClick={() => onClose('done')}>
              {success.done}
            </Button>
          </div>
        </section>
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
          {heading(text.steps[step])}
          {/* Keyed by step: a step's fields never take over the previous step's elements or their state. */}
          <div key={step} data-slot="wizard-step-fields" data-step={step}>
            {STEP_FIELDS[step]({ ...props, messages, field, check })}
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
            {pending ? text.submitting : null}
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
            <Button variant="ghost" onClick={() => onClose('cancel')}>
              {text.cancel}
            </Button>
            <Button
              type="submit"
              variant="primary"
              disabled={isLast && firstInvalid !== undefined}
              pending={pending}
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
