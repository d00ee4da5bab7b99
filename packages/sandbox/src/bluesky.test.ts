// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createSandbox, type LogEntry, type Sandbox } from './server.js';
import { BLUESKY_SEED, BSKY_LABELER_DID } from './seed-bluesky.js';

type Obj = Record<string, unknown>;

interface Got {
  status: number;
  headers: Headers;
  json: Obj;
}

let sandbox: Sandbox;

async function xrpc(
  nsid: string,
  params: Record<string, string | number> = {},
  init: RequestInit = {},
): Promise<Got> {
  const url = new URL(`/xrpc/${nsid}`, sandbox.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: JSON.parse(text) as Obj };
}

const thread = (params: Record<string, string | number> = {}) =>
  xrpc('app.bsky.feed.getPostThread', { uri: BLUESKY_SEED.thread.uri, ...params });

/** Every node below (and including) a thread node, with its depth. */
function nodes(node: Obj, depth = 0, out: { node: Obj; depth: number }[] = []) {
  out.push({ node, depth });
  for (const child of (node['replies'] as Obj[] | undefined) ?? []) nodes(child, depth + 1, out);
  return out;
}

const post = (node: Obj): Obj => node['post'] as Obj;
const record = (node: Obj): Obj => post(node)['record'] as Obj;
const find = (root: Obj, uri: string): Obj | undefined =>
  nodes(root).find(({ node }) => (node['post'] ? post(node)['uri'] : node['uri']) === uri)?.node;

before(async () => {
  sandbox = await createSandbox({ port: 0, log: true });
});
after(async () => {
  await sandbox.close();
});

describe('seed identifiers', () => {
  test('DIDs, record keys and CIDs have the real shapes', () => {
    for (const account of Object.values(BLUESKY_SEED.accounts))
      assert.match(account.did, /^did:plc:[a-z2-7]{24}$/);
    assert.match(BLUESKY_SEED.thread.rkey, /^[2-7a-z]{13}$/);
    assert.match(BLUESKY_SEED.thread.cid, /^bafyrei[a-z2-7]{52}$/);
    assert.equal(
      BLUESKY_SEED.thread.uri,
      `at://${BLUESKY_SEED.thread.did}/app.bsky.feed.post/${BLUESKY_SEED.thread.rkey}`,
    );
    assert.equal(BLUESKY_SEED.thread.did, BLUESKY_SEED.accounts['alice']!.did);
    assert.equal(
      BLUESKY_SEED.thread.path,
      `/profile/alice.bsky.sandbox/post/${BLUESKY_SEED.thread.rkey}`,
    );
    assert.ok(BLUESKY_SEED.thread.replies >= 25);
  });
});

