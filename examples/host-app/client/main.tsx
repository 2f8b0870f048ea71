/*
 * The example dashboard: the host's own "Connections" page with an **Add connection** button that opens the
 * library's wizard as a dialog. The library is imported from source, as a host would import the package.
 */
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BIGCOMMERCE_ORDER_STATUSES, ConnectionWizard } from '../../../src/index';
import '../../../src/styles/index.css';
import { createFetchAdapter } from './adapter';
import './dashboard.css';

/** What GET /api/connections returns (see api.ts `PublicConnection`). */
interface ListedConnection {
  id: string;
  name: string;
  enabled: boolean;
  createdAt: string;
  merchant: { id: string; name: string };
  warehouse: { id: string; name: string };
  store: { id: string; name: string; storeHash: string; orderImportStatusId: number };
}

type ListState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; connections: ListedConnection[] };

const adapter = createFetchAdapter();

function statusName(id: number): string {
  return BIGCOMMERCE_ORDER_STATUSES.find((status) => status.id === id)?.name ?? String(id);
}

function ConnectionsTable({ connections }: { connections: ListedConnection[] }) {
  if (connections.length === 0) {
    return <p className="empty">No connections yet. Add one to start importing orders.</p>;
  }
  return (
    <table className="connections">
      <caption className="visually-hidden">Connections</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Merchant</th>
          <th scope="col">Warehouse</th>
          <th scope="col">Store</th>
          <th scope="col">Imports orders in</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {connections.map((connection) => (
          <tr key={connection.id} data-connection-id={connection.id}>
            <th scope="row">{connection.name}</th>
            <td>{connection.merchant.name}</td>
            <td>{connection.warehouse.name}</td>
            <td>
              {connection.store.name} <span className="muted">(BigCommerce {connection.store.storeHash})</span>
            </td>
            <td>{statusName(connection.store.orderImportStatusId)}</td>
            <td>
              <span className={connection.enabled ? 'badge badge-on' : 'badge'}>
                {connection.enabled ? 'Enabled' : 'Disabled'}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Dashboard() {
  const [list, setList] = useState<ListState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const response = await fetch('/api/connections', { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      setList({ status: 'ready', connections: (await response.json()) as ListedConnection[] });
    } catch {
      setList({ status: 'error' });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <>
      <header className="topbar">
        <span className="brand">Shipyard</span>
        <span className="muted">Example host for react-connection-wizard</span>
      </header>
      <main className="page">
        <div className="page-heading">
          <h1>Connections</h1>
          {/* The wizard renders its dialog in a portal; here only its trigger, the host's own button. */}
          <ConnectionWizard
            adapter={adapter}
            variant="dialog"
            trigger={
              <button type="button" className="primary">
                Add connection
              </button>
            }
            onComplete={() => void refresh()}
            nextSteps={{ configureSkusHref: '#configure-skus', reviewOrderStatusHref: '#review-order-status' }}
          />
        </div>
        <section aria-label="Connections list" aria-busy={list.status === 'loading'}>
          {list.status === 'loading' && <p className="muted">Loading connections…</p>}
          {list.status === 'error' && (
            <p role="alert">
              The connections could not be loaded.{' '}
              <button type="button" onClick={() => void refresh()}>
                Try again
              </button>
            </p>
          )}
          {list.status === 'ready' && <ConnectionsTable connections={list.connections} />}
        </section>
      </main>
    </>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Dashboard />
    </StrictMode>,
  );
}
