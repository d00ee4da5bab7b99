// SPDX-License-Identifier: MIT
// @fedikit/bluesky (the built package, in Node) against a real local AT Protocol network: a real
// AppView indexing a real PDS, labels from a real moderation service. Run through
// `npm run test:atproto`, which starts the network and sets ATPROTO_FIXTURES.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FediError, resolve, type Post, type Thread, type ThreadNode } from '@fedikit/core';
import {
  createBlueskyProvider,
  fetchAuthorPosts,
  fetchFacepile,
  fetchProfile,
  fetchThread,
} from '@fedikit/bluesky';
import type { AtprotoFixtures } from './fixtures.js';

const file = process.env['ATPROTO_FIXTURES'];
if (!file)
  console.warn(
    '[atproto] ATPROTO_FIXTURES is not set: the network tests are skipped. Run them with npm run test:atproto.',
  );
const fx = file ? (JSON.parse(readFileSync(file, 'utf8')) as AtprotoFixtures) : undefined;
const skip = !fx && 'no local AT Protocol network (ATPROTO_FIXTURES is not set)';

function flat(nodes: readonly ThreadNode[]): ThreadNode[] {
  const out: ThreadNode[] = [];
  for (const stack = [...nodes].reverse(); stack.length;) {
    const n = stack.pop()!;
    out.push(n);
    stack.push(...[...n.replies].reverse());
  }
  return out;
}
const ids = (t: Thread) => flat(t.replies).map((n) => n.post.id);

async function failure(promise: Promise<unknown>): Promise<FediError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof FediError, String(e));
    return e;
  }
  throw new Error('expected a FediError');
}

