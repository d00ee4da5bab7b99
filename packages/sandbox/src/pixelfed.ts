// SPDX-License-Identifier: MIT
// The sandbox's Pixelfed mode: a second local server that answers like a Pixelfed instance, quirks
// included. Its Mastodon-API reads need a token (Laravel's `auth:api`: a 302 to /login for clients
// that do not ask for JSON, a 401 for those that do) unless it is started `open`; it sends no Link
// header and no rate-limit headers; `?_pe=1` gives Pixelfed entities (verb media types, licenses,
// `is_nsfw`); files without a BlurHash get Pixelfed's constant placeholder and files without known
// sizes `meta: null`; accounts are found through WebFinger or v2 search (there is no
// accounts/lookup); collections are read through the web app's public routes (/api/local/...,
// routes/web-api.php) or the token API (/api/v1.1/collections/...), both CollectionController.
// CORS covers only /.well-known/ unless `cors` is set. It never sets cookies.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json } from './entities.js';
import { closer, listen, truthy } from './http-util.js';
import { rasterBlurhash, rasterPng, sceneRaster, solidPng, type Raster } from './media.js';
import {
  PIXELFED_SANDBOX_TOKEN,
  PIXELFED_SEED_DATA,
  type PixelfedAccountRecord,
  type PixelfedCollectionRecord,
  type PixelfedMediaRecord,
  type PixelfedStatusRecord,
} from './seed-pixelfed.js';
import {
  htmlPage,
  jsonReply,
  replyServer,
  createRequestLog,
  sendReply,
  type Reply,
} from './server.js';
import { compareIds, escapeHtml, isNumericId, originFor } from './util.js';

/** Options of {@link createPixelfedSandbox}. */
export interface PixelfedSandboxOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to bind; defaults to `127.0.0.1`. */
  readonly hostname?: string;
  /** Serve the API to anonymous readers, as an instance configured open would. Default false. */
  readonly open?: boolean;
  /** The read token it accepts as `Authorization: Bearer …`. Default {@link PIXELFED_SANDBOX_TOKEN}. */
  readonly token?: string;
  /**
   * Also send CORS headers on `/api/*` (and answer its preflights), as instances that fixed their
   * CORS configuration do. Default false: like Pixelfed's config/cors.php, only `/.well-known/*`.
   */
  readonly cors?: boolean;
  /** Record every request for `GET /__log`. */
  readonly log?: boolean;
}

