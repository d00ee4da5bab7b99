// SPDX-License-Identifier: MIT
// Seed records → Mastodon 4.6 REST entities, field for field and in the order Mastodon serializes
// them (compare with the recorded anonymous responses), plus the thread queries of StatusesController.
import { ORIGIN_TOKEN } from './format.js';
import {
  avatarSvg,
  EMOJI_SVGS,
  headerSvg,
  instanceIconSvg,
  sceneBlurhash,
  sceneSvg,
  solidPng,
  type Scene,
} from './media.js';
import type {
  AccountRecord,
  CardRecord,
  EmojiRecord,
  MediaRecord,
  SeedData,
  StatusRecord,
} from './seed.js';
import { compareIds, fileHash, idPartition } from './util.js';

/** A JSON value as the serializers produce it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A static file the sandbox serves under its own origin. */
export interface Asset {
  readonly type: string;
  readonly body: () => Buffer;
}

/** Mastodon's logged-out caps for `/context` (StatusesController: ANCESTORS_LIMIT and friends). */
export const ANONYMOUS_CONTEXT = { ancestors: 40, descendants: 60, depth: 20 } as const;
/** The caps for a request that carries a token (CONTEXT_LIMIT). */
export const AUTHENTICATED_CONTEXT = { ancestors: 4096, descendants: 4096, depth: null } as const;

const MISSING_AVATAR = '/avatars/original/missing.png';
const MISSING_HEADER = '/headers/original/missing.png';
const THUMBNAIL_SCENE: Scene = {
  sky: ['#5b4bc4', '#e94e77'],
  sun: { x: 0.7, y: 0.35, r: 0.18, color: '#f5a623' },
  ground: { color: '#2b1e57', level: 0.72, waves: 2.5 },
};

/** Whether an anonymous reader may see a status (StatusPolicy#show? without an account). */
export function isPublicVisibility(status: StatusRecord): boolean {
  return status.visibility === 'public' || status.visibility === 'unlisted';
}

