// SPDX-License-Identifier: MIT
import { expect } from '@open-wc/testing';
import { withDefaults, type FacepileOptions, type ReadOptions } from './provider.js';

describe('withDefaults', () => {
  const own = { timeout: 5000, fetch: globalThis.fetch };

  it("keeps the provider's options under a read's", () => {
    const signal = new AbortController().signal;
    const merged = withDefaults(own, { signal, timeout: 100 });
    expect(merged).to.include({ timeout: 100, signal, fetch: globalThis.fetch });
  });

  it("keeps the provider's deadline when a read leaves it unset", () => {
    const unset: ReadOptions = { timeout: undefined };
    expect(withDefaults(own, unset).timeout).to.equal(5000);
    expect(withDefaults(own).timeout).to.equal(5000);
  });

  it("keeps any provider option a read passes as undefined (the proxy's AppView)", () => {
    const provider = { ...own, appview: 'https://appview.example' };
    const read: FacepileOptions = { appview: undefined, kind: 'likes' };
    expect(withDefaults(provider, read)).to.include({
      appview: 'https://appview.example',
      kind: 'likes',
      timeout: 5000,
    });
  });
});