/** A running Pixelfed-mode sandbox. */
export interface PixelfedSandbox {
  /** Its origin, e.g. `http://127.0.0.1:4874`. */
  readonly url: string;
  /** The read token it accepts. */
  readonly token: string;
  /** Whether it serves the API without a token. */
  readonly open: boolean;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Pixelfed's stand-in BlurHash for files that have none (Mastodon v1 MediaTransformer). */
export const PIXELFED_PLACEHOLDER_BLURHASH = 'U4Rfzst8?bt7ogayj[j[~pfQ9Goe%Mj[WBay';
const VERSION = '0.12.6';
/** Mastodon account fields that Pixelfed's own account entity does not have. */
const PIXELFED_ACCOUNT_OMITS = [
  'avatar_static',
  'header',
  'header_static',
  'emojis',
  'moved',
  'fields',
  'bot',
  'group',
  'last_status_at',
] as const;
/**
 * CollectionController::getItems: page `p` is the items whose `order` (their score in Redis) lies in
 * the inclusive range [10p - 10, 10p], so up to eleven a page, the last one again first on the next.
 */
const COLLECTION_PAGE = 10;
/** CollectionController::getUserCollections: `paginate(9)`. */
const COLLECTIONS_PER_PAGE = 9;

type Headers = Record<string, string>;

interface Store {
  readonly accounts: Map<string, PixelfedAccountRecord>;
  readonly byKey: Map<string, PixelfedAccountRecord>;
  readonly statuses: Map<string, PixelfedStatusRecord>;
  readonly collections: Map<string, PixelfedCollectionRecord>;
  /** Files by path: originals, thumbnails and avatars, rendered on first use. */
  readonly files: Map<string, () => Buffer>;
  readonly media: Map<string, { record: PixelfedMediaRecord; accountId: string }>;
  blurhash(media: PixelfedMediaRecord): string;
}

let sharedStore: Store | undefined;

function memo<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

function hashPath(id: string): string {
  const h = createHash('sha1').update(id).digest('hex');
  return `${h.slice(0, 2)}/${h.slice(2, 4)}`;
}

const mediaPath = (accountId: string, m: PixelfedMediaRecord, thumb = false) =>
  `/storage/m/_v2/${accountId}/${hashPath(m.id)}/${m.id}${thumb ? '_thumb' : ''}.png`;
const avatarPath = (a: PixelfedAccountRecord) => `/storage/avatars/${a.id}.png`;

/** The seed, indexed; images are drawn on first request. Shared by every server in the process. */
function store(): Store {
  if (sharedStore) return sharedStore;
  const data = PIXELFED_SEED_DATA;
  const accounts = new Map(data.accounts.map((a) => [a.id, a]));
  const byKey = new Map(data.accounts.map((a) => [a.key, a]));
  const files = new Map<string, () => Buffer>();
  const media = new Map<string, { record: PixelfedMediaRecord; accountId: string }>();
  const thumbs = new Map<string, () => Raster>();
  // Pixelfed's defaults for a missing header and the instance thumbnail.
  files.set(
    '/storage/headers/missing.png',
    memo(() => solidPng(150, 50, '#d9dde3')),
  );
  files.set(
    '/img/pixelfed-icon-color.png',
    memo(() => solidPng(64, 64, '#6b4ee6')),
  );
  for (const a of data.accounts)
    files.set(
      avatarPath(a),
      memo(() => rasterPng(sceneRaster(a.avatar, 96, 96))),
    );
  for (const s of data.statuses) {
    const accountId = byKey.get(s.accountKey)!.id;
    for (const m of s.media) {
      media.set(m.id, { record: m, accountId });
      const thumb = memo(() =>
        sceneRaster(m.scene, Math.round(m.width / 2), Math.round(m.height / 2)),
      );
      thumbs.set(m.id, thumb);
      files.set(
        mediaPath(accountId, m),
        memo(() => rasterPng(sceneRaster(m.scene, m.width, m.height))),
      );
      files.set(
        mediaPath(accountId, m, true),
        memo(() => rasterPng(thumb())),
      );
    }
  }
  const hashes = new Map<string, string>();
  sharedStore = {
    accounts,
    byKey,
    statuses: new Map(data.statuses.map((s) => [s.id, s])),
    collections: new Map(data.collections.map((c) => [c.id, c])),
    files,
    media,
    // Pixelfed computes the hash from the thumbnail's pixels (Blurhash::generate): so do we.
    blurhash(m) {
      let hash = hashes.get(m.id);
      if (!hash) hashes.set(m.id, (hash = rasterBlurhash(thumbs.get(m.id)!())));
      return hash;
    },
  };
  return sharedStore;
}

/** Starts a sandbox in Pixelfed mode. */
export async function createPixelfedSandbox(
  options: PixelfedSandboxOptions = {},
): Promise<PixelfedSandbox> {
  const hostname = options.hostname ?? '127.0.0.1';
  const token = options.token ?? PIXELFED_SANDBOX_TOKEN;
  const open = options.open === true;
  const cors = options.cors === true;
  const db = store();
  const log = createRequestLog(options.log === true);
  let origin = '';
  let host = '';

  const server = replyServer(
    '[fedikit-sandbox pixelfed]',
    { message: 'Server Error' },
    (req, res) => handle(req, res),
  );
  const send = sendReply;

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    if (path === '/__log') {
      send(res, log.endpoint(method, req));
      return;
    }
    log.record(method, req);
    const isApi = path.startsWith('/api/');
    const corsHere = path.startsWith('/.well-known/') || (cors && isApi);
    let reply: Reply;
    if (method === 'OPTIONS') {
      reply = corsHere
        ? {
            status: 204,
            headers: {
              'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
              'access-control-allow-headers':
                req.headers['access-control-request-headers'] ?? 'authorization',
              'access-control-max-age': '0',
            },
            body: '',
          }
        : jsonReply(405, { message: 'The OPTIONS method is not supported for this route.' });
    } else if (method !== 'GET' && method !== 'HEAD') {
      reply = jsonReply(405, { message: `The ${method} method is not supported for this route.` });
    } else {
      reply = route(path, url, req);
    }
    if (corsHere) reply.headers['access-control-allow-origin'] = '*';
    if (isApi) reply.headers['cache-control'] = 'no-cache, private';
    send(res, reply);
  }

