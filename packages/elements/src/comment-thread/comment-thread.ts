// SPDX-License-Identifier: MIT
import {
  emojify,
  emojiImage,
  FediError,
  BSKY_APPVIEW,
  LINK_REL,
  loadSanitizer,
  mergeThreads,
  resolve,
  type Author,
  type Post,
  type Provider,
  type Ref,
  type Sanitizer,
  type Thread,
  type ThreadNode,
  type ThreadSort,
} from '@fedikit/core';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { FediErrorEvent } from '../events/error.js';
import { FediLoadEvent } from '../events/load.js';
import { loadMessages } from '../i18n/locale.js';
import { threadCatalogue, type Messages } from '../i18n/thread.js';
import { FediElement, type LoadMode } from '../internal/fedi-element.js';
import { go } from '../internal/go.js';
import { compact, exactTime, relativeTime } from '../internal/format.js';
import { loadProvider, loadProxyProvider } from '../internal/providers.js';
import { renderContent } from '../internal/render-content.js';
import type { HomeDialog } from '../internal/home-dialog.js';
import type { Embeds } from '../internal/embeds.js';
import { tokens } from '../styles/tokens.styles.js';
import { styles } from './comment-thread.styles.js';

const STATES = ['idle', 'loading', 'ready', 'empty', 'error'] as const;
type Status = (typeof STATES)[number];
/** A source of a merged thread that failed to load: the server it was read from, and why. */
type Failure = { host: string; error: FediError };
/** What a reader can do to a post from their own server: reply, boost, like. */
type Verb = 'Create' | 'Announce' | 'Like';

const rel = LINK_REL;
/** Network names: proper nouns, the same in every language. */
const NETWORK = { mastodon: 'Mastodon', pixelfed: 'Pixelfed', bluesky: 'Bluesky' } as const;

/**
 * The replies to a Mastodon post as an accessible, threaded comment section, with no tracking.
 *
 * @summary Replies to a fediverse post as the comments of a page.
 * @since 0.1.0
 * @status stable
 * @tag fedi-comment-thread
 *
 * @fires fedi-load - {FediLoadEvent} The thread loaded and rendered; `event.thread` holds it.
 * @fires fedi-error - {FediErrorEvent} Loading failed; `event.error.code` says why.
 * @fires fedi-intent - {FediIntentEvent} A reader is about to reply, boost or like from their own server; cancelable.
 *
 * @csspart placeholder - The click-to-load box shown before anything is fetched; with `comment`, the
 *   stand-in for a blocked, deleted or hidden reply.
 * @csspart load-button - The button in the placeholder.
 * @csspart skeleton - The loading skeleton.
 * @csspart summary - The "N comments" line.
 * @csspart refresh - The "Check for new replies" button in the summary line.
 * @csspart refresh-status - What the last check found ("2 new replies."), a live region.
 * @csspart root - The post being replied to (hidden with `hide-root`).
 * @csspart comment - Each reply.
 * @csspart avatar - Each avatar image.
 * @csspart author - Each author's name link.
 * @csspart content - Each post's text.
 * @csspart media - Each media list.
 * @csspart actions - The action buttons of a post, each with its count.
 * @csspart reply-button - Each "Reply" button.
 * @csspart boost-button - Each "Boost" button.
 * @csspart like-button - Each "Like" button.
 * @csspart notice - The "only part of this conversation" notice.
 * @csspart show-more - The "show more replies" button.
 * @csspart empty - The "no replies yet" message.
 * @csspart error - The error box.
 * @csspart dialog - The "from your own server" dialog (reply, boost, like).
 * @csspart card - A link card under a post's text: one link (image, title, description, host).
 * @csspart quote - A quoted post (a `blockquote` with its author, text, media and link), or the note
 *   saying why it cannot be shown.
 * @csspart facepile - A "Liked by" / "Reposted by" row of avatars (with `facepile`).
 *
 * @cssstate idle - Waiting for a click or for the element to scroll into view.
 * @cssstate loading - Fetching.
 * @cssstate ready - Replies shown.
 * @cssstate empty - The post has no public replies.
 * @cssstate error - Loading failed.
 * @cssstate truncated - Only part of the conversation is shown.
 *
 * @cssproperty --fedi-color-text - Text colour.
 * @cssproperty --fedi-color-muted - Secondary text (handles, times, counts). Default: text mixed into background.
 * @cssproperty --fedi-color-background - Background of dialogs, text on accent buttons.
 * @cssproperty --fedi-color-surface - Background of cards, buttons and placeholders.
 * @cssproperty --fedi-color-border - Borders and thread lines.
 * @cssproperty --fedi-color-accent - Links, primary buttons, focus rings.
 * @cssproperty --fedi-color-danger - Error text.
 * @cssproperty --fedi-radius - Corner radius.
 * @cssproperty --fedi-gap - Padding and spacing of boxes (placeholder, root post, notices).
 * @cssproperty --fedi-font-family - Font (inherits by default).
 * @cssproperty --fedi-font-size - Base font size.
 * @cssproperty --fedi-line-height - Line height.
 * @cssproperty --fedi-avatar-size - Avatar size.
 * @cssproperty --fedi-indent - Indentation of nested replies.
 * @cssproperty --fedi-card-image-size - Size of a link card's image. Default 6rem.
 * @cssproperty --fedi-facepile-size - Size of a facepile's avatars. Default 1.75rem.
 */
