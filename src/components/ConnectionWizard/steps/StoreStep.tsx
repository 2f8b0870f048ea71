import { useMessages } from '../../../react/messages';
import { BigCommerceStoreSetup } from '../../BigCommerceStoreSetup/BigCommerceStoreSetup';
import { ChoiceGroup, ListSelectField, SelectField, TextField } from '../fields';
import type { StepProps } from './types';

/**
 * Step 4, Store Setup. **Create new store** (default) or **Use existing store**, the choice offered only when the
 * adapter has `listStores`. A new store: **Store Name**, **Platform**, and the platform's form below.
 */
export function StoreStep({ wizard, idFor, adapter, queryClient, emit }: StepProps) {
  const messages = useMessages();
  const { store } = wizard.draft;
  const canUseExisting = wizard.context.canUseExistingStore === true;
  const existing = canUseExisting && store.mode === 'existing';
  return (
    <div data-slot="wizard-step-fields" data-step="store">
      {canUseExisting ? (
        <ChoiceGroup
          name={idFor('store.mode')}
          legend={messages.store.modeLabel}
          value={store.mode}
          onValueChange={(mode) => wizard.setStore({ mode })}
          options={[
            { value: 'new', label: messages.store.createNew },
            { value: 'existing', label: messages.store.useExisting },
          ]}
        />
      ) : null}
      {existing ? (
        <ListSelectField
          id={idFor('store.storeId')}
          label={messages.store.store}
          placeholder={messages.store.storePlaceholder}
          query={wizard.stores}
          toOption={(item) => ({ value: item.id, label: item.name })}
          emptyText={messages.store.empty}
          loadFailedText={messages.store.loadFailed}
          value={store.storeId}
          onValueChange={(storeId) => wizard.setStore({ storeId })}
          onBlur={() => wizard.touch('store.storeId')}
          error={wizard.errors['store.storeId']}
        />
      ) : (
        <>
          <TextField
            id={idFor('store.name')}
            label={messages.store.storeName}
            value={store.name}
            onValueChange={(name) => wizard.setStore({ name })}
            onBlur={() => wizard.touch('store.name')}
            error={wizard.errors['store.name']}
            autoComplete="off"
          />
          <SelectField
            id={idFor('store.platform')}
            label={messages.store.platform}
            value={store.platform}
            onValueChange={(platform) => {
              if (platform === 'bigcommerce') wizard.setStore({ platform });
            }}
            options={[{ value: 'bigcommerce', label: messages.store.platforms.bigcommerce }]}
          />
          {store.platform === 'bigcommerce' ? (
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
          ) : null}
        </>
      )}
    </div>
  );
}