  /**
   * Laravel's `auth:api`: a valid bearer token passes; otherwise clients that ask for JSON get a 401
   * and everyone else a 302 to the login page (Authenticate::redirectTo).
   */
  function gate(req: IncomingMessage): Reply | undefined {
    if (open) return undefined;
    if (req.headers.authorization === `Bearer ${token}`) return undefined;
    const accept = req.headers.accept ?? '';
    if (/json/i.test(accept) || req.headers['x-requested-with'] === 'XMLHttpRequest')
      return jsonReply(401, { message: 'Unauthenticated.' });
    return {
      status: 302,
      headers: { location: `${origin}/login`, 'content-type': 'text/html; charset=UTF-8' },
      body: `<!DOCTYPE html>\n<html><head><meta http-equiv="refresh" content="0;url='${origin}/login'" /><title>Redirecting to ${origin}/login</title></head><body>Redirecting to <a href="${origin}/login">${origin}/login</a>.</body></html>`,
    };
  }

  const notFound = (): Reply => jsonReply(404, { message: '' });

  function route(path: string, url: URL, req: IncomingMessage): Reply {
    let m: RegExpExecArray | null;
    if (path === '/.well-known/webfinger') return webfinger(url);
    if (path === '/.well-known/nodeinfo')
      return jsonReply(200, {
        links: [
          {
            rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0',
            href: `${origin}/api/nodeinfo/2.0.json`,
          },
        ],
      });
    if (path === '/api/nodeinfo/2.0.json') return jsonReply(200, nodeinfo());
    if (path === '/api/v1/instance') return jsonReply(200, instance());
    if (path === '/api/v1/custom_emojis') return jsonReply(200, []);

    // The web app's own reads (routes/web-api.php): no auth middleware, so anyone may read public
    // collections there, token or not (a bearer token means nothing to the session guard).
    if ((m = /^\/api\/local\/collection\/(items\/)?(\d{1,20})$/.exec(path)))
      return collections(m[1] ? 'items' : 'view', m[2]!, url);
    if ((m = /^\/api\/local\/profile\/collections\/(\d{1,20})$/.exec(path)))
      return collections('accounts', m[1]!, url);

    const authed =
      /^\/api\/(?:v1\/(?:statuses|accounts)\/\d+|v2\/search$|v1\.1\/collections\/)/.test(path);
    if (authed) {
      const refused = gate(req);
      if (refused) return refused;
    }
    const pe = truthy(url.searchParams.get('_pe'));
    if ((m = /^\/api\/v1\/statuses\/(\d{1,20})(\/context)?$/.exec(path))) {
      const status = db.statuses.get(m[1]!);
      if (!status || status.visibility === 'private') return notFound();
      if (!m[2]) return jsonReply(200, pe ? entity(status) : mastodonStatus(status));
      const replies = [...db.statuses.values()]
        .filter((s) => s.visibility !== 'private' && descendsFrom(s, status.id))
        .sort((a, b) => compareIds(a.id, b.id));
      const ancestors: PixelfedStatusRecord[] = [];
      for (let p = status.inReplyToId; p;) {
        const parent = db.statuses.get(p);
        if (!parent) break;
        ancestors.unshift(parent);
        p = parent.inReplyToId;
      }
      return jsonReply(200, {
        ancestors: ancestors.map((s) => mastodonStatus(s)),
        descendants: replies.map((s) => mastodonStatus(s)),
      });
    }
    if ((m = /^\/api\/v1\/accounts\/(\d{1,20})(\/statuses)?$/.exec(path))) {
      const account = db.accounts.get(m[1]!);
      if (!account) return notFound();
      return m[2] ? accountStatuses(account, url, pe) : jsonReply(200, mastodonAccount(account));
    }
    if (path === '/api/v2/search') return search(url);
    if ((m = /^\/api\/v1\.1\/collections\/(accounts|view|items)\/(\d{1,20})$/.exec(path)))
      return collections(m[1]!, m[2]!, url);
    if (path.startsWith('/api/'))
      return jsonReply(404, { message: `The route ${path.slice(1)} could not be found.` });

    if (path === '/login') return loginPage();
    const file = db.files.get(path);
    if (file) return fileReply(file(), req);
    if ((m = /^\/p\/([^/]+)\/(\d{1,20})$/.exec(path))) return postPage(m[1]!, m[2]!);
    if ((m = /^\/i\/web\/post\/(\d{1,20})$/.exec(path))) {
      const status = db.statuses.get(m[1]!);
      if (!status || status.visibility === 'private') return htmlNotFound();
      return { status: 302, headers: { location: postUrl(status) }, body: '' };
    }
    if ((m = /^\/c\/(\d{1,20})$/.exec(path))) return collectionPage(m[1]!);
    if ((m = /^\/([A-Za-z0-9_.-]{2,30})$/.exec(path))) return profilePage(m[1]!);
    if (path === '/')
      return htmlPage(
        'Fedikit sandbox (Pixelfed mode)',
        `<h1>Fedikit sandbox, Pixelfed mode</h1><p>Pixelfed ${VERSION}-like. The API needs a token${open ? ' (this one is open)' : ''}.</p>` +
          `<ul>${[...db.accounts.values()].map((a) => `<li><a href="/${escapeHtml(a.username)}">@${escapeHtml(a.username)}</a></li>`).join('')}</ul>`,
      );
    return htmlNotFound();
  }

