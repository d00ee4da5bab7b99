// SPDX-License-Identifier: MIT

/** One cached answer of the proxy: the JSON body exactly as served, and its validator. */
export interface CacheEntry {
  /** The JSON body. */
  readonly body: string;
  /** The strong `ETag` of `body`, quoted. */
  readonly etag: string;
  /** The HTTP status when not 200 (an allow-list refusal found only after reading upstream). */
  readonly status?: number;
  /** When it was stored, in ms since the epoch (the answer's age is reported from it). */
  readonly storedAt: number;
  /**
   * Seconds it stays fresh when shorter than the proxy's `ttl`: a thread whose server is still
   * fetching replies (`Thread.pending`) is kept only until it is worth reading again.
   */
  readonly maxAge?: number;
}

/**
 * Where the proxy keeps answers between requests. The default is {@link createMemoryCache}; a
 * deployment with several instances can plug in a shared store (Redis, a KV namespace) with the same
 * three methods. Implementations may be synchronous or return promises, and may drop entries early.
 */
export interface ProxyCache {
  /** The entry stored under `key` and not expired, if any. */
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  /** Stores `entry` under `key` for `ttl` ms. */
  set(key: string, entry: CacheEntry, ttl: number): void | Promise<void>;
  /** Forgets `key`. */
  delete(key: string): void | Promise<void>;
}

/** Options for {@link createMemoryCache}. */
export interface MemoryCacheOptions {
  /** Most bytes of bodies held at once (UTF-16 length × 2, an upper bound). Default 32 MiB. */
  readonly maxBytes?: number;
  /** Most entries held at once. Default 1000. */
  readonly maxEntries?: number;
  /** The clock, in ms (tests). Default `Date.now`. */
  readonly now?: () => number;
}

/** The memory cache: a {@link ProxyCache} whose methods answer at once. */
export interface MemoryCache extends ProxyCache {
  get(key: string): CacheEntry | undefined;
  set(key: string, entry: CacheEntry, ttl: number): void;
  delete(key: string): void;
}

/**
 * An in-process least-recently-used cache with a time to live per entry and caps on entries and
 * bytes: the proxy's default {@link ProxyCache}.
 *
 * @example
 * const cache = createMemoryCache({ maxBytes: 8 * 1024 * 1024 });
 */
export function createMemoryCache(options: MemoryCacheOptions = {}): MemoryCache {
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const maxEntries = options.maxEntries ?? 1000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on every hit keeps the oldest use first.
  const entries = new Map<string, { entry: CacheEntry; expires: number; size: number }>();
  let bytes = 0;
  const drop = (key: string) => {
    const held = entries.get(key);
    if (!held) return;
    bytes -= held.size;
    entries.delete(key);
  };
  return {
    get(key) {
      const held = entries.get(key);
      if (!held) return undefined;
      if (held.expires <= now()) {
        drop(key);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, held);
      return held.entry;
    },
    set(key, entry, ttl) {
      drop(key);
      const size = (entry.body.length + key.length) * 2;
      // One answer larger than the whole cache is served, just not kept.
      if (ttl <= 0 || size > maxBytes) return;
      entries.set(key, { entry, expires: now() + ttl, size });
      bytes += size;
      for (const oldest of entries.keys()) {
        if (bytes <= maxBytes && entries.size <= maxEntries) break;
        drop(oldest);
      }
    },
    delete: drop,
  };
}