describe('app.bsky.feed.getPostThread', () => {
  test('answers with the lexicon shapes, the AppView headers and no cookie', async () => {
    const r = await thread();
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    assert.equal(r.headers.get('set-cookie'), null);
    assert.equal(r.headers.get('ratelimit-limit'), '3000');
    assert.equal(r.headers.get('ratelimit-policy'), '3000;w=300');
    assert.match(r.headers.get('ratelimit-remaining') ?? '', /^\d+$/);
    const reset = Number(r.headers.get('ratelimit-reset'));
    const now = Date.now() / 1000;
    assert.ok(reset > now - 1 && reset <= now + 301, `reset ${reset} in epoch seconds`);

    const root = r.json['thread'] as Obj;
    assert.equal(root['$type'], 'app.bsky.feed.defs#threadViewPost');
    const view = post(root);
    assert.equal(view['uri'], BLUESKY_SEED.thread.uri);
    assert.equal(view['cid'], BLUESKY_SEED.thread.cid);
    for (const key of ['replyCount', 'repostCount', 'likeCount', 'quoteCount'])
      assert.equal(typeof view[key], 'number', key);
    assert.equal(view['replyCount'], BLUESKY_SEED.thread.directReplies);
    assert.deepEqual(view['labels'], []);
    assert.match(String(view['indexedAt']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const author = view['author'] as Obj;
    assert.equal(author['did'], BLUESKY_SEED.thread.did);
    assert.equal(author['handle'], 'alice.bsky.sandbox');
    assert.equal(author['displayName'], 'Alice Martin');
    assert.ok(String(author['avatar']).startsWith(`${sandbox.url}/img/avatar/plain/`));
    assert.deepEqual(author['labels'], []);
    assert.equal(typeof author['createdAt'], 'string');
    const rec = view['record'] as Obj;
    assert.equal(rec['$type'], 'app.bsky.feed.post');
    assert.match(String(rec['text']), /Leaving the big platforms/);
    assert.deepEqual(rec['langs'], ['en']);
    assert.equal(rec['reply'], undefined);
    assert.equal((view['embed'] as Obj)['$type'], 'app.bsky.embed.external#view');
    assert.equal(root['parent'], undefined);

    // The threadgate, at the top and on the root post, hides one reply that is still served.
    const gate = r.json['threadgate'] as Obj;
    assert.equal(gate['uri'], BLUESKY_SEED.thread.threadgateUri);
    assert.deepEqual(view['threadgate'], gate);
    const gateRecord = gate['record'] as Obj;
    assert.equal(gateRecord['$type'], 'app.bsky.feed.threadgate');
    assert.equal(gateRecord['post'], BLUESKY_SEED.thread.uri);
    assert.deepEqual(gateRecord['hiddenReplies'], [BLUESKY_SEED.thread.replyUris.hidden]);
    assert.ok(find(root, BLUESKY_SEED.thread.replyUris.hidden));

    // Replies carry their reply refs and nest.
    const first = (root['replies'] as Obj[]).find((n) => n['post'])!;
    const reply = record(first)['reply'] as { root: Obj; parent: Obj };
    assert.deepEqual(reply.root, { cid: BLUESKY_SEED.thread.cid, uri: BLUESKY_SEED.thread.uri });
  });

  test('honours depth: 6 by default, 0 for the post alone, up to 1000', async () => {
    const chain = BLUESKY_SEED.thread.deepChainUris;
    assert.ok(BLUESKY_SEED.thread.maxDepth > 6);

    const byDefault = (await thread()).json['thread'] as Obj;
    const all = nodes(byDefault);
    assert.equal(Math.max(...all.map((n) => n.depth)), 6);
    const sixth = find(byDefault, chain[5]!)!;
    assert.equal(sixth['replies'], undefined, 'no replies key past the depth');
    assert.equal(find(byDefault, chain[6]!), undefined);
    const fifth = find(byDefault, chain[4]!)!;
    assert.equal((fifth['replies'] as Obj[]).length, 1);

    const alone = (await thread({ depth: 0 })).json['thread'] as Obj;
    assert.equal(alone['replies'], undefined);

    const one = (await thread({ depth: 1 })).json['thread'] as Obj;
    assert.equal(Math.max(...nodes(one).map((n) => n.depth)), 1);
    const leafless = (one['replies'] as Obj[]).filter((n) => n['post']);
    assert.ok(leafless.every((n) => n['replies'] === undefined));

    const full = (await thread({ depth: 1000 })).json['thread'] as Obj;
    const everything = nodes(full).slice(1);
    assert.equal(Math.max(...everything.map((n) => n.depth)), BLUESKY_SEED.thread.maxDepth);
    const posts = everything.filter((n) => n.node['$type'] === 'app.bsky.feed.defs#threadViewPost');
    assert.equal(posts.length, BLUESKY_SEED.thread.replies);

    const tooDeep = await thread({ depth: 1001 });
    assert.equal(tooDeep.status, 400);
    assert.equal(tooDeep.json['error'], 'InvalidRequest');
  });

  test('serves one blocked and one deleted reply as placeholders', async () => {
    const root = (await thread()).json['thread'] as Obj;
    const blocked = find(root, BLUESKY_SEED.thread.replyUris.blocked)!;
    assert.equal(blocked['$type'], 'app.bsky.feed.defs#blockedPost');
    assert.equal(blocked['blocked'], true);
    assert.equal((blocked['author'] as Obj)['did'], BLUESKY_SEED.accounts['blocked']!.did);
    assert.equal(blocked['post'], undefined);
    const gone = find(root, BLUESKY_SEED.thread.replyUris.notFound)!;
    assert.deepEqual(gone, {
      $type: 'app.bsky.feed.defs#notFoundPost',
      uri: BLUESKY_SEED.thread.replyUris.notFound,
      notFound: true,
    });
    const types = nodes(root).map((n) => n.node['$type']);
    assert.equal(types.filter((t) => t === 'app.bsky.feed.defs#blockedPost').length, 1);
    assert.equal(types.filter((t) => t === 'app.bsky.feed.defs#notFoundPost').length, 1);
  });

  test('carries the moderation labels a logged-out view must honour', async () => {
    const root = (await thread()).json['thread'] as Obj;
    const { adult, warn, noUnauthenticated } = BLUESKY_SEED.thread.replyUris;
    const labelsOf = (uri: string) =>
      (post(find(root, uri)!)['labels'] as Obj[]).map((l) => [l['src'], l['val']]);
    assert.deepEqual(labelsOf(adult), [[BSKY_LABELER_DID, 'porn']]);
    assert.deepEqual(labelsOf(warn), [[BSKY_LABELER_DID, '!warn']]);
    const quinn = post(find(root, noUnauthenticated)!)['author'] as Obj;
    const selfLabel = (quinn['labels'] as Obj[])[0]!;
    assert.equal(selfLabel['val'], '!no-unauthenticated');
    assert.equal(selfLabel['src'], quinn['did']);
    assert.equal(selfLabel['uri'], `at://${String(quinn['did'])}/app.bsky.actor.profile/self`);
    const adultEmbed = post(find(root, adult)!)['embed'] as Obj;
    assert.equal(adultEmbed['$type'], 'app.bsky.embed.images#view');
  });

  test('facets index UTF-8 bytes, including after multi-byte characters', async () => {
    const root = (await thread({ depth: 1000 })).json['thread'] as Obj;
    const hostileUri = BLUESKY_SEED.thread.replyUris.hostile;
    let checked = 0;
    for (const { node } of nodes(root)) {
      if (!node['post']) continue;
      const rec = record(node);
      const bytes = Buffer.from(String(rec['text']), 'utf8');
      for (const facet of (rec['facets'] as Obj[] | undefined) ?? []) {
        const { byteStart, byteEnd } = facet['index'] as { byteStart: number; byteEnd: number };
        if (post(node)['uri'] === hostileUri && byteEnd > bytes.length) continue;
        const shown = bytes.subarray(byteStart, byteEnd).toString('utf8');
        const feature = (facet['features'] as Obj[])[0]!;
        if (feature['$type'] === 'app.bsky.richtext.facet#mention') assert.match(shown, /^@/);
        else if (feature['$type'] === 'app.bsky.richtext.facet#tag')
          assert.equal(shown, `#${String(feature['tag'])}`);
        else assert.equal(feature['$type'], 'app.bsky.richtext.facet#link');
        checked++;
      }
    }
    assert.ok(checked >= 10, `${checked} facets`);

    const multibyte = record(find(root, BLUESKY_SEED.thread.replyUris.multibyte)!);
    const text = String(multibyte['text']);
    const tag = (multibyte['facets'] as Obj[])[0]!;
    const { byteStart } = tag['index'] as { byteStart: number };
    assert.ok(byteStart > text.indexOf('#Datenschutz'), 'byte offsets differ from UTF-16 ones');
    assert.equal(Buffer.byteLength(text.slice(0, text.indexOf('#Datenschutz'))), byteStart);
    assert.deepEqual(multibyte['langs'], ['de']);

    assert.deepEqual(record(find(root, BLUESKY_SEED.thread.replyUris.japanese)!)['langs'], ['ja']);
    assert.deepEqual(record(find(root, BLUESKY_SEED.thread.replyUris.arabic)!)['langs'], ['ar']);
  });

  test('serves hostile text as text, and a javascript: link facet', async () => {
    const root = (await thread()).json['thread'] as Obj;
    const hostile = find(root, BLUESKY_SEED.thread.replyUris.hostile)!;
    assert.match(String(record(hostile)['text']), /<script>alert/);
    assert.match(String((post(hostile)['author'] as Obj)['displayName']), /onerror=/);
    const uris = (record(hostile)['facets'] as Obj[]).flatMap((f) =>
      (f['features'] as Obj[]).map((x) => x['uri']),
    );
    assert.ok(uris.includes('javascript:alert(document.domain)'));
  });

  test('an image reply has alt text, an aspect ratio and pictures on the sandbox', async () => {
    const root = (await thread()).json['thread'] as Obj;
    const embed = post(find(root, BLUESKY_SEED.thread.replyUris.image)!)['embed'] as Obj;
    assert.equal(embed['$type'], 'app.bsky.embed.images#view');
    const image = (embed['images'] as Obj[])[0]!;
    assert.match(String(image['alt']), /Lyon/);
    assert.deepEqual(image['aspectRatio'], { height: 1500, width: 2000 });
    for (const key of ['thumb', 'fullsize']) {
      const url = String(image[key]);
      assert.ok(url.startsWith(`${sandbox.url}/img/feed_`), url);
      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'image/png');
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      const bytes = Buffer.from(await response.arrayBuffer());
      assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    }
  });

  test('quotes, rootAuthorLike and the custom-domain handle', async () => {
    const root = (await thread()).json['thread'] as Obj;
    const quote = post(find(root, BLUESKY_SEED.thread.replyUris.quote)!)['embed'] as Obj;
    assert.equal(quote['$type'], 'app.bsky.embed.record#view');
    assert.equal((quote['record'] as Obj)['$type'], 'app.bsky.embed.record#viewRecord');
    for (const uri of BLUESKY_SEED.thread.authorLikedUris) {
      const context = find(root, uri)!['threadContext'] as Obj;
      assert.match(
        String(context['rootAuthorLike']),
        /^at:\/\/did:plc:[a-z2-7]{24}\/app\.bsky\.feed\.like\//,
      );
    }
    const gus = post(find(root, BLUESKY_SEED.thread.replyUris.customDomain)!)['author'] as Obj;
    assert.equal(gus['handle'], 'gus.example');
    assert.equal(gus['displayName'], undefined);
    assert.equal(gus['avatar'], undefined);
    const unverified = post(find(root, BLUESKY_SEED.thread.replyUris.invalidHandle)!)['author'];
    assert.equal((unverified as Obj)['handle'], 'handle.invalid');
  });

  test('a link card, a quote of a deleted post, and images with a quote (recordWithMedia)', async () => {
    const root = (await thread()).json['thread'] as Obj;
    const card = post(root)['embed'] as Obj;
    assert.equal(card['$type'], 'app.bsky.embed.external#view');
    const external = card['external'] as Obj;
    assert.match(String(external['uri']), /^https:\/\//);
    assert.ok(external['title'] && external['description']);
    assert.match(String(external['thumb']), /feed_thumbnail/);
    const gone = post(find(root, BLUESKY_SEED.thread.replyUris.quoteOfDeleted)!)['embed'] as Obj;
    assert.deepEqual(gone, {
      $type: 'app.bsky.embed.record#view',
      record: {
        $type: 'app.bsky.embed.record#viewNotFound',
        uri: BLUESKY_SEED.thread.replyUris.notFound,
        notFound: true,
      },
    });
    const node = find(root, BLUESKY_SEED.thread.replyUris.recordWithMedia)!;
    const rwm = post(node)['embed'] as Obj;
    assert.equal(rwm['$type'], 'app.bsky.embed.recordWithMedia#view');
    assert.equal((rwm['media'] as Obj)['$type'], 'app.bsky.embed.images#view');
    const quoted = (rwm['record'] as Obj)['record'] as Obj;
    assert.equal(quoted['$type'], 'app.bsky.embed.record#viewRecord');
    assert.equal((quoted['author'] as Obj)['did'], BLUESKY_SEED.thread.did);
    // The record says the same, in the record lexicon.
    const embed = record(node)['embed'] as Obj;
    assert.equal(embed['$type'], 'app.bsky.embed.recordWithMedia');
    assert.equal((embed['record'] as Obj)['$type'], 'app.bsky.embed.record');
    assert.equal((embed['media'] as Obj)['$type'], 'app.bsky.embed.images');
  });

  test('accepts the author as a handle and answers with DIDs', async () => {
    const uri = `at://alice.bsky.sandbox/app.bsky.feed.post/${BLUESKY_SEED.thread.rkey}`;
    const r = await xrpc('app.bsky.feed.getPostThread', { uri, depth: 0 });
    assert.equal(r.status, 200);
    assert.equal(post(r.json['thread'] as Obj)['uri'], BLUESKY_SEED.thread.uri);
  });

  test('walks up to the parents of a reply, honouring parentHeight', async () => {
    const chain = BLUESKY_SEED.thread.deepChainUris;
    const deepest = chain[chain.length - 1]!;
    const r = await xrpc('app.bsky.feed.getPostThread', { uri: deepest });
    let node = r.json['thread'] as Obj;
    const ups: string[] = [];
    while (node['parent']) {
      node = node['parent'] as Obj;
      assert.equal(node['replies'], undefined);
      ups.push(String(post(node)['uri']));
    }
    assert.deepEqual(ups, [...chain.slice(0, -1)].reverse().concat(BLUESKY_SEED.thread.uri));
    assert.equal((r.json['threadgate'] as Obj)['uri'], BLUESKY_SEED.thread.threadgateUri);
    const short = await xrpc('app.bsky.feed.getPostThread', { uri: deepest, parentHeight: 1 });
    const parent = (short.json['thread'] as Obj)['parent'] as Obj;
    assert.equal(post(parent)['uri'], chain[chain.length - 2]);
    assert.equal(parent['parent'], undefined);
  });

  test('answers 400 NotFound for unknown and deleted posts, like the AppView', async () => {
    const unknown = `at://${BLUESKY_SEED.thread.did}/app.bsky.feed.post/3aaaaaaaaaaaa`;
    const r = await xrpc('app.bsky.feed.getPostThread', { uri: unknown });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { error: 'NotFound', message: `Post not found: ${unknown}` });
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    const deleted = await xrpc('app.bsky.feed.getPostThread', {
      uri: BLUESKY_SEED.thread.replyUris.notFound,
    });
    assert.equal(deleted.status, 400);
    assert.equal(deleted.json['error'], 'NotFound');
    const nobody = await xrpc('app.bsky.feed.getPostThread', {
      uri: 'at://nobody.bsky.sandbox/app.bsky.feed.post/3aaaaaaaaaaaa',
    });
    assert.equal(nobody.json['error'], 'NotFound');
    const bad = await xrpc('app.bsky.feed.getPostThread', { uri: 'https://bsky.app/x' });
    assert.equal(bad.status, 400);
    assert.equal(bad.json['error'], 'InvalidRequest');
    const missing = await xrpc('app.bsky.feed.getPostThread');
    assert.equal(missing.status, 400);
    assert.equal(missing.json['error'], 'InvalidRequest');
  });
});

describe('app.bsky.actor.getProfile', () => {
  test('returns a detailed profile by handle or DID', async () => {
    const byHandle = await xrpc('app.bsky.actor.getProfile', { actor: 'alice.bsky.sandbox' });
    assert.equal(byHandle.status, 200);
    const profile = byHandle.json;
    assert.equal(profile['did'], BLUESKY_SEED.accounts['alice']!.did);
    assert.equal(profile['postsCount'], BLUESKY_SEED.authorFeed.alice);
    for (const key of ['followersCount', 'followsCount'])
      assert.equal(typeof profile[key], 'number');
    assert.equal(typeof profile['description'], 'string');
    assert.ok(String(profile['banner']).startsWith(`${sandbox.url}/img/banner/plain/`));
    assert.deepEqual(profile['pinnedPost'], {
      uri: BLUESKY_SEED.thread.uri,
      cid: BLUESKY_SEED.thread.cid,
    });
    const byDid = await xrpc('app.bsky.actor.getProfile', {
      actor: BLUESKY_SEED.accounts['alice']!.did,
    });
    assert.deepEqual(byDid.json, profile);
    const avatar = await fetch(String(profile['avatar']));
    assert.equal(avatar.headers.get('content-type'), 'image/svg+xml');
    await avatar.arrayBuffer();

    const quinn = await xrpc('app.bsky.actor.getProfile', { actor: 'quinn.bsky.sandbox' });
    assert.deepEqual(
      (quinn.json['labels'] as Obj[]).map((l) => l['val']),
      ['!no-unauthenticated'],
    );
  });

  test('answers 400 for an unknown actor', async () => {
    const r = await xrpc('app.bsky.actor.getProfile', { actor: 'nobody.bsky.sandbox' });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { error: 'InvalidRequest', message: 'Profile not found' });
  });
});

