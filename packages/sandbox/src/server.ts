// SPDX-License-Identifier: MIT
// The sandbox: a local HTTP server that answers the public, anonymous reads of the Mastodon API
// (plus WebFinger, NodeInfo, a few HTML pages and the media files) from the seed, with Mastodon's
// CORS policy, rate-limit headers and thread caps; and, under /xrpc/, the AT Protocol AppView's
// public reads from the Bluesky seed, with the AppView's CORS and rate-limit headers. It never
// sets cookies.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  ANONYMOUS_CONTEXT,
  AUTHENTICATED_CONTEXT,
  isPublicVisibility,
  SandboxStore,
  type Json,
  type Serializer,
} from './entities.js';
import { blueskyStore } from './bluesky.js';
import { closer, listen, truthy } from './http-util.js';
import {
  authorizeInteractionPage,
  composePage,
  FEP_3B86,
  type IntentPageVerb,
  intentPage,
  SUBSCRIBE,
} from './intent-pages.js';
import { ASYNC_REFRESH_RETRY, SEED_DATA, type AccountRecord, type StatusRecord } from './seed.js';
import { BSKY_LABELER_DID } from './seed-bluesky.js';
import { compareIds, escapeHtml, isNumericId, originFor } from './util.js';

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to bind; defaults to `127.0.0.1`. */
  readonly hostname?: string;
  /** Record every request for `GET /__log` (tests use it to prove what a page contacted). */
  readonly log?: boolean;
}

/** A running sandbox. */
export interface Sandbox {
  /** The origin it answers on, e.g. `http://127.0.0.1:4871`; every absolute URL it serves uses it. */
  readonly url: string;
  /** Stops the server, dropping any open connection. */
  close(): Promise<void>;
}

/** One request as `GET /__log` reports it. */
export interface LogEntry {
  readonly method: string;
  /** Path and query, exactly as requested. */
  readonly path: string;
  readonly origin?: string;
  readonly cookie?: string;
  readonly referer?: string;
}

/** What Mastodon's cors.rb exposes to cross-origin scripts on `/api/*`. */
export const API_EXPOSED_HEADERS =
  'Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id';
const API_METHODS = 'POST, PUT, DELETE, GET, PATCH, OPTIONS';
const RATE_LIMIT = 300;
const RATE_PERIOD_MS = 5 * 60_000;
const MASTODON_VERSION = '4.6.4';
/** The AppView-side limits: atproto servers' IETF `RateLimit-*` headers, 3000 per 5 minutes. */
const XRPC_RATE_LIMIT = 3000;
const XRPC_RATE_WINDOW_S = 300;
/**
 * Response headers of `/xrpc/*` that cross-origin scripts may read: the rate limits (so clients
 * can back off) and the labelers applied.
 */
export const XRPC_EXPOSED_HEADERS =
  'RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, atproto-content-labelers';

let sharedStore: SandboxStore | undefined;

/** The indexed seed; built on first use and shared by every sandbox in the process. */
export function sandboxStore(): SandboxStore {
  sharedStore ??= new SandboxStore(SEED_DATA);
  return sharedStore;
}

type Headers = Record<string, string>;

/** An answer of the sandbox's servers, before it is written out. */
export interface Reply {
  status: number;
  headers: Headers;
  body: string | Buffer;
}

/** A JSON answer (`application/json; charset=utf-8`). */
export function jsonReply(status: number, body: Json, headers: Headers = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** A sandbox's request log: what it was asked, and `/__log` to read (`GET`) or clear (`DELETE`) it. */
export interface RequestLog {
  /** Records a request (a no-op when logging is off). */
  record(method: string, req: IncomingMessage): void;
  /** The answer of `/__log`: 404 when logging is off. */
  endpoint(method: string, req: IncomingMessage): Reply;
}

/** Headers of the sandbox's own control endpoints (`/__log`, `/__reset`): any page may call them. */
const CONTROL_CORS = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };

/** The CORS preflight answer of a control endpoint that takes `methods`. */
function controlPreflight(req: IncomingMessage, methods: string): Reply {
  return {
    status: 204,
    headers: {
      ...CONTROL_CORS,
      'access-control-allow-methods': methods,
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
      'access-control-max-age': '600',
    },
    body: '',
  };
}

/** The request log every sandbox server keeps when created with `log: true`. */
export function createRequestLog(enabled: boolean): RequestLog {
  const log: LogEntry[] = [];
  return {
    record(method, req) {
      if (!enabled) return;
      const entry: { -readonly [K in keyof LogEntry]: LogEntry[K] } = {
        method,
        path: req.url ?? '/',
      };
      if (req.headers.origin) entry.origin = req.headers.origin;
      if (req.headers.cookie) entry.cookie = req.headers.cookie;
      if (req.headers.referer) entry.referer = req.headers.referer;
      log.push(entry);
    },
    endpoint(method, req) {
      if (!enabled)
        return {
          status: 404,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: 'Not found\n',
        };
      if (method === 'OPTIONS') return controlPreflight(req, 'GET, DELETE, OPTIONS');
      if (method === 'DELETE') {
        log.length = 0;
        return jsonReply(200, [], CONTROL_CORS);
      }
      if (method === 'GET' || method === 'HEAD')
        return jsonReply(200, log as unknown as Json, CONTROL_CORS);
      return jsonReply(405, { error: 'Method not allowed' }, CONTROL_CORS);
    },
  };
}