function smallSize(width: number, height: number): { width: number; height: number } {
  // Paperclip's "small" style keeps the aspect ratio within 640×360 worth of pixels.
  const scale = Math.min(1, Math.sqrt((640 * 360) / (width * height)));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

function sizeMeta(width: number, height: number): { [key: string]: Json } {
  return { width, height, size: `${width}x${height}`, aspect: width / height };
}

/**
 * The seed, indexed, and everything needed to serve it: entity serializers bound to an origin,
 * the context query and the static assets.
 */
export class SandboxStore {
  readonly accounts = new Map<string, AccountRecord>();
  readonly accountsByKey = new Map<string, AccountRecord>();
  readonly statuses = new Map<string, StatusRecord>();
  readonly emojis: readonly EmojiRecord[];
  /** Child ids per parent id, sorted by id (Mastodon orders the thread tree path by id). */
  readonly children = new Map<string, string[]>();
  /** Statuses per account key, newest first. */
  readonly byAccount = new Map<string, StatusRecord[]>();
  /** Origin-relative path → file. */
  readonly assets = new Map<string, Asset>();

  constructor(data: SeedData) {
    this.emojis = data.emojis;
    for (const account of data.accounts) {
      this.accounts.set(account.id, account);
      this.accountsByKey.set(account.key, account);
    }
    for (const status of data.statuses) {
      this.statuses.set(status.id, status);
      if (status.inReplyToId) {
        const list = this.children.get(status.inReplyToId) ?? [];
        list.push(status.id);
        this.children.set(status.inReplyToId, list);
      }
      const own = this.byAccount.get(status.accountKey) ?? [];
      own.push(status);
      this.byAccount.set(status.accountKey, own);
    }
    for (const list of this.children.values()) list.sort(compareIds);
    for (const list of this.byAccount.values()) list.sort((a, b) => compareIds(b.id, a.id));
    this.registerAssets(data);
  }

  /** The account of a status. */
  accountOf(status: StatusRecord): AccountRecord {
    return this.accountsByKey.get(status.accountKey)!;
  }

  /** Finds an account by `user`, `user@domain`, or `user@<sandbox host>`. */
  lookup(acct: string, host: string): AccountRecord | undefined {
    const clean = acct.replace(/^@/, '').toLowerCase();
    const [user, domain] = clean.split('@', 2) as [string, string | undefined];
    const local = domain === undefined || domain === host.toLowerCase();
    for (const account of this.accounts.values()) {
      if (account.username.toLowerCase() !== user) continue;
      if (local ? account.domain === null : account.domain === domain) return account;
    }
    return undefined;
  }

  private registerAssets(data: SeedData): void {
    const svg = (render: () => string): Asset => ({
      type: 'image/svg+xml',
      body: () => Buffer.from(render()),
    });
    this.assets.set(MISSING_AVATAR, {
      type: 'image/png',
      body: () => solidPng(120, 120, '#c2c7d0'),
    });
    this.assets.set(MISSING_HEADER, {
      type: 'image/png',
      body: () => solidPng(150, 50, '#d9dde3'),
    });
    for (const account of data.accounts) {
      const { avatar, header } = account;
      if (avatar) {
        this.assets.set(
          this.avatarPath(account),
          svg(() => avatarSvg(avatar.initials, avatar.background, avatar.foreground)),
        );
      }
      if (header)
        this.assets.set(
          this.headerPath(account),
          svg(() => headerSvg(header[0], header[1])),
        );
    }
    for (const emoji of data.emojis) {
      const drawing = EMOJI_SVGS[emoji.shortcode] ?? EMOJI_SVGS['fedikit']!;
      this.assets.set(
        this.emojiPath(emoji, 'original'),
        svg(() => drawing),
      );
      this.assets.set(
        this.emojiPath(emoji, 'static'),
        svg(() => drawing),
      );
    }
    for (const status of data.statuses) {
      for (const media of status.media) {
        const small = smallSize(media.width, media.height);
        const label = media.description ?? '';
        this.assets.set(
          this.mediaPath(media, 'original'),
          svg(() => sceneSvg(media.scene, media.width, media.height, label)),
        );
        this.assets.set(
          this.mediaPath(media, 'small'),
          svg(() => sceneSvg(media.scene, small.width, small.height, label)),
        );
      }
      const card = status.card;
      if (card)
        this.assets.set(
          this.cardPath(status),
          svg(() => sceneSvg(card.scene, 1200, 630)),
        );
    }
    for (const size of [36, 48, 72, 96, 144, 192, 256, 384, 512]) {
      this.assets.set(
        `/packs/icons/android-chrome-${size}x${size}.svg`,
        svg(() => instanceIconSvg(size)),
      );
    }
    for (const scale of [1, 2]) {
      this.assets.set(
        `/system/site_uploads/files/000/000/001/@${scale}x/${fileHash('thumbnail')}.svg`,
        svg(() => sceneSvg(THUMBNAIL_SCENE, 600 * scale, 315 * scale)),
      );
    }
  }

  /** Origin-relative path of an account's avatar. */
  avatarPath(account: AccountRecord): string {
    if (!account.avatar) return MISSING_AVATAR;
    const cache = account.domain ? '/cache' : '';
    return `/system${cache}/accounts/avatars/${idPartition(account.id)}/original/${fileHash('avatar', account.id)}.svg`;
  }

  /** Origin-relative path of an account's header. */
  headerPath(account: AccountRecord): string {
    if (!account.header) return MISSING_HEADER;
    const cache = account.domain ? '/cache' : '';
    return `/system${cache}/accounts/headers/${idPartition(account.id)}/original/${fileHash('header', account.id)}.svg`;
  }

  /** Origin-relative path of a custom emoji image. */
  emojiPath(emoji: EmojiRecord, style: 'original' | 'static'): string {
    return `/system/custom_emojis/images/${idPartition(String(emoji.id))}/${style}/${fileHash('emoji', emoji.shortcode)}.svg`;
  }

  /** Origin-relative path of a media file. */
  mediaPath(media: MediaRecord, style: 'original' | 'small'): string {
    const cache = media.remoteDomain ? '/cache' : '';
    return `/system${cache}/media_attachments/files/${idPartition(media.id)}/${style}/${fileHash('media', media.id)}.svg`;
  }

  /** Origin-relative path of a preview card image. */
  cardPath(status: StatusRecord): string {
    return `/system/cache/preview_cards/images/${idPartition(status.id)}/original/${fileHash('card', status.id)}.svg`;
  }

  /** Serializers bound to the origin the sandbox is reachable at. */
  serializer(origin: string): Serializer {
    return new Serializer(this, origin);
  }

  /**
   * The descendants Mastodon returns: the thread tree walked depth-first with siblings by id
   * (`ORDER BY path`), cut at `depth` levels and at `limit` statuses *before* visibility filtering
   * (Status#descendant_statuses), then filtered, then self-replies promoted to the top
   * (`promote_by!` in StatusThreadingConcern). `known` false for a status leaves it and everything
   * under it out, as if the instance had never stored them (replies it has not fetched yet).
   */
  descendants(
    id: string,
    limit: number,
    depth: number | null,
    known: (status: StatusRecord) => boolean = () => true,
  ): StatusRecord[] {
    const order: StatusRecord[] = [];
    const seen = new Set<string>([id]);
    const stack: { id: string; depth: number }[] = [];
    const push = (parent: string, level: number): void => {
      const kids = this.children.get(parent) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ id: kids[i]!, depth: level });
    };
    push(id, 1);
    while (stack.length > 0 && order.length < limit) {
      const next = stack.pop()!;
      if (seen.has(next.id)) continue;
      seen.add(next.id);
      const status = this.statuses.get(next.id);
      if (!status || !known(status)) continue;
      order.push(status);
      if (depth === null || next.depth < depth) push(next.id, next.depth + 1);
    }
    const visible = order.filter(isPublicVisibility);
    const isSelfReply = (s: StatusRecord): boolean => {
      const parent = s.inReplyToId ? this.statuses.get(s.inReplyToId) : undefined;
      return parent?.accountKey === s.accountKey;
    };
    const insertAt = visible.findIndex((s) => !isSelfReply(s));
    if (insertAt === -1) return visible;
    const promoted = visible.slice(0, insertAt);
    const rest: StatusRecord[] = [];
    for (const status of visible.slice(insertAt))
      (isSelfReply(status) ? promoted : rest).push(status);
    return [...promoted, ...rest];
  }

  /** The ancestors Mastodon returns: the closest `limit` ones, root first, visible only. */
  ancestors(status: StatusRecord, limit: number): StatusRecord[] {
    const chain: StatusRecord[] = [];
    const seen = new Set<string>([status.id]);
    let current = status.inReplyToId ? this.statuses.get(status.inReplyToId) : undefined;
    while (current && chain.length < limit && !seen.has(current.id)) {
      seen.add(current.id);
      chain.push(current);
      current = current.inReplyToId ? this.statuses.get(current.inReplyToId) : undefined;
    }
    return chain.reverse().filter(isPublicVisibility);
  }

  /** Public replies directly below a status (Mastodon's `replies_count` skips private ones). */
  repliesCount(status: StatusRecord): number {
    return (this.children.get(status.id) ?? []).filter((id) => {
      const child = this.statuses.get(id);
      return child !== undefined && isPublicVisibility(child);
    }).length;
  }
}

