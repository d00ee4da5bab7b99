// SPDX-License-Identifier: MIT
// @fedikit/bluesky/session against the local network's real PDS: sign in (password path), like a
// post, see the like in the account's repository and in the AppView, unlike, sign out. The OAuth
// path is driven in Chromium by oauth.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { FediError } from '@fedikit/core';
import { signInWithPassword, type BlueskySession } from '@fedikit/bluesky/session';
import type { AtprotoFixtures } from './fixtures.js';

const file = process.env['ATPROTO_FIXTURES'];
const fx = file ? (JSON.parse(readFileSync(file, 'utf8')) as AtprotoFixtures) : undefined;
const skip = !fx && 'no local AT Protocol network (ATPROTO_FIXTURES is not set)';

/** GET an XRPC method anonymously, as a reader's browser would. */
async function xrpc<T>(base: string, method: string, params: Record<string, string>): Promise<T> {
  const res = await fetch(`${base}/xrpc/${method}?${new URLSearchParams(params)}`);
  assert.equal(res.status, 200, `${method}: ${await res.clone().text()}`);
  return res.json() as Promise<T>;
}

/** The AppView indexes from the PDS's firehose a moment later: poll briefly. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within 10 s: ${what}`);
}

describe('@fedikit/bluesky/session against the local PDS', { skip }, () => {
  const f = fx!;
  let session: BlueskySession | undefined;
  after(() => session?.signOut());

  it('refuses a wrong password with AUTH_REQUIRED', async () => {
    await assert.rejects(
      signInWithPassword({
        service: f.urls.pds,
        identifier: f.users.carol.handle,
        password: 'not-the-password',
      }),
      (e) => e instanceof FediError && e.code === 'AUTH_REQUIRED',
    );
  });

  it('signs in, likes a post, and takes the like back', async () => {
    session = await signInWithPassword({
      service: f.urls.pds,
      identifier: f.users.carol.handle,
      password: f.users.carol.password,
    });
    assert.equal(session.did, f.users.carol.did);

    const post = f.posts.image.uri;
    const likes = async () =>
      (
        await xrpc<{ likes: { actor: { did: string } }[] }>(
          f.urls.appview,
          'app.bsky.feed.getLikes',
          { uri: post },
        )
      ).likes.map((l) => l.actor.did);
    assert.deepEqual(await likes(), []);

    const likeUri = await session.like(post);
    assert.match(likeUri, new RegExp(`^at://${f.users.carol.did}/app\\.bsky\\.feed\\.like/`));
    // The record is in Carol's repository on the PDS, naming the post's exact version.
    const [, , repo, collection, rkey] = likeUri.split('/');
    const record = await xrpc<{ value: { subject: { uri: string; cid: string } } }>(
      f.urls.pds,
      'com.atproto.repo.getRecord',
      { repo: repo!, collection: collection!, rkey: rkey! },
    );
    assert.deepEqual(record.value.subject, { uri: post, cid: f.posts.image.cid });
    // And the AppView saw it.
    await eventually(async () => (await likes()).includes(f.users.carol.did), 'the like indexed');

    await session.unlike(likeUri);
    await eventually(async () => (await likes()).length === 0, 'the like removed');
  });

  it('says NOT_FOUND when liking a post that does not exist', async () => {
    assert.ok(session);
    await assert.rejects(
      session.like(`at://${f.users.alice.did}/app.bsky.feed.post/3zzzzzzzzzzzz`),
      (e) => e instanceof FediError && e.code === 'NOT_FOUND',
    );
  });
});
