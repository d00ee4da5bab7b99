// SPDX-License-Identifier: MIT
import type { OwnerFilters, Post } from '@fedikit/core';
import { list } from './facets.js';
import type { WireLabel, WirePostView, WireProfile } from './wire.js';

/**
 * The site owner's filters and the adult-content setting: core's `OwnerFilters` (adult labels are
 * hidden by default, as Bluesky does for logged-out readers; owner filters never apply to the root).
 */
export type ModerationOptions = OwnerFilters;

/**
 * The spoiler texts set by moderation (short English markers: the elements show spoilers collapsed,
 * and may translate these).
 */
export const LABEL_SPOILERS = {
  warn: 'Content warning',
  adult: 'Adult content',
  graphic: 'Graphic media',
} as const;

/** Why a post is dropped, or how it is shown. */
export type ModerationDecision =
  | {
      readonly drop: 'no-unauthenticated' | 'hide' | 'adult' | 'hidden-reply' | 'filter';
    }
  | { readonly drop?: undefined; readonly spoiler?: string; readonly sensitive?: boolean };

const SEXUAL = ['porn', 'sexual', 'nudity'];
const GRAPHIC = ['graphic-media', 'gore'];
// Emoji and what glues them (skin tones, flags, ZWJ, variation selectors, keycaps, tags), and space.
const EMPTY =
  /^(?:\s|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0e|\ufe0f|\u20e3|[\u{e0020}-\u{e007f}])*$/u;
// Scripts written without spaces between words: a mute word there matches anywhere.
const NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/** True when the account asked not to be shown to logged-out readers. */
export function noUnauthenticated(author: WireProfile | undefined): boolean {
  return list(author?.labels).some(
    (l) => (l as WireLabel)?.val === '!no-unauthenticated' && (l as WireLabel).neg !== true,
  );
}

const WORD = /^[\p{L}\p{N}_]/u;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A test for the site's mute words, or `undefined` when there are none. */
export function muteWordTest(
  words: readonly string[] | undefined,
): ((text: string) => boolean) | undefined {
  const kept = list(words, 1000)
    .filter((w): w is string => typeof w === 'string')
    .map((w) => w.trim().slice(0, 200))
    .filter(Boolean);
  if (!kept.length) return undefined;
  // Whole words: no letter or digit just before or after, where the word itself starts or ends
  // with one (so `c++` or `.*` match after a letter too).
  const parts = kept.map((w) =>
    NO_SPACES.test(w)
      ? escape(w)
      : (WORD.test(w) ? '(?<![\\p{L}\\p{N}_])' : '') +
        escape(w) +
        (WORD.test(w.at(-1)!) ? '(?![\\p{L}\\p{N}_])' : ''),
  );
  const re = new RegExp(parts.join('|'), 'iu');
  return (text) => re.test(text);
}

/** `post` as a decision that keeps it shows it: with its spoiler and sensitive flag, if any. */
export function withDecision(
  post: Post,
  d: { readonly spoiler?: string; readonly sensitive?: boolean },
): Post {
  return d.spoiler || d.sensitive
    ? { ...post, spoiler: d.spoiler ?? '', sensitive: d.sensitive === true }
    : post;
}

/** Compiled {@link ModerationOptions}. */
export interface Moderator {
  /** The decision for one post; `root` posts are never dropped by the owner's filters. */
  (post: WirePostView, mapped: Post, root: boolean): ModerationDecision;
}

/**
 * Compiles the moderation rules for a logged-out view, as Bluesky's own clients apply them:
 * - `!no-unauthenticated` on the author (or the post), from any source: dropped;
 * - `!hide` (not self-applied): dropped; `!warn` (not self-applied): spoiler "Content warning";
 * - adult labels (`porn`, `sexual`, `nudity`, `graphic-media`, `gore`), self-applied or not:
 *   dropped, or with `adult: 'warn'` a spoiler and sensitive media;
 * - then, for replies only, the owner's filters (`muteWords`, `muteUsers`, `minLikes`,
 *   `hideEmpty`).
 * Threadgate-hidden replies are marked (not dropped) by the thread walk, which also drops a dropped
 * post's replies with it.
 */
export function createModerator(options: ModerationOptions = {}): Moderator {
  const muted = muteWordTest(options.muteWords);
  const users = new Set(
    list(options.muteUsers)
      .filter((u): u is string => typeof u === 'string')
      .map((u) => u.trim().replace(/^@/, '').toLowerCase()),
  );
  const minLikes = Number.isFinite(options.minLikes) ? options.minLikes! : 0;
  const warnAdult = options.adult === 'warn';
  return (post, mapped, root) => {
    // The author's DID (the mapper checked it is the one in the post's URI).
    const did = mapped.author.id;
    // The labels that count: the post's own, and its author's account-level ones. A negation
    // (`neg: true`) cancels the same label from the same source.
    const labels = [...list(post.labels, 200), ...list(post.author?.labels, 200)] as WireLabel[];
    const negated = new Set(
      labels.filter((l) => l?.neg === true).map((l) => `${String(l.src)} ${String(l.val)}`),
    );
    let spoiler = '';
    let sensitive = false;
    for (const l of labels) {
      const val = l?.val;
      if (typeof val !== 'string' || l.neg === true) continue;
      const src = typeof l.src === 'string' ? l.src : '';
      if (negated.has(`${src} ${val}`)) continue;
      if (val === '!no-unauthenticated') return { drop: 'no-unauthenticated' };
      // Labels on the author's profile record (`…/app.bsky.actor.profile/self`) count for
      // `!no-unauthenticated` only, which authors set there.
      if (typeof l.uri === 'string' && l.uri.includes('/app.bsky.actor.profile/')) continue;
      const self = src === did;
      if (val === '!hide' && !self) return { drop: 'hide' };
      if (val === '!warn' && !self) spoiler = LABEL_SPOILERS.warn;
      const sexual = SEXUAL.includes(val);
      if (sexual || GRAPHIC.includes(val)) {
        if (!warnAdult) return { drop: 'adult' };
        sensitive = true;
        spoiler ||= sexual ? LABEL_SPOILERS.adult : LABEL_SPOILERS.graphic;
      }
    }
    const { author, content } = mapped;
    if (
      !root &&
      (users.has(author.id.toLowerCase()) ||
        users.has(author.handle.toLowerCase()) ||
        mapped.counts.likes < minLikes ||
        muted?.(content) ||
        (options.hideEmpty && !mapped.media.length && EMPTY.test(content)))
    )
      return { drop: 'filter' };
    return spoiler || sensitive ? { spoiler, sensitive } : {};
  };
}
