import { useMessages } from '../../../react/messages';
import { Field } from '../fields';
import type { StepProps } from './types';

/** Step 1, Basic Information: the connection's name. */
export function BasicsStep({ wizard, field }: StepProps) {
  const text = useMessages().basics;
  return (
    <Field
      {...field('name')}
      label={text.connectionName}
      hint={text.connectionNameHint}
      value={wizard.draft.name}
      onValueChange={wizard.setName}
      autoComplete="off"
    />
  );
}