  function descendsFrom(s: PixelfedStatusRecord, rootId: string): boolean {
    for (let p = s.inReplyToId, hops = 0; p && hops < 100; hops++) {
      if (p === rootId) return true;
      p = db.statuses.get(p)?.inReplyToId ?? null;
    }
    return false;
  }

  function accountStatuses(account: PixelfedAccountRecord, url: URL, pe: boolean): Reply {
    const q = url.searchParams;
    const raw = Number.parseInt(q.get('limit') ?? '', 10);
    // Pixelfed: default 20, at most 40.
    const limit = Number.isFinite(raw) && raw > 0 ? Math.min(raw, 40) : 20;
    const id = (name: string) => (isNumericId(q.get(name)) ? q.get(name)! : null);
    const maxId = id('max_id');
    const sinceId = id('since_id');
    const minId = id('min_id');
    // Replies and boosts are always left out, whatever exclude_replies says.
    let list = [...db.statuses.values()]
      .filter((s) => s.accountKey === account.key && s.visibility !== 'private' && !s.inReplyToId)
      .sort((a, b) => compareIds(b.id, a.id));
    if (truthy(q.get('only_media'))) list = list.filter((s) => s.media.length > 0);
    list = list.filter(
      (s) =>
        (!maxId || compareIds(s.id, maxId) < 0) &&
        (!sinceId || compareIds(s.id, sinceId) > 0) &&
        (!minId || compareIds(s.id, minId) > 0),
    );
    list = minId ? list.slice(-limit) : list.slice(0, limit);
    // No Link header: Pixelfed never sends one.
    return jsonReply(
      200,
      list.map((s) => (pe ? entity(s) : mastodonStatus(s))),
    );
  }

