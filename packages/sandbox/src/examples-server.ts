// SPDX-License-Identifier: MIT
// The static server behind `npm start`: the repo's examples/ folder and the elements' CDN build,
// with a strict Content-Security-Policy so the examples prove the elements work under one.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { closer, listen } from './http-util.js';

/** Options of {@link createExamplesServer}. */
export interface ExamplesServerOptions {
  /** The folder served at `/` (the repo's `examples/`). */
  readonly root: string;
  /** The folder served at `/cdn/` (`packages/elements/cdn/`). */
  readonly cdn: string;
  /** The sandbox origin the pages may contact (images and fetch), e.g. `http://127.0.0.1:4871`. */
  readonly sandboxOrigin: string;
  /**
   * Origins of the readers' home servers the pages look up (WebFinger, NodeInfo), allowed in
   * `connect-src`; defaults to none. The pages name {@link DEFAULT_HOME_ORIGINS}, in this order.
   */
  readonly homeOrigins?: readonly string[];
  /**
   * Origin of the Pixelfed-mode sandbox, when it is not {@link DEFAULT_PIXELFED_ORIGIN}: the pages'
   * mentions of it follow. It is not added to the CSP: the pages read it through the proxy only.
   */
  readonly pixelfedOrigin?: string;
  /** Port; defaults to 4870. */
  readonly port?: number;
  /** Host name to bind; defaults to `localhost`. */
  readonly hostname?: string;
  /**
   * Sees every request first and returns true when it answered it (the root start script mounts
   * `@fedikit/proxy` at `/fedikit` this way: the sandbox itself imports nothing but core).
   */
  readonly intercept?: ExamplesIntercept;
}

/** A request hook of the examples server: true when it took the request. */
export type ExamplesIntercept = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A running examples server. */
export interface ExamplesServer {
  /** Its origin, e.g. `http://localhost:4870`. */
  readonly url: string;
  /** Stops the server, dropping open connections. */
  close(): Promise<void>;
}

/** The sandbox origin the example pages are written against; rewritten if the sandbox moved. */
export const DEFAULT_SANDBOX_ORIGIN = 'http://127.0.0.1:4871';

/** The Pixelfed-mode sandbox's default origin, which the portfolio page names. */
export const DEFAULT_PIXELFED_ORIGIN = 'http://127.0.0.1:4874';

/** The examples site's own default origin, which the pages name in share links. */
export const DEFAULT_EXAMPLES_ORIGIN = 'http://localhost:4870';

/**
 * The readers' home servers `npm start` runs and the example pages name: a Mastodon 4.6-like home
 * with FEP-3b86 intents, and a Friendica-like home without them.
 */
export const DEFAULT_HOME_ORIGINS: readonly string[] = [
  'http://127.0.0.1:4872',
  'http://127.0.0.1:4873',
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * The Content-Security-Policy of the example pages: nothing inline; only the sandbox for images and
 * reads, and the readers' home servers for reads (intent lookups).
 */
export function examplesCsp(sandboxOrigin: string, homeOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' ${sandboxOrigin}`,
    ['connect-src', "'self'", sandboxOrigin, ...homeOrigins].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * Resolves a URL path inside a folder, or null when it would escape it (`..`, encoded slashes,
 * NUL bytes, backslashes).
 */
export function safeJoin(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((part) => part === '..')) return null;
  const base = resolve(root);
  const full = resolve(join(base, decoded));
  return full === base || full.startsWith(base + sep) ? full : null;
}

/** Starts the examples server. */
export async function createExamplesServer(
  options: ExamplesServerOptions,
): Promise<ExamplesServer> {
  const hostname = options.hostname ?? 'localhost';
  const homeOrigins = options.homeOrigins ?? [];
  const csp = examplesCsp(options.sandboxOrigin, homeOrigins);
  // Set once the port is known (see the end).
  let rewrites = new Map<string, string>();
  let moved: RegExp | null = null;
  const common = {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };

  const fail = (res: ServerResponse, status: number, message: string): void => {
    res.writeHead(status, { ...common, 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${message}\n`);
  };

  const serveFile = async (
    req: IncomingMessage,
    res: ServerResponse,
    file: string,
    urlPath: string,
  ): Promise<void> => {
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      if (!urlPath.endsWith('/')) {
        res.writeHead(301, { ...common, location: `${urlPath}/` });
        res.end();
        return;
      }
      file = join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) {
      fail(res, 404, 'Not found');
      return;
    }
    const ext = extname(file).toLowerCase();
    const type = TYPES[ext] ?? 'application/octet-stream';
    const headers: Record<string, string> = { ...common, 'content-type': type };
    if (ext === '.html') {
      headers['content-security-policy'] = csp;
      headers['x-frame-options'] = 'DENY';
      let html = await readFile(file, 'utf8');
      if (moved) html = html.replace(moved, (host) => rewrites.get(host) ?? host);
      const body = Buffer.from(html);
      res.writeHead(200, { ...headers, 'content-length': String(body.length) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(info.size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };

  const server = createServer((req, res) => {
    if (options.intercept?.(req, res)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...common, allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const rawPath = (req.url ?? '/').split('?')[0]!;
    if (rawPath === '/') {
      res.writeHead(302, { ...common, location: '/blog-comments/' });
      res.end();
      return;
    }
    const inCdn = rawPath.startsWith('/cdn/');
    const file = inCdn
      ? safeJoin(options.cdn, rawPath.slice('/cdn/'.length))
      : safeJoin(options.root, rawPath);
    if (!file) {
      fail(res, 403, 'Forbidden');
      return;
    }
    serveFile(req, res, file, rawPath).catch(() => {
      if (!res.headersSent) fail(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  const port = await listen(server, options.port ?? 4870, hostname);
  const url = `http://${hostname}:${port}`;
  // The pages name the default addresses (`http://127.0.0.1:4871`, `@alice@127.0.0.1:4871`,
  // `127.0.0.1:4872`, `http://localhost:4870/…`, `@mara@127.0.0.1:4874`): follow the servers when a
  // port flag moved them.
  const moves: [string, string][] = [
    [DEFAULT_SANDBOX_ORIGIN, options.sandboxOrigin],
    [DEFAULT_EXAMPLES_ORIGIN, url],
    [DEFAULT_PIXELFED_ORIGIN, options.pixelfedOrigin ?? DEFAULT_PIXELFED_ORIGIN],
  ];
  homeOrigins.forEach((to, i) => {
    const from = DEFAULT_HOME_ORIGINS[i];
    if (from) moves.push([from, to]);
  });
  rewrites = new Map(
    moves
      .map(([from, to]) => [new URL(from).host, new URL(to).host] as const)
      .filter(([from, to]) => from !== to),
  );
  // One pass, so a server moved onto another's default port is not rewritten twice.
  moved = rewrites.size
    ? new RegExp(
        [...rewrites.keys()].map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
        'g',
      )
    : null;
  return { url, close: closer(server) };
}
