// SPDX-License-Identifier: MIT
// A reader's home server, reduced to what interaction intents need: WebFinger (with or without the
// OStatus subscribe template and FEP-3b86 activity intents), NodeInfo naming any software (with or
// without CORS), and the page each software family opens for sharing and interacting. Tests and
// `npm start` use it to run every shape of intent resolution offline.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closer, listen } from './http-util.js';
import {
  authorizeInteractionPage,
  composePage,
  FEP_3B86,
  htmlDocument,
  type IntentPageVerb,
  intentPage,
  PAGE_CSP,
  SUBSCRIBE,
} from './intent-pages.js';
import { escapeHtml, originFor } from './util.js';

/** Options of {@link createHomeServer}. */
export interface HomeServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to bind; defaults to `127.0.0.1`. */
  readonly hostname?: string;
  /** The NodeInfo `software.name` it claims, e.g. `mastodon`, `misskey`, `friendica`, `hubzilla`, `gnusocial`. */
  readonly software: string;
  /** Publish FEP-3b86 activity intents in WebFinger (default false). */
  readonly intents?: boolean;
  /** Publish the OStatus subscribe template in WebFinger (default true). */
  readonly subscribe?: boolean;
  /** Send `Access-Control-Allow-Origin: *` on NodeInfo (default true; many servers do not). */
  readonly nodeinfoCors?: boolean;
}

/** A running home server. */
export interface HomeServer {
  /** Its origin, e.g. `http://127.0.0.1:4872`. */
  readonly url: string;
  /** Stops the server, dropping any open connection. */
  close(): Promise<void>;
}

interface Family {
  /** Human name of the family, shown on its pages. */
  readonly name: string;
  /** Its share page path and the query parameter that carries the text. */
  readonly path: string;
  readonly param: string;
}

const MASTODON: Family = { name: 'Mastodon', path: '/share', param: 'text' };
const MISSKEY: Family = { name: 'Misskey', path: '/share', param: 'text' };
const FRIENDICA: Family = { name: 'Friendica', path: '/compose', param: 'body' };
const HUBZILLA: Family = { name: 'Hubzilla', path: '/rpost', param: 'body' };
const GNUSOCIAL: Family = { name: 'GNU social', path: '/notice/new', param: 'status_textarea' };
const MISSKEY_NAMES = new Set([
  'misskey',
  'sharkey',
  'firefish',
  'calckey',
  'foundkey',
  'iceshrimp',
]);

/** The share-page family of a software name (Share₂Fedi's mapping; Mastodon's when unknown). */
function familyOf(software: string): Family {
  const name = software.toLowerCase();
  if (name === 'friendica') return FRIENDICA;
  if (name === 'hubzilla') return HUBZILLA;
  if (name === 'gnusocial') return GNUSOCIAL;
  if (MISSKEY_NAMES.has(name)) return MISSKEY;
  return MASTODON;
}

/** The share page families by path, so each page names the family whose path it is. */
const PAGES: Record<string, readonly Family[]> = {
  '/share': [MASTODON, MISSKEY],
  '/compose': [FRIENDICA],
  '/rpost': [HUBZILLA],
  '/notice/new': [GNUSOCIAL],
};

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const CORS = { 'access-control-allow-origin': '*' };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

function html(status: number, title: string, body: string): Reply {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    body: htmlDocument(title, body),
  };
}

/**
 * Starts a reader's home server: `GET /.well-known/webfinger?resource=acct:<anyone>@<its host>`
 * answers a JRD (CORS-enabled, like Mastodon's) with the subscribe template when `subscribe` and
 * FEP-3b86 intents when `intents`; `/.well-known/nodeinfo` and `/nodeinfo/2.0|2.1` name `software`;
 * and the share (`/share?text=`, `/compose?body=`, `/rpost?body=`, `/notice/new?status_textarea=`),
 * `/authorize_interaction?uri=` and `/intents/<verb>?object=` pages say what they received.
 */