/** An HTML page under a strict CSP; `title` is escaped, `body` is trusted markup. */
export function htmlPage(title: string, body: string, lang = 'en'): Reply {
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // Pages quote remote text; even escaped, a strict policy keeps the sandbox origin inert.
      'content-security-policy':
        "default-src 'none'; img-src 'self'; base-uri 'none'; form-action 'none'",
      'cache-control': 'no-store',
    },
    body:
      `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body><main>${body}</main><footer><p><a href="/">Fedikit sandbox</a></p></footer></body></html>\n`,
  };
}

function notFoundJson(): Reply {
  return jsonReply(404, { error: 'Record not found' });
}

function textOf(html: string): string {
  // Rough tag removal for the HTML pages: they show text only, never the remote markup.
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

function rateLimitHeaders(counts: Map<string, number>, key: string): Headers {
  const now = Date.now();
  const windowStart = Math.floor(now / RATE_PERIOD_MS) * RATE_PERIOD_MS;
  const bucket = `${key}|${windowStart}`;
  const used = (counts.get(bucket) ?? 0) + 1;
  counts.set(bucket, used);
  if (counts.size > 1000) counts.clear();
  return {
    'x-ratelimit-limit': String(RATE_LIMIT),
    // Counts down like Mastodon's, but wraps instead of reaching 0: a long browser test run must
    // not make clients back off. The hostile server is where real 429s live.
    'x-ratelimit-remaining': String(RATE_LIMIT - 1 - ((used - 1) % RATE_LIMIT)),
    'x-ratelimit-reset': new Date(windowStart + RATE_PERIOD_MS).toISOString(),
  };
}

/** atproto's `RateLimit-*` headers (draft-ietf-httpapi-ratelimit-headers), reset in epoch seconds. */
function xrpcRateLimitHeaders(counts: Map<string, number>, key: string): Headers {
  const now = Math.floor(Date.now() / 1000);
  const windowStart = Math.floor(now / XRPC_RATE_WINDOW_S) * XRPC_RATE_WINDOW_S;
  const bucket = `xrpc|${key}|${windowStart}`;
  const used = (counts.get(bucket) ?? 0) + 1;
  counts.set(bucket, used);
  if (counts.size > 1000) counts.clear();
  return {
    'ratelimit-limit': String(XRPC_RATE_LIMIT),
    // Wraps like the Mastodon side: the sandbox never makes a test back off.
    'ratelimit-remaining': String(XRPC_RATE_LIMIT - 1 - ((used - 1) % XRPC_RATE_LIMIT)),
    'ratelimit-reset': String(windowStart + XRPC_RATE_WINDOW_S),
    'ratelimit-policy': `${XRPC_RATE_LIMIT};w=${XRPC_RATE_WINDOW_S}`,
  };
}

function pageParams(url: URL, defaultLimit: number, maxLimit: number) {
  const raw = Number.parseInt(url.searchParams.get('limit') ?? '', 10);
  const limit = Number.isFinite(raw) && raw > 0 ? Math.min(raw, maxLimit) : defaultLimit;
  const id = (name: string): string | null => {
    const value = url.searchParams.get(name);
    return isNumericId(value) ? value : null;
  };
  return { limit, maxId: id('max_id'), sinceId: id('since_id'), minId: id('min_id') };
}

/**
 * Pages a list sorted newest first the way Mastodon's `paginate_by_max_id` / `paginate_by_min_id`
 * do: `min_id` returns the items just above it (oldest first, then reversed).
 */
function paginate<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  url: URL,
  def: number,
  max: number,
): T[] {
  const { limit, maxId, sinceId, minId } = pageParams(url, def, max);
  let list = items.filter((item) => {
    const id = idOf(item);
    if (maxId && compareIds(id, maxId) >= 0) return false;
    if (sinceId && compareIds(id, sinceId) <= 0) return false;
    if (minId && compareIds(id, minId) <= 0) return false;
    return true;
  });
  if (minId) list = list.slice(-limit);
  else list = list.slice(0, limit);
  return list;
}

/** Writes `reply` out, with its length. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    ...reply.headers,
    'content-length': Buffer.byteLength(reply.body),
  });
  res.end(reply.body);
}

/**
 * An HTTP server that runs `handle` for every request and answers a throw with a 500 whose JSON
 * body is `error` (logged under `label`).
 */
export function replyServer(
  label: string,
  error: Json,
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Server {
  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (cause) {
      console.error(label, cause);
      if (!res.headersSent) sendReply(res, jsonReply(500, error));
      else res.destroy();
    }
  });
  // Keep-alive sockets would otherwise outlive tests by seconds.
  server.keepAliveTimeout = 2000;
  return server;
}