  function search(url: URL): Reply {
    const q = (url.searchParams.get('q') ?? '').trim().replace(/^@/, '');
    const type = url.searchParams.get('type');
    const [user = '', domain] = q.split('@');
    const accounts =
      (!type || type === 'accounts') &&
      q &&
      (!domain || domain.toLowerCase() === host.toLowerCase())
        ? [...db.accounts.values()].filter((a) =>
            a.username.toLowerCase().startsWith(user.toLowerCase()),
          )
        : [];
    return jsonReply(200, { accounts: accounts.map(mastodonAccount), statuses: [], hashtags: [] });
  }

  /**
   * CollectionController's reads, as its source has them. The reader is anonymous or holds the
   * sandbox's token, which stands for an account that neither owns nor follows anyone here: both
   * see published public collections only; anything else is a 404, as for a missing one.
   */
  function collections(kind: string, id: string, url: URL): Reply {
    if (kind === 'accounts') {
      const account = db.accounts.get(id);
      if (!account) return jsonReply(404, []);
      const raw = Number.parseInt(url.searchParams.get('page') ?? '1', 10);
      const page = Number.isFinite(raw) && raw > 0 ? raw : 1;
      return jsonReply(
        200,
        [...db.collections.values()]
          .filter((c) => c.accountKey === account.key && visible(c))
          .sort((a, b) => compareIds(b.id, a.id))
          .slice((page - 1) * COLLECTIONS_PER_PAGE, page * COLLECTIONS_PER_PAGE)
          .map(collection),
      );
    }
    const c = db.collections.get(id);
    // A missing collection answers `[]`; a hidden one Laravel's abort(404).
    if (!c) return jsonReply(404, []);
    if (!visible(c)) return notFound();
    if (kind === 'view') return jsonReply(200, collection(c));
    // `$request->input('page') ?? 1`, unvalidated: PHP's arithmetic on a non-number throws.
    const param = url.searchParams.get('page');
    const page = param === null || param === '' ? 1 : Number(param);
    if (!Number.isFinite(page)) return jsonReply(500, { message: 'Server Error' });
    const start = page === 1 ? 0 : page * COLLECTION_PAGE - COLLECTION_PAGE;
    const end = start + COLLECTION_PAGE;
    // Redis ZRANGEBYSCORE start end: both ends inclusive. Then StatusService::get, keeping public
    // and unlisted posts only. Items are Pixelfed entities, not Mastodon ones.
    const items = c.statusIds
      .map((sid, order) => ({ s: db.statuses.get(sid), order }))
      .filter(({ order }) => order >= start && order <= end)
      .map(({ s }) => s)
      .filter((s): s is PixelfedStatusRecord => s !== undefined && s.visibility !== 'private');
    return jsonReply(200, items.map(entity));
  }

  /** What an anonymous reader may see: published and public (CollectionController's check). */
  function visible(c: PixelfedCollectionRecord): boolean {
    return c.publishedAt !== null && c.visibility === 'public';
  }

  /** CollectionService::getCollection. */
  function collection(c: PixelfedCollectionRecord): Json {
    const first = db.statuses.get(c.statusIds[0] ?? '');
    const account = db.byKey.get(c.accountKey)!;
    return {
      id: c.id,
      pid: account.id,
      visibility: c.visibility,
      title: c.title,
      description: c.description,
      // The first item's first file, full size, or Pixelfed's stand-in (CollectionService::getThumb).
      thumb: first?.media[0]
        ? `${origin}${mediaPath(account.id, first.media[0])}`
        : `${origin}/storage/no-preview.png`,
      url: `${origin}/c/${c.id}`,
      updated_at: c.publishedAt,
      published_at: c.publishedAt,
      avatar: `${origin}${avatarPath(account)}`,
      username: account.username,
      post_count: c.statusIds.length,
    };
  }

  // ---- Entities ----

  const postUrl = (s: PixelfedStatusRecord) =>
    `${origin}/p/${db.byKey.get(s.accountKey)!.username}/${s.id}`;