describe('@fedikit/bluesky against a local AT Protocol network', { skip }, () => {
  const f = fx!;
  const appview = f?.urls.appview;
  const { r1, r2, r3, r4, labelled, hidden, noUnauth } = f?.posts.replies ?? ({} as never);

  it('reads the thread: nesting, counts, rich text, and the logged-out moderation', async () => {
    const thread = await fetchThread(resolve(f.posts.root.uri), { appview, sort: 'oldest' });
    assert.equal(thread.root.id, f.posts.root.uri);
    assert.equal(thread.root.author.id, f.users.alice.did);
    assert.equal(thread.root.author.name, 'Alice Author');
    assert.equal(thread.root.content, f.posts.root.text);
    assert.equal(thread.root.counts.likes, 2);
    // The link facet's UTF-8 byte offsets, after an emoji, cut the text at the right place.
    const link = thread.root.segments?.find((s) => s.kind === 'link');
    assert.deepEqual(link, { text: f.posts.root.link, kind: 'link', href: f.posts.root.link });
    // Top level, oldest first: r1 (with r3 and r4 below it), r2, then the hidden reply as a
    // placeholder. Eve's reply (labelled porn) and Dan's (!no-unauthenticated) are not there.
    assert.deepEqual(
      thread.replies.map((n) => n.post.id),
      [r1.uri, r2.uri, hidden.uri],
    );
    assert.deepEqual(ids(thread), [r1.uri, r3.uri, r4.uri, r2.uri, hidden.uri]);
    const byId = new Map(flat(thread.replies).map((n) => [n.post.id, n]));
    assert.equal(byId.get(r4.uri)!.depth, 3);
    assert.equal(byId.get(hidden.uri)!.post.placeholder, 'hidden');
    assert.equal(byId.get(r1.uri)!.post.likedByAuthor, true);
    assert.equal(thread.count, 5);
    assert.equal(thread.truncated, undefined);
    const all = JSON.stringify(thread);
    assert.ok(!all.includes(labelled.uri), 'the labelled reply is dropped by default');
    assert.ok(!all.includes(noUnauth.uri), 'the !no-unauthenticated reply is dropped');
  });

  it('shows the labelled reply behind a warning with adult: warn', async () => {
    const thread = await fetchThread(resolve(f.posts.root.uri), {
      appview,
      moderation: { adult: 'warn' },
    });
    const post = flat(thread.replies).find((n) => n.post.id === labelled.uri)?.post;
    assert.ok(post, 'the labelled reply is there');
    assert.equal(post.sensitive, true);
    assert.equal(post.spoiler, 'Adult content');
    assert.ok(!JSON.stringify(thread).includes(noUnauth.uri));
  });

  it('reads by handle and by bsky.app address, through the AppView alone', async () => {
    const rkey = f.posts.root.uri.split('/').pop()!;
    for (const input of [
      `at://${f.users.alice.handle}/app.bsky.feed.post/${rkey}`,
      `https://bsky.app/profile/${f.users.alice.handle}/post/${rkey}`,
    ]) {
      const thread = await fetchThread(resolve(input), { appview });
      assert.equal(thread.root.id, f.posts.root.uri, input);
      assert.equal(thread.count, 5);
    }
  });

  it('keeps only what the author liked with favouritesOnly; filters by the owner’s settings', async () => {
    const liked = await fetchThread(resolve(f.posts.root.uri), { appview, favouritesOnly: true });
    assert.deepEqual(
      liked.replies.map((n) => n.post.id),
      [r1.uri],
    );
    const muted = await fetchThread(resolve(f.posts.root.uri), {
      appview,
      moderation: { muteUsers: [f.users.bob.handle] },
    });
    // Muting Bob drops r1 and everything below it, and r4.
    assert.ok(!ids(muted).includes(r1.uri) && !ids(muted).includes(r3.uri));
    assert.ok(ids(muted).includes(r2.uri));
  });

  it('reads who liked (getLikes) and reposted (getRepostedBy) the root: a facepile', async () => {
    const ref = resolve(f.posts.root.uri);
    const likes = await fetchFacepile(ref, { appview });
    assert.deepEqual(
      likes.authors.map((a) => a.id).sort(),
      [f.users.bob.did, f.users.carol.did].sort(),
    );
    for (const a of likes.authors) {
      assert.equal(a.url, `https://bsky.app/profile/${a.id}`);
      assert.ok(a.handle.includes('.'), a.handle);
    }
    const reposts = await fetchFacepile(ref, { appview, kind: 'reposts' });
    assert.deepEqual(reposts.authors, []);
  });

  it('reads profiles; an account hidden from logged-out readers is AUTH_REQUIRED', async () => {
    const alice = await fetchProfile(resolve(`at://${f.users.alice.did}`), { appview });
    assert.equal(alice.author.id, f.users.alice.did);
    assert.equal(alice.author.handle, f.users.alice.handle);
    assert.equal(alice.counts.followers, 2);
    assert.ok(alice.author.avatar?.startsWith(`${appview}/img/avatar/`), alice.author.avatar);
    const avatar = await fetch(alice.author.avatar!);
    assert.equal(avatar.status, 200);
    assert.match(avatar.headers.get('content-type') ?? '', /^image\//);
    const dan = await failure(fetchProfile(resolve(`at://${f.users.dan.did}`), { appview }));
    assert.equal(dan.code, 'AUTH_REQUIRED');
  });

  it('reads an author’s media posts, with alt text and loadable images', async () => {
    const page = await fetchAuthorPosts(resolve(`at://${f.users.alice.did}`), {
      appview,
      onlyMedia: true,
    });
    assert.deepEqual(
      page.posts.map((p: Post) => p.id),
      [f.posts.image.uri],
    );
    const [media] = page.posts[0]!.media;
    assert.equal(media?.type, 'image');
    assert.equal(media?.alt, 'A blue square');
    const thumb = await fetch(media!.previewUrl!);
    assert.equal(thumb.status, 200);
  });

  it('answers NOT_FOUND for a post that does not exist, and works as a Provider', async () => {
    const missing = `at://${f.users.alice.did}/app.bsky.feed.post/3zzzzzzzzzzzz`;
    assert.equal((await failure(fetchThread(resolve(missing), { appview }))).code, 'NOT_FOUND');
    const provider = createBlueskyProvider({ appview });
    const post = await provider.getPost(resolve(r4.uri));
    assert.equal(post.author.id, f.users.bob.did);
    assert.equal(post.content, 'Anytime (bob, under alice, third level)');
  });
});
