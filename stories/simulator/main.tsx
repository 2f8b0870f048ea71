import { createRoot } from 'react-dom/client';
import { BigCommerceSimulator } from './BigCommerceSimulator';

const root = document.getElementById('root');
if (root) createRoot(root).render(<BigCommerceSimulator />);
