// SPDX-License-Identifier: MIT
import { FediError } from './errors.js';
import { fetchJson } from './http.js';
import { isLoopbackHost, safeUrl } from './url.js';

/** Options for intent lookups. */
export interface IntentOptions {
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
  /** Deadline of each lookup in ms (default 8 000). */
  readonly timeout?: number;
}

/** What a reader wants to do from their own server (FEP-3b86 activity intents). */
export type IntentVerb = 'Follow' | 'Like' | 'Announce' | 'Create' | 'Object';

/**
 * Values for an intent's placeholders: `object` (the ActivityPub id or URL of the post or account),
 * `content` (text to post), `inReplyTo` (the post a new one answers).
 */
export interface IntentValues {
  readonly object?: string;
  readonly content?: string;
  readonly inReplyTo?: string;
}

/** A WebFinger or nodeinfo link, as read: every field unchecked. */
export interface Link {
  rel?: unknown;
  href?: unknown;
  template?: unknown;
}

/** Link relation prefix of FEP-3b86 activity intents in WebFinger. */
export const FEP_3B86 = 'https://w3id.org/fep/3b86/';
/** The OStatus subscribe relation Mastodon and most fediverse servers publish in WebFinger. */
export const SUBSCRIBE = 'http://ostatus.org/schema/1.0/subscribe';

// RFC 6570 variable names (letters, digits, `_`, `.`) and FEP-3b86's `on-success`, `on-cancel`.
const PLACEHOLDER = /\{([\w.-]+)\}/g;

/**
 * Fills an intent template: every `{name}` becomes the percent-encoded value, unknown placeholders
 * become empty (FEP-3b86). Returns `undefined` unless the result is a safe http(s) URL (a
 * `javascript:` template is refused).
 */
export function fillTemplate(
  template: string,
  values: Readonly<Record<string, string | undefined>>,
): string | undefined {
  // `uri` is the OStatus subscribe template's name for the object.
  const all: Record<string, string | undefined> = { uri: values['object'], ...values };
  return safeUrl(
    // Own keys only: `{constructor}` or `{toString}` are unknown placeholders too.
    template.replace(PLACEHOLDER, (_, name: string) =>
      encodeURIComponent((Object.hasOwn(all, name) && all[name]) || ''),
    ),
  );
}

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

/** `fetchJson` options of a lookup on the reader's home: the caller's signal, fetch and deadline. */
export const lookup = (options: IntentOptions, retries: number) => ({
  signal: options.signal,
  fetch: options.fetch,
  timeout: options.timeout ?? 8000,
  retries,
});

/** The link of `links` with relation `rel`. */
export const linkOf = (links: readonly Link[], rel: string) => links.find((l) => l?.rel === rel);

/** The WebFinger links of the reader's home, or `[]` when it publishes none we can read. */
export async function homeLinks(
  origin: string,
  acct: string,
  options: IntentOptions,
): Promise<Link[]> {
  try {
    const { data } = await fetchJson<{ links?: unknown }>(
      `${origin}/.well-known/webfinger?resource=${encodeURIComponent(`acct:${acct}`)}`,
      lookup(options, 1),
    );
    return Array.isArray(data?.links) ? (data.links as Link[]) : [];
  } catch (error) {
    // Unreachable or silent: the reader must hear it. Any other answer (404, HTML): no links.
    const code = (error as FediError).code;
    if (code === 'NETWORK' || code === 'TIMEOUT' || code === 'ABORTED') throw error;
    return [];
  }
}

/** Placeholders that carry the object of an intent (`uri` in the OStatus subscribe template). */
const OBJECT = ['object', 'uri'];

/**
 * The URL a link offers for `values`: its `template` or `href`, filled; `undefined` if unusable or
 * if it has none of the `needed` placeholders (a page that would not know the post: Mastodon's
 * `Create` intent has no `{inReplyTo}`, Pleroma's none for `{content}`).
 */
export function linkUrl(
  link: Link | undefined,
  values: IntentValues,
  needed: readonly string[],
): string | undefined {
  const template = link?.template ?? link?.href;
  return typeof template === 'string' && needed.some((name) => template.includes(`{${name}}`))
    ? fillTemplate(template, { ...values })
    : undefined;
}

/**
 * Where to send a reader so they can act on a post or account from their own server, with no
 * account on this site. In order: the server's FEP-3b86 intent for `verb`, its OStatus `subscribe`
 * template, its FEP-3b86 `Object` intent, then Mastodon's `/authorize_interaction?uri=`. For a reply,
 * pass `Create` with `inReplyTo`; the fallbacks then open the post being answered. For a new post
 * (share), see `shareUrl` (./share.ts).
 *
 * Throws `INVALID_INPUT` for something that is not a server, `NETWORK`/`TIMEOUT` when the server
 * does not answer.
 */
export async function intentUrl(
  home: string,
  verb: IntentVerb,
  values: IntentValues,
  options: IntentOptions = {},
): Promise<string> {
  const { origin, acct } = parseHome(home);
  const links = await homeLinks(origin, acct, options);
  // The fallbacks open the object itself: the post being answered, for a reply.
  const object = { object: values.object ?? values.inReplyTo };
  const needed = verb !== 'Create' ? OBJECT : values.inReplyTo ? ['inReplyTo'] : ['content'];
  return (
    linkUrl(linkOf(links, FEP_3B86 + verb), values, needed) ??
    linkUrl(linkOf(links, SUBSCRIBE), object, OBJECT) ??
    linkUrl(linkOf(links, FEP_3B86 + 'Object'), object, OBJECT) ??
    `${origin}/authorize_interaction?uri=${encodeURIComponent(object.object ?? '')}`
  );
}

/**
 * Where to send a reader so they can reply to, boost or like `uri` from their own server: the
 * `Object` intent of {@link intentUrl}.
 */
export function remoteInteraction(
  home: string,
  uri: string,
  options: IntentOptions = {},
): Promise<string> {
  return intentUrl(home, 'Object', { object: uri }, options);
}

/** localStorage key of the reader's remembered home servers (written only when they ask). */
export const HOMES_KEY = 'fedikit:homes';
const MAX_HOMES = 5;

/** The reader's remembered home servers, most recent first; `[]` when none or storage is blocked. */
export function rememberedHomes(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(HOMES_KEY) ?? '[]');
    return Array.isArray(list)
      ? list.filter((h): h is string => typeof h === 'string').slice(0, MAX_HOMES)
      : [];
  } catch {
    return [];
  }
}

function writeHomes(homes: string[]): void {
  try {
    if (homes.length) localStorage.setItem(HOMES_KEY, JSON.stringify(homes.slice(0, MAX_HOMES)));
    else localStorage.removeItem(HOMES_KEY);
  } catch {
    // Storage blocked by the browser: nothing is remembered, everything else works.
  }
}

/** Remembers a home server (call only after the reader ticked "remember"); most recent first. */
export function rememberHome(home: string): void {
  const value = home.trim();
  writeHomes([value, ...rememberedHomes().filter((h) => h !== value)]);
}

/** Forgets one remembered home server; the key is removed with the last one. */
export function forgetHome(home: string): void {
  writeHomes(rememberedHomes().filter((h) => h !== home));
}
