import { formatMessage } from '../../../i18n/format';
import { useMessages } from '../../../react/messages';
import { ChoiceGroup, Field } from '../fields';
import type { StepProps } from './types';

/** Step 2, Merchant Information: an existing merchant from `adapter.listMerchants()`, or a new one. */
export function MerchantStep({ wizard, field }: StepProps) {
  const text = useMessages().merchant;
  const { merchant } = wizard.draft;
  return (
    <>
      <ChoiceGroup
        name={field('merchant.mode').id}
        legend={text.modeLabel}
        value={merchant.mode}
        onValueChange={(mode) => wizard.setMerchant({ mode })}
        options={[
          ['existing', text.useExisting],
          ['new', text.createNew],
        ]}
      />
      {merchant.mode === 'existing' ? (
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
          value={merchant.merchantId}
          onValueChange={(merchantId) => wizard.setMerchant({ merchantId })}
        />
      ) : (
        <Field
          {...field('merchant.name')}
          label={text.merchantName}
          value={merchant.name}
          onValueChange={(name) => wizard.setMerchant({ name })}
          autoComplete="organization"
        />
      )}
    </>
  );
}
