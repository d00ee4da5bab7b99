// SPDX-License-Identifier: MIT
/**
 * The accounts `<fedi-follow-button>` follows, read without core's `resolve()`. The button needs
 * profiles only; `resolve()` also reads posts and collections, and the bundler puts it in one chunk
 * with what the other elements load beside it (emoji, formatting, the sanitizer's loader), which a
 * page with only the button would download for nothing. This is a second reader of the same forms,
 * so account.test.ts holds it to `resolve()`: for every input there, it gives the very `Ref`
 * `resolve()` gives for a profile, and nothing otherwise.
 */
import { BSKY_APP, isLoopbackHost, safeUrl, type Ref } from '@fedikit/core';

// The patterns below are resolve()'s (core/src/resolve.ts), kept to their profile shapes.
const USER = '[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?';
const HOST = '[A-Za-z0-9.-]+(?::\\d+)?';
const ACCT = new RegExp(`^@?(${USER})@(${HOST})$`);
// Mastodon-API servers: /@user, /@user@host, /users/user.
const MASTODON = new RegExp(`^/(?:@(${USER}(?:@${HOST})?)|users/(${USER}))/?$`);
// Pixelfed: /username, 2-30 characters with a letter, not a page name Pixelfed refuses as a username.
const PIXELFED =
  /^\/(?!(?:about|login|register|settings|discover|explore|search|site)\/?$)(?=[\w.-]*[a-z])(\w[\w.-]{0,28}\w)\/?$/i;
const DID = /^did:(?:plc:[a-z2-7]{24}|web:[a-z0-9.-]+(?:%3A\d+)?)$/;
const HANDLE = /^@?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9])$/i;
// A bsky.app profile URL's path, and an at:// URI naming an account (no record).
const BSKY_PROFILE = /^\/profile\/([^/]+)\/?$/i;
const AT_URI = /^at:\/\/([^/\s]+)\/?$/i;

const bluesky = (acct: string): Ref => ({
  protocol: 'bluesky',
  kind: 'profile',
  origin: BSKY_APP,
  host: 'bsky.app',
  acct,
});

/** A DID or a handle (one leading `@` allowed), lower-cased; `undefined` for anything else. */
function actor(text = ''): string | undefined {
  const value = text.replace(/^@/, '');
  return DID.test(value) || HANDLE.test(value) ? value.toLowerCase() : undefined;
}

/**
 * The profile `account` names, as `resolve()` reads it; `undefined` for anything else (a post, a
 * collection, junk).
 */
export function readAccount(account: string): Ref | undefined {
  const text = account.trim();
  const acct = ACCT.exec(text.replace(/^acct:/i, ''));
  if (acct && !text.includes('/')) {
    const host = acct[2]!.toLowerCase();
    const checked = safeUrl(`https://${host}`);
    if (!checked) return undefined;
    const url = new URL(checked);
    // A handle names no scheme: https, except on loopback where the sandbox speaks plain http.
    const origin = isLoopbackHost(url.hostname) ? `http://${url.host}` : url.origin;
    return { protocol: 'mastodon', kind: 'profile', origin, host, acct: acct[1]! };
  }
  // Bluesky, in resolve()'s order: a DID (as written), a handle, at://<DID or handle>.
  if (DID.test(text)) return bluesky(text);
  const handle = HANDLE.exec(text)?.[1] ?? actor(AT_URI.exec(text)?.[1]);
  if (handle) return bluesky(handle.toLowerCase());
  // Anything else that is not an http(s) URL (an at:// record, junk) is no account.
  const href = safeUrl(text);
  if (!href) return undefined;
  const url = new URL(href);
  const base = { kind: 'profile', origin: url.origin, host: url.host, url: href } as const;
  if (url.host === 'bsky.app') {
    let decoded: string | undefined;
    try {
      decoded = decodeURIComponent(BSKY_PROFILE.exec(url.pathname)?.[1] ?? '');
    } catch {
      // A malformed escape (`%E0%A4%A`): no account.
    }
    const who = actor(decoded);
    if (who) return bluesky(who);
  } else {
    const name = PIXELFED.exec(url.pathname)?.[1];
    if (name) return { ...base, protocol: 'pixelfed', acct: name };
  }
  const m = MASTODON.exec(url.pathname);
  return m ? { ...base, protocol: 'mastodon', acct: (m[1] ?? m[2])! } : undefined;
}
