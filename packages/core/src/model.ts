// SPDX-License-Identifier: MIT
/**
 * The protocol-neutral model every provider maps into and every element renders.
 * IDs are opaque strings: never parse or compare them numerically.
 * @packageDocumentation
 */

/** The protocol families Fedikit speaks. */
export type Protocol = 'mastodon' | 'pixelfed' | 'bluesky';

/** What a {@link Ref} points at: a post, a profile, or a curated collection of posts (Pixelfed). */
export type RefKind = 'post' | 'profile' | 'collection';

/**
 * A resolved reference to a post or a profile: where it lives and how to ask for it.
 * Produced by {@link resolve}.
 */
export interface Ref {
  /** The protocol family that serves it. */
  readonly protocol: Protocol;
  /** Post or profile. */
  readonly kind: RefKind;
  /** Origin of the server that holds it, e.g. `https://mastodon.social`. */
  readonly origin: string;
  /** Host name of that server (with port when not the default). */
  readonly host: string;
  /** For a post (or a collection): its id on `origin`. */
  readonly id?: string;
  /** For a profile (and a post URL that names one): the account as `user` or `user@domain`. */
  readonly acct?: string;
  /** The input URL, when the input was a URL. */
  readonly url?: string;
}

/** A custom emoji: `:shortcode:` in text, shown as an image. */
export interface CustomEmoji {
  readonly shortcode: string;
  /** Image URL, already checked by `safeUrl`. */
  readonly url: string;
  /** Non-animated variant, already checked by `safeUrl`. */
  readonly staticUrl: string;
}

/** Who wrote a post. */
export interface Author {
  readonly id: string;
  /** Display name as plain text (may contain `:shortcode:` emoji). Empty when unknown. */
  readonly name: string;
  /** Full handle without the leading `@`, e.g. `alice@example.social`. */
  readonly handle: string;
  /** Profile page, safe to link. */
  readonly url?: string;
  /** Avatar image, safe to load. */
  readonly avatar?: string;
  /** Non-animated avatar, safe to load. */
  readonly avatarStatic?: string;
  readonly emojis: readonly CustomEmoji[];
  /** A bot account. */
  readonly bot: boolean;
  /** The author asked not to be indexed by search engines (Mastodon `noindex`). */
  readonly noindex: boolean;
}

/** The kind of a media attachment; `unknown` renders as a link. */
export type MediaType = 'image' | 'gifv' | 'video' | 'audio' | 'unknown';

/** One media attachment. */
export interface Media {
  readonly id: string;
  readonly type: MediaType;
  /** Full-size file, safe to load. */
  readonly url?: string;
  /** Preview image, safe to load. */
  readonly previewUrl?: string;
  /** Alt text, plain text. Empty when the author gave none. */
  readonly alt: string;
  /** Blurhash of the image, when known. */
  readonly blurhash?: string;
  /** Intrinsic size in pixels, clamped to sane values, when known. */
  readonly width?: number;
  readonly height?: number;
  /** Size of `previewUrl` in pixels, when known (lets a gallery offer a `srcset`). */
  readonly previewWidth?: number;
  readonly previewHeight?: number;
  /** The license the author published the file under (Pixelfed), when given. */
  readonly license?: MediaLicense;
}

/** A media license as the server names it, e.g. `CC BY 4.0`. */
export interface MediaLicense {
  /** Human-readable name, plain text. */
  readonly name: string;
  /** The license's text, safe to link. */
  readonly url?: string;
}

/** Who can see a post. Only `public` and `unlisted` posts are ever shown by the elements. */
export type Visibility = 'public' | 'unlisted' | 'private' | 'direct' | 'unknown';

/**
 * A piece of rich text (Bluesky facets): plain text, or a link, mention or tag whose `href` already
 * passed `safeUrl`. Rendered as text nodes and links, never as HTML.
 */
export interface RichSegment {
  readonly text: string;
  readonly kind?: 'link' | 'mention' | 'tag';
  readonly href?: string;
}

