// SPDX-License-Identifier: MIT
import {
  BSKY_APPVIEW,
  emojify,
  emojiImage,
  FediError,
  LINK_REL,
  loadSanitizer,
  resolve,
  type Media,
  type Post,
  type Profile,
  type Ref,
  type Sanitizer,
} from '@fedikit/core';
import { html, nothing, type PropertyValues } from 'lit';
import { FediErrorEvent } from '../events/error.js';
import { FediGalleryLoadEvent } from '../events/gallery-load.js';
import { galleryCatalogue, type GalleryMessages } from '../i18n/gallery.js';
import { paintBlurhash } from '../internal/blurhash.js';
import { FediElement, type LoadMode } from '../internal/fedi-element.js';
import { compact } from '../internal/format.js';
import { loadGallerySource, type GallerySource } from '../internal/gallery-sources.js';
import { loadProxyProvider } from '../internal/providers.js';
import { renderContent } from '../internal/render-content.js';
import { tokens } from '../styles/tokens.styles.js';
import { styles } from './photo-gallery.styles.js';

type Status = 'idle' | 'loading' | 'ready' | 'empty' | 'error';
const STATES = ['idle', 'loading', 'ready', 'empty', 'error'] as const;
const rel = LINK_REL;

/** One tile: a post and which of its photos it shows. */
interface Tile {
  readonly post: number;
  readonly media: number;
}

/**
 * An account's photos (Pixelfed, Mastodon, Bluesky) as a responsive gallery with a lightbox, with no
 * tracking.
 *
 * @summary A fediverse account's photos as a gallery with a lightbox.
 * @since 0.2.0
 * @status experimental
 * @tag fedi-photo-gallery
 *
 * @fires fedi-load - {FediGalleryLoadEvent} Photos loaded and rendered (the first page, then each page added); `event.posts` holds them.
 * @fires fedi-error - {FediErrorEvent} Loading failed; `event.error.code` says why (`AUTH_REQUIRED`: the server needs a token, use the proxy).
 *
 * @csspart placeholder - The click-to-load box shown before anything is fetched.
 * @csspart load-button - The button in the placeholder.
 * @csspart skeleton - The loading message.
 * @csspart profile - The header with `show-profile`: avatar, name, bio, follower count, follow button.
 * @csspart avatar - The avatar in the header.
 * @csspart bio - The bio in the header.
 * @csspart list - The list of photos.
 * @csspart item - Each photo of the list.
 * @csspart show-all - The "show all sensitive photos" button.
 * @csspart load-more - The "load more photos" button.
 * @csspart empty - The "no photos yet" message.
 * @csspart error - The error box.
 * @csspart lightbox - The lightbox dialog.
 * @csspart caption - The lightbox's caption: description, post text, license, link to the post.
 *
 * @cssstate idle - Waiting for a click or for the element to scroll into view.
 * @cssstate loading - Fetching the first page.
 * @cssstate ready - Photos shown.
 * @cssstate empty - The account has no public photos.
 * @cssstate error - Loading failed.
 * @cssstate lightbox - The lightbox is open.
 *
 * @cssproperty --fedi-color-text - Text colour.
 * @cssproperty --fedi-color-muted - Secondary text (handle, counts).
 * @cssproperty --fedi-color-background - Background of the lightbox and badges.
 * @cssproperty --fedi-color-surface - Background of tiles before their photo arrives, of buttons and boxes.
 * @cssproperty --fedi-color-border - Borders.
 * @cssproperty --fedi-color-accent - Links, primary buttons, focus rings.
 * @cssproperty --fedi-color-danger - Error text.
 * @cssproperty --fedi-radius - Corner radius of tiles, boxes and buttons.
 * @cssproperty --fedi-gap - Padding and spacing of boxes.
 * @cssproperty --fedi-font-family - Font (inherits by default).
 * @cssproperty --fedi-font-size - Base font size.
 * @cssproperty --fedi-line-height - Line height.
 * @cssproperty --fedi-avatar-size - Avatar size in the header.
 * @cssproperty --fedi-gallery-columns - Columns of `grid` and `masonry` when `columns` is not set. Default 3.
 * @cssproperty --fedi-gallery-gap - Space between photos. Default 0.5rem.
 * @cssproperty --fedi-gallery-height - Height of the photos of `carousel`. Default 16rem.
 */
