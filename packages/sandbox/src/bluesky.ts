// SPDX-License-Identifier: MIT
// The sandbox's AppView side: the public read XRPCs of the AT Protocol (`app.bsky.feed.
// getPostThread`, `getAuthorFeed`, `getPosts`, `app.bsky.actor.getProfile`,
// `com.atproto.identity.resolveHandle`) answered from the Bluesky seed with the lexicons' shapes and
// the AppView's errors, plus the images it links to under `/img/`.
import type { Asset, Json } from './entities.js';
import { avatarSvg, headerSvg, scenePng, type Scene } from './media.js';
import {
  BLUESKY_SEED_DATA,
  type BlueskySeedData,
  type BskyAccountRecord,
  type BskyPostRecord,
  type BskyThreadgateRecord,
} from './seed-bluesky.js';

/** What an XRPC call answers: a status and a JSON body. */
export interface XrpcResult {
  readonly status: number;
  readonly body: Json;
}

/** The query methods the sandbox implements (all GET). */
export const XRPC_QUERIES = [
  'app.bsky.feed.getPostThread',
  'app.bsky.feed.getAuthorFeed',
  'app.bsky.feed.getPosts',
  'app.bsky.feed.getLikes',
  'app.bsky.feed.getRepostedBy',
  'app.bsky.actor.getProfile',
  'com.atproto.identity.resolveHandle',
] as const;

const POST_COLLECTION = 'app.bsky.feed.post';
const DID_RE = /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/;
const HANDLE_RE =
  /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
const AUTHOR_FEED_FILTERS = [
  'posts_with_replies',
  'posts_no_replies',
  'posts_with_media',
  'posts_and_author_threads',
  'posts_with_video',
] as const;

class XrpcError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string): XrpcError => new XrpcError(400, 'InvalidRequest', message);

/** Parses an integer parameter the way xrpc-server validates it against the lexicon. */
function intParam(url: URL, name: string, def: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return def;
  if (!/^-?\d+$/.test(raw)) throw invalid(`Error: ${name} must be an integer`);
  const value = Number(raw);
  if (value > max) throw invalid(`Error: ${name} can not be greater than ${max}`);
  if (value < min) throw invalid(`Error: ${name} can not be less than ${min}`);
  return value;
}

function requiredParam(url: URL, name: string): string {
  const value = url.searchParams.get(name);
  if (value === null) throw invalid(`Error: Params must have the property "${name}"`);
  return value;
}

function fit(
  size: { width: number; height: number },
  max: number,
): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(size.width, size.height));
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}

function memo(render: () => Buffer): () => Buffer {
  let body: Buffer | undefined;
  return () => (body ??= render());
}

/** The Bluesky seed, indexed, with the views bound to an origin. */
export class BlueskyStore {
  readonly accounts = new Map<string, BskyAccountRecord>();
  readonly accountsByKey = new Map<string, BskyAccountRecord>();
  readonly posts = new Map<string, BskyPostRecord>();
  /** Replies per parent URI, newest first (the order the AppView's v1 thread returns them in). */
  readonly children = new Map<string, BskyPostRecord[]>();
  /** Posts per account key, newest first. */
  readonly byAuthor = new Map<string, BskyPostRecord[]>();
  readonly threadgates = new Map<string, BskyThreadgateRecord>();
  /** Origin-relative path → image. */
  readonly assets = new Map<string, Asset>();
  private readonly handles = new Map<string, BskyAccountRecord>();

  constructor(data: BlueskySeedData) {
    for (const account of data.accounts) {
      this.accounts.set(account.did, account);
      this.accountsByKey.set(account.key, account);
      if (account.handle !== 'handle.invalid')
        this.handles.set(account.handle.toLowerCase(), account);
    }
    for (const post of data.posts) {
      this.posts.set(post.uri, post);
      if (post.parentUri) {
        const list = this.children.get(post.parentUri) ?? [];
        list.push(post);
        this.children.set(post.parentUri, list);
      }
      const own = this.byAuthor.get(post.authorKey) ?? [];
      own.push(post);
      this.byAuthor.set(post.authorKey, own);
    }
    const newestFirst = (a: BskyPostRecord, b: BskyPostRecord): number =>
      a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
    for (const list of this.children.values()) list.sort(newestFirst);
    for (const list of this.byAuthor.values()) list.sort(newestFirst);
    for (const gate of data.threadgates) this.threadgates.set(gate.post, gate);
    this.registerAssets(data);
  }

