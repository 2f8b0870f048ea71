import { useMessages } from '../../../react/messages';
import { TextField } from '../fields';
import type { StepProps } from './types';

/** Step 1, Basic Information: the connection's name. */
export function BasicsStep({ wizard, idFor }: StepProps) {
  const messages = useMessages();
  return (
    <div data-slot="wizard-step-fields" data-step="basics">
      <TextField
        id={idFor('name')}
        label={messages.basics.connectionName}
        hint={messages.basics.connectionNameHint}
        value={wizard.draft.name}
        onValueChange={wizard.setName}
        onBlur={() => wizard.touch('name')}
        error={wizard.errors.name}
        autoComplete="off"
      />
    </div>
  );
}
