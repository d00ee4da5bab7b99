// SPDX-License-Identifier: MIT
/**
 * `@fedikit/proxy`: serves the reads Fedikit's elements need from the site's own origin, so readers
 * contact no other host. A standard `(Request) => Promise<Response>` handler (Node and edge
 * runtimes), with caching, server-held tokens, allow-lists and SSRF hardening. The Node server, the
 * address-checking `fetch` and the CLI are in `@fedikit/proxy/node`.
 * @packageDocumentation
 */
export {
  createProxyHandler,
  DEFAULT_PROVIDERS,
  type ProviderContext,
  type ProviderFactory,
  type ProxyConfig,
  type ProxyHandler,
  type ProxyMediaOptions,
} from './handler.js';
export {
  createMemoryCache,
  type CacheEntry,
  type MemoryCache,
  type MemoryCacheOptions,
  type ProxyCache,
} from './cache.js';
export { isIpLiteral, isPrivateAddress, type PrivateAddressOptIn } from './address.js';
export { resetSeconds } from './upstream.js';