  /**
   * The accounts listed as liking (or reposting) a post: every seeded account but its author and
   * those the thread's author blocks, rotated by the post's record key so posts differ.
   */
  likers(post: BskyPostRecord): BskyAccountRecord[] {
    const list = [...this.accountsByKey.values()].filter(
      (a) => a.key !== post.authorKey && !a.blockedByRoot,
    );
    const shift = post.rkey.charCodeAt(post.rkey.length - 1) % list.length;
    return [...list.slice(shift), ...list.slice(0, shift)];
  }

  /** An account by DID or handle (case-insensitive, with or without `@`). */
  resolveActor(actor: string): BskyAccountRecord | undefined {
    if (actor.startsWith('did:')) return this.accounts.get(actor);
    return this.handles.get(actor.replace(/^@/, '').toLowerCase());
  }

  /** The account of a post. */
  authorOf(post: BskyPostRecord): BskyAccountRecord {
    return this.accountsByKey.get(post.authorKey)!;
  }

  /** Finds a post by its at:// URI, with the author named by DID or by handle. */
  findPost(uri: string): BskyPostRecord | undefined {
    const m = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri);
    if (!m || m[2] !== POST_COLLECTION) return undefined;
    const author = this.resolveActor(decodeURIComponent(m[1]!));
    return author ? this.posts.get(`at://${author.did}/${POST_COLLECTION}/${m[3]}`) : undefined;
  }

  /** Path of an image on the sandbox, shaped like the AppView's image routes. */
  imagePath(
    preset: 'avatar' | 'banner' | 'feed_thumbnail' | 'feed_fullsize',
    did: string,
    cid: string,
  ): string {
    return `/img/${preset}/plain/${did}/${cid}`;
  }

  private registerAssets(data: BlueskySeedData): void {
    const svg = (render: () => string): Asset => ({
      type: 'image/svg+xml',
      body: memo(() => Buffer.from(render())),
    });
    const png = (scene: Scene, size: { width: number; height: number }): Asset => ({
      type: 'image/png',
      body: memo(() => scenePng(scene, size.width, size.height)),
    });
    for (const account of data.accounts) {
      const { avatar, banner } = account;
      if (avatar)
        this.assets.set(
          this.imagePath('avatar', account.did, avatar.cid),
          svg(() => avatarSvg(avatar.initials, avatar.background, avatar.foreground)),
        );
      if (banner)
        this.assets.set(
          this.imagePath('banner', account.did, banner.cid),
          svg(() => headerSvg(banner.colors[0], banner.colors[1])),
        );
    }
    for (const post of data.posts) {
      const did = this.accountsByKey.get(post.authorKey)!.did;
      for (const image of post.images) {
        this.assets.set(
          this.imagePath('feed_thumbnail', did, image.cid),
          png(image.scene, fit(image.aspectRatio, 320)),
        );
        this.assets.set(
          this.imagePath('feed_fullsize', did, image.cid),
          png(image.scene, fit(image.aspectRatio, 800)),
        );
      }
      const thumb = post.external?.thumb;
      if (thumb)
        this.assets.set(
          this.imagePath('feed_thumbnail', did, thumb.cid),
          png(thumb.scene, { width: 320, height: 168 }),
        );
    }
  }

  /** Answers one XRPC query; `method` is the HTTP method, `nsid` the path after `/xrpc/`. */
  xrpc(origin: string, method: string, nsid: string, url: URL): XrpcResult {
    try {
      if (!(XRPC_QUERIES as readonly string[]).includes(nsid)) {
        if (!/^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z0-9-]+)+$/.test(nsid))
          throw invalid('invalid xrpc path');
        throw new XrpcError(501, 'MethodNotImplemented', 'Method Not Implemented');
      }
      if (method !== 'GET' && method !== 'HEAD')
        throw invalid(`Incorrect HTTP method (${method}) expected GET`);
      const views = new BlueskyViews(this, origin);
      switch (nsid) {
        case 'app.bsky.feed.getPostThread':
          return { status: 200, body: views.getPostThread(url) };
        case 'app.bsky.feed.getAuthorFeed':
          return { status: 200, body: views.getAuthorFeed(url) };
        case 'app.bsky.feed.getPosts':
          return { status: 200, body: views.getPosts(url) };
        case 'app.bsky.feed.getLikes':
        case 'app.bsky.feed.getRepostedBy':
          return { status: 200, body: views.getLikers(url, nsid.endsWith('getLikes')) };
        case 'app.bsky.actor.getProfile':
          return { status: 200, body: views.getProfile(url) };
        default:
          return { status: 200, body: views.resolveHandle(url) };
      }
    } catch (error) {
      if (error instanceof XrpcError)
        return { status: error.status, body: { error: error.error, message: error.message } };
      throw error;
    }
  }
}