export class FediCommentThread extends FediElement {
  /** Shared tokens, then this element's own styles. */
  static override styles = [tokens, styles];
  static override catalogue = threadCatalogue;

  // `state: true` makes a property internal (Lit sets `attribute: false` for it).
  static override properties = {
    src: {},
    load: {},
    sort: {},
    maxDepth: { type: Number, attribute: 'max-depth' },
    limit: { type: Number },
    hideRoot: { type: Boolean, attribute: 'hide-root' },
    favouritesOnly: { type: Boolean, attribute: 'favourites-only' },
    theme: { reflect: true },
    timeout: { type: Number },
    appview: {},
    muteWords: { attribute: 'mute-words' },
    muteUsers: { attribute: 'mute-users' },
    minLikes: { type: Number, attribute: 'min-likes' },
    hideEmpty: { type: Boolean, attribute: 'hide-empty' },
    adult: {},
    proxy: {},
    facepile: {},
    provider: { attribute: false },
    status: { state: true },
    thread: { state: true },
    error: { state: true },
    shown: { state: true },
  };

  /**
   * The post whose replies are shown: a Mastodon-family URL (`https://mastodon.social/@user/123`), a
   * Bluesky post URL (`https://bsky.app/profile/alice.bsky.social/post/3k…`) or an `at://` URI.
   */
  declare src: string;
  /**
   * When to contact the post's server: `click` (a placeholder names the server; nothing is fetched
   * before the reader clicks), `visible` (when scrolled near) or `eager`. Default: `click` for another
   * site's server, `visible` for the page's own origin.
   */
  declare load?: LoadMode;
  /** Order of replies: `oldest` (default), `newest` or `likes`. */
  declare sort: ThreadSort;
  /** Nesting shown before deeper replies are listed flat, each saying whom it answers. Default 5. */
  declare maxDepth: number;
  /** Replies shown at first; a "show more" button adds as many again. Default 50. */
  declare limit: number;
  /** Hide the post itself and show only its replies. */
  declare hideRoot: boolean;
  /** Show only replies the post's author favourited (costs one extra request per liked reply). */
  declare favouritesOnly: boolean;
  /** `light`, `dark`, or unset to follow the reader's `prefers-color-scheme`. */
  declare theme?: 'light' | 'dark';
  /** Deadline of each read in milliseconds, retries included. Default 10 000. */
  declare timeout?: number;
  /** Bluesky posts: the AppView to read from. Default `https://public.api.bsky.app`. */
  declare appview?: string;
  /** Hide replies containing one of these words (comma-separated, case-insensitive). Bluesky. */
  declare muteWords?: string;
  /** Hide replies by these accounts (space-separated handles or DIDs). Bluesky. */
  declare muteUsers?: string;
  /** Hide replies with fewer likes. Bluesky. */
  declare minLikes?: number;
  /** Hide replies that are only emoji or a pin. Bluesky. */
  declare hideEmpty?: boolean;
  /** Adult-labelled replies: `hide` (default, as Bluesky does for logged-out readers) or `warn`. */
  declare adult?: 'hide' | 'warn';
  /**
   * The site's Fedikit proxy (`https://example.com/fedikit`, or relative to the page): every read goes
   * there, the element contacts no other host for data, and `load` defaults to `visible`.
   */
  declare proxy?: string;
  /**
   * Show who liked and/or reposted the post: `likes`, `reposts` or `likes reposts`. Off by default:
   * each costs one more request, made after the thread is shown (Bluesky; a provider with
   * `getFacepile`). At most 8 avatars, then "and N others".
   */
  declare facepile?: string;
  /** A provider to use instead of the built-in one for the post's protocol (tests, custom transports). */
  declare provider?: Provider;

