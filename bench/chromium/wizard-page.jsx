// Variant (a): the wizard as a host embeds it, from the built package (dist/), default trigger, memory adapter.
import { createRoot } from 'react-dom/client';
import { ConnectionWizard } from '../../dist/index.js';
import { createMemoryAdapter } from '../../dist/testing.js';
import { installProbe } from './measure.js';

installProbe();
createRoot(document.getElementById('root')).render(<ConnectionWizard variant="dialog" adapter={createMemoryAdapter()} />);
