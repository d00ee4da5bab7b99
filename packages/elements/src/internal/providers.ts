// SPDX-License-Identifier: MIT
import { FediError, type Protocol, type Provider } from '@fedikit/core';

/** The part of a provider the elements use: the thread, and facepiles where the protocol lists them. */
export type ThreadSource = Pick<Provider, 'getThread' | 'getFacepile'>;

const cache = new Map<Protocol, Promise<ThreadSource>>();

/**
 * The thread reader for a protocol, loaded on first use as its own chunk: a page that shows only Mastodon
 * never downloads another protocol's code.
 */
export function loadProvider(protocol: Protocol): Promise<ThreadSource> {
  let p = cache.get(protocol);
  if (!p) {
    // Each module re-exports only the reads the elements use, also under the `Provider` names
    // (`getThread`, and `getFacepile` where the protocol lists them): the module itself is the reader.
    if (protocol === 'mastodon') {
      p = import('./mastodon.js');
    } else if (protocol === 'bluesky') {
      p = import('./bluesky.js');
    } else if (protocol === 'pixelfed') {
      p = import('./pixelfed-thread.js');
    } else {
      return Promise.reject(
        new FediError(`No provider for ${protocol} yet`, { code: 'INVALID_INPUT' }),
      );
    }
    cache.set(protocol, p);
  }
  return p;
}

/**
 * A reader that asks the site's Fedikit proxy at `base` (an absolute URL) for everything: every
 * protocol, no other host. Loaded on first use.
 */
export function loadProxyProvider(base: string): Promise<Provider> {
  return import('./proxy-source.js').then(({ createProxyProvider }) => createProxyProvider(base));
}
