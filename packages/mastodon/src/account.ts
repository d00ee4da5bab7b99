// SPDX-License-Identifier: MIT
// The account reads: a module apart from the status reads (statuses.ts), so that a bundle of the
// thread read leaves them out.
import { FediError, isLoopbackHost, type PostPage, type Profile, type Ref } from '@fedikit/core';
import { mapProfile } from './map.js';
import { get, need, publicPosts, type Options } from './statuses.js';
import type { WireAccount, WireStatus } from './wire.js';

/** Finds an account on its home server: other servers only know accounts they have already seen. */
async function lookup(ref: Ref, o?: Options): Promise<{ origin: string; account: WireAccount }> {
  need(ref, 'profile');
  const [user, domain] = ref.acct!.split('@');
  const origin = domain
    ? `${isLoopbackHost(domain.replace(/:\d+$/, '')) ? 'http' : 'https'}://${domain}`
    : ref.origin;
  const account = await get<WireAccount>(
    `${origin}/api/v1/accounts/lookup?acct=${encodeURIComponent(user!)}`,
    o,
  );
  if (typeof account?.id !== 'string') {
    throw new FediError('The server sent an account without an id', { code: 'INVALID_RESPONSE' });
  }
  return { origin, account };
}

/** A public profile, looked up on the account's home server. */
export async function fetchProfile(ref: Ref, options?: Options): Promise<Profile> {
  const { origin, account } = await lookup(ref, options);
  return mapProfile(account, origin);
}

/** An account's public posts, newest first, boosts excluded; page with `maxId`. */
export async function fetchAuthorPosts(
  ref: Ref,
  options: Options & {
    readonly onlyMedia?: boolean;
    readonly maxId?: string;
    readonly limit?: number;
  } = {},
): Promise<PostPage> {
  const { origin, account } = await lookup(ref, options);
  const q = new URLSearchParams({
    limit: String(Math.min(40, Math.max(1, options.limit ?? 20))),
    exclude_reblogs: 'true',
  });
  if (options.onlyMedia) q.set('only_media', 'true');
  if (options.maxId) q.set('max_id', options.maxId);
  const id = encodeURIComponent(account.id as string);
  const raw = await get<WireStatus[]>(`${origin}/api/v1/accounts/${id}/statuses?${q}`, options);
  const posts = publicPosts(Array.isArray(raw) ? raw : [], origin);
  const last = posts.at(-1);
  return last ? { posts, next: last.id } : { posts };
}
