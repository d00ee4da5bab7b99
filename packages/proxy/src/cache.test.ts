// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMemoryCache } from './cache.js';

const entry = (body: string) => ({ body, etag: '"x"', storedAt: 0 });

describe('createMemoryCache', () => {
  test('keeps an entry for its time to live, then drops it', () => {
    let now = 1000;
    const cache = createMemoryCache({ now: () => now });
    cache.set('a', entry('A'), 500);
    assert.equal(cache.get('a')?.body, 'A');
    now += 499;
    assert.equal(cache.get('a')?.body, 'A');
    now += 1;
    assert.equal(cache.get('a'), undefined);
  });

  test('evicts the least recently used entry past the entry cap', () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    cache.set('a', entry('A'), 10_000);
    cache.set('b', entry('B'), 10_000);
    cache.get('a');
    cache.set('c', entry('C'), 10_000);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a')?.body, 'A');
    assert.equal(cache.get('c')?.body, 'C');
  });

  test('holds at most maxBytes, and never an entry larger than that', () => {
    const cache = createMemoryCache({ maxBytes: 100 });
    cache.set('a', entry('x'.repeat(20)), 10_000); // (20 + 1) × 2 = 42 bytes
    cache.set('b', entry('y'.repeat(20)), 10_000);
    cache.set('c', entry('z'.repeat(20)), 10_000); // 126 > 100: 'a' goes
    assert.equal(cache.get('a'), undefined);
    assert.ok(cache.get('b'));
    assert.ok(cache.get('c'));
    cache.set('huge', entry('h'.repeat(60)), 10_000);
    assert.equal(cache.get('huge'), undefined);
    assert.ok(cache.get('c'), 'a refused entry evicts nothing');
  });

  test('delete and a zero ttl store nothing', () => {
    const cache = createMemoryCache();
    cache.set('a', entry('A'), 0);
    assert.equal(cache.get('a'), undefined);
    cache.set('b', entry('B'), 1000);
    cache.delete('b');
    assert.equal(cache.get('b'), undefined);
  });
});