export class FediPhotoGallery extends FediElement {
  /** Shared tokens, then this element's own styles. */
  static override styles = [tokens, styles];
  static override catalogue = galleryCatalogue;

  static override properties = {
    account: {},
    load: {},
    layout: { reflect: true },
    columns: { type: Number },
    limit: { type: Number },
    paging: {},
    proxy: {},
    showProfile: { type: Boolean, attribute: 'show-profile' },
    theme: { reflect: true },
    timeout: { type: Number },
    appview: {},
    provider: { attribute: false },
    status: { state: true, attribute: false },
    posts: { state: true, attribute: false },
    profile: { state: true, attribute: false },
    more: { state: true, attribute: false },
    current: { state: true, attribute: false },
  };

  /**
   * What to show: an account (`@artist@pixelfed.social`, a profile URL), one post's photos (a post
   * URL: an album), or a Pixelfed collection URL.
   */
  declare account: string;
  /**
   * When to contact the server: `click` (a placeholder names the server; nothing is fetched before
   * the reader clicks), `visible` (when scrolled near) or `eager`. Default: `click` for another
   * site's server, `visible` with `proxy` or for the page's own origin.
   */
  declare load?: LoadMode;
  /** `grid` (square tiles, the default), `masonry` (photos keep their shape) or `carousel` (one row). */
  declare layout: 'grid' | 'masonry' | 'carousel';
  /** Columns of `grid` and `masonry`. Default: `--fedi-gallery-columns`, else 3. */
  declare columns?: number;
  /** Posts read per page; "Load more" reads as many again. Default 12. */
  declare limit: number;
  /** `auto` (the default): the next page loads when "Load more" scrolls into view; `button`: only on a press. */
  declare paging: 'auto' | 'button';
  /**
   * The site's Fedikit proxy (`https://example.com/fedikit`, or relative to the page): every read goes
   * there, and the element contacts no other host for data.
   */
  declare proxy?: string;
  /** Show a header: avatar, name, bio, follower count and a follow button (for an account). */
  declare showProfile: boolean;
  /** `light`, `dark`, or unset to follow the reader's `prefers-color-scheme`. */
  declare theme?: 'light' | 'dark';
  /** Deadline of each read in milliseconds, retries included. Default 10 000. */
  declare timeout?: number;
  /** Bluesky accounts: the AppView to read from. Default `https://public.api.bsky.app`. */
  declare appview?: string;
  /** A provider to use instead of the built-in one for the account's protocol (tests, custom transports). */
  declare provider?: GallerySource;

  /** The posts shown, each with at least one photo, newest first. */
  declare posts: Post[];
  /** The account's profile, with `show-profile`. */
  declare profile?: Profile;
  /** The last error, once `fedi-error` has fired. */
  error?: FediError;
  declare protected status: Status;
  declare protected more: boolean;
  /** The tile open in the lightbox. */
  declare protected current?: Tile;
  /** The element's strings, in its language. */
  declare messages: GalleryMessages;

  #ref?: Ref;
  #next?: string;
  #sanitize?: Sanitizer;
  #abort?: AbortController;
  #pager?: IntersectionObserver;
  #opener?: HTMLElement | null;
  #swipe?: number;
  /** The bio, shaped as the post `renderContent` expects (kept, so it is sanitized once). */
  #bio?: Post;
  /** Infinite scroll stops after a failed page, until the reader presses "Load more". */
  #stalled = false;
  /** Sensitive posts the reader revealed (by id), or all of them. */
  readonly #revealed = new Set<string>();
  #all = false;

