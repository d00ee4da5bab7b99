// SPDX-License-Identifier: MIT
// A Mastodon-API-shaped server that misbehaves on purpose. The status id picks the failure:
// /api/v1/statuses/<scenario> and /api/v1/statuses/<scenario>/context. Clients are tested against it
// for deadlines, byte caps, content-type checks, rate-limit handling and hostile JSON.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Json } from './entities.js';
import { closer, listen } from './http-util.js';
import { SEED } from './seed.js';
import { sandboxStore } from './server.js';
import { originFor } from './util.js';

/** Options of {@link createHostileServer}. */
export interface HostileServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to bind; defaults to `127.0.0.1`. */
  readonly hostname?: string;
}

/** A running hostile server. */
export interface HostileServer {
  /** Its origin, e.g. `http://127.0.0.1:4872`. */
  readonly url: string;
  /** Stops it, destroying hanging connections and timers. */
  close(): Promise<void>;
}

/**
 * The scenario ids the hostile server understands, each used as a status id:
 * `GET /api/v1/statuses/<id>` and `GET /api/v1/statuses/<id>/context`.
 */
export const HOSTILE_SCENARIOS = [
  'slowbody',
  'never',
  'huge',
  'hugenolength',
  'ratelimited',
  'ratelimitedlong',
  'burst',
  'error500',
  'html',
  'login',
  'unauth',
  'gone',
  'invalid',
  'malformed',
  'ok',
] as const;

/** One of {@link HOSTILE_SCENARIOS}. */
export type HostileScenario = (typeof HOSTILE_SCENARIOS)[number];

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, Retry-After',
};
const JSON_TYPE = 'application/json; charset=utf-8';
const HUGE_LENGTH = 50 * 1024 * 1024;
const HUGE_NO_LENGTH = 10 * 1024 * 1024;

type JsonObject = { [key: string]: Json };