/** Builds a `Link` header the way Rails' `url_for` does: parameters sorted by name. */
function linkHeader(
  base: string,
  keep: URLSearchParams,
  links: { rel: string; params: Record<string, string> }[],
): string {
  return links
    .map(({ rel, params }) => {
      const query = new URLSearchParams();
      const merged = new Map<string, string>();
      for (const [k, v] of keep) merged.set(k, v);
      for (const [k, v] of Object.entries(params)) merged.set(k, v);
      for (const k of [...merged.keys()].sort()) query.set(k, merged.get(k)!);
      return `<${base}?${query.toString()}>; rel="${rel}"`;
    })
    .join(', ');
}

/** Starts a sandbox instance. */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const hostname = options.hostname ?? '127.0.0.1';
  const store = sandboxStore();
  const bsky = blueskyStore();
  const log = createRequestLog(options.log === true);
  const counts = new Map<string, number>();
  /**
   * When each reply fetch (Mastodon-Async-Refresh) started, by status id: the first read of such a
   * post's context starts it; `DELETE /__reset` forgets them all.
   */
  const refreshes = new Map<string, number>();
  let origin = '';
  // Rebound once the port is known: every absolute URL uses the origin actually listened on.
  let s: Serializer = store.serializer('http://127.0.0.1');

  const server = replyServer('[fedikit-sandbox]', { error: 'Internal server error' }, (req, res) =>
    handle(req, res),
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
    if (path === '/__reset') {
      send(res, reset(method, req));
      return;
    }
    log.record(method, req);

    const isApi = path.startsWith('/api/');
    if (method === 'OPTIONS') {
      send(res, preflight(path, req));
      return;
    }
    if (path.startsWith('/xrpc/')) {
      send(res, xrpc(method, path, url, req));
      return;
    }
    let reply: Reply;
    if (method !== 'GET' && method !== 'HEAD') {
      reply = isApi
        ? jsonReply(
            401,
            { error: 'The access token is invalid' },
            {
              'www-authenticate':
                'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid"',
            },
          )
        : {
            status: 405,
            headers: { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' },
            body: 'Method not allowed\n',
          };
    } else {
      reply = route(path, url, req);
    }
    if (isApi) {
      Object.assign(reply.headers, rateLimitHeaders(counts, req.socket.remoteAddress ?? ''), {
        'access-control-allow-origin': '*',
        'access-control-expose-headers': API_EXPOSED_HEADERS,
        // Fresh data for every test; real Mastodon sends `private, no-store` to signed-in clients.
        'cache-control': 'private, no-store',
        vary: 'Authorization, Origin',
        'x-request-id': randomUUID(),
        'x-content-type-options': 'nosniff',
      });
    } else if (
      path.startsWith('/.well-known/') ||
      path.startsWith('/nodeinfo/') ||
      path.startsWith('/@') ||
      path.startsWith('/users/')
    ) {
      reply.headers['access-control-allow-origin'] = '*';
    }
    send(res, reply);
  }

  function xrpc(method: string, path: string, url: URL, req: IncomingMessage): Reply {
    const result = bsky.xrpc(origin, method, path.slice('/xrpc/'.length), url);
    return jsonReply(result.status, result.body, {
      ...xrpcRateLimitHeaders(counts, req.socket.remoteAddress ?? ''),
      'access-control-allow-origin': '*',
      'access-control-expose-headers': XRPC_EXPOSED_HEADERS,
      'atproto-content-labelers': `${BSKY_LABELER_DID};redact`,
      // Fresh data for every test (the public AppView sits behind a cache).
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  }

  function preflight(path: string, req: IncomingMessage): Reply {
    if (path.startsWith('/xrpc/')) {
      // The AppView's express `cors()`: 204, any origin, the requested headers reflected.
      const headers: Headers = {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET,HEAD,PUT,PATCH,POST,DELETE',
        'access-control-max-age': '86400',
        vary: 'Access-Control-Request-Headers',
      };
      const requested = req.headers['access-control-request-headers'];
      if (requested) headers['access-control-allow-headers'] = requested;
      return { status: 204, headers, body: '' };
    }
    // rack-cors answers preflights only for the resources Mastodon's cors.rb lists.
    const api = path.startsWith('/api/');
    const getOnly =
      path.startsWith('/.well-known/') ||
      path.startsWith('/nodeinfo/') ||
      path.startsWith('/@') ||
      path.startsWith('/users/');
    const oauth = path === '/oauth/token' || path === '/oauth/revoke';
    if (!api && !getOnly && !oauth) {
      return {
        status: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'Not found\n',
      };
    }
    const headers: Headers = {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': api ? API_METHODS : oauth ? 'POST' : 'GET',
      'access-control-max-age': '7200',
      'content-type': 'text/plain',
    };
    const requested = req.headers['access-control-request-headers'];
    if (requested) headers['access-control-allow-headers'] = requested;
    if (api) headers['access-control-expose-headers'] = API_EXPOSED_HEADERS;
    return { status: 200, headers, body: '' };
  }

  function route(path: string, url: URL, req: IncomingMessage): Reply {
    let m: RegExpExecArray | null;
    if (
      (m = /^\/api\/v1\/statuses\/([^/]+)(?:\/(context|favourited_by|reblogged_by))?$/.exec(path))
    ) {
      const id = m[1]!;
      const status = isNumericId(id) ? store.statuses.get(id) : undefined;
      if (!status || !isPublicVisibility(status)) return notFoundJson();
      switch (m[2]) {
        case 'context':
          return context(status, Boolean(req.headers.authorization));
        case 'favourited_by':
          return favouritedBy(status, url);
        case 'reblogged_by':
          return rebloggedBy(status, url);
        default:
          return jsonReply(200, s.status(status));
      }
    }
    if (path === '/api/v1/accounts/lookup') {
      const account = store.lookup(url.searchParams.get('acct') ?? '', s.host);
      return account ? jsonReply(200, s.account(account)) : notFoundJson();
    }
    if ((m = /^\/api\/v1\/accounts\/([^/]+)(\/statuses)?$/.exec(path))) {
      const account = isNumericId(m[1]) ? store.accounts.get(m[1]) : undefined;
      if (!account) return notFoundJson();
      return m[2] ? accountStatuses(account, url) : jsonReply(200, s.account(account));
    }
    if (path === '/api/v1/custom_emojis')
      return jsonReply(
        200,
        store.emojis.map((e) => s.customEmoji(e)),
      );
    if (path === '/api/v2/instance') return jsonReply(200, instanceV2());
    if (path === '/api/v1/instance')
      return jsonReply(200, instanceV1(), { deprecation: '@1668384000' });
    if (path.startsWith('/api/')) return jsonReply(404, { error: 'Not Found' });

    if (path === '/.well-known/webfinger') return webfinger(url, req);
    if (path === '/.well-known/nodeinfo') {
      return jsonReply(200, {
        links: [
          {
            rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0',
            href: `${origin}/nodeinfo/2.0`,
          },
        ],
      });
    }
    if (path === '/nodeinfo/2.0') return jsonReply(200, nodeinfo());
    if (path === '/.well-known/host-meta') {
      return {
        status: 200,
        headers: { 'content-type': 'application/xrd+xml; charset=utf-8' },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n  <Link rel="lrdd" template="${origin}/.well-known/webfinger?resource={uri}"/>\n</XRD>\n`,
      };
    }
    if (path === '/authorize_interaction') return authorizeInteraction(url);
    if (path === '/share') return share(url);
    if ((m = /^\/intents\/(follow|like|announce)$/.exec(path))) {
      const page = intentPage(m[1] as IntentPageVerb, url.searchParams.get('object') ?? '');
      return htmlPage(page.title, page.body);
    }
    if ((m = /^\/@([^/]+)(?:\/(\d+))?$/.exec(path)))
      return htmlProfileOrStatus(decodeURIComponent(m[1]!), m[2]);
    if ((m = /^\/tags\/([^/]+)$/.exec(path))) {
      const tag = decodeURIComponent(m[1]!);
      return htmlPage(
        `#${tag}`,
        `<h1>#${escapeHtml(tag)}</h1><p>Posts with this hashtag live on the sandbox timeline.</p>`,
      );
    }
    if (path === '/') return home();
    if ((m = /^\/profile\/([^/]+)(?:\/post\/([^/]+))?$/.exec(path)))
      return bskyProfileOrPost(decodeURIComponent(m[1]!), m[2]);
    const asset = store.assets.get(path) ?? bsky.assets.get(path);
    if (asset) return assetReply(asset, req);
    return {
      status: 404,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>The page you are looking for isn\'t here.</h1></body></html>\n',
    };
  }

  function assetReply(asset: { type: string; body: () => Buffer }, req: IncomingMessage): Reply {
    const body = asset.body();
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
    const headers: Headers = {
      'content-type': asset.type,
      // Revalidated on every use, so tests that count requests still see each image load.
      'cache-control': 'public, no-cache',
      etag,
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
      // An SVG opened directly must not run anything.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    };
    if (req.headers['if-none-match'] === etag) return { status: 304, headers, body: '' };
    return { status: 200, headers, body };
  }

  function context(status: StatusRecord, authenticated: boolean): Reply {
    const caps = authenticated ? AUTHENTICATED_CONTEXT : ANONYMOUS_CONTEXT;
    const ancestors = status.inReplyToId ? store.ancestors(status, caps.ancestors) : [];
    const fetching = status.fetchesReplies === true && refreshRunning(status.id);
    const descendants = store.descendants(
      status.id,
      caps.descendants,
      caps.depth,
      fetching ? (d) => !d.fetchedLate : undefined,
    );
    return jsonReply(
      200,
      {
        ancestors: ancestors.map((a) => s.status(a)),
        descendants: descendants.map((d) => s.status(d)),
      },
      fetching ? { 'mastodon-async-refresh': asyncRefreshHeader(status.id) } : {},
    );
  }

  /**
   * Is the fetch of this post's replies still running? Mastodon (StatusesController#context)
   * starts one when a signed-in account reads the context of a remote post, and while it runs
   * tells every reader of the context, anonymous ones too. The sandbox has no signed-in readers:
   * the first read of any kind starts it, and it is done `ASYNC_REFRESH_RETRY` seconds later.
   */
  function refreshRunning(id: string): boolean {
    const now = Date.now();
    const started = refreshes.get(id) ?? now;
    refreshes.set(id, started);
    return now - started < ASYNC_REFRESH_RETRY * 1000;
  }

  /**
   * `Mastodon-Async-Refresh` as AsyncRefreshesConcern writes it: the id is a Rails
   * MessageVerifier token of the job's Redis key (base64 JSON, `--`, an HMAC in hex), and
   * `result_count` is what the fetch found so far. It is not in Access-Control-Expose-Headers,
   * as on Mastodon: browsers cannot read it across origins.
   */
  function asyncRefreshHeader(id: string): string {
    const key = JSON.stringify(`context:${id}:refresh`);
    const data = Buffer.from(key).toString('base64');
    const digest = createHmac('sha1', 'fedikit-sandbox').update(data).digest('hex');
    return `id="${data}--${digest}", retry=${ASYNC_REFRESH_RETRY}, result_count=0`;
  }

  /** `/__reset`: `DELETE` (or `POST`) starts every reply fetch over; CORS so test pages may call it. */
  function reset(method: string, req: IncomingMessage): Reply {
    if (method === 'OPTIONS') return controlPreflight(req, 'DELETE, POST, OPTIONS');
    if (method !== 'DELETE' && method !== 'POST')
      return jsonReply(
        405,
        { error: 'Method not allowed' },
        { ...CONTROL_CORS, allow: 'DELETE, POST' },
      );
    refreshes.clear();
    return jsonReply(200, {}, CONTROL_CORS);
  }

  function accountsPage(
    items: { id: string; account: AccountRecord }[],
    url: URL,
    base: string,
    prevParam: 'since_id' | 'min_id',
  ): Reply {
    const sorted = [...items].sort((a, b) => compareIds(b.id, a.id));
    const { limit } = pageParams(url, 40, 80);
    const page = paginate(sorted, (i) => i.id, url, 40, 80);
    const keep = new URLSearchParams();
    if (url.searchParams.has('limit')) keep.set('limit', url.searchParams.get('limit')!);
    const links: { rel: string; params: Record<string, string> }[] = [];
    if (page.length === limit)
      links.push({ rel: 'next', params: { max_id: page[page.length - 1]!.id } });
    if (page.length > 0) links.push({ rel: 'prev', params: { [prevParam]: page[0]!.id } });
    const headers: Headers = links.length ? { link: linkHeader(base, keep, links) } : {};
    return jsonReply(
      200,
      page.map((i) => s.account(i.account)),
      headers,
    );
  }

  function favouritedBy(status: StatusRecord, url: URL): Reply {
    const items = status.favourites.map((f) => ({
      id: String(f.id),
      account: store.accountsByKey.get(f.accountKey)!,
    }));
    return accountsPage(
      items,
      url,
      `${origin}/api/v1/statuses/${status.id}/favourited_by`,
      'since_id',
    );
  }

  function rebloggedBy(status: StatusRecord, url: URL): Reply {
    const items = status.reblogIds.map((id) => ({
      id,
      account: store.accountOf(store.statuses.get(id)!),
    }));
    return accountsPage(
      items,
      url,
      `${origin}/api/v1/statuses/${status.id}/reblogged_by`,
      'since_id',
    );
  }

  function accountStatuses(account: AccountRecord, url: URL): Reply {
    const q = url.searchParams;
    let list = (store.byAccount.get(account.key) ?? []).filter((st) => {
      if (!isPublicVisibility(st)) return false;
      const original = st.reblogOf ? store.statuses.get(st.reblogOf) : undefined;
      return !st.reblogOf || (original !== undefined && isPublicVisibility(original));
    });
    if (truthy(q.get('pinned'))) list = list.filter((st) => st.pinned);
    if (truthy(q.get('only_media')))
      list = list.filter((st) => st.media.length > 0 && !st.reblogOf);
    if (truthy(q.get('exclude_replies'))) {
      // Status.without_replies keeps self-replies (threads by the same author).
      list = list.filter((st) => {
        if (!st.inReplyToId) return true;
        const parent = store.statuses.get(st.inReplyToId);
        return parent?.accountKey === st.accountKey;
      });
    }
    if (truthy(q.get('exclude_reblogs'))) list = list.filter((st) => !st.reblogOf);
    const tagged = q.get('tagged');
    if (tagged)
      list = list.filter((st) => st.tags.some((t) => t.toLowerCase() === tagged.toLowerCase()));

    const { limit } = pageParams(url, 20, 40);
    const page = paginate(list, (st) => st.id, url, 20, 40);
    const keep = new URLSearchParams();
    for (const name of [
      'limit',
      'only_media',
      'exclude_replies',
      'exclude_reblogs',
      'pinned',
      'tagged',
    ]) {
      const value = q.get(name);
      if (value !== null) keep.set(name, value);
    }
    const links: { rel: string; params: Record<string, string> }[] = [];
    if (page.length === limit)
      links.push({ rel: 'next', params: { max_id: page[page.length - 1]!.id } });
    if (page.length > 0) links.push({ rel: 'prev', params: { min_id: page[0]!.id } });
    const headers: Headers = links.length
      ? { link: linkHeader(`${origin}/api/v1/accounts/${account.id}/statuses`, keep, links) }
      : {};
    return jsonReply(
      200,
      page.map((st) => s.status(st)),
      headers,
    );
  }

  function localAccounts(): AccountRecord[] {
    return [...store.accounts.values()].filter((a) => a.domain === null);
  }

  function instanceV2(): Json {
    const alice = store.accountsByKey.get('alice')!;
    return {
      domain: s.host,
      title: 'Fedikit Sandbox',
      version: MASTODON_VERSION,
      source_url: 'https://github.com/mastodon/mastodon',
      description:
        'A local, offline Mastodon-API instance with seeded data, for Fedikit’s examples and tests.',
      usage: { users: { active_month: localAccounts().length } },
      thumbnail: s.thumbnail(),
      icon: [36, 48, 72, 96, 144, 192, 256, 384, 512].map((size) => ({
        src: `${origin}/packs/icons/android-chrome-${size}x${size}.svg`,
        size: `${size}x${size}`,
      })),
      languages: ['en'],
      configuration: {
        urls: {
          streaming: origin.replace(/^http/, 'ws'),
          status: null,
          about: `${origin}/about`,
          privacy_policy: `${origin}/privacy-policy`,
          terms_of_service: null,
        },
        vapid: {
          public_key:
            'BFakeSandboxVapidKeyNotUsableForPushxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=',
        },
        accounts: {
          max_display_name_length: 30,
          max_note_length: 500,
          max_avatar_description_length: 150,
          max_header_description_length: 150,
          max_featured_tags: 10,
          max_pinned_statuses: 5,
          max_profile_fields: 4,
          profile_field_name_limit: 255,
          profile_field_value_limit: 255,
        },
        statuses: {
          max_characters: 500,
          max_media_attachments: 4,
          characters_reserved_per_url: 23,
        },
        media_attachments: {
          description_limit: 1500,
          image_matrix_limit: 33177600,
          image_size_limit: 16777216,
          supported_mime_types: [
            'image/jpeg',
            'image/png',
            'image/gif',
            'image/webp',
            'image/avif',
            'video/mp4',
            'video/webm',
            'audio/mpeg',
            'audio/ogg',
          ],
          video_frame_rate_limit: 120,
          video_matrix_limit: 8294400,
          video_size_limit: 103809024,
        },
        polls: {
          max_options: 4,
          max_characters_per_option: 50,
          min_expiration: 300,
          max_expiration: 2629746,
        },
        translation: { enabled: false },
        timelines_access: {
          live_feeds: { local: 'public', remote: 'public' },
          hashtag_feeds: { local: 'public', remote: 'public' },
          trending_link_feeds: { local: 'public', remote: 'public' },
        },
        limited_federation: false,
      },
      registrations: {
        enabled: false,
        approval_required: false,
        reason_required: false,
        message: null,
        min_age: null,
        url: null,
      },
      api_versions: { mastodon: 11 },
      wrapstodon: null,
      contact: { email: 'admin@sandbox.invalid', account: s.account(alice) },
      rules: [
        {
          id: '1',
          text: 'Be kind.',
          hint: 'Disagree with ideas, not with people.',
          translations: {},
        },
        {
          id: '2',
          text: 'Mark sensitive media and use content warnings.',
          hint: '',
          translations: {},
        },
      ],
    };
  }

  function instanceV1(): Json {
    const alice = store.accountsByKey.get('alice')!;
    return {
      uri: s.host,
      title: 'Fedikit Sandbox',
      short_description: 'A local, offline Mastodon-API instance.',
      description:
        'A local, offline Mastodon-API instance with seeded data, for Fedikit’s examples and tests.',
      email: 'admin@sandbox.invalid',
      version: MASTODON_VERSION,
      urls: { streaming_api: origin.replace(/^http/, 'ws') },
      stats: {
        user_count: localAccounts().length,
        status_count: [...store.statuses.values()].filter(
          (st) => store.accountOf(st).domain === null,
        ).length,
        domain_count: 2,
      },
      thumbnail: s.thumbnail()['url'] ?? null,
      languages: ['en'],
      registrations: false,
      approval_required: false,
      invites_enabled: false,
      configuration: {
        accounts: { max_featured_tags: 10 },
        statuses: {
          max_characters: 500,
          max_media_attachments: 4,
          characters_reserved_per_url: 23,
        },
        media_attachments: {
          supported_mime_types: [
            'image/jpeg',
            'image/png',
            'image/gif',
            'image/webp',
            'image/avif',
            'video/mp4',
            'video/webm',
            'audio/mpeg',
            'audio/ogg',
          ],
          image_size_limit: 16777216,
          image_matrix_limit: 33177600,
          video_size_limit: 103809024,
          video_frame_rate_limit: 120,
          video_matrix_limit: 8294400,
        },
        polls: {
          max_options: 4,
          max_characters_per_option: 50,
          min_expiration: 300,
          max_expiration: 2629746,
        },
      },
      contact_account: s.account(alice),
      rules: [
        { id: '1', text: 'Be kind.', hint: 'Disagree with ideas, not with people.' },
        { id: '2', text: 'Mark sensitive media and use content warnings.', hint: '' },
      ],
    };
  }

  function nodeinfo(): Json {
    const local = localAccounts();
    return {
      version: '2.0',
      software: { name: 'mastodon', version: MASTODON_VERSION },
      protocols: ['activitypub'],
      services: { outbound: [], inbound: [] },
      usage: {
        users: { total: local.length, activeMonth: local.length, activeHalfyear: local.length },
        localPosts: [...store.statuses.values()].filter(
          (st) => store.accountOf(st).domain === null && !st.reblogOf,
        ).length,
      },
      openRegistrations: false,
      metadata: {
        nodeName: 'Fedikit Sandbox',
        nodeDescription: 'A local, offline Mastodon-API instance.',
      },
    };
  }

  function webfinger(url: URL, req: IncomingMessage): Reply {
    const resource = url.searchParams.get('resource');
    if (!resource)
      return { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '' };
    const hosts = new Set([s.host.toLowerCase(), (req.headers.host ?? '').toLowerCase()]);
    const jrd = (body: Json): Reply => ({
      status: 200,
      headers: {
        'content-type': 'application/jrd+json; charset=utf-8',
        'cache-control': 'max-age=259200, public',
        vary: 'Accept',
      },
      body: JSON.stringify(body),
    });
    // Mastodon 4.6 publishes FEP-3b86 activity intents next to the OStatus subscribe template.
    const interactions = [
      { rel: SUBSCRIBE, template: `${origin}/authorize_interaction?uri={uri}` },
      ...intentLinks(),
    ];

    let account: AccountRecord | undefined;
    const acct = /^acct:([^@]+)@(.+)$/i.exec(resource);
    if (acct) {
      const [, user, domain] = acct as unknown as [string, string, string];
      if (!hosts.has(domain.toLowerCase())) return { status: 404, headers: {}, body: '' };
      if (user.toLowerCase() === domain.toLowerCase()) {
        // The instance actor: Mastodon names it after the domain.
        return jrd({
          subject: `acct:${s.host}@${s.host}`,
          aliases: [`${origin}/actor`],
          links: [
            {
              rel: 'http://webfinger.net/rel/profile-page',
              type: 'text/html',
              href: `${origin}/about/more?instance_actor=true`,
            },
            { rel: 'self', type: 'application/activity+json', href: `${origin}/actor` },
            ...interactions,
          ],
        });
      }
      account = store.lookup(user, s.host);
    } else if (resource.startsWith(`${origin}/`)) {
      const path = resource.slice(origin.length);
      const m = /^\/@([^/@]+)$/.exec(path) ?? /^\/ap\/users\/(\d+)$/.exec(path);
      if (m)
        account = /^\d+$/.test(m[1]!) ? store.accounts.get(m[1]!) : store.lookup(m[1]!, s.host);
    }
    if (!account || account.domain !== null) return { status: 404, headers: {}, body: '' };
    const profile = s.accountUrl(account);
    const self = s.accountUri(account);
    return jrd({
      subject: `acct:${account.username}@${s.host}`,
      aliases: [profile, self],
      links: [
        { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: profile },
        { rel: 'self', type: 'application/activity+json', href: self },
        ...interactions,
        ...(account.avatar
          ? [
              {
                rel: 'http://webfinger.net/rel/avatar',
                type: 'image/svg+xml',
                href: String(s.account(account)['avatar']),
              },
            ]
          : []),
      ],
    });
  }

  /** The FEP-3b86 links of every local JRD, as Mastodon 4.6 publishes them. */
  function intentLinks(): Json[] {
    return [
      {
        rel: `${FEP_3B86}Create`,
        template: `${origin}/share?text={content}&in_reply_to={inReplyTo}`,
      },
      { rel: `${FEP_3B86}Object`, template: `${origin}/authorize_interaction?uri={object}` },
      ...(['Follow', 'Like', 'Announce'] as const).map((verb) => ({
        rel: FEP_3B86 + verb,
        template: `${origin}/intents/${verb.toLowerCase()}?object={object}`,
      })),
    ];
  }

  function authorizeInteraction(url: URL): Reply {
    const page = authorizeInteractionPage(url.searchParams.get('uri') ?? '');
    return htmlPage(page.title, page.body);
  }

  function share(url: URL): Reply {
    // Mastodon's SharesController: `[title, text, url].compact.join(' ')`.
    const q = url.searchParams;
    const text = [q.get('title'), q.get('text'), q.get('url')].filter((v) => v).join(' ');
    const page = composePage({
      text,
      inReplyTo: q.get('in_reply_to') ?? undefined,
      param: 'text',
      family: 'Mastodon',
    });
    return htmlPage(page.title, page.body);
  }

  function htmlProfileOrStatus(handle: string, statusId: string | undefined): Reply {
    const account = store.lookup(handle, s.host);
    if (!account)
      return {
        status: 404,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>Not found</h1></body></html>\n',
      };
    const name = escapeHtml(account.displayName);
    const acct = escapeHtml(
      account.domain ? `${account.username}@${account.domain}` : `${account.username}@${s.host}`,
    );
    if (statusId) {
      const status = store.statuses.get(statusId);
      if (!status || status.accountKey !== account.key || !isPublicVisibility(status)) {
        return {
          status: 404,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>Not found</h1></body></html>\n',
        };
      }
      const cw = status.spoilerText
        ? `<p><strong>Content warning:</strong> ${escapeHtml(status.spoilerText)}</p>`
        : '';
      const text = escapeHtml(textOf(s.status(status)['content'] as string)).replaceAll(
        '\n',
        '<br>',
      );
      return htmlPage(
        `${account.displayName}: post ${status.id}`,
        `<article lang="${escapeHtml(status.language ?? 'en')}"><h1>${name} <small>@${acct}</small></h1>${cw}<p>${text}</p>` +
          `<p><time datetime="${status.createdAt}">${status.createdAt}</time> · ${store.repliesCount(status)} replies</p></article>` +
          `<p><a href="/@${escapeHtml(account.username)}">Back to @${escapeHtml(account.username)}</a></p>`,
      );
    }
    const posts = (store.byAccount.get(account.key) ?? [])
      .filter((st) => isPublicVisibility(st) && !st.reblogOf && !account.domain)
      .slice(0, 20)
      .map(
        (st) =>
          `<li><a href="/@${escapeHtml(account.username)}/${st.id}">${escapeHtml(textOf(s.status(st)['content'] as string).slice(0, 80))}</a></li>`,
      )
      .join('');
    return htmlPage(
      `${account.displayName} (@${acct})`,
      `<h1>${name}</h1><p>@${acct}</p><p>${escapeHtml(textOf(s.account(account)['note'] as string))}</p>` +
        (posts ? `<h2>Recent posts</h2><ul>${posts}</ul>` : '') +
        `<p><a href="/">Back to the sandbox</a></p>`,
    );
  }

  /** bsky.app-like pages for the Bluesky seed, so "view on Bluesky" links work offline. */
  function bskyProfileOrPost(actor: string, rkey: string | undefined): Reply {
    const account = bsky.resolveActor(actor);
    const post =
      account && rkey ? bsky.findPost(`at://${account.did}/app.bsky.feed.post/${rkey}`) : undefined;
    if (!account || (rkey && (!post || post.deleted))) {
      return {
        status: 404,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>Not found</h1></body></html>\n',
      };
    }
    const name = escapeHtml(account.displayName ?? account.handle);
    const handle = escapeHtml(account.handle);
    if (post) {
      const text = escapeHtml(post.text).replaceAll('\n', '<br>');
      return htmlPage(
        `${account.displayName ?? account.handle}: post ${post.rkey}`,
        `<article lang="${escapeHtml(post.langs[0] ?? 'en')}"><h1>${name} <small>@${handle}</small></h1><p>${text}</p>` +
          `<p><time datetime="${post.createdAt}">${post.createdAt}</time></p></article>` +
          `<p><a href="/profile/${escapeHtml(actor)}">Back to @${handle}</a></p>`,
      );
    }
    const posts = (bsky.byAuthor.get(account.key) ?? [])
      .filter((p) => !p.deleted)
      .slice(0, 20)
      .map(
        (p) =>
          `<li><a href="/profile/${escapeHtml(actor)}/post/${p.rkey}">${escapeHtml(p.text.slice(0, 80))}</a></li>`,
      )
      .join('');
    return htmlPage(
      `${account.displayName ?? account.handle} (@${account.handle})`,
      `<h1>${name}</h1><p>@${handle}</p><p>${escapeHtml(account.description)}</p>` +
        (posts ? `<h2>Recent posts</h2><ul>${posts}</ul>` : '') +
        `<p><a href="/">Back to the sandbox</a></p>`,
    );
  }

  function home(): Reply {
    const accounts = localAccounts()
      .map((a) => `<li><a href="/@${escapeHtml(a.username)}">@${escapeHtml(a.username)}</a></li>`)
      .join('');
    return htmlPage(
      'Fedikit sandbox',
      `<h1>Fedikit sandbox</h1><p>A local instance speaking the Mastodon API (Mastodon ${MASTODON_VERSION}), with seeded data. ` +
        `Try <a href="/api/v2/instance">/api/v2/instance</a>.</p><h2>Local accounts</h2><ul>${accounts}</ul>` +
        `<h2>Bluesky</h2><p>The AppView's public reads answer under <code>/xrpc/</code>, e.g. ` +
        `<a href="/xrpc/app.bsky.actor.getProfile?actor=alice.bsky.sandbox">app.bsky.actor.getProfile</a>; ` +
        `see <a href="/profile/alice.bsky.sandbox">@alice.bsky.sandbox</a>.</p>`,
    );
  }

  const port = await listen(server, options.port ?? 0, hostname);
  origin = originFor(hostname, port);
  s = store.serializer(origin);
  const close = closer(server);
  return { url: origin, close };
}
