import type { QueryClient } from '@tanstack/react-query';
import type { ConnectionAdapter } from '../../../core/adapter';
import type { UseWizardResult, WizardEvent } from '../../../react/use-wizard';

/** What every step part receives from the wizard panel. */
export interface StepProps {
  wizard: UseWizardResult;
  /** A document-unique id for a field path (`name`, `merchant.merchantId`, `warehouse.credentials.apiKey`…). */
  idFor: (path: string) => string;
  /** Moves focus to the first invalid field (after a failed check such as **Test connection**). */
  focusFirstInvalid: () => void;
  adapter: ConnectionAdapter;
  queryClient: QueryClient;
  emit: (event: WizardEvent) => void;
}
