// SPDX-License-Identifier: MIT
/**
 * `@fedikit/proxy/node`: the Node-only half of the proxy. {@link createGuardedFetch} checks every
 * address DNS returns at connect time (so DNS rebinding cannot reach a private network),
 * {@link toNodeListener} mounts a handler on any `node:http` server, and {@link createProxyServer}
 * is a ready server.
 * @packageDocumentation
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request as httpRequest,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import { pipeline, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { FediError } from '@fedikit/core';
import { isPrivateAddress, privateAllowed, type PrivateAddressOptIn } from './address.js';
import { createProxyHandler, type ProxyConfig, type ProxyHandler } from './handler.js';

/** Options for {@link createGuardedFetch}. */
export interface GuardedFetchOptions {
  /**
   * Connect to loopback and private addresses too: `true` anywhere, or only at the listed
   * `host:port`s. For the sandbox and tests only.
   */
  readonly allowPrivateAddresses?: PrivateAddressOptIn;
  /** Largest body passed on, in bytes (the handler applies smaller caps per read). Default 25 MiB. */
  readonly maxBytes?: number;
  /** Deadline for the whole request, body included, in ms. Default 30 000. */
  readonly timeout?: number;
  /** Deadline to connect and get the response headers, in ms. Default 10 000. */
  readonly headersTimeout?: number;
  /** Redirects followed when the caller asks `redirect: 'follow'`; at most 2. Default 2. */
  readonly maxRedirects?: number;
  /** The DNS lookup, with `dns.lookup`'s signature (tests give a fake one). Default `dns.lookup`. */
  readonly lookup?: typeof dnsLookup;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function refused(message: string, url?: string): FediError {
  return new FediError(message, { code: 'INVALID_INPUT', url });
}

/**
 * A `fetch` for upstream reads on Node, hardened against SSRF: http(s) only; every address a host
 * name resolves to is checked when the socket connects (a name with any private, loopback,
 * link-local or otherwise non-public address is refused, IPv4 and IPv6 alike); IP literals are
 * checked before connecting; at most 2 redirects, each re-validated; a deadline and a byte cap; no
 * cookies in or out. Refusals reject with a `FediError` of code `INVALID_INPUT`.
 *
 * @example
 * const handler = createProxyHandler({ hosts: ['mastodon.social'], fetch: createGuardedFetch() });
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): typeof fetch {
  const maxBytes = options.maxBytes ?? 25 * 1024 * 1024;
  const timeout = options.timeout ?? 30_000;
  const headersTimeout = options.headersTimeout ?? 10_000;
  const maxRedirects = Math.min(2, Math.max(0, options.maxRedirects ?? 2));
  const resolver = options.lookup ?? dnsLookup;

  // Called by the socket itself, so the address checked is the address connected to.
  const guard =
    (allowPrivate: boolean): LookupFunction =>
    (hostname, lookupOptions, callback) => {
      resolver(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
        if (error) return callback(error, '', 0);
        const list = addresses as unknown as LookupAddress[];
        const bad = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
        if (bad || !list.length) {
          return callback(refused(`Refusing ${hostname}: it resolves to a private address`), '', 0);
        }
        if (lookupOptions.all) return callback(null, list);
        callback(null, list[0]!.address, list[0]!.family);
      });
    };

  const once1 = (url: URL, init: RequestInit | undefined, signal: AbortSignal) =>
    new Promise<Response>((resolve, reject) => {
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return reject(refused(`Refusing ${url.protocol} URLs: only http and https`));
      if (url.username || url.password) return reject(refused('Refusing a URL with credentials'));
      const allowPrivate = privateAllowed(url, options.allowPrivateAddresses);
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      if (!allowPrivate && isIP(literal) && isPrivateAddress(literal))
        return reject(refused('Refusing a private address', url.origin));
      const headers: Record<string, string> = {
        'user-agent': 'fedikit-proxy',
        accept: '*/*',
      };
      new Headers(init?.headers).forEach((value, name) => {
        if (name !== 'cookie' && name !== 'host' && name !== 'accept-encoding')
          headers[name] = value;
      });
      // No compression: the byte cap counts what the server sends, and there is nothing to inflate.
      headers['accept-encoding'] = 'identity';
      const method = (init?.method ?? 'GET').toUpperCase();
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
        url,
        { method, headers, lookup: guard(allowPrivate), signal, agent: false },
        (res) => {
          clearTimeout(timer);
          resolve(toResponse(res, method, url, maxBytes));
        },
      );
      // Until the headers arrive; after that the overall deadline (the signal) still applies.
      const timer = setTimeout(
        () => req.destroy(new FediError('No answer in time', { code: 'TIMEOUT', url: url.origin })),
        headersTimeout,
      );
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end();
    });

  return async (input, init) => {
    let url = new URL(input instanceof Request ? input.url : String(input));
    const deadline = AbortSignal.timeout(timeout);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    for (let hop = 0; ; hop++) {
      const res = await once1(url, init, signal);
      const location = res.headers.get('location');
      if (!REDIRECTS.has(res.status) || !location || init?.redirect === 'manual') return res;
      void res.body?.cancel().catch(() => undefined);
      if (init?.redirect === 'error') throw refused('A redirect where none was allowed');
      if (hop >= maxRedirects) throw refused(`More than ${maxRedirects} redirects`, url.origin);
      url = new URL(location, url);
    }
  };
}

