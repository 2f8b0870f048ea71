import type { QueryClient } from '@tanstack/react-query';
import type { ConnectionAdapter } from '../../../core/adapter';
import type { UseWizardResult, WizardEvent } from '../../../react/use-wizard';
import type { FieldBinding } from '../fields';

/** What every step part receives from the wizard panel. */
export interface StepProps {
  wizard: UseWizardResult;
  /**
   * The binding of the field at a draft path (`name`, `merchant.merchantId`, `warehouse.credentials.apiKey`…): a
   * document-unique id, the error to show, and blur, after which its error shows.
   */
  field: (path: string) => FieldBinding;
  /**
   * Runs a check such as **Test connection**; when it fails (returns true), its errors render and focus moves to
   * the first invalid field.
   */
  check: (run: () => boolean) => void;
  adapter: ConnectionAdapter;
  queryClient: QueryClient;
  emit: ((event: WizardEvent) => void) | undefined;
}