/** Turns records into Mastodon JSON for one origin. */
export class Serializer {
  constructor(
    private readonly store: SandboxStore,
    readonly origin: string,
  ) {}

  /** The `host[:port]` the sandbox answers for (the domain part of local `acct:` URIs). */
  get host(): string {
    return new URL(this.origin).host;
  }

  private html(text: string): string {
    return text.replaceAll(ORIGIN_TOKEN, this.origin);
  }

  /** A CustomEmoji as it appears inside statuses and accounts. */
  emoji(emoji: EmojiRecord): { [key: string]: Json } {
    return {
      shortcode: emoji.shortcode,
      url: `${this.origin}${this.store.emojiPath(emoji, 'original')}`,
      static_url: `${this.origin}${this.store.emojiPath(emoji, 'static')}`,
      visible_in_picker: true,
    };
  }

  /** A CustomEmoji as `/api/v1/custom_emojis` lists it (with its category). */
  customEmoji(emoji: EmojiRecord): { [key: string]: Json } {
    return { ...this.emoji(emoji), category: emoji.category };
  }

  private emojisFor(shortcodes: readonly string[]): Json[] {
    return shortcodes.flatMap((code) => {
      const emoji = this.store.emojis.find((e) => e.shortcode === code);
      return emoji ? [this.emoji(emoji)] : [];
    });
  }

  /** The public URL of an account's profile. */
  accountUrl(account: AccountRecord): string {
    if (account.overrides?.url) return account.overrides.url;
    return account.domain
      ? `https://${account.domain}/@${account.username}`
      : `${this.origin}/@${account.username}`;
  }

  /** The ActivityPub id of an account (Mastodon 4.6 uses numeric `/ap/users/:id` ids). */
  accountUri(account: AccountRecord): string {
    return account.domain
      ? `https://${account.domain}/users/${account.username}`
      : `${this.origin}/ap/users/${account.id}`;
  }

