// SPDX-License-Identifier: MIT
import type { CustomEmoji } from './model.js';
import { safeUrl } from './url.js';

const SHORTCODE = /^[A-Za-z0-9_]{1,64}$/;
const TOKEN = /:([A-Za-z0-9_]{1,64}):/g;

/** A piece of text, or a custom emoji to show as an image. */
export type TextSegment = string | CustomEmoji;

/**
 * Validates custom emoji from a server: a sane shortcode and http(s) image URLs, at most 200 of them.
 * Anything else is dropped, so `:shortcode:` stays plain text.
 */
export function cleanEmojis(input: unknown): CustomEmoji[] {
  if (!Array.isArray(input)) return [];
  const out: CustomEmoji[] = [];
  for (const e of input.slice(0, 200) as {
    shortcode?: unknown;
    url?: unknown;
    static_url?: unknown;
  }[]) {
    const url = safeUrl(e?.url);
    if (typeof e?.shortcode !== 'string' || !SHORTCODE.test(e.shortcode) || !url) continue;
    out.push({ shortcode: e.shortcode, url, staticUrl: safeUrl(e.static_url) ?? url });
  }
  return out;
}

/** Splits text at `:shortcode:` tokens that name one of `emojis`. Plain text stays plain text. */
export function emojify(text: string, emojis: readonly CustomEmoji[]): TextSegment[] {
  if (!emojis.length || !text.includes(':')) return [text];
  const map = new Map(emojis.map((e) => [e.shortcode, e]));
  const out: TextSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const emoji = map.get(m[1]!);
    if (!emoji) continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(emoji);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Builds the `<img>` for a custom emoji in code (never from a string of HTML). */
export function emojiImage(emoji: CustomEmoji, doc: Document = document): HTMLImageElement {
  const img = doc.createElement('img');
  img.src = emoji.url;
  img.alt = `:${emoji.shortcode}:`;
  img.title = `:${emoji.shortcode}:`;
  img.className = 'emoji';
  img.draggable = false;
  img.loading = 'lazy';
  img.decoding = 'async';
  img.referrerPolicy = 'no-referrer';
  return img;
}