describe('app.bsky.feed.getAuthorFeed', () => {
  test('pages through every post with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const r = await xrpc('app.bsky.feed.getAuthorFeed', {
        actor: 'alice.bsky.sandbox',
        limit: 10,
        ...(cursor ? { cursor } : {}),
      });
      assert.equal(r.status, 200);
      const feed = r.json['feed'] as Obj[];
      assert.ok(feed.length <= 10);
      for (const item of feed) seen.push(String((item['post'] as Obj)['uri']));
      cursor = r.json['cursor'] as string | undefined;
      if (!cursor) break;
    }
    assert.equal(cursor, undefined);
    assert.equal(seen.length, BLUESKY_SEED.authorFeed.alice);
    assert.equal(new Set(seen).size, seen.length);
  });

  test('filters, and describes replies with their root and parent', async () => {
    const r = await xrpc('app.bsky.feed.getAuthorFeed', { actor: 'alice.bsky.sandbox' });
    const feed = r.json['feed'] as Obj[];
    const reply = feed.find((item) => item['reply'])!;
    const refs = reply['reply'] as Obj;
    assert.equal((refs['root'] as Obj)['$type'], 'app.bsky.feed.defs#postView');
    assert.equal((refs['root'] as Obj)['uri'], BLUESKY_SEED.thread.uri);

    const media = await xrpc('app.bsky.feed.getAuthorFeed', {
      actor: BLUESKY_SEED.accounts['alice']!.did,
      filter: 'posts_with_media',
    });
    const items = media.json['feed'] as Obj[];
    assert.equal(items.length, BLUESKY_SEED.authorFeed.aliceWithMedia);
    for (const item of items)
      assert.equal(((item['post'] as Obj)['embed'] as Obj)['$type'], 'app.bsky.embed.images#view');

    const noReplies = await xrpc('app.bsky.feed.getAuthorFeed', {
      actor: 'alice.bsky.sandbox',
      filter: 'posts_no_replies',
    });
    assert.ok((noReplies.json['feed'] as Obj[]).every((item) => !item['reply']));

    const tooMany = await xrpc('app.bsky.feed.getAuthorFeed', {
      actor: 'alice.bsky.sandbox',
      limit: 101,
    });
    assert.equal(tooMany.status, 400);
    const badFilter = await xrpc('app.bsky.feed.getAuthorFeed', {
      actor: 'alice.bsky.sandbox',
      filter: 'everything',
    });
    assert.equal(badFilter.status, 400);
  });
});

