import { formatMessage } from '../../../i18n/format';
import { useMessages } from '../../../react/messages';
import { ChoiceGroup, ListSelectField, TextField } from '../fields';
import type { StepProps } from './types';

/** Step 2, Merchant Information: an existing merchant from `adapter.listMerchants()`, or a new one. */
export function MerchantStep({ wizard, idFor }: StepProps) {
  const messages = useMessages();
  const { merchant } = wizard.draft;
  return (
    <div data-slot="wizard-step-fields" data-step="merchant">
      <ChoiceGroup
        name={idFor('merchant.mode')}
        legend={messages.merchant.modeLabel}
        value={merchant.mode}
        onValueChange={(mode) => wizard.setMerchant({ mode })}
        options={[
          { value: 'existing', label: messages.merchant.useExisting },
          { value: 'new', label: messages.merchant.createNew },
        ]}
      />
      {merchant.mode === 'existing' ? (
        <ListSelectField
          id={idFor('merchant.merchantId')}
          label={messages.merchant.merchant}
          placeholder={messages.merchant.merchantPlaceholder}
          query={wizard.merchants}
          toOption={(item) => ({
            value: item.id,
            label: item.warehouse
              ? formatMessage(messages.merchant.withWarehouse, { name: item.name, warehouse: item.warehouse.name })
              : item.name,
          })}
          emptyText={messages.merchant.empty}
          loadFailedText={messages.merchant.loadFailed}
          value={merchant.merchantId}
          onValueChange={(merchantId) => wizard.setMerchant({ merchantId })}
          onBlur={() => wizard.touch('merchant.merchantId')}
          error={wizard.errors['merchant.merchantId']}
        />
      ) : (
        <TextField
          id={idFor('merchant.name')}
          label={messages.merchant.merchantName}
          value={merchant.name}
          onValueChange={(name) => wizard.setMerchant({ name })}
          onBlur={() => wizard.touch('merchant.name')}
          error={wizard.errors['merchant.name']}
          autoComplete="organization"
        />
      )}
    </div>
  );
}