  function captionHtml(text: string): string {
    return `<p>${escapeHtml(text).replace(
      /#(\w+)/g,
      (_, tag: string) =>
        `<a href="${origin}/discover/tags/${tag}?src=hash" title="#${tag}" class="u-url hashtag" rel="external nofollow noopener">#${tag}</a>`,
    )}</p>`;
  }

  function mastodonAccount(a: PixelfedAccountRecord): Json {
    const avatar = `${origin}${avatarPath(a)}`;
    const posts = [...db.statuses.values()].filter(
      (s) => s.accountKey === a.key && s.visibility !== 'private',
    );
    return {
      id: a.id,
      username: a.username,
      acct: a.username,
      display_name: a.displayName,
      discoverable: true,
      locked: false,
      followers_count: a.followers,
      following_count: a.following,
      statuses_count: posts.length,
      note: `<p>${a.bio}</p>`,
      url: `${origin}/${a.username}`,
      avatar,
      avatar_static: avatar,
      header: `${origin}/storage/headers/missing.png`,
      header_static: `${origin}/storage/headers/missing.png`,
      emojis: [],
      moved: null,
      fields: [],
      bot: false,
      group: false,
      created_at: a.createdAt,
      last_status_at: posts[0]?.createdAt ?? null,
      website: null,
      local: true,
      is_admin: false,
    };
  }

  /** Pixelfed's own account entity (in `_pe` statuses): no avatar_static, bot or emojis. */
  function pixelfedAccount(a: PixelfedAccountRecord): Json {
    const omit: readonly string[] = PIXELFED_ACCOUNT_OMITS;
    const rest = Object.fromEntries(
      Object.entries(mastodonAccount(a) as Record<string, Json>).filter(([k]) => !omit.includes(k)),
    );
    return {
      ...rest,
      note_text: a.bio.replace(/<[^>]*>/g, ''),
      header_bg: null,
      last_fetched_at: null,
    };
  }

  function mastodonMedia(m: PixelfedMediaRecord, accountId: string): Record<string, Json> {
    return {
      id: m.id,
      type: 'image',
      url: `${origin}${mediaPath(accountId, m)}`,
      remote_url: null,
      preview_url: `${origin}${mediaPath(accountId, m, true)}`,
      text_url: null,
      // `meta` only when the size is known, and then only `original` (no `small`), focus 0,0.
      meta: m.noMeta
        ? null
        : {
            focus: { x: 0, y: 0 },
            original: {
              width: m.width,
              height: m.height,
              size: `${m.width}x${m.height}`,
              aspect: Math.round((m.width / m.height) * 1e6) / 1e6,
            },
          },
      description: m.alt,
      blurhash: m.noBlurhash ? PIXELFED_PLACEHOLDER_BLURHASH : db.blurhash(m),
    };
  }

  function mastodonStatus(s: PixelfedStatusRecord): Json {
    const account = db.byKey.get(s.accountKey)!;
    const parent = s.inReplyToId ? db.statuses.get(s.inReplyToId) : undefined;
    const replies = [...db.statuses.values()].filter((r) => r.inReplyToId === s.id).length;
    return {
      id: s.id,
      uri: `${origin}/p/${account.username}/${s.id}`,
      url: postUrl(s),
      in_reply_to_id: s.inReplyToId,
      in_reply_to_account_id: parent ? db.byKey.get(parent.accountKey)!.id : null,
      reblog: null,
      content: captionHtml(s.caption),
      created_at: s.createdAt,
      emojis: [],
      replies_count: replies,
      reblogs_count: s.shares,
      favourites_count: s.likes,
      reblogged: false,
      favourited: false,
      muted: false,
      bookmarked: false,
      pinned: false,
      sensitive: s.sensitive,
      spoiler_text: s.spoilerText,
      visibility: s.visibility,
      mentions: [],
      tags: [...s.caption.matchAll(/#(\w+)/g)].map((t) => ({
        name: t[1]!,
        url: `${origin}/discover/tags/${t[1]!}`,
      })),
      card: null,
      poll: null,
      application: { name: 'web', website: null },
      language: null,
      edited_at: null,
      // Pixelfed's extras, kept in its Mastodon-API statuses.
      pf_type: s.media.length > 1 ? 'photo:album' : s.media.length ? 'photo' : 'text',
      reply_count: replies,
      comments_disabled: false,
      thread: false,
      place: null,
      local: true,
      liked_by: { username: null, others: false },
      media_attachments: s.media.map((m) => mastodonMedia(m, account.id)),
      account: mastodonAccount(account),
    };
  }

  /** The Pixelfed entity (`?_pe=1`): verbs as media types, licenses, `is_nsfw`, Pixelfed accounts. */
  function entity(s: PixelfedStatusRecord): Json {
    const account = db.byKey.get(s.accountKey)!;
    const base = mastodonStatus(s) as Record<string, Json>;
    return {
      ...base,
      content_text: s.caption,
      taggedPeople: [],
      parent: [],
      replies: [],
      account: pixelfedAccount(account),
      media_attachments: s.media.map((m) => ({
        ...mastodonMedia(m, account.id),
        type: 'Image',
        optimized_url: `${origin}${mediaPath(account.id, m)}`,
        license: m.license
          ? {
              id: m.license.id,
              title: m.license.title,
              url: m.license.url.startsWith('/') ? `${origin}${m.license.url}` : m.license.url,
            }
          : null,
        is_nsfw: m.nsfw,
        orientation: m.width > m.height ? 'landscape' : m.width < m.height ? 'portrait' : 'square',
        filter_name: null,
        filter_class: null,
        mime: 'image/png',
      })),
    };
  }

  function webfinger(url: URL): Reply {
    const resource = url.searchParams.get('resource') ?? '';
    const m = /^(?:acct:)?@?([^@]+)@(.+)$/i.exec(resource);
    const account =
      m && m[2]!.toLowerCase() === host.toLowerCase()
        ? [...db.accounts.values()].find((a) => a.username.toLowerCase() === m[1]!.toLowerCase())
        : undefined;
    if (!account) return jsonReply(404, { message: '' });
    // Pixelfed's Webfinger: the profile page, the Atom feed, the actor (`/users/<name>`: no id).
    return {
      status: 200,
      headers: { 'content-type': 'application/jrd+json' },
      body: JSON.stringify({
        subject: `acct:${account.username}@${host}`,
        aliases: [`${origin}/${account.username}`, `${origin}/users/${account.username}`],
        links: [
          {
            rel: 'http://webfinger.net/rel/profile-page',
            type: 'text/html',
            href: `${origin}/${account.username}`,
          },
          {
            rel: 'http://schemas.google.com/g/2010#updates-from',
            type: 'application/atom+xml',
            href: `${origin}/users/${account.username}.atom`,
          },
          {
            rel: 'self',
            type: 'application/activity+json',
            href: `${origin}/users/${account.username}`,
          },
          {
            rel: 'http://webfinger.net/rel/avatar',
            type: 'image/png',
            href: `${origin}${avatarPath(account)}`,
          },
        ],
      }),
    };
  }

  function nodeinfo(): Json {
    return {
      metadata: {
        nodeName: 'Fedikit Sandbox (Pixelfed mode)',
        software: {
          homepage: 'https://pixelfed.org',
          repo: 'https://github.com/pixelfed/pixelfed',
        },
      },
      protocols: ['activitypub'],
      services: { inbound: [], outbound: [] },
      software: { name: 'pixelfed', version: VERSION },
      usage: {
        localPosts: db.statuses.size,
        localComments: 0,
        users: {
          total: db.accounts.size,
          activeHalfyear: db.accounts.size,
          activeMonth: db.accounts.size,
        },
      },
      version: '2.0',
      openRegistrations: false,
    };
  }

  function instance(): Json {
    return {
      uri: host,
      title: 'Fedikit Sandbox (Pixelfed mode)',
      short_description: 'A local, offline Pixelfed-like instance.',
      description:
        'A local, offline Pixelfed-like instance with seeded photos, for Fedikit’s examples and tests.',
      email: 'admin@sandbox.invalid',
      version: `3.5.3 (compatible; Pixelfed ${VERSION})`,
      urls: {},
      stats: { user_count: db.accounts.size, status_count: db.statuses.size, domain_count: 0 },
      thumbnail: `${origin}/img/pixelfed-icon-color.png`,
      languages: ['en'],
      registrations: false,
      approval_required: false,
      contact_account: mastodonAccount(db.byKey.get('mara')!),
      rules: [],
      configuration: {
        media_attachments: {
          image_matrix_limit: 16777216,
          image_size_limit: 15728640,
          supported_mime_types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4'],
        },
        polls: {
          max_characters_per_option: 0,
          max_expiration: 0,
          max_options: 0,
          min_expiration: 0,
        },
        statuses: {
          characters_reserved_per_url: 23,
          max_characters: 500,
          max_media_attachments: 4,
        },
      },
    };
  }

  // ---- Pages and files ----

  function htmlNotFound(): Reply {
    return { ...htmlPage('Not found', '<h1>404 - Page not found</h1>'), status: 404 };
  }

  function loginPage(): Reply {
    return htmlPage(
      'Login',
      '<h1>Login</h1><form method="POST" action="/login"><label>Email <input type="email" name="email"></label>' +
        '<label>Password <input type="password" name="password"></label><button>Login</button></form>',
    );
  }

  function profilePage(username: string): Reply {
    const a = [...db.accounts.values()].find(
      (x) => x.username.toLowerCase() === username.toLowerCase(),
    );
    if (!a) return htmlNotFound();
    const posts = [...db.statuses.values()]
      .filter((s) => s.accountKey === a.key && s.visibility === 'public' && !s.inReplyToId)
      .sort((x, y) => compareIds(y.id, x.id))
      .map((s) => `<li><a href="${escapeHtml(postUrl(s))}">${escapeHtml(s.caption)}</a></li>`)
      .join('');
    return htmlPage(
      `${a.displayName} (@${a.username})`,
      `<h1>${escapeHtml(a.displayName)}</h1><p>@${escapeHtml(a.username)}@${escapeHtml(host)}</p><ul>${posts}</ul>`,
    );
  }

  function postPage(username: string, id: string): Reply {
    const s = db.statuses.get(id);
    const a = s && db.byKey.get(s.accountKey);
    if (!s || !a || a.username !== username || s.visibility === 'private') return htmlNotFound();
    const photos = s.media
      .map(
        (m) =>
          `<figure><img src="${mediaPath(a.id, m)}" alt="${escapeHtml(m.alt ?? '')}" width="${m.width}" height="${m.height}"></figure>`,
      )
      .join('');
    return htmlPage(
      `${a.displayName}: ${s.caption}`,
      `<article><h1>${escapeHtml(a.displayName)}</h1>${s.spoilerText ? `<p><strong>${escapeHtml(s.spoilerText)}</strong></p>` : ''}${photos}<p>${escapeHtml(s.caption)}</p></article>`,
    );
  }

  function collectionPage(id: string): Reply {
    const c = db.collections.get(id);
    if (!c || !visible(c)) return htmlNotFound();
    const items = c.statusIds
      .map((sid) => db.statuses.get(sid))
      .filter((s): s is PixelfedStatusRecord => s !== undefined && s.visibility !== 'private')
      .map((s) => `<li><a href="${escapeHtml(postUrl(s))}">${escapeHtml(s.caption)}</a></li>`)
      .join('');
    return htmlPage(
      c.title,
      `<h1>${escapeHtml(c.title)}</h1><p>${escapeHtml(c.description)}</p><ol>${items}</ol>`,
    );
  }

  function fileReply(body: Buffer, req: IncomingMessage): Reply {
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
    const headers: Headers = {
      'content-type': 'image/png',
      'cache-control': 'public, no-cache',
      etag,
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
    };
    if (req.headers['if-none-match'] === etag) return { status: 304, headers, body: '' };
    return { status: 200, headers, body };
  }

  const port = await listen(server, options.port ?? 0, hostname);
  origin = originFor(hostname, port);
  host = new URL(origin).host;
  const close = closer(server);
  return { url: origin, token, open, close };
}
