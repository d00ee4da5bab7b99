// SPDX-License-Identifier: MIT
import { FediError } from './errors.js';
import type { Protocol, Ref, RefKind } from './model.js';
import { isLoopbackHost, safeUrl } from './url.js';
import { BSKY_APP } from './bluesky.js';

const USER = '[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?';
const HOST = '[A-Za-z0-9.-]+(?::\\d+)?';
const ACCT = new RegExp(`^@?(${USER})@(${HOST})$`);
const ID = '[A-Za-z0-9]+';
// Path shapes of Mastodon-API servers (Mastodon and its forks), without a post id a profile:
// `/@user[@host][/id]` (account in group 1, post id in 2), `/users/user[/statuses/id]` (3, 4), and
// `/ap/users/<internal account id>/statuses/id` (5; that account is no name, so it is left out).
const MASTODON = new RegExp(
  `^/(?:@(${USER}(?:@${HOST})?)(?:/(${ID}))?|users/(${USER})(?:/statuses/(${ID}))?|ap/users/${ID}/statuses/(${ID}))/?$`,
);

// Pixelfed's own path shapes (routes/web.php): a post at /p/<user>/<id> (group 1, 2) or
// /i/web/post/<id> (3), a collection at /c/<id> (4), a profile at /<username> (5): 2-30 characters
// with a letter, and not one of the common page names Pixelfed refuses as usernames.
const PIXELFED =
  /^\/(?:p\/([\w.-]{1,30})\/(\d{1,20})|i\/web\/post\/(\d{1,20})|c\/(\d{1,20})|(?!(?:about|login|register|settings|discover|explore|search|site)\/?$)(?=[\w.-]*[a-z])(\w[\w.-]{0,28}\w))\/?$/i;

// Bluesky: a DID, a handle (a domain name, optionally with one leading @), or a bsky.app profile URL.
const DID = /^did:(?:plc:[a-z2-7]{24}|web:[a-z0-9.-]+(?:%3A\d+)?)$/;
const HANDLE = /^@?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9])$/i;
const BSKY_PROFILE = /^\/profile\/([^/]+)(?:\/post\/([a-z0-9]{1,64}))?\/?$/i;
// at://<did or handle>/app.bsky.feed.post/<rkey>, or at://<did or handle> for a profile.
const AT_URI = /^at:\/\/([^/\s]+)(?:\/app\.bsky\.feed\.post\/([a-z0-9]{1,64}))?\/?$/i;

function bluesky(actor: string, rkey?: string): Ref {
  return {
    protocol: 'bluesky',
    kind: rkey ? 'post' : 'profile',
    origin: BSKY_APP,
    host: 'bsky.app',
    acct: actor,
    ...(rkey && { id: rkey }),
  };
}

/** A DID or handle as an actor, or `undefined`. */
function actor(text: string): string | undefined {
  const value = text.replace(/^@/, '');
  return DID.test(value) || HANDLE.test(value) ? value.toLowerCase() : undefined;
}

function invalid(input: string): FediError {
  return new FediError(
    `Not a post URL, profile URL or handle: "${input.slice(0, 200)}". ` +
      'Expected e.g. https://mastodon.social/@user/123 or @user@mastodon.social.',
    { code: 'INVALID_INPUT' },
  );
}

/**
 * Turns what a site owner writes (a post URL, a profile URL, `@user@host`, `acct:user@host`; for
 * Pixelfed `https://host/p/user/123`, `https://host/i/web/post/123`, a collection
 * `https://host/c/123` and a profile `https://host/username`; for Bluesky a handle, a DID, a
 * bsky.app profile or post URL, an `at://` URI) into a {@link Ref}. A Bluesky post's ref has `acct` =
 * the author's DID or handle and `id` = the record key. A handle (`@user@host`) names no software:
 * its ref says `mastodon`, and the Pixelfed provider reads it as well. Throws a `FediError` with code
 * `INVALID_INPUT` for anything else.
 *
 * @example
 * resolve('https://mastodon.social/@Gargron/1') // {protocol:'mastodon', kind:'post', id:'1', ...}
 * resolve('@Gargron@mastodon.social')          // {protocol:'mastodon', kind:'profile', acct:'Gargron', ...}
 * resolve('https://pixelfed.social/c/42')      // {protocol:'pixelfed', kind:'collection', id:'42', ...}
 */
export function resolve(input: string): Ref {
  const text = input.trim();
  const acct = ACCT.exec(text.replace(/^acct:/i, ''));
  if (acct) {
    const host = acct[2]!.toLowerCase();
    const checked = safeUrl(`https://${host}`);
    if (!checked) throw invalid(input);
    const url = new URL(checked);
    return {
      protocol: 'mastodon',
      kind: 'profile',
      // A handle names no scheme: https, except on loopback where the sandbox speaks plain http.
      origin: isLoopbackHost(url.hostname) ? `http://${url.host}` : url.origin,
      host,
      acct: acct[1]!,
    };
  }
  if (DID.test(text)) return bluesky(text);
  const handle = HANDLE.exec(text);
  if (handle) return bluesky(handle[1]!.toLowerCase());
  const at = AT_URI.exec(text);
  if (at) {
    const who = actor(at[1]!);
    if (who) return bluesky(who, at[2]);
    throw invalid(input);
  }
  const href = safeUrl(text);
  if (!href) throw invalid(input);
  const url = new URL(href);
  const profile = url.host === 'bsky.app' && BSKY_PROFILE.exec(url.pathname);
  if (profile) {
    let decoded = '';
    try {
      decoded = decodeURIComponent(profile[1]!);
    } catch {
      // A malformed escape (`%E0%A4%A`): junk, reported as INVALID_INPUT below, not a URIError.
    }
    const who = actor(decoded);
    if (who) return bluesky(who, profile[2]);
  }
  // A post, profile or collection on a web server, found in its URL's path.
  const web = (protocol: Protocol, kind: RefKind, id?: string, acct?: string): Ref => ({
    protocol,
    kind,
    origin: url.origin,
    host: url.host,
    url: href,
    ...(id && { id }),
    ...(acct && { acct }),
  });
  const pf = url.host !== 'bsky.app' && PIXELFED.exec(url.pathname);
  if (pf) {
    const [, user, post, webPost, collection, name] = pf;
    return web(
      'pixelfed',
      collection ? 'collection' : name ? 'profile' : 'post',
      post ?? webPost ?? collection,
      user ?? name,
    );
  }
  const m = MASTODON.exec(url.pathname);
  if (m) {
    const [, atUser, atId, user, userId, apId] = m;
    const id = atId ?? userId ?? apId;
    return web('mastodon', id ? 'post' : 'profile', id, atUser ?? user);
  }
  throw invalid(input);
}