  /** An Account entity. Local accounts also carry `noindex` and `roles`, like Mastodon's. */
  account(account: AccountRecord): { [key: string]: Json } {
    const statuses = this.store.byAccount.get(account.key) ?? [];
    const avatar = account.overrides?.avatar ?? `${this.origin}${this.store.avatarPath(account)}`;
    const header = account.overrides?.header ?? `${this.origin}${this.store.headerPath(account)}`;
    const json: { [key: string]: Json } = {
      id: account.id,
      username: account.username,
      acct: account.domain ? `${account.username}@${account.domain}` : account.username,
      display_name: account.displayName,
      locked: account.locked,
      bot: account.bot,
      discoverable: account.discoverable,
      indexable: account.indexable,
      group: account.group,
      created_at: account.createdAt,
      note: this.html(account.note),
      url: this.accountUrl(account),
      uri: this.accountUri(account),
      avatar,
      avatar_static: account.overrides?.avatarStatic ?? avatar,
      avatar_description: account.avatarDescription,
      header,
      header_static: header,
      header_description: '',
      followers_count: account.followersCount,
      following_count: account.followingCount,
      statuses_count: statuses.filter((s) => s.reblogOf === null).length,
      last_status_at: statuses[0] ? statuses[0].createdAt.slice(0, 10) : null,
      hide_collections: account.hideCollections,
      show_media: true,
      show_media_replies: true,
      show_featured: true,
    };
    if (!account.domain) json['noindex'] = account.noindex;
    json['feature_approval'] = {
      automatic: account.locked ? [] : ['public'],
      manual: [],
      current_user: 'denied',
    };
    json['emojis'] = this.emojisFor(account.emojis);
    if (!account.domain) json['roles'] = [];
    json['fields'] = account.fields.map((f) => ({
      name: f.name,
      value: this.html(f.value),
      verified_at: f.verifiedAt,
    }));
    return json;
  }

  /** A MediaAttachment (image) entity. */
  media(media: MediaRecord): { [key: string]: Json } {
    const small = smallSize(media.width, media.height);
    const remoteUrl = media.remoteDomain
      ? `https://${media.remoteDomain}/system/media_attachments/files/${idPartition(media.id)}/original/${fileHash('remote', media.id)}.svg`
      : null;
    return {
      id: media.id,
      type: 'image',
      url: media.overrides?.url ?? `${this.origin}${this.store.mediaPath(media, 'original')}`,
      preview_url:
        media.overrides?.previewUrl ?? `${this.origin}${this.store.mediaPath(media, 'small')}`,
      remote_url: media.overrides?.remoteUrl ?? remoteUrl,
      preview_remote_url: null,
      text_url: null,
      meta: {
        original: sizeMeta(media.width, media.height),
        small: sizeMeta(small.width, small.height),
        focus: { x: media.focus.x, y: media.focus.y },
      },
      description: media.description,
      blurhash: sceneBlurhashCached(media.scene, media.width, media.height),
    };
  }

  /** A PreviewCard entity. */
  card(status: StatusRecord, card: CardRecord): { [key: string]: Json } {
    const author = card.authorKey ? this.store.accountsByKey.get(card.authorKey) : undefined;
    return {
      url: card.url,
      title: card.title,
      description: card.description,
      language: 'en',
      type: 'link',
      author_name: card.authorName,
      author_url: card.authorUrl,
      provider_name: card.providerName,
      provider_url: '',
      html: '',
      width: 1200,
      height: 630,
      image: `${this.origin}${this.store.cardPath(status)}`,
      image_description: '',
      embed_url: '',
      blurhash: sceneBlurhashCached(card.scene, 1200, 630),
      published_at: card.publishedAt,
      missing_attribution: false,
      authors: author
        ? [{ name: card.authorName, url: card.authorUrl, account: this.account(author) }]
        : [],
    };
  }

  /** The `url` of a status (its HTML page). */
  statusUrl(status: StatusRecord): string {
    if (status.overrides?.url) return status.overrides.url;
    const account = this.store.accountOf(status);
    if (status.reblogOf) {
      return account.domain
        ? `https://${account.domain}/users/${account.username}/statuses/${status.remoteId}/activity`
        : `${this.origin}/users/${account.username}/statuses/${status.id}/activity`;
    }
    return account.domain
      ? `https://${account.domain}/@${account.username}/${status.remoteId}`
      : `${this.origin}/@${account.username}/${status.id}`;
  }

