// Variant (b): a bare Radix Dialog with the same content as the wizard's first step (title, description,
// Connection Name + hint, Continue / Back / Cancel). Radix focuses the first field on open.
import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { installProbe } from './measure.js';

function BareDialog() {
  const [name, setName] = useState('');
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>
        <button type="button" data-bench-trigger="">
          Add connection
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay />
        <Dialog.Content>
          <Dialog.Title>Add Connection</Dialog.Title>
          <Dialog.Description>Connect a store to a warehouse for one merchant.</Dialog.Description>
          <form noValidate onSubmit={(event) => event.preventDefault()}>
            <p>Step 1 of 4</p>
            <h3>Basic Information</h3>
            <label htmlFor="bare-name">Connection Name</label>
            <input id="bare-name" value={name} onChange={(event) => setName(event.target.value)} aria-describedby="bare-name-hint" autoComplete="off" />
            <p id="bare-name-hint">A descriptive name such as “Brand X — BigCommerce → ACME WMS”.</p>
            <button type="button">Back</button>
            <Dialog.Close asChild>
              <button type="button">Cancel</button>
            </Dialog.Close>
            <button type="submit">Continue</button>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

installProbe();
createRoot(document.getElementById('root')).render(<BareDialog />);
