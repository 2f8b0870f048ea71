import type {
  AuthorizationStatus,
  Connection,
  ConnectionAdapter,
  ConnectionInput,
  Merchant,
  OrderStatus,
  StoreSummary,
  WarehousePlatform,
} from '../core/adapter';
import { BIGCOMMERCE_ORDER_STATUSES } from '../core/order-statuses';

export type AdapterFailure = true | { code?: string; message?: string };

export interface MemoryAdapterOptions {
  merchants?: Merchant[];
  warehousePlatforms?: WarehousePlatform[];
  /** When given, the adapter offers `listStores` and the wizard shows **Use existing store**. */
  stores?: StoreSummary[];
  /** Custom labels the "store" returns from `listOrderStatuses`, by status id. */
  orderStatusLabels?: Record<number, string>;
  /** Delay of every method. @default 0 */
  latencyMs?: number;
  /** Methods that reject, with an optional code and message. */
  fail?: Partial<Record<keyof ConnectionAdapter, AdapterFailure>>;
  /** Where `beginAuthorization` sends the popup. @default a page of the same origin */
  authorizeUrl?: string;
  /** The origin the result page posts from. @default location.origin where there is one */
  resultOrigin?: string;
  /** Offer `testWarehouseConnection` (credentials containing the value `wrong` fail the test). @default true */
  testWarehouseConnection?: boolean;
}

export interface MemoryAttempt {
  attemptId: string;
  storeHash: string;
  status: AuthorizationStatus['status'];
}

export type MemoryConnection = Connection & { input: ConnectionInput; idempotencyKey: string };

export interface MemoryAdapter extends ConnectionAdapter {
  /** Every `beginAuthorization`, oldest first, with what the "server" says about it now. */
  readonly attempts: ReadonlyArray<MemoryAttempt>;
  /** Sets what `getAuthorization` answers for an attempt: the server's truth. */
  resolveAuthorization(attemptId: string, outcome: AuthorizationStatus): void;
  /** Every connection created, each once, whatever the retries. */
  readonly connections: ReadonlyArray<MemoryConnection>;
}

export const sampleMerchants: Merchant[] = [
  { id: 'm_brandx', name: 'Brand X', warehouse: { id: 'w_acme', name: 'ACME WMS — Reno' } },
  { id: 'm_northwind', name: 'Northwind Outfitters' },
];

export const sampleWarehousePlatforms: WarehousePlatform[] = [
  {
    id: 'acme-wms',
    name: 'ACME WMS',
    fields: [
      { name: 'accountId', label: 'Account ID', type: 'text' },
      { name: 'apiKey', label: 'API Key', type: 'secret' },
    ],
  },
  {
    id: 'shipfast',
    name: 'ShipFast 3PL',
    fields: [
      { name: 'endpoint', label: 'API Endpoint', type: 'url', placeholder: 'https://api.shipfast.example' },
      { name: 'username', label: 'Username', type: 'text' },
      { name: 'password', label: 'Password', type: 'secret' },
      { name: 'facility', label: 'Facility Code', type: 'text', required: false },
    ],
  },
];

export const sampleStores: StoreSummary[] = [{ id: 's_brandx_bc', name: 'Brand X BigCommerce', platform: 'bigcommerce' }];

function defaultOrigin(): string {
  const location = (globalThis as { location?: Location }).location;
  return location?.origin && location.origin !== 'null' ? location.origin : 'http://localhost';
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * An in-memory `ConnectionAdapter` for tests, stories and demos. Authorization outcomes are set by the test
 * (`resolveAuthorization`), as a real server would after BigCommerce redirects back.
 *
 * @example
 * const adapter = createMemoryAdapter({ orderStatusLabels: { 11: 'Ready to ship' } });
 * render(<ConnectionWizard adapter={adapter} variant="inline" />);
 * adapter.resolveAuthorization(adapter.attempts[0].attemptId, { status: 'authorized', grantId: 'g1', storeHash: 'abc123' });
 */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const latencyMs = options.latencyMs ?? 0;
  const merchants = clone(options.merchants ?? sampleMerchants);
  const platforms = clone(options.warehousePlatforms ?? sampleWarehousePlatforms);
  const attempts = new Map<string, MemoryAttempt & { outcome: AuthorizationStatus }>();
  const connections: MemoryConnection[] = [];
  const byKey = new Map<string, MemoryConnection>();

  /** Waits the latency, then rejects when the method is switched to fail. */
  async function call<T>(method: keyof ConnectionAdapter, produce: () => T): Promise<T> {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const failure = options.fail?.[method];
    if (failure) {
      const details = failure === true ? {} : failure;
      throw Object.assign(new Error(details.message ?? `${method} failed`), { code: details.code ?? 'memory_failure' });
    }
    return produce();
  }

  const adapter: MemoryAdapter = {
    get attempts() {
      return [...attempts.values()].map(({ attemptId, storeHash, status }) => ({ attemptId, storeHash, status }));
    },
    get connections() {
      return [...connections];
    },
    resolveAuthorization(attemptId, outcome) {
      const attempt = attempts.get(attemptId);
      if (!attempt) throw new Error(`Unknown attempt ${attemptId}`);
      attempt.outcome = clone(outcome);
      attempt.status = outcome.status;
    },
    listMerchants: () => call('listMerchants', () => clone(merchants)),
    listWarehousePlatforms: () => call('listWarehousePlatforms', () => clone(platforms)),
    beginAuthorization: ({ storeHash, attemptId }) =>
      call('beginAuthorization', () => {
        attempts.set(attemptId, { attemptId, storeHash, status: 'pending', outcome: { status: 'pending' } });
        const url = new URL(options.authorizeUrl ?? `${defaultOrigin()}/rcw-memory-authorize`);
        url.searchParams.set('attempt', attemptId);
        url.searchParams.set('store_hash', storeHash);
        return { url: url.href, resultOrigin: options.resultOrigin ?? defaultOrigin() };
      }),
    getAuthorization: ({ attemptId }) =>
      call('getAuthorization', (): AuthorizationStatus => clone(attempts.get(attemptId)?.outcome ?? { status: 'expired' })),
    listOrderStatuses: () =>
      call('listOrderStatuses', (): OrderStatus[] =>
        BIGCOMMERCE_ORDER_STATUSES.map(({ id, name }) => {
          const customLabel = options.orderStatusLabels?.[id];
          return customLabel === undefined ? { id, name, order: id } : { id, name, customLabel, order: id };
        }),
      ),
    createConnection: (input, { idempotencyKey }) =>
      call('createConnection', () => {
        const seen = byKey.get(idempotencyKey);
        if (seen) return clone(seen);
        const connection: MemoryConnection = {
          id: `conn_${connections.length + 1}`,
          name: input.name,
          enabled: false,
          input: clone(input),
          idempotencyKey,
        };
        connections.push(connection);
        byKey.set(idempotencyKey, connection);
        return clone(connection);
      }),
  };
  if (options.testWarehouseConnection !== false) {
    adapter.testWarehouseConnection = ({ credentials }) =>
      call('testWarehouseConnection', () =>
        Object.values(credentials).includes('wrong')
          ? { ok: false, message: 'Invalid credentials' }
          : { ok: true },
      );
  }
  if (options.stores) {
    const stores = clone(options.stores);
    adapter.listStores = () => call('listStores', () => clone(stores));
  }
  return adapter;
}