  /** The ActivityPub id of a status. */
  statusUri(status: StatusRecord): string {
    if (status.overrides?.uri) return status.overrides.uri;
    const account = this.store.accountOf(status);
    const activity = status.reblogOf ? '/activity' : '';
    return account.domain
      ? `https://${account.domain}/users/${account.username}/statuses/${status.remoteId}${activity}`
      : `${this.origin}/ap/users/${account.id}/statuses/${status.id}${activity}`;
  }

  /**
   * A Status entity as an anonymous reader gets it: no viewer fields (`favourited`, `reblogged`,
   * `muted`, `bookmarked`, `pinned`, `filtered`), `application` only for local authors.
   */
  status(status: StatusRecord, quoted = false): { [key: string]: Json } {
    const account = this.store.accountOf(status);
    const parent = status.inReplyToId ? this.store.statuses.get(status.inReplyToId) : undefined;
    const reblogged = status.reblogOf ? this.store.statuses.get(status.reblogOf) : undefined;
    const json: { [key: string]: Json } = {
      id: status.id,
      created_at: status.createdAt,
      in_reply_to_id: status.inReplyToId,
      in_reply_to_account_id: parent ? this.store.accountOf(parent).id : null,
      sensitive: status.sensitive,
      spoiler_text: status.spoilerText,
      visibility: status.visibility,
      language: status.language,
      uri: this.statusUri(status),
      url: this.statusUrl(status),
      replies_count: this.store.repliesCount(status),
      reblogs_count: status.reblogIds.length,
      favourites_count: status.favourites.length,
      quotes_count: 0,
      edited_at: status.editedAt,
      content: this.html(status.content),
      reblog: reblogged ? this.status(reblogged) : null,
    };
    // Mastodon omits `application` for remote statuses (show_application? is false for them).
    if (!account.domain) json['application'] = status.application;
    json['account'] = this.account(account);
    json['media_attachments'] = status.media.map((m) => this.media(m));
    json['mentions'] = status.mentions.flatMap((key) => {
      const target = this.store.accountsByKey.get(key);
      return target
        ? [
            {
              id: target.id,
              username: target.username,
              url: this.accountUrl(target),
              acct: target.domain ? `${target.username}@${target.domain}` : target.username,
            },
          ]
        : [];
    });
    json['tags'] = status.tags.map((name) => ({
      name: name.toLowerCase(),
      url: `${this.origin}/tags/${encodeURIComponent(name.toLowerCase())}`,
    }));
    json['emojis'] = status.rawEmojis
      ? status.rawEmojis.map((e) => ({ ...e, visible_in_picker: true }))
      : this.emojisFor(status.emojis);
    json['tagged_collections'] = [];
    // A quoted status's own quote is "shallow" (an id only), as Mastodon nests them.
    const quote = status.quoteOf ? this.store.statuses.get(status.quoteOf) : undefined;
    json['quote'] = !quote
      ? null
      : quoted
        ? { state: 'accepted', quoted_status_id: quote.id }
        : { state: 'accepted', quoted_status: this.status(quote, true) };
    json['card'] = status.card ? this.card(status, status.card) : null;
    json['poll'] = null;
    json['quote_approval'] = {
      automatic:
        status.visibility === 'public' || status.visibility === 'unlisted' ? ['public'] : [],
      manual: [],
      current_user: 'denied',
    };
    return json;
  }

  /** The instance's thumbnail, as `/api/v2/instance` describes it. */
  thumbnail(): { [key: string]: Json } {
    const path = (scale: number): string =>
      `${this.origin}/system/site_uploads/files/000/000/001/@${scale}x/${fileHash('thumbnail')}.svg`;
    return {
      url: path(1),
      blurhash: sceneBlurhashCached(THUMBNAIL_SCENE, 600, 315),
      versions: { '@1x': path(1), '@2x': path(2) },
      description: 'A violet sky over dark hills, with an orange sun: the Fedikit sandbox.',
    };
  }
}

const blurhashCache = new Map<string, string>();

function sceneBlurhashCached(scene: Scene, width: number, height: number): string {
  const key = `${JSON.stringify(scene)}|${width}x${height}`;
  let hash = blurhashCache.get(key);
  if (!hash) {
    hash = sceneBlurhash(scene, width, height);
    blurhashCache.set(key, hash);
  }
  return hash;
}
