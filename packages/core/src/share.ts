// SPDX-License-Identifier: MIT
// Sharing from the reader's own server. Apart from the activity intents (./intents.ts) so that what
// only the share button needs (nodeinfo, the software families' share pages) stays out of the code
// every other "from your own server" action loads.
import type { FediError } from './errors.js';
import { fetchJson } from './http.js';
import {
  FEP_3B86,
  homeLinks,
  linkOf,
  linkUrl,
  lookup,
  parseHome,
  type IntentOptions,
  type Link,
} from './intents.js';
import { safeUrl } from './url.js';

/** Share pages of the fediverse software families, by nodeinfo `software.name`. */
const SHARE_PATHS: Record<string, string> = {
  friendica: 'compose?body=',
  hubzilla: 'rpost?body=',
  gnusocial: 'notice/new?status_textarea=',
};
// Everything else (Mastodon and its forks, Misskey and its forks, Pleroma, Akkoma, GoToSocial...)
// takes `share?text=`, which is also the best guess when nodeinfo cannot be read.
const DEFAULT_SHARE = 'share?text=';
const NODEINFO = /^http:\/\/nodeinfo\.diaspora\.software\/ns\/schema\/2\.[01]$/;

/**
 * The software a server runs, from its nodeinfo (`/.well-known/nodeinfo`, then the 2.0/2.1
 * document on the same origin), lower-cased; `undefined` when it cannot be read (many servers send
 * no CORS headers on nodeinfo).
 */
export async function detectSoftware(
  origin: string,
  options: IntentOptions = {},
): Promise<string | undefined> {
  const read = lookup(options, 0);
  try {
    const { data } = await fetchJson<{ links?: Link[] }>(`${origin}/.well-known/nodeinfo`, read);
    const href = (Array.isArray(data?.links) ? data.links : []).find(
      (l) => typeof l?.rel === 'string' && NODEINFO.test(l.rel),
    )?.href;
    const url = safeUrl(href);
    // Only the same origin: following a link to a third host would tell it about the reader.
    if (!url || new URL(url).origin !== origin) return undefined;
    const doc = await fetchJson<{ software?: { name?: unknown } }>(url, read);
    const name = doc.data?.software?.name;
    return typeof name === 'string' ? name.toLowerCase().slice(0, 50) : undefined;
  } catch (error) {
    if ((error as FediError).code === 'ABORTED') throw error;
    return undefined;
  }
}

/**
 * Where to send a reader to share `text` from their own server: its FEP-3b86 `Create` intent when it
 * publishes one, else the share page of its software (from nodeinfo; Mastodon's `share?text=` when
 * unknown). Throws like `intentUrl`.
 */
export async function shareUrl(
  home: string,
  text: string,
  options: IntentOptions = {},
): Promise<string> {
  const { origin, acct } = parseHome(home);
  const links = await homeLinks(origin, acct, options);
  const create = linkUrl(linkOf(links, FEP_3B86 + 'Create'), { content: text }, ['content']);
  if (create) return create;
  const software = await detectSoftware(origin, options);
  const path =
    (software && Object.hasOwn(SHARE_PATHS, software) && SHARE_PATHS[software]) || DEFAULT_SHARE;
  return `${origin}/${path}${encodeURIComponent(text)}`;
}