let sharedStore: BlueskyStore | undefined;

/** The indexed Bluesky seed; built on first use and shared by every sandbox in the process. */
export function blueskyStore(): BlueskyStore {
  sharedStore ??= new BlueskyStore(BLUESKY_SEED_DATA);
  return sharedStore;
}

/** The lexicon views of the seed, with absolute image URLs on one origin. */
class BlueskyViews {
  constructor(
    private readonly store: BlueskyStore,
    private readonly origin: string,
  ) {}

  private image(
    preset: 'avatar' | 'banner' | 'feed_thumbnail' | 'feed_fullsize',
    did: string,
    cid: string,
  ): string {
    return this.origin + this.store.imagePath(preset, did, cid);
  }

  private actor(url: URL): BskyAccountRecord {
    const actor = requiredParam(url, 'actor');
    if (!DID_RE.test(actor) && !HANDLE_RE.test(actor))
      throw invalid('Error: actor must be a valid did or a handle');
    const account = this.store.resolveActor(actor);
    if (!account) throw invalid('Profile not found');
    return account;
  }

  /** `app.bsky.actor.defs#profileViewBasic`. */
  profileBasic(account: BskyAccountRecord): { [key: string]: Json } {
    return {
      did: account.did,
      handle: account.handle,
      ...(account.displayName !== undefined ? { displayName: account.displayName } : {}),
      ...(account.avatar ? { avatar: this.image('avatar', account.did, account.avatar.cid) } : {}),
      viewer: { muted: false, blockedBy: false },
      labels: account.labels as unknown as Json[],
      createdAt: account.createdAt,
    };
  }

  /** `app.bsky.actor.defs#profileViewDetailed`. */
  profileDetailed(account: BskyAccountRecord): { [key: string]: Json } {
    const posts = (this.store.byAuthor.get(account.key) ?? []).filter((p) => !p.deleted);
    const pinned =
      account.key === 'alice' ? posts.find((p) => this.store.threadgates.has(p.uri)) : undefined;
    const { viewer, labels, createdAt, ...basic } = this.profileBasic(account);
    return {
      ...basic,
      associated: { lists: 0, feedgens: 0, starterPacks: 0, labeler: false },
      labels: labels!,
      createdAt: createdAt!,
      description: account.description,
      indexedAt: account.indexedAt,
      ...(account.banner ? { banner: this.image('banner', account.did, account.banner.cid) } : {}),
      followersCount: account.followersCount,
      followsCount: account.followsCount,
      postsCount: posts.length,
      ...(pinned ? { pinnedPost: { uri: pinned.uri, cid: pinned.cid } } : {}),
      viewer: viewer!,
    };
  }

  private blob(cid: string, size: number): Json {
    return { $type: 'blob', ref: { $link: cid }, mimeType: 'image/png', size };
  }

  /** The stored record (`app.bsky.feed.post`). */
  record(post: BskyPostRecord): { [key: string]: Json } {
    const ref = (uri: string): Json => ({ cid: this.store.posts.get(uri)!.cid, uri });
    let embed: Json | undefined;
    const quote: Json | undefined = post.quoteUri
      ? { $type: 'app.bsky.embed.record', record: ref(post.quoteUri) }
      : undefined;
    if (post.images.length) {
      embed = {
        $type: 'app.bsky.embed.images',
        images: post.images.map((image) => ({
          alt: image.alt,
          aspectRatio: { height: image.aspectRatio.height, width: image.aspectRatio.width },
          image: this.blob(image.cid, image.size),
        })),
      };
      // Images and a quote: `app.bsky.embed.recordWithMedia`.
      if (quote) embed = { $type: 'app.bsky.embed.recordWithMedia', media: embed, record: quote };
    } else if (post.external) {
      const { external } = post;
      embed = {
        $type: 'app.bsky.embed.external',
        external: {
          description: external.description,
          ...(external.thumb ? { thumb: this.blob(external.thumb.cid, 48_213) } : {}),
          title: external.title,
          uri: external.uri,
        },
      };
    } else if (quote) {
      embed = quote;
    }
    return {
      $type: 'app.bsky.feed.post',
      createdAt: post.createdAt,
      ...(embed ? { embed } : {}),
      ...(post.facets.length ? { facets: post.facets as unknown as Json[] } : {}),
      ...(post.selfLabels.length
        ? {
            labels: {
              $type: 'com.atproto.label.defs#selfLabels',
              values: post.selfLabels.map((val) => ({ val })),
            },
          }
        : {}),
      langs: [...post.langs],
      ...(post.parentUri && post.rootUri
        ? { reply: { parent: ref(post.parentUri), root: ref(post.rootUri) } }
        : {}),
      text: post.text,
    };
  }

