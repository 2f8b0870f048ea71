/*
 * `react-connection-wizard/server`: the host backend's half of the popup protocol (DESIGN §5). Fetch-API handlers
 * for any runtime with `Request`/`Response` and Web Crypto (`globalThis.crypto`, or `node:crypto` on Node 18);
 * `toNodeHandler` for `node:http` and Express.
 */
export { type AttemptStore, createMemoryAttemptStore, type MemoryAttemptStoreOptions } from './attempt-store';
export {
  type AuthorizationFailureCode,
  type BigCommerceAuthHandlers,
  type BigCommerceAuthLogger,
  type BigCommerceAuthOptions,
  type BigCommerceGrant,
  createBigCommerceAuth,
  DEFAULT_BIGCOMMERCE_SCOPES,
  type FetchHandler,
} from './create-big-commerce-auth';
export { type ServerMessages, serverMessages } from './messages';
export { type NodeHandler, toNodeHandler } from './node-handler';