/** A post (a Mastodon status, a Bluesky post). */
export interface Post {
  readonly protocol: Protocol;
  readonly id: string;
  /** Canonical (ActivityPub) id, used for remote interaction. */
  readonly uri: string;
  /** Web page of the post on its origin server, safe to link. */
  readonly url?: string;
  /** Id of the parent post, if this is a reply. */
  readonly inReplyTo?: string;
  readonly author: Author;
  /**
   * Body: HTML that still has to go through the sanitizer (`format: 'html'`), plain text (`text`),
   * or plain text whose rich parts are in `segments` (`rich`, Bluesky).
   */
  readonly content: string;
  readonly format: 'html' | 'text' | 'rich';
  /** With `format: 'rich'`: the text cut into plain and linked segments. */
  readonly segments?: readonly RichSegment[];
  /** Content warning; empty when none. */
  readonly spoiler: string;
  /** Media should be hidden until the reader asks. */
  readonly sensitive: boolean;
  readonly media: readonly Media[];
  readonly emojis: readonly CustomEmoji[];
  /** BCP 47 language of the post, when known. */
  readonly lang?: string;
  /** Creation time; `undefined` when the server sent no valid date. */
  readonly createdAt?: Date;
  /** Last edit time, when edited. */
  readonly editedAt?: Date;
  readonly visibility: Visibility;
  readonly counts: {
    readonly replies: number;
    readonly reposts: number;
    readonly likes: number;
  };
  /** The thread's root author favourited this reply, when the server says so. */
  readonly likedByAuthor?: boolean;
  /**
   * A stand-in for a reply that cannot or should not be shown: `blocked` (its author and the reader
   * or the thread's author block each other), `not-found` (deleted), `hidden` (the thread's author
   * hid it). Its text and author are empty, except for `hidden`, which keeps the real post so the
   * reader may reveal it.
   */
  readonly placeholder?: 'blocked' | 'not-found' | 'hidden';
  /** A link card or a quoted post shown under the text, when the post has one. */
  readonly embed?: Embed;
}

/**
 * A preview of the web page a post links to (a Bluesky external embed, a Mastodon preview card).
 * Every string is plain text; rendered as one link.
 */
export interface LinkCard {
  readonly type: 'card';
  /** The page, safe to link. */
  readonly url: string;
  /** The page's title, plain text; may be empty. */
  readonly title: string;
  /** The page's description, plain text; may be empty. */
  readonly description: string;
  /** Preview image, safe to load. */
  readonly image?: string;
}

/**
 * A post quoted by another. Only one level is kept: the quoted `post` never has an `embed` itself.
 * When the quoted post cannot be shown, `post` is absent and `unavailable` says why: `not-found`
 * (deleted), `blocked` (its author and the quoting one block each other), `detached` (its author
 * removed the quote), `hidden` (moderation for a logged-out reader: the author keeps their posts
 * from logged-out readers, or an adult label the site hides).
 */
export interface QuoteEmbed {
  readonly type: 'quote';
  /** The quoted post, moderated as a reply is (labels may set its spoiler and `sensitive`). */
  readonly post?: Post;
  readonly unavailable?: 'not-found' | 'blocked' | 'detached' | 'hidden';
}

/** What a post shows under its text besides media: see {@link LinkCard} and {@link QuoteEmbed}. */
export type Embed = LinkCard | QuoteEmbed;

/**
 * Accounts that liked or reposted a post (a facepile): the first few, as the server lists them.
 * How many there are in all is the post's own count (`Post.counts`). Accounts that keep themselves
 * from logged-out readers are left out.
 */
export interface Facepile {
  readonly authors: readonly Author[];
}

/** One node of a {@link Thread}: a post and its direct replies. */
export interface ThreadNode {
  readonly post: Post;
  /** Replies, sorted by the thread's order. */
  readonly replies: ThreadNode[];
  /** Depth below the root (the root's direct replies are at depth 1). */
  readonly depth: number;
  /** Replies exist below this node but were cut by the depth cap. */
  readonly truncatedBelow: boolean;
}

/** A conversation: the root post and its replies as a tree. */
export interface Thread {
  readonly root: Post;
  /** Direct replies to the root. */
  readonly replies: ThreadNode[];
  /** Replies in the tree (not counting the root). */
  readonly count: number;
  /**
   * Set when the tree is known to be incomplete: the server caps anonymous reads
   * (`server-limit`), or a Fedikit cap cut it (`depth`, `size`).
   */
  readonly truncated?: 'server-limit' | 'depth' | 'size';
  /** Where to read the whole conversation. */
  readonly fullThreadUrl?: string;
  /** For a conversation merged from several networks: the root post of each source, in order. */
  readonly sources?: readonly Post[];
  /**
   * The server is still fetching replies from other servers (Mastodon 4.4+ says so with a
   * `Mastodon-Async-Refresh` header): reading again after `retryAfter` seconds may show more.
   */
  readonly pending?: { readonly retryAfter: number };
}

/** A public profile. */
export interface Profile {
  readonly author: Author;
  /** Bio as HTML, to be sanitized. */
  readonly bio: string;
  readonly header?: string;
  readonly counts: {
    readonly followers: number;
    readonly following: number;
    readonly posts: number;
  };
}
