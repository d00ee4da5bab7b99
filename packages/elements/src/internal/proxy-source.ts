// SPDX-License-Identifier: MIT
/**
 * The proxy reader, a chunk of its own: only a page whose elements have a `proxy` attribute
 * downloads it (see `loadProxyProvider`).
 */
export { createProxyProvider } from '@fedikit/core';
