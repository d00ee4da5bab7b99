// SPDX-License-Identifier: MIT
import { FediError } from './errors.js';
import { fetchJson } from './http.js';
import { isLoopbackHost, safeUrl } from './url.js';

/** Options for {@link remoteInteraction}. */
export interface RemoteInteractionOptions {
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
  /** Deadline for the WebFinger lookup in ms (default 8 000). */
  readonly timeout?: number;
}

interface Jrd {
  links?: { rel?: unknown; template?: unknown }[];
}

const SUBSCRIBE = 'http://ostatus.org/schema/1.0/subscribe';

/** Reads the reader's home (`example.social`, `@me@example.social`, a URL) as `{origin, acct}`. */
export function parseHome(input: string): { origin: string; acct: string } {
  const text = input.trim().replace(/^acct:/i, '');
  const m = /^@?([^@\s/]+)@([^@\s/]+)$/.exec(text);
  const host = (m ? m[2]! : text.replace(/^https?:\/\//i, '').split('/')[0]!).toLowerCase();
  const url =
    safeUrl(`https://${host}`) && /^[a-z0-9.-]+(?::\d+)?$/.test(host) && host.includes('.')
      ? new URL(`https://${host}`)
      : undefined;
  const loopback = /^(localhost|127(?:\.\d+){3})(?::\d+)?$/.test(host);
  if (!url && !loopback) {
    throw new FediError(`"${input.slice(0, 100)}" does not look like a server`, {
      code: 'INVALID_INPUT',
    });
  }
  const origin = loopback || isLoopbackHost(url!.hostname) ? `http://${host}` : url!.origin;
  const hostname = new URL(origin).host;
  return { origin, acct: m ? `${m[1]}@${m[2]}` : `${hostname}@${hostname}` };
}

/**
 * Where to send a reader so they can reply to, boost or like `uri` from their own server, with no
 * account on this site: the server's WebFinger `subscribe` template when it publishes one, else
 * Mastodon's `/authorize_interaction?uri=`. Throws `INVALID_INPUT` for something that is not a server,
 * `NETWORK`/`TIMEOUT` when the server does not answer.
 */
export async function remoteInteraction(
  home: string,
  uri: string,
  options: RemoteInteractionOptions = {},
): Promise<string> {
  const { origin, acct } = parseHome(home);
  const fallback = `${origin}/authorize_interaction?uri=${encodeURIComponent(uri)}`;
  let jrd: Jrd;
  try {
    const res = await fetchJson<Jrd>(
      `${origin}/.well-known/webfinger?resource=${encodeURIComponent(`acct:${acct}`)}`,
      {
        signal: options.signal,
        fetch: options.fetch,
        timeout: options.timeout ?? 8000,
        retries: 1,
      },
    );
    jrd = res.data;
  } catch (error) {
    const code = (error as FediError).code;
    if (code === 'NETWORK' || code === 'TIMEOUT' || code === 'ABORTED') throw error;
    return fallback;
  }
  const link = Array.isArray(jrd?.links) ? jrd.links.find((l) => l?.rel === SUBSCRIBE) : undefined;
  if (typeof link?.template === 'string' && link.template.includes('{uri}')) {
    const target = safeUrl(link.template.replace('{uri}', encodeURIComponent(uri)));
    if (target) return target;
  }
  return fallback;
}