export async function createHomeServer(options: HomeServerOptions): Promise<HomeServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  const software = options.software.toLowerCase();
  const family = familyOf(software);
  const withIntents = options.intents ?? false;
  const withSubscribe = options.subscribe ?? true;
  const nodeinfoCors = options.nodeinfoCors ?? true;
  let origin = 'http://127.0.0.1';

  const server = createServer((req, res) => {
    let reply: Reply;
    try {
      reply = route(req);
    } catch (error) {
      console.error('[fedikit-sandbox home]', error);
      reply = json(500, { error: 'Internal server error' });
    }
    send(req, res, reply);
  });
  server.keepAliveTimeout = 2000;

  function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
    res.writeHead(reply.status, {
      'cache-control': 'no-store',
      ...reply.headers,
      'content-length': Buffer.byteLength(reply.body),
    });
    res.end(req.method === 'HEAD' ? undefined : reply.body);
  }

  function route(req: IncomingMessage): Reply {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const isNodeinfo = path === '/.well-known/nodeinfo' || /^\/nodeinfo\/2\.[01]$/.test(path);
    const cors = path === '/.well-known/webfinger' || (isNodeinfo && nodeinfoCors) ? CORS : {};
    if (method === 'OPTIONS') {
      return {
        status: 204,
        headers: {
          ...cors,
          ...(Object.keys(cors).length ? { 'access-control-allow-methods': 'GET' } : {}),
          ...(req.headers['access-control-request-headers'] && Object.keys(cors).length
            ? { 'access-control-allow-headers': req.headers['access-control-request-headers'] }
            : {}),
        },
        body: '',
      };
    }
    if (method !== 'GET' && method !== 'HEAD') {
      return json(405, { error: 'Method not allowed' }, { ...cors, allow: 'GET, HEAD' });
    }
    const q = url.searchParams;

    if (path === '/.well-known/webfinger') return webfinger(q.get('resource') ?? '', req);
    if (path === '/.well-known/nodeinfo') {
      // Mastodon links 2.0 only; most other software links 2.1 (core accepts either).
      const version = family === MASTODON ? '2.0' : '2.1';
      return json(
        200,
        {
          links: [
            {
              rel: `http://nodeinfo.diaspora.software/ns/schema/${version}`,
              href: `${origin}/nodeinfo/${version}`,
            },
          ],
        },
        cors,
      );
    }
    let m: RegExpExecArray | null;
    if ((m = /^\/nodeinfo\/(2\.[01])$/.exec(path))) return json(200, nodeinfo(m[1]!), cors);

    const families = PAGES[path];
    if (families) {
      const owner = families.includes(family) ? family : families[0]!;
      const param = owner.param;
      // Mastodon joins `title`, `text` and `url` (SharesController); the others take one field.
      const text =
        owner === MASTODON
          ? [q.get('title'), q.get('text'), q.get('url')].filter((v) => v).join(' ')
          : (q.get(param) ?? '');
      const page = composePage({
        text,
        inReplyTo: q.get('in_reply_to') ?? undefined,
        param,
        family: owner.name,
      });
      return html(200, page.title, page.body);
    }
    if (path === '/authorize_interaction') {
      const page = authorizeInteractionPage(q.get('uri') ?? '');
      return html(200, page.title, page.body);
    }
    if ((m = /^\/intents\/(follow|like|announce)$/.exec(path))) {
      const page = intentPage(m[1] as IntentPageVerb, q.get('object') ?? '');
      return html(200, page.title, page.body);
    }
    if (path === '/') {
      return html(
        200,
        `A ${family.name}-like home server`,
        `<h1>A reader’s home server (sandbox)</h1>` +
          `<p>It claims to run <code>${escapeHtml(options.software)}</code>, ` +
          (withIntents ? 'publishes FEP-3b86 activity intents' : 'publishes no FEP-3b86 intents') +
          (withSubscribe ? ' and the OStatus subscribe template' : ' and no subscribe template') +
          ` in WebFinger. Its share page is <code>${escapeHtml(family.path)}?${escapeHtml(family.param)}=</code>.</p>`,
      );
    }
    return html(404, 'Not found', '<h1>Not found</h1>');
  }

  function webfinger(resource: string, req: IncomingMessage): Reply {
    const hosts = new Set([new URL(origin).host, (req.headers.host ?? '').toLowerCase()]);
    const m = /^acct:([^@\s/]+)@([^@\s/]+)$/i.exec(resource);
    if (!m || !hosts.has(m[2]!.toLowerCase())) {
      return json(404, { error: 'Record not found' }, CORS);
    }
    const user = m[1]!;
    const host = new URL(origin).host;
    const actor = `${origin}/users/${encodeURIComponent(user)}`;
    const links: Record<string, string>[] = [
      {
        rel: 'http://webfinger.net/rel/profile-page',
        type: 'text/html',
        href: `${origin}/@${encodeURIComponent(user)}`,
      },
      { rel: 'self', type: 'application/activity+json', href: actor },
    ];
    if (withSubscribe) {
      links.push({ rel: SUBSCRIBE, template: `${origin}/authorize_interaction?uri={uri}` });
    }
    if (withIntents) {
      // The family's own compose page; Mastodon's also takes the post being answered.
      const create =
        `${origin}${family.path}?${family.param}={content}` +
        (family === MASTODON ? '&in_reply_to={inReplyTo}' : '');
      links.push(
        { rel: `${FEP_3B86}Create`, template: create },
        { rel: `${FEP_3B86}Object`, template: `${origin}/authorize_interaction?uri={object}` },
        ...(['Follow', 'Like', 'Announce'] as const).map((verb) => ({
          rel: FEP_3B86 + verb,
          template: `${origin}/intents/${verb.toLowerCase()}?object={object}`,
        })),
      );
    }
    return {
      status: 200,
      headers: { 'content-type': 'application/jrd+json; charset=utf-8', ...CORS },
      body: JSON.stringify({ subject: `acct:${user}@${host}`, aliases: [actor], links }),
    };
  }

  function nodeinfo(version: string): unknown {
    return {
      version,
      software: { name: options.software, version: '1.0.0' },
      protocols: ['activitypub'],
      services: { outbound: [], inbound: [] },
      usage: { users: { total: 1, activeMonth: 1, activeHalfyear: 1 }, localPosts: 0 },
      openRegistrations: false,
      metadata: { nodeName: `A ${family.name}-like home (Fedikit sandbox)` },
    };
  }

  const port = await listen(server, options.port ?? 0, hostname);
  origin = originFor(hostname, port);
  return { url: origin, close: closer(server) };
}