  /** The loaded thread, once `fedi-load` has fired. */
  declare thread?: Thread;
  /** The last error, once `fedi-error` has fired. */
  declare error?: FediError;
  declare protected status: Status;
  declare protected shown: number;
  /** The element's strings, in its language. */
  declare messages: Messages;

  /** Every source of a merged thread (one for a single post); none when `src` is not a post. */
  #refs: Ref[] = [];
  /** Sources of a merged thread that failed; the others render. */
  #failed: Failure[] = [];
  #sanitize?: Sanitizer;
  #abort?: AbortController;
  readonly #open = new Set<string>();
  #dialog?: HomeDialog;
  /** Link cards, quotes and facepiles: their chunk, loaded only when a thread needs it. */
  #embeds?: Embeds;
  /** A refresh is under way ({@link refresh}). */
  #refreshing = false;
  /** What the last refresh found, for the live region. */
  #refreshed = '';
  /** The one automatic refresh of a thread its server is still completing (`Thread.pending`). */
  #pending?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.src = '';
    this.sort = 'oldest';
    this.maxDepth = 5;
    this.limit = 50;
    this.hideRoot = false;
    this.favouritesOnly = false;
    this.status = 'idle';
    this.shown = 50;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#dialog?.close();
    clearTimeout(this.#pending);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (
      [
        'src',
        'proxy',
        'sort',
        'favouritesOnly',
        'load',
        'muteWords',
        'muteUsers',
        'minLikes',
        'hideEmpty',
        'adult',
        'appview',
        'facepile',
      ].some((k) => changed.has(k))
    ) {
      this.#prepare();
    }
    // Cheap and idempotent: kept in step on every update rather than tracking what changed.
    this.setState(this.status, STATES);
    this.toggleState('truncated', !!this.thread?.truncated && this.status === 'ready');
  }

  /** Resolves `src` (and child `<fedi-source href>`s) and starts loading as the privacy mode allows. */
  #prepare() {
    this.#abort?.abort();
    this.thread = undefined;
    this.shown = this.limit;
    this.updateLocale();
    const inputs = [
      ...this.src.split(/\s+/),
      ...[...this.querySelectorAll('fedi-source')].map((s) => s.getAttribute('href') ?? ''),
    ].filter(Boolean);
    try {
      this.#refs = inputs.length ? inputs.map(resolve) : [resolve('')];
    } catch (e) {
      this.#refs = [];
      this.#fail(e);
      return;
    }
    this.status = 'idle';
    // `visible` by default only when every server is the page's own origin.
    // With a proxy, too: it is the site's own, whatever origin it is served from.
    const own = !!this.proxy || this.#refs.every((r) => this.#server(r).origin === location.origin);
    this.schedule(this.load, own ? location.origin : '', () => void this.fetchThread());
  }

  /**
   * The server the reader's browser will contact for a source: the post's own server, or for
   * Bluesky the AppView. The placeholder names it and the privacy mode is chosen by it.
   */
  #server(ref: Ref): URL {
    if (this.proxy) return new URL(this.proxy, document.baseURI);
    return new URL(ref.protocol === 'bluesky' ? (this.appview ?? BSKY_APPVIEW) : ref.origin);
  }

  /** Fetches (or re-fetches) the thread now, whatever the load mode. */
  async fetchThread(): Promise<void> {
    if (!this.#refs[0]) return;
    this.status = 'loading';
    this.error = undefined;
    this.#refreshed = '';
    clearTimeout(this.#pending);
    try {
      await this.#read();
    } catch (e) {
      this.#fail(e);
      return;
    }
    // The server is still fetching replies from other servers (seen through the proxy, which can
    // read Mastodon's header): look once more when it suggests, and speak only if some arrived.
    const wait = this.thread?.pending?.retryAfter;
    if (wait) this.#pending = setTimeout(() => void this.#refresh(true), wait * 1000);
  }

  /**
   * Reads the thread again while it stays on screen (the "Check for new replies" button): servers
   * keep fetching replies from other servers after a first read (Mastodon says so in a header that
   * browsers are not allowed to read), so a reader may ask again. A live region says how many
   * replies are new; a failure is said there too, and the thread shown stays.
   */
  refresh(): Promise<void> {
    return this.#refresh(false);
  }

  /** A refresh; an automatic one (`quiet`) says nothing unless new replies arrived. */
  async #refresh(quiet: boolean): Promise<void> {
    const before = this.thread?.count;
    if (before === undefined || this.#refreshing) return;
    this.#refreshing = true;
    this.#refreshed = '';
    this.requestUpdate();
    try {
      const added = (await this.#read(true)) ? this.thread!.count - before : 0;
      if (added > 0 || !quiet) this.#refreshed = this.messages.refreshed(added);
    } catch (e) {
      if (!quiet) this.#refreshed = this.messages.error[FediError.from(e).code];
    }
    this.#refreshing = false;
    this.requestUpdate();
  }

  /**
   * Reads every source, merges them, loads what rendering needs (sanitizer, embeds), shows the
   * thread and fires `fedi-load`. Throws when every source failed; false when a newer read
   * replaced this one. `fresh`: past the browser's HTTP cache (a reader asked to look again).
   */
  async #read(fresh = false): Promise<boolean> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    try {
      const proxy = this.proxy && (await loadProxyProvider(this.#server(this.#refs[0]!).href));
      const read = async (r: Ref) =>
        (this.provider || proxy || (await loadProvider(r.protocol))).getThread(r, {
          signal: abort.signal,
          fresh,
          sort: this.sort,
          favouritesOnly: this.favouritesOnly,
          timeout: this.timeout,
          appview: this.appview,
          moderation: {
            adult: this.adult,
            muteWords: this.muteWords
              ?.split(',')
              .map((w) => w.trim())
              .filter(Boolean),
            muteUsers: this.muteUsers?.split(/[\s,]+/).filter(Boolean),
            minLikes: this.minLikes,
            hideEmpty: this.hideEmpty,
          },
        });
      const [results, messages] = await Promise.all([
        Promise.allSettled(this.#refs.map(read)),
        loadMessages(threadCatalogue, this.locale),
      ]);
      this.messages = messages;
      // One failing source is said inline; the others render. All failing is an error state.
      const threads: Thread[] = [];
      const failed: Failure[] = [];
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') threads.push(r.value);
        else
          failed.push({ host: this.#server(this.#refs[i]!).host, error: FediError.from(r.reason) });
      });
      this.#failed = failed;
      if (!threads.length) throw failed[0]!.error;
      const thread = this.#refs.length > 1 ? mergeThreads(threads, this.sort) : threads[0]!;
      // DOMPurify is a separate chunk, loaded only when some post carries HTML.
      const all = allPosts(thread);
      if (all.some((p) => p.format === 'html')) this.#sanitize = await loadSanitizer();
      if (this.facepile || all.some((p) => p.embed))
        this.#embeds ??= await import('../internal/embeds.js').then((e) =>
          e.attach(this, loadProvider),
        );
      if (abort.signal.aborted) return false;
      this.thread = thread;
      this.status = thread.count ? 'ready' : 'empty';
      await this.updateComplete;
      this.dispatchEvent(new FediLoadEvent(thread));
      void this.#embeds?.piles(thread, abort.signal);
      return true;
    } catch (e) {
      if (abort.signal.aborted) return false;
      throw e;
    }
  }

  #fail(e: unknown) {
    const error = FediError.from(e);
    this.error = error;
    this.status = 'error';
    void this.updateComplete.then(() => this.dispatchEvent(new FediErrorEvent(error)));
  }

  /**
   * Reply (`Create`), boost (`Announce`) or like from the reader's own server: opens the dialog,
   * whose code (and core's intent resolution) is fetched on first use.
   */
  async #act(post: Post, verb: Verb) {
    // Bluesky has no intents for these: the post opens on the Bluesky client, within the click.
    if (post.protocol === 'bluesky') {
      if (post.url) go(this, verb, post.url, post.uri);
      return;
    }
    const dialog = await import('../internal/home-dialog.js');
    this.#dialog ??= new dialog.HomeDialog(this);
    const m = this.messages;
    void this.#dialog.open({
      verb,
      title: verb === 'Create' ? m.dialogTitle : verb === 'Like' ? m.dialogLike : m.dialogBoost,
      object: post.url ?? post.uri,
      target: dialog.intentTarget(
        verb,
        verb === 'Create' ? { inReplyTo: post.uri } : { object: post.uri },
      ),
    });
  }

  #toggle(key: string) {
    if (this.#open.has(key)) this.#open.delete(key);
    else this.#open.add(key);
    this.requestUpdate();
  }

  protected override render() {
    const m = this.messages;
    // The "from your own server" dialog is not here: it places itself in the shadow root.
    return html`<section aria-label=${m.comments} aria-busy=${this.status === 'loading'}>
      ${this.#renderBody(m)}
    </section>`;
  }

  #renderBody(m: Messages) {
    const ref = this.#refs[0];
    switch (this.status) {
      case 'idle':
        // Only after `src` resolved (a failure is the error state): there is a server to name.
        return html`<div part="placeholder" class="box">
          <p>${m.loadFrom([...new Set(this.#refs.map((r) => this.#server(r).host))].join(', '))}</p>
          <button part="load-button" class="btn primary" @click=${this.fetchThread}>
            ${m.load}
          </button>
        </div>`;
      case 'loading':
        return html`<div part="skeleton" role="status">
          <span class="visually-hidden">${m.loading}</span>
          <div class="bone" aria-hidden="true"></div>
          <div class="bone" aria-hidden="true"></div>
          <div class="bone" aria-hidden="true"></div>
        </div>`;
      case 'error': {
        const code = this.error?.code ?? 'NETWORK';
        return html`<div part="error" class="box" role="alert">
          <p>${m.error[code]}</p>
          ${
            code === 'INVALID_INPUT'
              ? nothing
              : html`<button class="btn" @click=${this.fetchThread}>${m.retry}</button>
                  ${ref?.url ? html`<a href=${ref.url} rel=${rel} target="_blank">${m.viewOriginal}</a>` : nothing}`
          }
        </div>`;
      }
      default:
        return this.#renderThread(this.thread!, m);
    }
  }

  #renderThread(thread: Thread, m: Messages) {
    const budget = { left: this.shown };
    const more = Math.min(this.limit, thread.count - this.shown);
    const host = this.#refs[0]!.host;
    const { sources } = thread;
    return html`${this.hideRoot ? nothing : this.#renderPost(thread.root, 'root')}
      ${this.#embeds?.facepiles(thread)}
      <p part="summary" class="summary">
        ${
          sources
            ? // "24 replies · 130 likes across Mastodon and Bluesky".
              m.across(
                thread.count,
                sources.reduce((n, p) => n + p.counts.likes, 0),
                [...new Set(sources.map((p) => NETWORK[p.protocol]))],
              )
            : m.commentsCount(thread.count)
        }
        ${(sources ?? [thread.root]).map(
          (root) =>
            html`<button part="reply-button" class="btn" @click=${() => this.#act(root, 'Create')}>
              ${m.replyOn(sources ? NETWORK[root.protocol] : host)}
            </button>`,
        )}
        <button
          part="refresh"
          class="btn"
          ?disabled=${this.#refreshing}
          @click=${() => void this.refresh()}
        >
          ${this.#refreshing ? m.refreshing : m.refresh}
        </button>
        <span part="refresh-status" role="status">${this.#refreshed}</span>
      </p>
      ${this.#failed.map(
        (f) =>
          html`<p part="error" class="box" role="alert">
            ${m.sourceFailed(f.host)} ${m.error[f.error.code]}
          </p>`,
      )}
      ${
        thread.count
          ? html`<ol class="replies" role="list">
              ${this.#renderNodes(thread.replies, 1, budget)}
            </ol>`
          : html`<p part="empty" class="box">${m.empty}</p>`
      }
      ${
        more > 0
          ? html`<button part="show-more" class="btn" @click=${() => (this.shown += this.limit)}>
              ${m.showMore(more)}
            </button>`
          : nothing
      }
      ${
        thread.truncated
          ? html`<p part="notice" class="box" role="note">
              ${m.truncated}
              ${
                thread.fullThreadUrl
                  ? html`<a href=${thread.fullThreadUrl} rel=${rel} target="_blank"
                      >${m.readAll(host)}</a
                    >`
                  : nothing
              }
            </p>`
          : nothing
      }`;
  }

  /**
   * Pre-order, within a budget of comments. Nesting stops at `max-depth`: below it, a subtree is
   * listed flat (iteratively, so a 10 000-deep chain is fine), each reply naming whom it answers.
   */
  #renderNodes(nodes: ThreadNode[], level: number, budget: { left: number }): TemplateResult[] {
    const items: TemplateResult[] = [];
    for (const node of nodes) {
      if (budget.left <= 0) break;
      budget.left--;
      const flat = level >= this.maxDepth;
      items.push(
        html`<li>
          ${this.#renderPost(node.post, 'comment')}
          ${
            node.replies.length && !flat
              ? html`<ol class="replies" role="list">
                  ${this.#renderNodes(node.replies, level + 1, budget)}
                </ol>`
              : nothing
          }
        </li>`,
      );
      if (!flat) continue;
      // Each reply with the post it answers; pushed last-first, so the first reply pops first.
      const stack: [ThreadNode, Post][] = [];
      const push = (parent: ThreadNode) => {
        for (let i = parent.replies.length - 1; i >= 0; i--)
          stack.push([parent.replies[i]!, parent.post]);
      };
      push(node);
      while (stack.length && budget.left > 0) {
        const [child, to] = stack.pop()!;
        budget.left--;
        items.push(html`<li>${this.#renderPost(child.post, 'comment', to)}</li>`);
        push(child);
      }
    }
    return items;
  }

  #renderPost(post: Post, part: 'root' | 'comment', replyTo?: Post): unknown {
    const m = this.messages;
    const p = post.placeholder;
    if (p) {
      // A blocked or deleted reply is only said; a hidden one opens on request.
      const key = `hidden:${post.id}`;
      const open = this.#open.has(key);
      return html`<article part="comment placeholder" class="post">
          <p class="reply-to">
            ${p === 'hidden' ? m.hiddenReply : p === 'blocked' ? m.blockedReply : m.deletedReply}
            ${
              p === 'hidden'
                ? html`<button class="btn" aria-expanded=${open} @click=${() => this.#toggle(key)}>
                    ${m.showHidden}
                  </button>`
                : nothing
            }
          </p>
        </article>
        ${open ? this.#renderPost({ ...post, placeholder: undefined }, part, replyTo) : nothing}`;
    }
    const a = post.author;
    // An author without a profile URL gets an anchor without href: plain text, not a link.
    const cw = `cw:${post.id}`;
    const cwOpen = this.#open.has(cw);
    const media = `media:${post.id}`;
    // Sensitive media stay hidden until the reader reveals them.
    const revealed = this.#open.has(media) || !post.sensitive;
    const locale = this.locale;
    const c = post.counts;
    // The visible number is part of the accessible name ("Reply: 3 (3 replies)"); the icon is not.
    // Each button opens the "from your own server" dialog.
    const action = (
      name: 'reply' | 'boost' | 'like',
      icon: string,
      verb: Verb,
      n: number,
      counted: string,
    ) =>
      html`<button part="${name}-button" class="link" @click=${() => this.#act(post, verb)}>
        <span aria-hidden="true">${icon}</span
        ><span class="visually-hidden">${m[name]}:</span> ${compact(n, locale)}<span
          class="visually-hidden"
        >
          (${counted})</span
        >
      </button>`;
    return html`<article
      part=${part}
      class="post ${part}"
      lang=${post.lang ?? nothing}
      ?data-nosnippet=${a.noindex}
    >
      <header>
        ${
          (a.avatarStatic ?? a.avatar)
            ? html`<img
                part="avatar"
                class="avatar"
                src=${a.avatarStatic ?? a.avatar}
                alt=""
                width="40"
                height="40"
                loading="lazy"
                decoding="async"
                referrerpolicy="no-referrer"
              />`
            : html`<span class="avatar" aria-hidden="true"></span>`
        }
        <span class="who">
          <a part="author" class="name" href=${a.url ?? nothing} rel=${rel} target="_blank"
            >${renderName(a)}</a
          >
          <span class="handle" dir="ltr">@${a.handle}</span>
          ${this.thread?.sources ? html`<span class="net">${NETWORK[post.protocol]}</span>` : nothing}
        </span>
        ${
          post.createdAt
            ? html`<a class="time" href=${post.url ?? nothing} rel=${rel} target="_blank"
                ><time
                  datetime=${post.createdAt.toISOString()}
                  title=${exactTime(post.createdAt, locale)}
                  >${relativeTime(post.createdAt, locale)}</time
                >${post.editedAt ? html` · ${m.edited}` : nothing}</a
              >`
            : html`<span class="time">${m.unknownDate}</span>`
        }
      </header>
      ${replyTo ? html`<p class="reply-to">${m.inReplyTo(`@${replyTo.author.handle}`)}</p>` : nothing}
      ${
        post.spoiler
          ? html`<p class="cw">
              <strong>${m.cw}:</strong> <span>${post.spoiler}</span>
              <button class="btn" aria-expanded=${cwOpen} @click=${() => this.#toggle(cw)}>
                ${cwOpen ? m.showLessCw : m.showMoreCw}
              </button>
            </p>`
          : nothing
      }
      <div class="body" ?hidden=${!!post.spoiler && !cwOpen}>
        ${this.#sanitize || post.format !== 'html' ? renderContent(post, this.#sanitize) : nothing}
        ${
          post.media.length
            ? html`<div>
                ${
                  post.sensitive
                    ? html`<button
                        class="btn"
                        aria-expanded=${revealed}
                        @click=${() => this.#toggle(media)}
                      >
                        ${revealed ? m.hideSensitive : `${m.sensitive} · ${m.showSensitive}`}
                      </button>`
                    : nothing
                }
                ${revealed ? renderMedia(post, m) : nothing}
              </div>`
            : nothing
        }
        ${this.#embeds?.render(post.embed, this.#sanitize)}
      </div>
      <div part="actions" class="row">
        ${action('reply', '↩', 'Create', c.replies, m.replies(c.replies))}
        ${action('boost', '⟳', 'Announce', c.reposts, m.boosts(c.reposts))}
        ${action('like', '★', 'Like', c.likes, m.likes(c.likes))}
      </div>
    </article>`;
  }
}

/** An author's display name, or the user part of the handle; emoji images are built by core, as in post text. */
const renderName = (a: Author) =>
  html`<bdi
    >${emojify(a.name || a.handle.split('@')[0]!, a.emojis).map((s) =>
      typeof s === 'string' ? s : emojiImage(s),
    )}</bdi
  >`;

/** A post's media list: each a preview linking to the full file, described by its alt text. */
const renderMedia = (post: Post, m: Messages) =>
  html`<ul part="media" class="media" aria-label=${m.media}>
    ${post.media.map(
      (x) =>
        html`<li>
          <a href=${x.url ?? x.previewUrl ?? nothing} rel=${rel} target="_blank" class=${x.type}>
            ${
              x.previewUrl
                ? html`<img
                    src=${x.previewUrl}
                    alt=${x.alt || m.noAlt}
                    title=${x.alt || nothing}
                    width=${x.width ?? nothing}
                    height=${x.height ?? nothing}
                    loading="lazy"
                    decoding="async"
                    referrerpolicy="no-referrer"
                  />`
                : html`<span>${x.alt || m.noAlt}</span>`
            }
          </a>
        </li>`,
    )}
  </ul>`;

/** Every post of a thread, the root first, iteratively. */
function allPosts(thread: Thread): Post[] {
  const out = [thread.root];
  const stack = [...thread.replies];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n.post);
    stack.push(...n.replies);
  }
  return out;
}