  constructor() {
    super();
    this.account = '';
    this.layout = 'grid';
    this.limit = 12;
    this.paging = 'auto';
    this.showProfile = false;
    this.status = 'idle';
    this.posts = [];
    this.more = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#pager?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (
      ['account', 'load', 'proxy', 'showProfile', 'limit', 'appview'].some((k) => changed.has(k))
    ) {
      this.#prepare();
    }
    if (changed.has('status')) this.setState(this.status, STATES);
    if (changed.has('current')) this.toggleState('lightbox', !!this.current);
  }

  protected override updated(): void {
    // CSSOM, not an inline style attribute: allowed under a strict CSP.
    if (this.columns! > 0) this.style.setProperty('--_cols', String(Math.floor(this.columns!)));
    else this.style.removeProperty('--_cols');
    for (const c of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-hash]')) {
      const hash = c.dataset['hash']!;
      if (c.dataset['painted'] !== hash) {
        paintBlurhash(c, hash);
        c.dataset['painted'] = hash;
      }
    }
    const dialog = this.renderRoot.querySelector('dialog');
    if (this.current && dialog && !dialog.open) dialog.showModal();
    // Infinite scroll: the visible "Load more" button is also what the observer watches.
    this.#pager?.disconnect();
    const button = this.renderRoot.querySelector('[part=load-more]');
    if (button && this.paging !== 'button' && !this.more && !this.#stalled) {
      this.#pager ??= new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) void this.loadMore();
        },
        { rootMargin: '200px' },
      );
      this.#pager.observe(button);
    }
  }

  /** The proxy's absolute URL, when one is set. */
  get #proxyUrl(): URL | undefined {
    return this.proxy ? new URL(this.proxy, document.baseURI) : undefined;
  }

  /** The server the reader's browser will contact: the proxy, Bluesky's AppView, or the account's. */
  get #server(): URL {
    const ref = this.#ref!;
    return (
      this.#proxyUrl ??
      new URL(ref.protocol === 'bluesky' ? (this.appview ?? BSKY_APPVIEW) : ref.origin)
    );
  }

  /** Resolves `account` and starts loading as the privacy mode allows. */
  #prepare() {
    this.#abort?.abort();
    this.posts = [];
    this.profile = undefined;
    this.#next = undefined;
    this.current = undefined;
    this.updateLocale();
    try {
      this.#ref = resolve(this.account);
    } catch (e) {
      this.#ref = undefined;
      this.#fail(e);
      return;
    }
    this.status = 'idle';
    // The proxy is the site's own: `visible` by default, as for the page's own origin.
    const origin = this.proxy ? location.origin : this.#server.origin;
    this.schedule(this.load, origin, () => void this.fetchPhotos());
  }

  /** The reader for this element: the given provider, the proxy, or the protocol's own. */
  async #source(): Promise<GallerySource> {
    const proxy = this.#proxyUrl;
    if (this.provider) return this.provider;
    if (proxy) return loadProxyProvider(proxy.href);
    return loadGallerySource(this.#ref!.protocol);
  }

  /** Fetches (or re-fetches) the first page now, whatever the load mode. */
  async fetchPhotos(): Promise<void> {
    const ref = this.#ref;
    if (!ref) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.status = 'loading';
    this.error = undefined;
    this.#next = undefined;
    const o = { signal: abort.signal, timeout: this.timeout, appview: this.appview };
    try {
      const source = await this.#source();
      const [page, profile] = await Promise.all([
        this.#page(source, undefined, abort.signal),
        // The header is a nicety: the photos show even when the profile read fails.
        this.showProfile && ref.kind === 'profile'
          ? source.getProfile(ref, o).catch(() => undefined)
          : undefined,
      ]);
      if (profile) {
        // The header's bio needs the sanitizer and its follow button the element: both are loaded
        // only for a header, so a gallery without one downloads neither.
        [this.#sanitize] = await Promise.all([loadSanitizer(), import('../fedi-follow-button.js')]);
      }
      if (abort.signal.aborted) return;
      this.profile = profile;
      this.#bio =
        profile && ({ format: 'html', content: profile.bio, emojis: [] } as unknown as Post);
      this.posts = page;
      this.status = page.length ? 'ready' : 'empty';
      await this.updateComplete;
      this.dispatchEvent(new FediGalleryLoadEvent(this.posts, profile));
    } catch (e) {
      if (!abort.signal.aborted) this.#fail(e);
    }
  }

  /** Adds the next page ("Load more", or the button scrolling into view). */
  async loadMore(): Promise<void> {
    if (!this.#next || this.more || this.status !== 'ready') return;
    const signal = this.#abort!.signal;
    this.more = true;
    try {
      const page = await this.#page(await this.#source(), this.#next, signal);
      if (signal.aborted) return;
      this.posts = [...this.posts, ...page.filter((p) => !this.posts.some((q) => q.id === p.id))];
      await this.updateComplete;
      this.dispatchEvent(new FediGalleryLoadEvent(this.posts, this.profile));
    } catch (e) {
      // The photos already shown stay; the button offers the page again.
      this.#stalled = true;
      if (!signal.aborted) this.dispatchEvent(new FediErrorEvent(FediError.from(e)));
    } finally {
      this.more = false;
    }
  }

  /** One page of posts with photos; sets `next`. */
  async #page(source: GallerySource, maxId: string | undefined, signal: AbortSignal) {
    const ref = this.#ref!;
    const o = {
      signal,
      timeout: this.timeout,
      appview: this.appview,
      maxId,
      limit: this.limit,
      onlyMedia: true,
    };
    let posts: Post[];
    if (ref.kind === 'post') {
      posts = [await source.getPost(ref, o)];
      this.#next = undefined;
    } else {
      const page = await (ref.kind === 'collection'
        ? source.getCollection?.(ref, o)
        : source.getAuthorPosts(ref, o));
      if (!page) throw new FediError('No collections on this server', { code: 'INVALID_INPUT' });
      posts = page.posts;
      // A server that sends the same cursor again would make "load more" loop.
      this.#next = page.next !== maxId ? page.next : undefined;
    }
    return posts.filter((p) => photos(p).length);
  }

  #fail(e: unknown) {
    const error = FediError.from(e);
    this.error = error;
    this.status = 'error';
    void this.updateComplete.then(() => this.dispatchEvent(new FediErrorEvent(error)));
  }

  /** Opens the lightbox on a tile; focus returns to the opener when it closes. */
  #show(tile: Tile, opener: HTMLElement) {
    this.#opener = opener;
    this.current = tile;
    // Post text is HTML on the Mastodon family: the sanitizer chunk loads with the first lightbox.
    if (this.posts[tile.post]!.format === 'html' && !this.#sanitize) {
      void loadSanitizer().then((s) => {
        this.#sanitize = s;
        this.requestUpdate();
      });
    }
  }

  #closed() {
    this.current = undefined;
    this.#opener?.focus();
  }

  /** The next (`1`) or previous (`-1`) photo: through an album, then on to the next post's. */
  #step(by: number) {
    const { post, media } = this.current!;
    let tile: Tile | undefined = { post, media: media + by };
    if (tile.media < 0 || tile.media >= photos(this.posts[post]!).length) {
      const p = this.posts[post + by];
      tile = p && { post: post + by, media: by > 0 ? 0 : photos(p).length - 1 };
    }
    if (tile) this.#show(tile, this.#opener!);
  }

  /** A move to the right (arrow key, swipe): on a right-to-left page the next photo is on the left. */
  #towards(right: boolean) {
    this.#step(right !== (getComputedStyle(this).direction === 'rtl') ? 1 : -1);
  }

  #handleKey(e: KeyboardEvent) {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    this.#towards(e.key === 'ArrowRight');
  }

  #handleSwipe(e: PointerEvent) {
    if (e.type === 'pointerdown') {
      this.#swipe = e.clientX;
      return;
    }
    const dx = e.clientX - (this.#swipe ?? e.clientX);
    this.#swipe = undefined;
    if (Math.abs(dx) > 40) this.#towards(dx < 0);
  }

  #reveal(post?: Post) {
    if (post) this.#revealed.add(post.id);
    else this.#all = !this.#all;
    this.requestUpdate();
    // In the lightbox the pressed button goes away with the veil: keep focus in the dialog.
    if (this.current) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('dialog .close')?.focus(),
      );
    }
  }

  #veiled(post: Post) {
    return post.sensitive && !this.#all && !this.#revealed.has(post.id);
  }

  protected override render() {
    const m = this.messages;
    return html`<section aria-label=${m.photos} aria-busy=${this.status === 'loading'}>
      ${this.#renderBody(m)}
    </section>`;
  }

  #renderBody(m: GalleryMessages) {
    const ref = this.#ref;
    switch (this.status) {
      case 'idle':
        return ref
          ? html`<div part="placeholder" class="box">
              <p>${m.loadFrom(this.#server.host)}</p>
              <button part="load-button" class="btn primary" @click=${this.fetchPhotos}>
                ${m.load}
              </button>
            </div>`
          : nothing;
      case 'loading':
        return html`<p part="skeleton" role="status" class="box">${m.loading}</p>`;
      case 'error': {
        const code = this.error?.code ?? 'NETWORK';
        return html`<div part="error" class="box" role="alert">
          <p>${m.error[code]}</p>
          ${
            code === 'AUTH_REQUIRED'
              ? html`<p>${this.proxy ? m.authHelpProxy : m.authHelp}</p>`
              : nothing
          }
          ${
            code === 'INVALID_INPUT'
              ? nothing
              : html`<button class="btn" @click=${this.fetchPhotos}>${m.retry}</button>
                  ${ref?.url ? html`<a href=${ref.url} rel=${rel} target="_blank">${m.viewOriginal}</a>` : nothing}`
          }
        </div>`;
      }
      case 'empty':
        return html`${this.#renderProfile(m)}
          <p part="empty" class="box">${m.empty}</p>`;
      default:
        return this.#renderGallery(m);
    }
  }

  #renderProfile(m: GalleryMessages) {
    const p = this.profile;
    if (!p) return nothing;
    const a = p.author;
    const n = p.counts.followers;
    return html`<header part="profile">
      ${
        (a.avatarStatic ?? a.avatar)
          ? html`<img
              part="avatar"
              src=${a.avatarStatic ?? a.avatar}
              alt=""
              width="56"
              height="56"
              loading="lazy"
              decoding="async"
              referrerpolicy="no-referrer"
            />`
          : nothing
      }
      <span class="who">
        <a href=${a.url ?? nothing} rel=${rel} target="_blank"
          ><b
            ><bdi
              >${emojify(a.name || a.handle.split('@')[0]!, a.emojis).map((s) =>
                typeof s === 'string' ? s : emojiImage(s),
              )}</bdi
            ></b
          ></a
        >
        <span class="muted" dir="ltr">@${a.handle}</span>
        <span class="muted">${m.followers(n, compact(n, this.locale))}</span>
      </span>
      <fedi-follow-button
        account=${this.account}
        theme=${this.theme ?? nothing}
      ></fedi-follow-button>
      <div part="bio" class="bio">
        ${this.#sanitize && this.#bio ? renderContent(this.#bio, this.#sanitize) : nothing}
      </div>
    </header>`;
  }

  #renderGallery(m: GalleryMessages) {
    const single = this.#ref?.kind === 'post';
    // An account or a collection: one tile per post (its first photo); one post: each photo.
    const tiles: Tile[] = this.posts.flatMap((p, post) =>
      single ? photos(p).map((_, media) => ({ post, media })) : [{ post, media: 0 }],
    );
    const sensitive = this.posts.some((p) => p.sensitive);
    return html`${this.#renderProfile(m)}
      ${
        sensitive
          ? html`<div class="bar">
              <button
                part="show-all"
                class="btn"
                aria-pressed=${this.#all}
                @click=${() => this.#reveal()}
              >
                ${this.#all ? m.hideAll : m.showAll}
              </button>
            </div>`
          : nothing
      }
      <ul part="list" class=${this.layout} role="list">
        ${tiles.map((t) => this.#renderTile(t, m, single))}
      </ul>
      ${
        this.#next
          ? html`<button
              part="load-more"
              class="btn more"
              ?disabled=${this.more}
              @click=${() => {
                this.#stalled = false;
                void this.loadMore();
              }}
            >
              ${this.more ? m.loadingMore : m.loadMore}
            </button>`
          : nothing
      }
      ${this.current ? this.#renderLightbox(this.current, m) : nothing}`;
  }

  #renderTile(tile: Tile, m: GalleryMessages, single: boolean) {
    const post = this.posts[tile.post]!;
    const all = photos(post);
    const x = all[tile.media]!;
    const hidden = this.#veiled(post);
    const album = !single && all.length > 1 ? m.album(all.length) : '';
    return html`<li part="item" class=${hidden ? 'hidden' : ''}>
      <button
        class="tile"
        aria-label=${hidden ? m.showSensitive(post.spoiler) : nothing}
        @click=${(e: Event) =>
          hidden ? this.#reveal(post) : this.#show(tile, e.currentTarget as HTMLElement)}
      >
        ${placeholder(x, !hidden)}
        ${
          hidden
            ? html`<span class="badge" aria-hidden="true">${m.sensitive}</span>`
            : html`${image(x, this.layout === 'carousel' ? 0 : this.columns || 3)}
              ${x.alt ? nothing : html`<span class="visually-hidden">${m.noAlt}</span>`}
              ${album ? html`<span class="badge album"></span><span class="visually-hidden">(${album})</span>` : nothing}`
        }
      </button>
    </li>`;
  }

  #renderLightbox(tile: Tile, m: GalleryMessages) {
    const post = this.posts[tile.post]!;
    const all = photos(post);
    const x = all[tile.media]!;
    const hidden = this.#veiled(post);
    const host = post.url ? new URL(post.url).host : '';
    const photoOf = (i: number) => m.photoOf(i + 1, all.length);
    return html`<dialog
      part="lightbox"
      aria-label=${photoOf(tile.media)}
      @close=${this.#closed}
      @keydown=${this.#handleKey}
    >
      <button
        class="btn close"
        autofocus
        @click=${() => this.renderRoot.querySelector('dialog')?.close()}
      >
        ${m.close}
      </button>
      <figure @pointerdown=${this.#handleSwipe} @pointerup=${this.#handleSwipe}>
        ${
          hidden
            ? html`${placeholder(x, false)}
                <button class="btn" @click=${() => this.#reveal(post)}>
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
          ${all.length > 1 ? html`<p>${photoOf(tile.media)}</p>` : nothing}
          <p><b>${m.description}:</b> ${x.alt || m.noAlt}</p>
          ${post.format !== 'html' || this.#sanitize ? renderContent(post, this.#sanitize) : nothing}
          ${
            x.license
              ? html`<p>
                  ${m.license}:
                  ${x.license.url ? html`<a href=${x.license.url} rel=${rel} target="_blank">${x.license.name}</a>` : x.license.name}
                </p>`
              : nothing
          }
          ${post.url ? html`<p><a href=${post.url} rel=${rel} target="_blank">${m.viewPost(host)}</a></p>` : nothing}
        </figcaption>
      </figure>
      <nav aria-label=${m.photos}>
        <button class="btn" @click=${() => this.#step(-1)}>${m.previous}</button>
        ${
          all.length > 1
            ? all.map(
                (_, i) =>
                  html`<button
                    class="btn"
                    aria-label=${photoOf(i)}
                    aria-current=${i === tile.media ? 'true' : nothing}
                    @click=${() => this.#show({ post: tile.post, media: i }, this.#opener!)}
                  >
                    ${i + 1}
                  </button>`,
              )
            : nothing
        }
        <button class="btn" @click=${() => this.#step(1)}>${m.next}</button>
      </nav>
    </dialog>`;
  }
}

/**
 * A post's photos: media with a preview to show (images, and the stills of GIFs and videos, which
 * the lightbox shows as stills too: the post's link plays them on their server).
 */
const photos = (p: Post): Media[] => p.media.filter((x) => x.previewUrl);

/**
 * The blurhash canvas, at a tiny size with the photo's own proportions (so a hidden photo takes
 * the same room as the real one). `under`: the photo lies on top of it.
 */
function placeholder(x: Media, under: boolean) {
  const w = 32;
  const h =
    x.width && x.height ? Math.max(1, Math.min(128, Math.round((w * x.height) / x.width))) : w;
  return html`<canvas
    class=${under ? 'under' : ''}
    width=${w}
    height=${h}
    data-hash=${x.blurhash ?? nothing}
    aria-hidden="true"
  ></canvas>`;
}

/** A tile's photo: lazy, no referrer, its size from metadata, a `srcset` when both sizes are known. */
function image(x: Media, columns: number) {
  const src = x.previewUrl!;
  const plain = (u: string) => !/[\s,]/.test(u);
  const set =
    // Only for still images: the `url` of a video or GIF is the video file.
    x.type === 'image' &&
    x.url &&
    x.url !== src &&
    x.previewWidth &&
    x.width &&
    plain(src) &&
    plain(x.url)
      ? `${src} ${x.previewWidth}w, ${x.url} ${x.width}w`
      : undefined;
  return html`<img
    src=${src}
    srcset=${set ?? nothing}
    sizes=${set ? (columns ? `${Math.ceil(100 / columns)}vw` : '50vw') : nothing}
    alt=${x.alt}
    width=${x.width ?? x.previewWidth ?? nothing}
    height=${x.height ?? x.previewHeight ?? nothing}
    loading="lazy"
    decoding="async"
    referrerpolicy="no-referrer"
  />`;
}
