/*
 * `/embed`: the wizard alone, inline, for a partner page to show in an iframe (possibly on another site). Inside a
 * cross-site iframe the popup cannot always reach this page (no opener message, a partitioned BroadcastChannel),
 * so authorization completes through the server check when this page regains focus.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConnectionWizard } from '../../../src/index';
import '../../../src/styles/index.css';
import { createFetchAdapter } from './adapter';
import './dashboard.css';

const adapter = createFetchAdapter();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <main className="embed-page">
        <ConnectionWizard adapter={adapter} variant="inline" />
      </main>
    </StrictMode>,
  );
}
