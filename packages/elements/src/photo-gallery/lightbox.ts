// SPDX-License-Identifier: MIT
/**
 * The lightbox of `<fedi-photo-gallery>`: its view, keyboard and swipe handling and styles. A module
 * of its own, fetched when the reader opens the first photo, so a gallery that is only looked at never
 * downloads it.
 */
import { LINK_REL, type Post, type Sanitizer } from '@fedikit/core';
import { css, html, nothing } from 'lit';
import type { GalleryMessages } from '../i18n/gallery.js';
import { renderContent } from '../internal/render-content.js';
import { photos, placeholder, type Tile } from './media.js';

/** What the lightbox shows and how it reaches back into its gallery. */
export interface LightboxView {
  /** The gallery's posts. */
  readonly posts: readonly Post[];
  /** The photo shown. */
  readonly tile: Tile;
  /** The gallery's strings. */
  readonly messages: GalleryMessages;
  /** The post is sensitive and not revealed yet: the photo stays veiled. */
  readonly hidden: boolean;
  /** The sanitizer for HTML post text, once loaded (until then HTML text is left out). */
  readonly sanitize?: Sanitizer;
  /** Shows another photo. */
  go(tile: Tile): void;
  /** Reveals a sensitive post. */
  reveal(post: Post): void;
  /** The dialog closed (Esc, the Close button). */
  closed(): void;
}

/** The lightbox's styles: added to the gallery's own when the module loads. */
export const lightboxStyles = css`
  dialog {
    max-inline-size: min(64rem, 100vw - 2rem);
    max-block-size: calc(100vh - 2rem);
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.8);
  }
  figure {
    margin: 0;
    touch-action: pan-y;
  }
  figure img,
  figure canvas {
    display: block;
    margin-inline: auto;
    max-inline-size: 100%;
    max-block-size: 70vh;
    inline-size: auto;
    block-size: auto;
    object-fit: contain;
    animation: fade 0.2s;
  }
  @keyframes fade {
    from {
      opacity: 0;
    }
  }
  figcaption {
    overflow-wrap: anywhere;
  }
  nav button[aria-current] {
    background: var(--_accent);
    color: var(--_bg);
  }
  .close {
    float: inline-end;
  }
`;

/** Where the pointer went down, until it comes up: one gesture at a time on a page. */
let swipeStart: number | undefined;

/** The next (`1`) or previous (`-1`) photo: through an album, then on to the next post's. */
function step(v: LightboxView, by: number) {
  const { post, media } = v.tile;
  let tile: Tile | undefined = { post, media: media + by };
  if (tile.media < 0 || tile.media >= photos(v.posts[post]!).length) {
    const p = v.posts[post + by];
    tile = p && { post: post + by, media: by > 0 ? 0 : photos(p).length - 1 };
  }
  if (tile) v.go(tile);
}

/** `1` (next) or `-1` (previous) for a move to the right; mirrored on a right-to-left page. */
const forward = (e: Event, right: boolean) =>
  right !== (getComputedStyle(e.currentTarget as Element).direction === 'rtl') ? 1 : -1;

/** The lightbox dialog, opened modal by the gallery once rendered. */
export function renderLightbox(v: LightboxView) {
  const { tile, messages: m } = v;
  const post = v.posts[tile.post]!;
  const all = photos(post);
  const x = all[tile.media]!;
  const host = post.url ? new URL(post.url).host : '';
  const of = (i: number) => m.photoOf(i + 1, all.length);
  return html`<dialog
    part="lightbox"
    aria-label=${of(tile.media)}
    @close=${v.closed}
    @keydown=${(e: KeyboardEvent) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      e.preventDefault();
      step(v, forward(e, e.key === 'ArrowRight'));
    }}
  >
    <button
      class="btn close"
      autofocus
      @click=${(e: Event) => (e.currentTarget as Element).closest('dialog')!.close()}
    >
      ${m.close}
    </button>
    <figure
      @pointerdown=${(e: PointerEvent) => (swipeStart = e.clientX)}
      @pointerup=${(e: PointerEvent) => {
        const dx = e.clientX - (swipeStart ?? e.clientX);
        swipeStart = undefined;
        if (Math.abs(dx) > 40) step(v, forward(e, dx < 0));
      }}
    >
      ${
        v.hidden
          ? html`${placeholder(x, false)}
              <button class="btn" @click=${() => v.reveal(post)}>
                ${m.showSensitive(post.spoiler)}
              </button>`
          : html`<img
              src=${(x.type === 'image' && x.url) || x.previewUrl!}
              alt=${x.alt}
              width=${x.width ?? nothing}
              height=${x.height ?? nothing}
              loading="lazy"
              decoding="async"
              referrerpolicy="no-referrer"
            />`
      }
      <figcaption part="caption" lang=${post.lang ?? nothing}>
        ${all.length > 1 ? html`<p>${of(tile.media)}</p>` : nothing}
        <p><b>${m.description}:</b> ${x.alt || m.noAlt}</p>
        ${post.format !== 'html' || v.sanitize ? renderContent(post, v.sanitize) : nothing}
        ${
          x.license
            ? html`<p>
                ${m.license}:
                ${x.license.url ? html`<a href=${x.license.url} rel=${LINK_REL} target="_blank">${x.license.name}</a>` : x.license.name}
              </p>`
            : nothing
        }
        ${post.url ? html`<p><a href=${post.url} rel=${LINK_REL} target="_blank">${m.viewPost(host)}</a></p>` : nothing}
      </figcaption>
    </figure>
    <nav aria-label=${m.photos}>
      <button class="btn" @click=${() => step(v, -1)}>${m.previous}</button>
      ${
        all.length > 1
          ? all.map(
              (_, i) =>
                html`<button
                  class="btn"
                  aria-label=${of(i)}
                  aria-current=${i === tile.media ? 'true' : nothing}
                  @click=${() => v.go({ post: tile.post, media: i })}
                >
                  ${i + 1}
                </button>`,
            )
          : nothing
      }
      <button class="btn" @click=${() => step(v, 1)}>${m.next}</button>
    </nav>
  </dialog>`;
}
