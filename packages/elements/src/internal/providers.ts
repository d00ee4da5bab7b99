// SPDX-License-Identifier: MIT
import { FediError, type Protocol, type Provider } from '@fedikit/core';

const cache = new Map<Protocol, Promise<Provider>>();

/**
 * The provider for a protocol, loaded on first use as its own chunk: a page that shows only Mastodon
 * never downloads another protocol's code.
 */
export function loadProvider(protocol: Protocol): Promise<Provider> {
  let p = cache.get(protocol);
  if (!p) {
    if (protocol !== 'mastodon') {
      return Promise.reject(
        new FediError(`No provider for ${protocol} yet`, { code: 'INVALID_INPUT' }),
      );
    }
    p = import('@fedikit/mastodon').then((m) => m.createMastodonProvider());
    cache.set(protocol, p);
  }
  return p;
}
