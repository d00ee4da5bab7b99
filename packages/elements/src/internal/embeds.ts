// SPDX-License-Identifier: MIT
/**
 * What a comment thread shows besides posts' text and media: link cards, quoted posts and
 * facepiles. Its own chunk, loaded (with its strings and styles) only when a thread has an embed or
 * the site asks for a facepile, so a page without them downloads none of it. Card and author
 * strings are text bindings; a quoted post's body goes through `renderContent`, like any post's;
 * every URL is checked by `safeUrl` again here.
 */
import {
  LINK_REL,
  resolve,
  safeUrl,
  type Author,
  type Embed,
  type Post,
  type Protocol,
  type Sanitizer,
  type Thread,
} from '@fedikit/core';
import { css, html, nothing } from 'lit';
import type { FediCommentThread } from '../comment-thread/comment-thread.js';
import { embedsCatalogue, type EmbedMessages } from '../i18n/embeds.js';
import { loadMessages, localeOf } from '../i18n/locale.js';
import { loadProxyProvider, type ThreadSource } from './providers.js';
import { renderContent } from './render-content.js';

export { embedsCatalogue, type EmbedMessages };

/**
 * The embeds' styles, adopted by the element's shadow root when this chunk loads, on top of the
 * element's own (which already style `blockquote`, `.handle` and `.media`).
 */
export const embedStyles = css`
  .card,
  .quote {
    margin-block: 0.5em;
    padding: 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: inherit;
    text-decoration: none;
    overflow-wrap: anywhere;
  }
  .card {
    display: flex;
    gap: 0.75em;
  }
  /* Mastodon puts a "RE: <link>" fallback in a quote post's text for clients that show no quote. */
  .body:has(> .quote) > .content .quote-inline {
    display: none;
  }
  .quote .who {
    display: block;
    margin-block: 0 0.25em;
  }
  .card img {
    inline-size: var(--fedi-card-image-size, 6rem);
    block-size: var(--fedi-card-image-size, 6rem);
    object-fit: cover;
    border-radius: var(--_radius);
    flex: none;
  }
  .card span,
  .card strong {
    display: block;
  }
  .card:hover strong,
  .card:focus-visible strong {
    text-decoration: underline;
  }
  .card .desc,
  .card .host {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .facepile {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.5em;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .facepile ul {
    display: flex;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .facepile img,
  .facepile .face {
    display: block;
    inline-size: var(--fedi-facepile-size, 1.75rem);
    block-size: var(--fedi-facepile-size, 1.75rem);
    border-radius: 50%;
    border: 2px solid var(--_bg);
    background: var(--_surface);
    margin-inline-end: -0.4em;
  }
`;

/** Avatars in a facepile, at most. */
const FACES = 8;

/** What the comment thread gets from this chunk once it is loaded ({@link attach}). */
export interface Embeds {
  /** A post's link card or quoted post ({@link renderEmbed}); nothing without one. */
  render(embed: Embed | undefined, sanitize?: Sanitizer): unknown;
  /** The facepiles read for `thread`, if any ({@link renderFacepiles}). */
  facepiles(thread: Thread): unknown;
  /**
   * Reads the facepiles the element's `facepile` asks for (`likes`, `reposts`; none without it,
   * and then no request): one request per
   * kind and source root, through the element's `provider`, the site's proxy, or the protocol's
   * own. A provider without `getFacepile` (Mastodon) or a failed read shows none. Re-renders the
   * element when done.
   */
  piles(thread: Thread, signal: AbortSignal): Promise<void>;
}

/**
 * Loads the strings for the element's language, adopts the styles into its shadow root, and
 * returns what the element calls. `load` is the element's provider loader (shared, not bundled
 * twice).
 */
export async function attach(
  host: FediCommentThread,
  load: (protocol: Protocol) => Promise<ThreadSource>,
): Promise<Embeds> {
  const m = await loadMessages(embedsCatalogue, localeOf(host));
  const root = host.renderRoot as ShadowRoot;
  if (embedStyles.styleSheet)
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, embedStyles.styleSheet];
  let read: { thread: Thread; piles: Pile[] } | undefined;
  return {
    render: (embed, sanitize) => embed && renderEmbed(embed, m, sanitize),
    facepiles: (thread) =>
      read && read.thread === thread ? renderFacepiles(read.piles, m) : nothing,
    async piles(thread, signal) {
      const kinds = (host.facepile ?? '')
        .split(/\s+/)
        .filter((k): k is Pile['kind'] => ['likes', 'reposts'].includes(k));
      const piles = await Promise.all(
        (thread.sources ?? [thread.root]).flatMap((post) =>
          kinds.map(async (kind): Promise<Pile | undefined> => {
            try {
              // Through the site's proxy when there is one, as the thread itself was read.
              const source =
                host.provider ??
                (host.proxy
                  ? await loadProxyProvider(new URL(host.proxy, document.baseURI).href)
                  : await load(post.protocol));
              // A Mastodon post is read on the server its page is on (its URI may be an
              // ActivityPub id no reader addresses); a Bluesky post by its at:// URI.
              const at = post.protocol === 'bluesky' ? post.uri : (post.url ?? post.uri);
              const got = await source?.getFacepile?.(resolve(at), {
                kind,
                limit: FACES,
                signal,
                timeout: host.timeout,
                appview: host.appview,
              });
              return (
                got && { kind, authors: got.authors.slice(0, FACES), total: post.counts[kind] }
              );
            } catch {
              return undefined;
            }
          }),
        ),
      );
      if (!kinds.length || signal.aborted) return;
      read = { thread, piles: piles.filter((p): p is Pile => !!p) };
      host.requestUpdate();
    },
  };
}

