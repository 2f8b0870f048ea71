import { useMessages } from '../../../react/messages';
import { BigCommerceStoreSetup } from '../../BigCommerceStoreSetup/BigCommerceStoreSetup';
import { ChoiceGroup, Field } from '../fields';
import type { StepProps } from './types';

/**
 * Step 4, Store Setup. **Create new store** (default) or **Use existing store**, the choice offered only when the
 * adapter has `listStores`. A new store: **Store Name**, **Platform**, and the platform's form below.
 */
export function StoreStep({ wizard, field, adapter, queryClient, emit }: StepProps) {
  const text = useMessages().store;
  const { store } = wizard.draft;
  const canUseExisting = wizard.context.canUseExistingStore;
  return (
    <>
      {canUseExisting ? (
        <ChoiceGroup
          name={field('store.mode').id}
          legend={text.modeLabel}
          value={store.mode}
          onValueChange={(mode) => wizard.setStore({ mode })}
          options={[
            ['new', text.createNew],
            ['existing', text.useExisting],
          ]}
        />
      ) : null}
      {canUseExisting && store.mode === 'existing' ? (
        <Field
          {...field('store.storeId')}
          label={text.store}
          placeholder={text.storePlaceholder}
          list={wizard.stores}
          listText={text}
          value={store.storeId}
          onValueChange={(storeId) => wizard.setStore({ storeId })}
        />
      ) : (
        <>
          <Field
            {...field('store.name')}
            label={text.storeName}
            value={store.name}
            onValueChange={(name) => wizard.setStore({ name })}
            autoComplete="off"
          />
          <Field
            {...field('store.platform')}
            label={text.platform}
            options={[{ id: 'bigcommerce', name: text.platforms.bigcommerce }]}
            value={store.platform}
            // BigCommerce is the only option, so it is the only value a change can bring.
            onValueChange={(platform) => wizard.setStore({ platform: platform as 'bigcommerce' })}
          />
          <BigCommerceStoreSetup
            adapter={adapter}
            queryClient={queryClient}
            value={store.bigcommerce}
            valueStore={wizard.bigcommerce}
            onValueChange={wizard.setBigCommerce}
            showErrors={wizard.validated}
            onEvent={emit}
            headingLevel={4}
          />
        </>
      )}
    </>
  );
}