/** A Node response as a web `Response`: no `Set-Cookie`, the body capped at `maxBytes`. */
function toResponse(res: IncomingMessage, method: string, url: URL, maxBytes: number): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    const name = res.rawHeaders[i]!;
    if (/^set-cookie2?$/i.test(name)) continue;
    try {
      headers.append(name, res.rawHeaders[i + 1]!);
    } catch {
      // A header value fetch would not accept is dropped, as a browser would.
    }
  }
  const status = res.statusCode ?? 502;
  const empty = method === 'HEAD' || status === 204 || status === 304;
  const tooLarge = () => new FediError(`Larger than ${maxBytes} bytes`, { code: 'TOO_LARGE' });
  if (Number(headers.get('content-length')) > maxBytes && !empty) {
    res.destroy();
    const response = new Response(
      new ReadableStream({ start: (controller) => controller.error(tooLarge()) }),
      { status: status < 200 || status > 599 ? 502 : status, headers },
    );
    return mark(response, url);
  }
  let size = 0;
  const body = empty
    ? null
    : (Readable.toWeb(res) as ReadableStream<Uint8Array>).pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            if ((size += chunk.byteLength) > maxBytes) {
              res.destroy();
              controller.error(tooLarge());
            } else controller.enqueue(chunk);
          },
        }),
      );
  if (empty) res.resume();
  return mark(
    new Response(body, { status: status < 200 || status > 599 ? 502 : status, headers }),
    url,
  );
}

function mark(res: Response, url: URL): Response {
  Object.defineProperty(res, 'url', { value: url.href });
  return res;
}

/** Options for {@link toNodeListener}. */
export interface NodeListenerOptions {
  /**
   * The public origin of the server, e.g. `https://example.com`, used to build each request's URL.
   * Default: `http://` plus the request's `Host` header.
   */
  readonly origin?: string;
}

function webHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || name.startsWith(':')) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, v);
      } catch {
        // Unrepresentable header: dropped.
      }
    }
  }
  return headers;
}

/**
 * Mounts a fetch-style handler (such as {@link createProxyHandler}'s) on a `node:http` server: the
 * request becomes a `Request`, the `Response` is streamed back, and a reader who leaves cancels
 * the body.
 *
 * @example
 * const listener = toNodeListener(createProxyHandler(config));
 * createServer((req, res) => (req.url?.startsWith('/fedikit/') ? listener(req, res) : next(req, res)));
 */
export function toNodeListener(
  handler: ProxyHandler,
  options: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const fail = () => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('Error\n');
      else res.destroy();
    };
    let request: Request;
    try {
      const base = options.origin ?? `http://${req.headers.host ?? 'localhost'}`;
      const method = req.method ?? 'GET';
      // The handler answers only GET, HEAD and OPTIONS: no request body is ever read.
      request = new Request(new URL(req.url ?? '/', base), {
        method: ['GET', 'HEAD', 'OPTIONS'].includes(method) ? method : 'DELETE',
        headers: webHeaders(req.headers),
      });
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request\n');
      return;
    }
    handler(request).then((response) => {
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      res.writeHead(response.status, headers);
      if (!response.body) return void res.end();
      // pipeline() cancels the body (and the upstream read behind it) when the reader leaves.
      pipeline(Readable.fromWeb(response.body as NodeReadableStream), res, () => undefined);
    }, fail);
  };
}

/** Options for {@link createProxyServer}: the handler's configuration plus where to listen. */
export interface ProxyServerOptions extends ProxyConfig {
  /** Port; 0 picks a free one. Default 8787. */
  readonly port?: number;
  /** Interface to bind. Default `127.0.0.1` (put a TLS-terminating server in front). */
  readonly hostname?: string;
  /** The public origin, see {@link NodeListenerOptions.origin}. */
  readonly origin?: string;
}

/** A running proxy server. */
export interface ProxyServer {
  /** Where it listens, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  /** Stops it, dropping open connections. */
  close(): Promise<void>;
}

/**
 * Starts a `node:http` server that answers with {@link createProxyHandler} under `basePath`, reading
 * upstream through {@link createGuardedFetch} unless `fetch` is given.
 *
 * @example
 * const server = await createProxyServer({ hosts: ['mastodon.social'], origins: ['https://blog.example'] });
 * console.log(`${server.url}/fedikit/thread?ref=…`);
 */
export async function createProxyServer(options: ProxyServerOptions): Promise<ProxyServer> {
  const handler = createProxyHandler({
    ...options,
    fetch:
      options.fetch ?? createGuardedFetch({ allowPrivateAddresses: options.allowPrivateAddresses }),
  });
  const server = createServer(toNodeListener(handler, { origin: options.origin }));
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const hostname = options.hostname ?? '127.0.0.1';
  server.listen(options.port ?? 8787, hostname);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