describe('com.atproto.identity.resolveHandle', () => {
  test('resolves the seeded handles, case-insensitively', async () => {
    for (const [key, account] of Object.entries(BLUESKY_SEED.accounts)) {
      if (account.handle === 'handle.invalid') continue;
      const r = await xrpc('com.atproto.identity.resolveHandle', {
        handle: account.handle.toUpperCase(),
      });
      assert.equal(r.status, 200, key);
      assert.deepEqual(r.json, { did: account.did });
    }
  });

  test('answers 400 for unknown and invalid handles', async () => {
    for (const handle of ['nobody.bsky.sandbox', 'handle.invalid', 'not a handle']) {
      const r = await xrpc('com.atproto.identity.resolveHandle', { handle });
      assert.equal(r.status, 400, handle);
      assert.equal(r.json['error'], 'InvalidRequest');
    }
  });
});

describe('XRPC plumbing', () => {
  test('answers preflights like the AppView, and logs them so tests can count them', async () => {
    await fetch(new URL('/__log', sandbox.url), { method: 'DELETE' });
    const response = await fetch(new URL('/xrpc/app.bsky.feed.getPostThread', sandbox.url), {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:4870',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'atproto-accept-labelers',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('access-control-allow-headers'), 'atproto-accept-labelers');
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /GET/);
    assert.equal(response.headers.get('set-cookie'), null);
    const log = (await (await fetch(new URL('/__log', sandbox.url))).json()) as LogEntry[];
    assert.equal(log.filter((e) => e.method === 'OPTIONS').length, 1);
  });

  test('a simple GET exposes the rate-limit headers and sets no cookie', async () => {
    const r = await xrpc(
      'com.atproto.identity.resolveHandle',
      { handle: 'alice.bsky.sandbox' },
      { headers: { origin: 'http://localhost:4870' } },
    );
    assert.match(r.headers.get('access-control-expose-headers') ?? '', /RateLimit-Reset/);
    assert.equal(r.headers.get('set-cookie'), null);
  });

  test('unknown methods are not implemented; queries only take GET', async () => {
    const unknown = await xrpc('app.bsky.feed.getTimeline');
    assert.equal(unknown.status, 501);
    assert.equal(unknown.json['error'], 'MethodNotImplemented');
    const post = await xrpc(
      'app.bsky.actor.getProfile',
      { actor: 'alice.bsky.sandbox' },
      {
        method: 'POST',
      },
    );
    assert.equal(post.status, 400);
    assert.equal(post.json['error'], 'InvalidRequest');
  });

  test('app.bsky.feed.getPosts returns post views by URI', async () => {
    const url = new URL('/xrpc/app.bsky.feed.getPosts', sandbox.url);
    url.searchParams.append('uris', BLUESKY_SEED.thread.uri);
    url.searchParams.append('uris', BLUESKY_SEED.thread.replyUris.notFound);
    url.searchParams.append('uris', BLUESKY_SEED.thread.replyUris.image);
    url.searchParams.append('uris', BLUESKY_SEED.thread.replyUris.blocked);
    const body = (await (await fetch(url)).json()) as { posts: Obj[] };
    assert.deepEqual(
      body.posts.map((p) => p['uri']),
      [
        BLUESKY_SEED.thread.uri,
        BLUESKY_SEED.thread.replyUris.image,
        BLUESKY_SEED.thread.replyUris.blocked,
      ],
    );
  });

  test('app.bsky.feed.getLikes and getRepostedBy list accounts up to the counts, paged', async () => {
    const root = post((await thread({ depth: 0 })).json['thread'] as Obj);
    const likes = await xrpc('app.bsky.feed.getLikes', { uri: BLUESKY_SEED.thread.uri, limit: 5 });
    assert.equal(likes.status, 200);
    assert.equal(likes.headers.get('set-cookie'), null);
    const list = likes.json['likes'] as Obj[];
    assert.equal(list.length, 5);
    assert.equal(likes.json['uri'], BLUESKY_SEED.thread.uri);
    const dids = list.map((l) => (l['actor'] as Obj)['did']);
    assert.equal(new Set(dids).size, 5);
    assert.ok(!dids.includes(BLUESKY_SEED.thread.did), 'not the author');
    for (const like of list) {
      assert.match(String(like['createdAt']), /^\d{4}-\d\d-\d\dT/);
      assert.match(String((like['actor'] as Obj)['handle']), /\./);
    }
    // Every page together: as many accounts as the seed has, never more than the count.
    const all: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await xrpc('app.bsky.feed.getLikes', {
        uri: BLUESKY_SEED.thread.uri,
        limit: 4,
        ...(cursor ? { cursor } : {}),
      });
      all.push(...(page.json['likes'] as Obj[]));
      cursor = page.json['cursor'] as string | undefined;
    } while (cursor);
    assert.ok(all.length > 5 && all.length <= Number(root['likeCount']));
    const reposts = await xrpc('app.bsky.feed.getRepostedBy', { uri: BLUESKY_SEED.thread.uri });
    const by = reposts.json['repostedBy'] as Obj[];
    assert.equal(by.length, Math.min(Number(root['repostCount']), all.length));
    assert.ok(by.every((a) => typeof a['did'] === 'string' && a['handle']));
    // A post with one like lists one account; an unknown post none; a bad URI is refused.
    const one = await xrpc('app.bsky.feed.getLikes', {
      uri: BLUESKY_SEED.thread.replyUris.invalidHandle,
    });
    assert.equal((one.json['likes'] as Obj[]).length, 1);
    const none = await xrpc('app.bsky.feed.getLikes', {
      uri: `at://${BLUESKY_SEED.thread.did}/app.bsky.feed.post/3zzzzzzzzzzzz`,
    });
    assert.deepEqual(none.json['likes'], []);
    assert.equal((await xrpc('app.bsky.feed.getLikes', { uri: 'nope' })).status, 400);
    assert.equal((await xrpc('app.bsky.feed.getRepostedBy', {})).status, 400);
  });

  test('bsky.app-like pages name the thread offline', async () => {
    const page = await fetch(new URL(BLUESKY_SEED.thread.path, sandbox.url));
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Leaving the big platforms/);
    const profile = await fetch(new URL(BLUESKY_SEED.accounts['mallory']!.path, sandbox.url));
    const html = await profile.text();
    assert.ok(!html.includes('<script>alert'), 'escaped');
  });
});
