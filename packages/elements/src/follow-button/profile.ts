// SPDX-License-Identifier: MIT
/**
 * The follow button's profile (`show-profile`): its view, with the loading and error states, and
 * the read, which loads the account's protocol (./mastodon-profile.ts, ../internal/bluesky-gallery.ts)
 * in turn.
 * A button without `show-profile` never downloads the view's helpers (custom emoji, compact counts)
 * nor a provider; one with it downloads the one provider it needs.
 */
import { emojify, emojiImage, type FediError, type Profile, type Ref } from '@fedikit/core';
import { loadMessages } from '../i18n/locale.js';
import { profileCatalogue, type ProfileMessages } from '../i18n/profile.js';
import { css } from '../styles/css.js';
import { h } from '../internal/dom.js';
import { compact } from '../internal/format.js';

/** What a profile read takes: the caller's signal and deadline, and Bluesky's AppView and client. */
export interface ProfileReadOptions {
  readonly signal: AbortSignal;
  readonly timeout?: number;
  readonly appview?: string;
  readonly client?: string;
}

/** The profile's strings in `locale` (English for unknown languages). */
export const profileMessages = (locale: string): Promise<ProfileMessages> =>
  loadMessages(profileCatalogue, locale);

/** Reads the profile from the account's server, or for Bluesky from the AppView. */
export async function readProfile(ref: Ref, options: ProfileReadOptions): Promise<Profile> {
  // Bluesky's profile read comes with the gallery's Bluesky reads: apart, it would split the thread's
  // Bluesky provider into one more file.
  const read = await (ref.protocol === 'bluesky'
    ? import('../internal/bluesky-gallery.js')
    : import('./mastodon-profile.js'));
  return read.fetchProfile(ref, options);
}

/** The profile view's styles: added to the button's own when the view loads. */
export const profileStyles = css`
  .profile {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
  }
  [part='avatar'] {
    inline-size: var(--fedi-avatar-size, 3rem);
    block-size: var(--fedi-avatar-size, 3rem);
    border-radius: 20%;
    background: var(--_surface);
  }
  .who {
    display: flex;
    flex-direction: column;
  }
  .name {
    font-weight: 600;
    color: inherit;
  }
  .emoji {
    block-size: 1.2em;
    vertical-align: middle;
  }
  .muted {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .error {
    color: var(--_danger);
  }
`;

/**
 * The profile as far as it has loaded: a loading note, an error (with a retry button unless the
 * account does not exist), or the avatar, display name (with custom emoji), handle and follower
 * count, in `locale`.
 */
export function renderProfile(
  status: 'loading' | 'ready' | 'error',
  profile: Profile | undefined,
  error: FediError | undefined,
  m: ProfileMessages,
  locale: string,
  retry: () => void,
): Element {
  if (status === 'loading') return h('span', { role: 'status', class: 'muted' }, m.loadingProfile);
  if (status === 'error' || !profile) {
    return h(
      'span',
      { part: 'error', role: 'alert', class: 'error' },
      ...(error?.code === 'NOT_FOUND'
        ? [m.noAccount]
        : [`${m.profileError} `, h('button', { class: 'btn', onclick: retry }, m.retry)]),
    );
  }
  const { author: a, counts } = profile;
  const avatar = a.avatarStatic ?? a.avatar;
  const n = counts.followers;
  const name = emojify(a.name || a.handle.split('@')[0]!, a.emojis).map((s) =>
    typeof s === 'string' ? s : emojiImage(s),
  );
  return h(
    'span',
    { part: 'profile', class: 'profile' },
    avatar
      ? h('img', {
          part: 'avatar',
          src: avatar,
          alt: '',
          width: '48',
          height: '48',
          loading: 'lazy',
          decoding: 'async',
          referrerpolicy: 'no-referrer',
        })
      : '',
    h(
      'span',
      { class: 'who' },
      h(
        'a',
        { class: 'name', href: a.url, rel: 'noopener noreferrer nofollow ugc', target: '_blank' },
        h('bdi', {}, ...name),
      ),
      h('span', { class: 'muted', dir: 'ltr' }, `@${a.handle}`),
      h('span', { class: 'muted' }, m.followers(n, compact(n, locale))),
    ),
  );
}
