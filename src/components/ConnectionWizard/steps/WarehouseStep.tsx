import type { FieldSpec } from '../../../core/adapter';
import { existingWarehouse, selectedPlatform } from '../../../core/draft';
import { formatMessage } from '../../../i18n/format';
import { useMessages } from '../../../react/messages';
import { ListSelectField, TextField } from '../fields';
import type { StepProps } from './types';

/** `secret` fields are password inputs the browser must not fill with the user's own passwords. */
function inputFor(field: FieldSpec): { type: 'text' | 'password' | 'url' | 'email'; autoComplete: string } {
  const type = field.type === 'secret' ? 'password' : field.type === 'url' || field.type === 'email' ? field.type : 'text';
  return { type, autoComplete: type === 'password' ? 'new-password' : 'off' };
}

/**
 * Step 3, Warehouse Setup. An existing merchant with a warehouse: shows it, nothing to enter. Otherwise a platform
 * from `adapter.listWarehousePlatforms()` and its credential fields, rendered from the platform's field specs.
 */
export function WarehouseStep({ wizard, idFor, focusFirstInvalid }: StepProps) {
  const messages = useMessages();
  const { draft, context } = wizard;
  const existing = existingWarehouse(draft, context);
  if (existing) {
    return (
      <div data-slot="wizard-step-fields" data-step="warehouse">
        <p data-slot="warehouse-existing">{formatMessage(messages.warehouse.existing, { name: existing.name })}</p>
      </div>
    );
  }
  const platform = selectedPlatform(draft, context);
  return (
    <div data-slot="wizard-step-fields" data-step="warehouse">
      <ListSelectField
        id={idFor('warehouse.platformId')}
        label={messages.warehouse.platform}
        placeholder={messages.warehouse.platformPlaceholder}
        query={wizard.warehousePlatforms}
        toOption={(item) => ({ value: item.id, label: item.name })}
        emptyText={messages.warehouse.empty}
        loadFailedText={messages.warehouse.loadFailed}
        value={draft.warehouse.platformId}
        onValueChange={wizard.setWarehousePlatform}
        onBlur={() => wizard.touch('warehouse.platformId')}
        error={wizard.errors['warehouse.platformId']}
      />
      {platform && platform.fields.length > 0 ? (
        <fieldset data-slot="credentials">
          <legend>{messages.warehouse.credentials}</legend>
          {platform.fields.map((field) => {
            const path = `warehouse.credentials.${field.name}`;
            return (
              <TextField
                key={`${platform.id}:${field.name}`}
                id={idFor(path)}
                label={field.label}
                hint={field.help}
                placeholder={field.placeholder}
                required={field.required !== false}
                {...inputFor(field)}
                value={draft.warehouse.credentials[field.name] ?? ''}
                onValueChange={(value) => wizard.setCredential(field.name, value)}
                onBlur={() => wizard.touch(path)}
                error={wizard.errors[path]}
              />
            );
          })}
        </fieldset>
      ) : null}
      {platform && wizard.canTestWarehouse ? <WarehouseTest wizard={wizard} focusFirstInvalid={focusFirstInvalid} /> : null}
    </div>
  );
}

/** **Test connection**: testing, works, rejected or could not run, each announced. */
function WarehouseTest({ wizard, focusFirstInvalid }: Pick<StepProps, 'wizard' | 'focusFirstInvalid'>) {
  const messages = useMessages();
  const { status } = wizard.warehouseTest;
  const pending = status === 'pending';
  return (
    <div data-slot="warehouse-test" data-state={status}>
      <button
        type="button"
        data-slot="button"
        data-variant="secondary"
        data-pending={pending ? '' : undefined}
        aria-disabled={pending || undefined}
        onClick={() => {
          if (pending) return;
          if (Object.keys(wizard.testWarehouse()).length > 0) focusFirstInvalid();
        }}
      >
        {messages.warehouse.testConnection}
      </button>
      {/* Always rendered, so screen readers announce what appears in it. */}
      <p data-slot="warehouse-test-status" role="status">
        {pending ? messages.warehouse.testing : status === 'ok' ? messages.warehouse.testSucceeded : null}
      </p>
      {status === 'failed' || status === 'error' ? (
        <p data-slot="warehouse-test-error" role="alert">
          {status === 'failed' ? messages.warehouse.testFailed : messages.warehouse.testError}
        </p>
      ) : null}
    </div>
  );
}