/** Starts the hostile server. */
export async function createHostileServer(
  options: HostileServerOptions = {},
): Promise<HostileServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  const store = sandboxStore();
  const counters = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';

  // A normal status and context, borrowed from the seed's small thread and re-identified.
  const normal = (id: string): { status: JsonObject; context: JsonObject } => {
    const s = store.serializer(origin);
    const root = store.statuses.get(SEED.smallThread.id)!;
    const status = { ...s.status(root), id };
    const replies = store
      .descendants(root.id, 60, 20)
      .slice(0, 2)
      .map((r, index) => ({
        ...s.status(r),
        id: String(900000000000000001n + BigInt(index)),
        in_reply_to_id: id,
      }));
    return { status, context: { ancestors: [], descendants: replies } };
  };

  const send = (
    res: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ): void => {
    res.writeHead(status, {
      ...CORS,
      'content-type': JSON_TYPE,
      'cache-control': 'no-store',
      'content-length': String(Buffer.byteLength(body)),
      ...headers,
    });
    res.end(body);
  };

  const every = (res: ServerResponse, ms: number, tick: () => void): void => {
    const timer = setInterval(tick, ms);
    timers.add(timer);
    res.once('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  };

  /** Streams `total` bytes (or forever) from `chunk()`, respecting backpressure. */
  const stream = (
    res: ServerResponse,
    total: number,
    chunk: (sent: number) => string,
    tail = '',
    exact = false,
  ): void => {
    let sent = 0;
    let closed = false;
    res.once('close', () => {
      closed = true;
    });
    const pump = (): void => {
      while (!closed) {
        if (sent >= total) {
          res.end(tail);
          return;
        }
        let piece = chunk(sent);
        // With a declared length the last piece is cut to fit; without one, whole pieces keep the
        // JSON valid and the total is approximate.
        if (exact && sent + piece.length > total) piece = piece.slice(0, total - sent);
        sent += Buffer.byteLength(piece);
        // eslint-disable-next-line no-restricted-syntax -- a Node stream write, not an HTML sink
        if (!res.write(piece)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    pump();
  };

  const rateLimited = (res: ServerResponse, seconds: number): void => {
    send(res, 429, JSON.stringify({ error: 'Too many requests' }), {
      'x-ratelimit-limit': '300',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': new Date(Date.now() + seconds * 1000).toISOString(),
    });
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        ...CORS,
        'access-control-allow-methods': 'GET, DELETE, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    if (url.pathname === '/__reset') {
      if (method === 'DELETE' || method === 'POST') counters.clear();
      send(res, 200, '{}');
      return;
    }
    if (url.pathname === '/login') {
      send(
        res,
        200,
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Login</title></head><body><main><h1>Log in to continue</h1><form method="post" action="/login"><label>Email <input type="email" name="email" autocomplete="username"></label><label>Password <input type="password" name="password" autocomplete="current-password"></label><button type="submit">Login</button></form></main></body></html>\n',
        { 'content-type': 'text/html; charset=utf-8' },
      );
      return;
    }
    const asset = store.assets.get(url.pathname);
    if (asset) {
      const body = asset.body();
      res.writeHead(200, { ...CORS, 'content-type': asset.type, 'content-length': body.length });
      res.end(body);
      return;
    }
    const m = /^\/api\/v1\/statuses\/([^/]+)(\/context)?\/?$/.exec(url.pathname);
    if (!m) {
      send(res, 404, JSON.stringify({ error: 'Record not found' }));
      return;
    }
    const id = decodeURIComponent(m[1]!);
    const isContext = Boolean(m[2]);
    const key = `${id}${isContext ? ':context' : ':status'}`;
    const count = (counters.get(key) ?? 0) + 1;
    counters.set(key, count);
    const ok = (): void => {
      const n = normal(id);
      send(res, 200, JSON.stringify(isContext ? n.context : n.status), {
        'x-ratelimit-limit': '300',
        'x-ratelimit-remaining': '299',
        'x-ratelimit-reset': new Date(Date.now() + 300_000).toISOString(),
      });
    };

    switch (id as HostileScenario) {
      case 'slowbody': {
        res.writeHead(200, { ...CORS, 'content-type': JSON_TYPE, 'cache-control': 'no-store' });
        // eslint-disable-next-line no-restricted-syntax -- a Node stream write, not an HTML sink
        res.write('{');
        // eslint-disable-next-line no-restricted-syntax -- a Node stream write, not an HTML sink
        every(res, 1000, () => res.write(' '));
        return;
      }
      case 'never':
        // Keep the socket open and silent; close() destroys it.
        return;
      case 'huge': {
        res.writeHead(200, {
          ...CORS,
          'content-type': JSON_TYPE,
          'content-length': String(HUGE_LENGTH),
        });
        const filler = `{"id":"1","content":"${'x'.repeat(65_000)}"},`;
        stream(res, HUGE_LENGTH, (sent) => (sent === 0 ? '[' : filler), '', true);
        return;
      }
      case 'hugenolength': {
        res.writeHead(200, { ...CORS, 'content-type': JSON_TYPE });
        const item = JSON.stringify({
          id: '1',
          created_at: '2026-03-14T09:00:00.000Z',
          in_reply_to_id: 'hugenolength',
          content: `<p>${'All work and no play. '.repeat(2900)}</p>`,
        });
        // eslint-disable-next-line no-restricted-syntax -- a Node stream write, not an HTML sink
        res.write(
          isContext ? '{"ancestors":[],"descendants":[' : '{"id":"hugenolength","content":"',
        );
        if (isContext) {
          stream(res, HUGE_NO_LENGTH, (sent) => (sent === 0 ? item : `,${item}`), ']}');
        } else {
          stream(res, HUGE_NO_LENGTH, () => 'All work and no play. '.repeat(3000), '"}');
        }
        return;
      }
      case 'ratelimited':
        if (count === 1) rateLimited(res, 1);
        else ok();
        return;
      case 'ratelimitedlong':
        rateLimited(res, 120);
        return;
      case 'burst':
        if (count <= 2) send(res, 503, JSON.stringify({ error: 'Service Unavailable' }));
        else ok();
        return;
      case 'error500':
        send(res, 500, JSON.stringify({ error: 'boom' }));
        return;
      case 'html':
        send(
          res,
          200,
          '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Something went wrong</title></head><body><h1>We&rsquo;re sorry, but something went wrong.</h1><p>The server is temporarily unavailable. Please try again later.</p></body></html>\n',
          { 'content-type': 'text/html; charset=utf-8' },
        );
        return;
      case 'login':
        send(res, 302, '', {
          location: `${origin}/login`,
          'content-type': 'text/html; charset=utf-8',
        });
        return;
      case 'unauth':
        send(res, 401, JSON.stringify({ error: 'This method requires an authenticated user' }), {
          'www-authenticate':
            'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid"',
        });
        return;
      case 'gone':
        send(res, 404, JSON.stringify({ error: 'Record not found' }));
        return;
      case 'invalid':
        send(
          res,
          200,
          JSON.stringify(
            isContext ? invalidContext(normal('invalid')) : invalidStatus(normal('invalid')),
          ),
        );
        return;
      case 'malformed':
        send(res, 200, '{"id": "1", ');
        return;
      case 'ok':
        ok();
        return;
      default:
        send(res, 404, JSON.stringify({ error: 'Record not found' }));
    }
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      console.error('[fedikit-hostile]', error);
      res.destroy();
    }
  });
  server.keepAliveTimeout = 2000;
  const port = await listen(server, options.port ?? 0, hostname);
  origin = originFor(hostname, port);
  const close = closer(server, () => {
    for (const timer of timers) clearInterval(timer);
    timers.clear();
  });
  return { url: origin, close };
}

const HOSTILE_EMOJI = [
  {
    shortcode: '"><img src=x onerror=alert(1)>',
    url: 'javascript:alert(1)',
    static_url: 'javascript:alert(1)',
  },
];

function invalidStatus(n: { status: JsonObject }): JsonObject {
  const status = structuredClone(n.status);
  const media = Array.isArray(status['media_attachments']) ? status['media_attachments'] : [];
  const firstMedia = media[0] as JsonObject | undefined;
  const meta = firstMedia?.['meta'] as JsonObject | undefined;
  const original = meta?.['original'] as JsonObject | undefined;
  if (original) {
    original['width'] = 1e9;
    original['height'] = 1e9;
  }
  return {
    ...status,
    created_at: 'yesterday',
    edited_at: 'garbage',
    replies_count: -5,
    reblogs_count: 1e308,
    favourites_count: '12',
    quotes_count: 'NaN',
    emojis: HOSTILE_EMOJI,
    content: '<p>Invalid fields :"><img src=x onerror=alert(1)>:</p>',
    media_attachments: firstMedia
      ? media
      : [
          {
            id: '1',
            type: 'image',
            url: 'javascript:alert(1)',
            preview_url: 'javascript:alert(1)',
            remote_url: null,
            preview_remote_url: null,
            text_url: null,
            meta: { original: { width: 1e9, height: 1e9, size: '1e9x1e9', aspect: 1 } },
            description: null,
            blurhash: 'not a blurhash',
          },
        ],
  };
}

function invalidContext(n: { status: JsonObject; context: JsonObject }): JsonObject {
  const base = (n.context['descendants'] as JsonObject[])[0] ?? n.status;
  const reply = (id: string, over: JsonObject): JsonObject => ({
    ...structuredClone(base),
    id,
    in_reply_to_id: 'invalid',
    ...over,
  });
  const { id: _omit, ...withoutId } = reply('0', { content: '<p>I have no id.</p>' });
  void _omit;
  return {
    ancestors: [],
    descendants: [
      reply('101', { created_at: '', content: '<p>Empty date.</p>' }),
      reply('102', {
        created_at: '275760-09-14T00:00:00Z',
        content: '<p>The last representable day.</p>',
      }),
      null,
      withoutId,
      reply('201', { in_reply_to_id: '202', content: '<p>Cycle A (replies to B).</p>' }),
      reply('202', { in_reply_to_id: '201', content: '<p>Cycle B (replies to A).</p>' }),
      reply('301', { in_reply_to_id: '301', content: '<p>I reply to myself.</p>' }),
      reply('401', {
        content: '<p>Hostile emoji :"><img src=x onerror=alert(1)>:</p>',
        emojis: HOSTILE_EMOJI,
        replies_count: -5,
        favourites_count: '12',
      }),
    ],
  };
}
