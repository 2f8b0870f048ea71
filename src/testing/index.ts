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
