// SPDX-License-Identifier: MIT
import { BSKY_APP, safeUrl, type RichSegment } from '@fedikit/core';

/** A DID as the AT Protocol writes it (`did:plc:...`, `did:web:...`). */
export const DID = /^did:[a-z]{1,32}:[A-Za-z0-9._:%-]{1,2048}$/;
/** A handle: a DNS name (`alice.bsky.social`). */
export const HANDLE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/i;
/** `v` when it is a string that `re` accepts, else `''` (a regex would test `String(v)`). */
export const valid = (re: RegExp, v: unknown): string =>
  typeof v === 'string' && re.test(v) ? v : '';

/** `v` if it is an array (its first `max` items), else an empty one: a hostile list, read safely. */
export const list = (v: unknown, max = Infinity): unknown[] =>
  Array.isArray(v) ? v.slice(0, max) : [];

/** At most this many facets are read from one post (Bluesky posts have a few; 1,000 is hostile). */
const MAX_FACETS = 5000;
const TAG_MAX = 640;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The base URL of a Bluesky web client (`https://bsky.app`, or a site's own), without a trailing
 * slash; the default when `client` is missing or not a safe http(s) URL.
 */
export function clientBase(client: unknown): string {
  const url = safeUrl(client);
  return url ? url.replace(/\/+$/, '') : BSKY_APP;
}

type Kind = NonNullable<RichSegment['kind']>;

/** The first feature of a facet Fedikit can render: a link, mention or tag, with its safe href. */
function feature(features: unknown, client: string): { kind: Kind; href: string } | undefined {
  for (const f of list(features, 8) as (Record<string, unknown> | null)[]) {
    const type = f?.['$type'];
    if (type === 'app.bsky.richtext.facet#link') {
      const href = safeUrl(f!['uri'], { link: true });
      if (href) return { kind: 'link', href };
    } else if (type === 'app.bsky.richtext.facet#mention') {
      const did = valid(DID, f!['did']);
      if (did) {
        return { kind: 'mention', href: `${client}/profile/${did}` };
      }
    } else if (type === 'app.bsky.richtext.facet#tag') {
      const tag = f!['tag'];
      if (typeof tag === 'string') {
        const name = tag.replace(/^#/, '').slice(0, TAG_MAX);
        if (name.trim())
          return { kind: 'tag', href: `${client}/hashtag/${encodeURIComponent(name)}` };
      }
    }
  }
  return undefined;
}

/**
 * Cuts a Bluesky post's text into plain and linked {@link RichSegment}s from its `facets`.
 *
 * Facets address the text in **UTF-8 bytes** (`index.byteStart` / `byteEnd`), not in JavaScript's
 * UTF-16 units. A facet is dropped (its text stays plain) when its offsets are not integers, are
 * reversed or empty, run past the end of the text, or fall inside a character (a byte offset that
 * would split a UTF-8 code point); when it overlaps a facet that starts earlier (the earlier one
 * wins; at the same start, the first listed); and when none of its features is usable. Links keep
 * only `http(s)` targets (through core's `safeUrl`): a `javascript:` or `data:` link is plain text.
 * Mentions link to `{client}/profile/{did}` and tags to `{client}/hashtag/{tag}`; the visible text
 * is always the post's own, never the target. Never throws, whatever `facets` holds.
 *
 * @param client - Bluesky web client for mentions and tags. Default `https://bsky.app`.
 * @example
 * facetsToSegments('hi @alice.test', [{ index: { byteStart: 3, byteEnd: 14 },
 *   features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:...' }] }])
 * // [{ text: 'hi ' }, { text: '@alice.test', kind: 'mention', href: 'https://bsky.app/profile/did:plc:...' }]
 */
export function facetsToSegments(
  text: string,
  facets: unknown,
  client: string = BSKY_APP,
): RichSegment[] {
  if (typeof text !== 'string' || !text) return [];
  if (!Array.isArray(facets) || !facets.length) return [{ text }];
  const base = clientBase(client);
  const bytes = encoder.encode(text);
  const end = bytes.length;
  // A byte offset on a character boundary: the end, or a byte that is not a continuation (10xxxxxx).
  const boundary = (i: number) => i === end || (bytes[i]! & 0xc0) !== 0x80;
  const spans: { start: number; end: number; kind: Kind; href: string }[] = [];
  for (const facet of list(facets, MAX_FACETS) as ({
    index?: { byteStart?: unknown; byteEnd?: unknown };
    features?: unknown;
  } | null)[]) {
    const start = facet?.index?.byteStart;
    const stop = facet?.index?.byteEnd;
    if (
      !Number.isSafeInteger(start) ||
      !Number.isSafeInteger(stop) ||
      (start as number) < 0 ||
      (start as number) >= (stop as number) ||
      (stop as number) > end ||
      !boundary(start as number) ||
      !boundary(stop as number)
    )
      continue;
    const f = feature(facet!.features, base);
    if (f) spans.push({ start: start as number, end: stop as number, ...f });
  }
  // By start; `sort` is stable, so at the same start the first listed stays first.
  spans.sort((a, b) => a.start - b.start);
  const out: RichSegment[] = [];
  const decode = (from: number, to: number) => decoder.decode(bytes.subarray(from, to));
  // The plain text before a link (or at the end), if any: never next to another plain piece.
  const plain = (from: number, to: number) => from < to && out.push({ text: decode(from, to) });
  let cursor = 0;
  for (const { start, end: stop, kind, href } of spans) {
    if (start < cursor) continue; // overlaps the one before: dropped
    plain(cursor, start);
    out.push({ text: decode(start, stop), kind, href });
    cursor = stop;
  }
  plain(cursor, end);
  return out;
}