const nameOf = (a: Author) => a.name || a.handle;

/**
 * A post's link card or quoted post. A card is one link whose name is its title, description and
 * host; a quote is a `blockquote` named "Quoted post by …", with the author, the text, media and a
 * link to the quoted post; a quote that cannot be shown says why.
 */
export function renderEmbed(embed: Embed, m: EmbedMessages, sanitize?: Sanitizer): unknown {
  if (embed.type === 'card') {
    const url = safeUrl(embed.url, { link: true });
    if (!url) return nothing;
    const image = safeUrl(embed.image);
    const host = new URL(url).host;
    return html`<a
      part="card"
      class="card"
      href=${url}
      rel=${LINK_REL}
      target="_blank"
      referrerpolicy="no-referrer"
    >
      ${
        image
          ? html`<img
              src=${image}
              alt=""
              loading="lazy"
              decoding="async"
              referrerpolicy="no-referrer"
            />`
          : nothing
      }
      <span>
        <strong>${embed.title || host}</strong>
        ${embed.description ? html`<span class="desc">${embed.description}</span>` : nothing}
        <span class="host" dir="ltr">${host}</span>
      </span>
    </a>`;
  }
  const post = embed.post;
  if (!post)
    return html`<p part="quote" class="quote">
      ${m.quoteUnavailable[embed.unavailable ?? 'not-found']}
    </p>`;
  const a = post.author;
  const cite = safeUrl(post.url, { link: true });
  const body = html`${post.format !== 'html' || sanitize ? renderContent(post, sanitize) : nothing}
  ${post.media.length ? renderMedia(post, m) : nothing}`;
  return html`<blockquote
    part="quote"
    class="quote"
    aria-label=${m.quote(nameOf(a))}
    cite=${cite ?? nothing}
    lang=${post.lang ?? nothing}
  >
    <p class="who">
      <bdi class="name">${nameOf(a)}</bdi> <span class="handle" dir="ltr">@${a.handle}</span>
    </p>
    ${
      post.spoiler || post.sensitive
        ? html`<details>
            <summary>${m.cw}: ${post.spoiler}</summary>
            ${body}
          </details>`
        : body
    }
    ${
      post.url
        ? html`<a href=${cite ?? nothing} rel=${LINK_REL} target="_blank">${m.viewQuote}</a>`
        : nothing
    }
  </blockquote>`;
}

function renderMedia(post: Post, m: EmbedMessages) {
  return html`<ul part="media" class="media">
    ${post.media.map((x) => {
      const src = safeUrl(x.previewUrl);
      return src
        ? html`<li>
            <a href=${safeUrl(x.url, { link: true }) ?? src} rel=${LINK_REL} target="_blank"
              ><img
                src=${src}
                alt=${x.alt || m.noAlt}
                width=${x.width ?? nothing}
                height=${x.height ?? nothing}
                loading="lazy"
                decoding="async"
                referrerpolicy="no-referrer"
            /></a>
          </li>`
        : nothing;
    })}
  </ul>`;
}

/** One facepile: who liked or reposted a post, and how many in all (the post's own count). */
export interface Pile {
  readonly kind: 'likes' | 'reposts';
  readonly authors: readonly Author[];
  readonly total: number;
}

/**
 * Facepiles: "Liked by" and a list of avatars, each a link to the profile named by the account's
 * name, then "and 120 others" for those not shown. An empty pile shows nothing.
 */
export function renderFacepiles(piles: readonly Pile[], m: EmbedMessages): unknown {
  return piles.map((p) => {
    if (!p.authors.length) return nothing;
    const label = p.kind === 'likes' ? m.likedBy : m.repostedBy;
    const others = p.total - p.authors.length;
    return html`<div part="facepile" class="facepile">
      <span aria-hidden="true">${label}</span>
      <ul role="list" aria-label=${label}>
        ${p.authors.map((a) => {
          const avatar = safeUrl(a.avatarStatic ?? a.avatar);
          const url = safeUrl(a.url, { link: true });
          return html`<li>
            <a href=${url ?? nothing} rel=${LINK_REL} target="_blank" title=${nameOf(a)}>
              ${
                avatar
                  ? html`<img
                      src=${avatar}
                      alt=${nameOf(a)}
                      width="28"
                      height="28"
                      loading="lazy"
                      decoding="async"
                      referrerpolicy="no-referrer"
                    />`
                  : html`<span class="face" aria-hidden="true"></span
                      ><span class="visually-hidden">${nameOf(a)}</span>`
              }
            </a>
          </li>`;
        })}
      </ul>
      ${others > 0 ? html`<span>${m.others(others)}</span>` : nothing}
    </div>`;
  });
}