  private labels(post: BskyPostRecord): Json[] {
    const did = this.store.authorOf(post).did;
    return [
      ...post.selfLabels.map((val) => ({
        cid: post.cid,
        cts: post.createdAt,
        src: did,
        uri: post.uri,
        val,
      })),
      ...(post.labels as unknown as Json[]),
    ];
  }

  /**
   * The embed view of a post, or undefined; `nested` stops quotes inside quotes. Images with a quote
   * are an `app.bsky.embed.recordWithMedia#view`.
   */
  embedView(post: BskyPostRecord, nested = false): Json | undefined {
    const did = this.store.authorOf(post).did;
    const quote = post.quoteUri && !nested ? this.quoteView(post.quoteUri) : undefined;
    if (post.images.length) {
      const images: Json = {
        $type: 'app.bsky.embed.images#view',
        images: post.images.map((image) => ({
          thumb: this.image('feed_thumbnail', did, image.cid),
          fullsize: this.image('feed_fullsize', did, image.cid),
          alt: image.alt,
          aspectRatio: { height: image.aspectRatio.height, width: image.aspectRatio.width },
        })),
      };
      return quote
        ? { $type: 'app.bsky.embed.recordWithMedia#view', record: quote, media: images }
        : images;
    }
    if (post.external) {
      const { external } = post;
      return {
        $type: 'app.bsky.embed.external#view',
        external: {
          uri: external.uri,
          title: external.title,
          description: external.description,
          ...(external.thumb
            ? { thumb: this.image('feed_thumbnail', did, external.thumb.cid) }
            : {}),
        },
      };
    }
    return quote;
  }

  /** `app.bsky.embed.record#view` of a quoted post (`#viewNotFound` once it is deleted). */
  private quoteView(uri: string): Json {
    const quoted = this.store.posts.get(uri);
    if (!quoted || quoted.deleted) {
      return {
        $type: 'app.bsky.embed.record#view',
        record: { $type: 'app.bsky.embed.record#viewNotFound', uri, notFound: true },
      };
    }
    const inner = this.embedView(quoted, true);
    return {
      $type: 'app.bsky.embed.record#view',
      record: {
        $type: 'app.bsky.embed.record#viewRecord',
        uri: quoted.uri,
        cid: quoted.cid,
        author: this.profileBasic(this.store.authorOf(quoted)),
        value: this.record(quoted),
        labels: this.labels(quoted),
        likeCount: quoted.likeCount,
        replyCount: this.replyCount(quoted),
        repostCount: quoted.repostCount,
        quoteCount: quoted.quoteCount,
        indexedAt: quoted.indexedAt,
        ...(inner ? { embeds: [inner] } : {}),
      },
    };
  }

  private replyCount(post: BskyPostRecord): number {
    return (this.store.children.get(post.uri) ?? []).filter((p) => !p.deleted).length;
  }

  /** `app.bsky.feed.defs#threadgateView`. */
  threadgateView(gate: BskyThreadgateRecord): Json {
    return {
      uri: gate.uri,
      cid: gate.cid,
      record: {
        $type: 'app.bsky.feed.threadgate',
        createdAt: gate.createdAt,
        hiddenReplies: [...gate.hiddenReplies],
        post: gate.post,
      },
      lists: [],
    };
  }

  /** `app.bsky.feed.defs#postView`. */
  postView(post: BskyPostRecord): { [key: string]: Json } {
    const embed = this.embedView(post);
    const gate = this.store.threadgates.get(post.uri);
    return {
      uri: post.uri,
      cid: post.cid,
      author: this.profileBasic(this.store.authorOf(post)),
      record: this.record(post),
      ...(embed ? { embed } : {}),
      bookmarkCount: 0,
      replyCount: this.replyCount(post),
      repostCount: post.repostCount,
      likeCount: post.likeCount,
      quoteCount: post.quoteCount,
      indexedAt: post.indexedAt,
      viewer: { bookmarked: false, threadMuted: false, embeddingDisabled: false },
      labels: this.labels(post),
      ...(gate ? { threadgate: this.threadgateView(gate) } : {}),
    };
  }

