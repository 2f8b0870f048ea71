import { existingWarehouse, hasErrors, selectedPlatform } from '../../../core/draft';
import { formatMessage } from '../../../i18n/format';
import { useMessages } from '../../../react/messages';
import { Button, Field } from '../fields';
import type { StepProps } from './types';

/**
 * Step 3, Warehouse Setup. An existing merchant with a warehouse: shows it, nothing to enter. Otherwise a platform
 * from `adapter.listWarehousePlatforms()` and its credential fields, rendered from the platform's field specs.
 */
export function WarehouseStep({ wizard, field, check }: StepProps) {
  const text = useMessages().warehouse;
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
        value={draft.warehouse.platformId}
        onValueChange={wizard.setWarehousePlatform}
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
              value={draft.warehouse.credentials[spec.name] ?? ''}
              onValueChange={(value) => wizard.setCredential(spec.name, value)}
            />
          ))}
        </fieldset>
      ) : null}
      {platform && wizard.canTestWarehouse ? (
        // **Test connection**: testing, works, rejected or could not run, each announced.
        <div data-slot="warehouse-test" data-state={status}>
          <Button
            variant="secondary"
            pending={pending}
            onClick={() => {
              if (!pending) check(() => hasErrors(wizard.testWarehouse()));
            }}
          >
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
}
