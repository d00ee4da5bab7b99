// SPDX-License-Identifier: MIT
import { safeUrl, type Media, type MediaLicense, type Post, type Protocol } from '@fedikit/core';
import { count, mapStatus } from '@fedikit/mastodon';
import type { WireLicense, WirePixelfedMedia, WirePixelfedStatus } from './wire.js';

/**
 * The BlurHash Pixelfed sends for every file that has none of its own
 * (app/Transformer/Api/Mastodon/v1/MediaTransformer.php): it says nothing about the picture, so a
 * gallery must not paint it as a preview.
 */
export const PLACEHOLDER_BLURHASH = 'U4Rfzst8?bt7ogayj[j[~pfQ9Goe%Mj[WBay';

/** A license's name and link, from either of Pixelfed's shapes; `undefined` when none is usable. */
export function mapLicense(l: WireLicense | null | undefined): MediaLicense | undefined {
  // A string is the name alone. In an object, Pixelfed's License::get(): `title` is the short form
  // ("CC BY"), `name` the long one.
  const o = l && typeof l === 'object' ? l : {};
  const raw =
    typeof l === 'string'
      ? l
      : typeof o.title === 'string'
        ? o.title
        : typeof o.name === 'string'
          ? o.name
          : '';
  const name = raw.trim().slice(0, 200);
  const url = safeUrl(o.url);
  return !name ? undefined : url ? { name, url } : { name };
}

/**
 * Wire status (Mastodon-API JSON, with or without Pixelfed's `_pe` extras) → {@link Post}, through
 * the Mastodon mapper, then Pixelfed's differences: media types in any case (`Image`), the
 * placeholder BlurHash dropped, licenses, `is_nsfw` media making the post sensitive, `reply_count`.
 * `undefined` when the status has no id.
 */
export function mapPixelfedStatus(
  s: WirePixelfedStatus | undefined,
  origin: string,
  protocol: Protocol = 'pixelfed',
): Post | undefined {
  if (!s || typeof s !== 'object') return undefined;
  const wireMedia = Array.isArray(s.media_attachments) ? s.media_attachments.slice(0, 20) : [];
  // Pixelfed entities name types by their ActivityStreams verb ("Image"); Mastodon's are lower case.
  const lowered = wireMedia.map((m) =>
    typeof m?.type === 'string' ? { ...m, type: m.type.toLowerCase() } : m,
  );
  const post = mapStatus({ ...s, media_attachments: lowered }, origin);
  if (!post) return undefined;
  const byId = new Map<string, WirePixelfedMedia>();
  for (const m of lowered) if (typeof m?.id === 'string') byId.set(m.id, m);
  let nsfw = false;
  const media = post.media.map((m): Media => {
    const wire = byId.get(m.id);
    if (wire?.is_nsfw === true || wire?.is_nsfw === 1) nsfw = true;
    const license = mapLicense(wire?.license);
    return {
      ...m,
      blurhash: m.blurhash === PLACEHOLDER_BLURHASH ? undefined : m.blurhash,
      ...(license && { license }),
    };
  });
  return {
    ...post,
    protocol,
    sensitive: post.sensitive || nsfw,
    media,
    counts: { ...post.counts, replies: post.counts.replies || count(s.reply_count) },
  };
}