  private notFound(uri: string): Json {
    return { $type: 'app.bsky.feed.defs#notFoundPost', uri, notFound: true };
  }

  private blocked(post: BskyPostRecord): Json {
    return {
      $type: 'app.bsky.feed.defs#blockedPost',
      uri: post.uri,
      blocked: true,
      author: { did: this.store.authorOf(post).did, viewer: { blockedBy: false } },
    };
  }

  /** A thread node for a reply or parent that may be deleted or blocked. */
  private node(uri: string): BskyPostRecord | Json {
    const post = this.store.posts.get(uri);
    if (!post || post.deleted) return this.notFound(uri);
    if (this.store.authorOf(post).blockedByRoot) return this.blocked(post);
    return post;
  }

  private threadContext(post: BskyPostRecord): Json {
    return post.rootAuthorLike ? { rootAuthorLike: post.rootAuthorLike } : {};
  }

  private parent(post: BskyPostRecord, height: number): Json | undefined {
    if (height < 1 || !post.parentUri) return undefined;
    const node = this.node(post.parentUri);
    if (!isPost(node)) return node;
    const parent = this.parent(node, height - 1);
    return {
      $type: 'app.bsky.feed.defs#threadViewPost',
      post: this.postView(node),
      ...(parent ? { parent } : {}),
      threadContext: this.threadContext(node),
    };
  }

  private replies(post: BskyPostRecord, depth: number): Json[] | undefined {
    if (depth < 1) return undefined;
    return (this.store.children.get(post.uri) ?? []).map((child) => {
      const node = this.node(child.uri);
      if (!isPost(node)) return node;
      const replies = this.replies(node, depth - 1);
      return {
        $type: 'app.bsky.feed.defs#threadViewPost',
        post: this.postView(node),
        ...(replies ? { replies } : {}),
        threadContext: this.threadContext(node),
      };
    });
  }

