export {
  createMemoryAdapter,
  sampleMerchants,
  sampleStores,
  sampleWarehousePlatforms,
  type AdapterFailure,
  type MemoryAdapter,
  type MemoryAdapterOptions,
  type MemoryAttempt,
  type MemoryConnection,
} from './memory-adapter';
export {
  createBigCommerceSimulator,
  SIMULATOR_CLIENT,
  type BigCommerceSimulator,
  type BigCommerceSimulatorOptions,
  type SimulatorApproval,
  type SimulatorEndpoint,
  type SimulatorFailure,
} from './simulator';
