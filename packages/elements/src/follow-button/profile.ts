// SPDX-License-Identifier: MIT
/**
 * The follow button's profile (`show-profile`): the Mastodon profile read and its view. One dynamic
 * import fetches both, so a button without `show-profile` never downloads the view's helpers (custom
 * emoji, compact counts) nor the provider.
 */
import { emojify, emojiImage, type Profile } from '@fedikit/core';
import { css, html, nothing } from 'lit';
import type { ButtonMessages } from '../i18n/buttons.js';
import { compact } from '../internal/format.js';

// From the package, not internal/mastodon.ts: only this chunk carries the account reads.
export { fetchProfile } from '@fedikit/mastodon';

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
`;

/** Avatar, display name (with custom emoji), handle and follower count, in `locale`. */
export function renderProfile(profile: Profile, m: ButtonMessages, locale: string) {
  const { author: a, counts } = profile;
  const avatar = a.avatarStatic ?? a.avatar;
  const n = counts.followers;
  return html`<span part="profile" class="profile">
    ${
      avatar
        ? html`<img
            part="avatar"
            src=${avatar}
            alt=""
            width="48"
            height="48"
            loading="lazy"
            decoding="async"
            referrerpolicy="no-referrer"
          />`
        : nothing
    }
    <span class="who">
      <a
        class="name"
        href=${a.url ?? nothing}
        rel="noopener noreferrer nofollow ugc"
        target="_blank"
        ><bdi
          >${emojify(a.name || a.handle.split('@')[0]!, a.emojis).map((s) =>
            typeof s === 'string' ? s : emojiImage(s),
          )}</bdi
        ></a
      >
      <span class="muted" dir="ltr">@${a.handle}</span>
      <span class="muted">${m.followers(n, compact(n, locale))}</span>
    </span>
  </span>`;
}