  getPostThread(url: URL): Json {
    const uri = requiredParam(url, 'uri');
    if (!/^at:\/\/[^/?#\s]+(\/[^/?#\s]+){0,2}$/.test(uri))
      throw invalid('Error: uri must be a valid at-uri');
    const depth = intParam(url, 'depth', 6, 0, 1000);
    const parentHeight = intParam(url, 'parentHeight', 80, 0, 1000);
    const post = this.store.findPost(uri);
    if (!post || post.deleted) throw new XrpcError(400, 'NotFound', `Post not found: ${uri}`);
    const rootUri = post.rootUri ?? post.uri;
    const gate = this.store.threadgates.get(rootUri);
    let thread: Json;
    if (this.store.authorOf(post).blockedByRoot) {
      thread = this.blocked(post);
    } else {
      const parent = this.parent(post, parentHeight);
      const replies = this.replies(post, depth);
      thread = {
        $type: 'app.bsky.feed.defs#threadViewPost',
        post: this.postView(post),
        ...(parent ? { parent } : {}),
        ...(replies ? { replies } : {}),
        threadContext: this.threadContext(post),
      };
    }
    return { thread, ...(gate ? { threadgate: this.threadgateView(gate) } : {}) };
  }

  private feedRef(uri: string): Json {
    const node = this.node(uri);
    return isPost(node) ? { $type: 'app.bsky.feed.defs#postView', ...this.postView(node) } : node;
  }

  getAuthorFeed(url: URL): Json {
    const account = this.actor(url);
    const limit = intParam(url, 'limit', 50, 1, 100);
    const filter = url.searchParams.get('filter') ?? 'posts_with_replies';
    if (!(AUTHOR_FEED_FILTERS as readonly string[]).includes(filter))
      throw invalid(`Error: filter must be one of (${AUTHOR_FEED_FILTERS.join('|')})`);
    const cursor = url.searchParams.get('cursor');
    const own = (uri: string | null): boolean =>
      uri !== null && this.store.posts.get(uri)?.authorKey === account.key;
    let posts = (this.store.byAuthor.get(account.key) ?? []).filter((p) => !p.deleted);
    if (filter === 'posts_no_replies') posts = posts.filter((p) => !p.parentUri);
    else if (filter === 'posts_with_media') posts = posts.filter((p) => p.images.length > 0);
    else if (filter === 'posts_with_video') posts = [];
    else if (filter === 'posts_and_author_threads')
      posts = posts.filter((p) => !p.parentUri || (own(p.parentUri) && own(p.rootUri)));
    if (cursor) posts = posts.filter((p) => p.createdAt < cursor);
    const page = posts.slice(0, limit);
    const feed = page.map((post): Json => {
      if (!post.parentUri || !post.rootUri) return { post: this.postView(post) };
      const parent = this.store.posts.get(post.parentUri);
      const grandparent = parent?.parentUri ? this.store.posts.get(parent.parentUri) : undefined;
      return {
        post: this.postView(post),
        reply: {
          root: this.feedRef(post.rootUri),
          parent: this.feedRef(post.parentUri),
          ...(grandparent
            ? { grandparentAuthor: this.profileBasic(this.store.authorOf(grandparent)) }
            : {}),
        },
      };
    });
    // Like the AppView, a cursor comes with every non-empty page; the page after the last is empty.
    return { ...(page.length ? { cursor: page[page.length - 1]!.createdAt } : {}), feed };
  }

  /**
   * `app.bsky.feed.getLikes` (`likes`: `{ actor, createdAt, indexedAt }`) or
   * `app.bsky.feed.getRepostedBy` (`repostedBy`: profile views). The seed keeps counts, not like
   * records: the accounts are the seed's own (not the post's author, not blocked ones), in a fixed
   * order per post, as many as the count allows; paged with an offset cursor. An unknown post has
   * none, as on the AppView.
   */
  getLikers(url: URL, likes: boolean): Json {
    const uri = requiredParam(url, 'uri');
    if (!/^at:\/\/[^/?#\s]+(\/[^/?#\s]+){0,2}$/.test(uri))
      throw invalid('Error: uri must be a valid at-uri');
    const limit = intParam(url, 'limit', 50, 1, 100);
    const offset = Math.max(0, Number.parseInt(url.searchParams.get('cursor') ?? '0', 10) || 0);
    const post = this.store.findPost(uri);
    const accounts =
      post && !post.deleted
        ? this.store.likers(post).slice(0, likes ? post.likeCount : post.repostCount)
        : [];
    const page = accounts.slice(offset, offset + limit);
    const cursor: { [key: string]: Json } =
      offset + page.length < accounts.length ? { cursor: String(offset + page.length) } : {};
    const view = (account: BskyAccountRecord): Json => {
      const { viewer, ...basic } = this.profileBasic(account);
      return {
        ...basic,
        description: account.description,
        indexedAt: account.indexedAt,
        viewer: viewer!,
      };
    };
    if (!likes) return { uri, ...cursor, repostedBy: page.map(view) };
    return {
      uri,
      ...(post ? { cid: post.cid } : {}),
      ...cursor,
      likes: page.map((account, i) => {
        const at = new Date(Date.parse(post!.indexedAt) + (accounts.length - offset - i) * 60_000);
        return { actor: view(account), createdAt: at.toISOString(), indexedAt: at.toISOString() };
      }),
    };
  }

  getPosts(url: URL): Json {
    const uris = url.searchParams.getAll('uris');
    if (uris.length === 0) throw invalid('Error: Params must have the property "uris"');
    if (uris.length > 25) throw invalid('Error: uris must not have more than 25 elements');
    const posts: Json[] = [];
    for (const uri of uris) {
      const post = this.store.findPost(uri);
      // The block is between the thread's author and the replier, not the (anonymous) viewer.
      if (post && !post.deleted) posts.push(this.postView(post));
    }
    return { posts };
  }

  getProfile(url: URL): Json {
    return this.profileDetailed(this.actor(url));
  }

  resolveHandle(url: URL): Json {
    const handle = requiredParam(url, 'handle');
    if (!HANDLE_RE.test(handle)) throw invalid('Error: handle must be a valid handle');
    const account = handle.startsWith('did:') ? undefined : this.store.resolveActor(handle);
    if (!account) throw invalid('Unable to resolve handle');
    return { did: account.did };
  }
}

function isPost(node: BskyPostRecord | Json): node is BskyPostRecord {
  return typeof node === 'object' && node !== null && 'rkey' in node && 'authorKey' in node;
}
