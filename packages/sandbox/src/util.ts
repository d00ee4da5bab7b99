// SPDX-License-Identifier: MIT
// Small deterministic helpers shared by the seed, the serializers and the servers.
import { createHash } from 'node:crypto';

/**
 * A seeded pseudo-random generator (mulberry32): the seed must come out identical on every run so
 * that ids, counts and texts are stable across machines and tests can name them.
 */
export function createRandom(seed: number): {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
} {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (probability) => next() < probability,
  };
}

/**
 * A Mastodon-style snowflake id: milliseconds since the epoch shifted left by 16 bits, plus a
 * sequence. Real Mastodon ids look exactly like this, so they sort by time and compare as BigInt.
 */
export function snowflake(time: Date | number, sequence = 0): string {
  const ms = typeof time === 'number' ? time : time.getTime();
  return ((BigInt(ms) << 16n) + BigInt(sequence & 0xffff)).toString();
}

/** Compares two numeric id strings the way Mastodon's bigint ids compare. */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether a string is a plain decimal id, so BigInt() cannot throw on it. */
export function isNumericId(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^\d{1,20}$/.test(value);
}

/**
 * Paperclip's `id_partition`: Mastodon stores files under the id split into 3-digit folders
 * (`000/000/043` for small ids, `110/447/002/079/181/641` for snowflakes).
 */
export function idPartition(id: string): string {
  const padded = id.padStart(9, '0');
  const head = padded.length % 3;
  const parts = head ? [padded.slice(0, head)] : [];
  for (let i = head; i < padded.length; i += 3) parts.push(padded.slice(i, i + 3));
  return parts.join('/');
}

/** A stable 16-hex-digit file name, like the random names Paperclip gives uploads. */
export function fileHash(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex').slice(0, 16);
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** ISO 8601 with milliseconds and a `Z`, the format of Mastodon's `created_at`. */
export function isoTime(time: Date | number): string {
  return new Date(time).toISOString();
}

/** The origin a server listening on `hostname:port` is reachable at. */
export function originFor(hostname: string, port: number): string {
  // A wildcard bind is reachable through loopback; an IPv6 literal needs brackets in a URL.
  const host =
    hostname === '0.0.0.0'
      ? '127.0.0.1'
      : hostname === '::'
        ? '[::1]'
        : hostname.includes(':')
          ? `[${hostname}]`
          : hostname;
  return `http://${host}:${port}`;
}
