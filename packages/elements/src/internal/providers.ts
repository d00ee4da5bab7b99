// SPDX-License-Identifier: MIT
import { FediError, type Protocol, type Provider } from '@fedikit/core';

/** The part of a provider the elements use: the thread, and facepiles where the protocol lists them. */
export type ThreadSource = Pick<Provider, 'getThread' | 'getFacepile'>;

/**
 * The thread reader for a protocol, loaded on first use as its own chunk: a page that shows only Mastodon
 * never downloads another protocol's code. The browser's module map fetches each chunk once.
 */
export function loadProvider(protocol: Protocol): Promise<ThreadSource> {
  // Each module re-exports only the reads the elements use, also under the `Provider` names
  // (`getThread`, and `getFacepile` where the protocol lists them): the module itself is the reader.
  switch (protocol) {
    case 'mastodon':
      return import('./mastodon.js');
    case 'bluesky':
      return import('./bluesky.js');
    case 'pixelfed':
      return import('./pixelfed-thread.js');
    default:
      return Promise.reject(
        new FediError(`No provider for ${protocol as string} yet`, { code: 'INVALID_INPUT' }),
      );
  }
}

/**
 * A reader that asks the site's Fedikit proxy at `base` (an absolute URL) for everything: every
 * protocol, no other host. Loaded on first use.
 */
export function loadProxyProvider(base: string): Promise<Provider> {
  return import('./proxy-source.js').then(({ createProxyProvider }) => createProxyProvider(base));
}
