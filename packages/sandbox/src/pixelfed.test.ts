// SPDX-License-Identifier: MIT
// The sandbox's Pixelfed mode, over HTTP: the token wall, Pixelfed's entities and paging, the
// seeded photos (real PNGs whose BlurHash is computed from their own pixels), collections.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { rasterBlurhash } from './media.js';
import {
  createPixelfedSandbox,
  PIXELFED_PLACEHOLDER_BLURHASH,
  type PixelfedSandbox,
} from './pixelfed.js';
import { PIXELFED_SEED as SEED } from './seed-pixelfed.js';

let walled: PixelfedSandbox;
let open: PixelfedSandbox;

interface Got {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function get(base: PixelfedSandbox, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, base.url), { headers, redirect: 'manual' });
  const buffer = Buffer.from(await response.arrayBuffer());
  const text = buffer.toString('utf8');
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // Pages, images, redirects.
  }
  return { status: response.status, headers: response.headers, text, json, buffer } as Got & {
    buffer: Buffer;
  };
}

const auth = { authorization: `Bearer ${SEED.token}`, accept: 'application/json' };

type Media = {
  id: string;
  type: string;
  url: string;
  preview_url: string;
  description: string | null;
  blurhash: string;
  meta: { original: { width: number; height: number }; small?: unknown } | null;
  license?: { title: string; url: string } | null;
  is_nsfw?: boolean;
};
type Status = {
  id: string;
  visibility: string;
  in_reply_to_id: string | null;
  sensitive: boolean;
  spoiler_text: string;
  pf_type: string;
  media_attachments: Media[];
  account: { id: string; acct: string; avatar_static?: string };
};

/** Decodes the PNGs the sandbox writes (8-bit RGB, filter 0 on every row). */
function decodePng(png: Buffer): { width: number; height: number; rgb: Uint8Array } {
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    assert.equal(raw[row], 0, 'filter 0');
    rgb.set(raw.subarray(row + 1, row + 1 + width * 3), y * width * 3);
  }
  return { width, height, rgb };
}

before(async () => {
  walled = await createPixelfedSandbox({ port: 0, log: true });
  open = await createPixelfedSandbox({ port: 0, open: true, cors: true });
});
after(async () => {
  await Promise.all([walled.close(), open.close()]);
});

describe('the token wall', () => {
  const reads = () => [
    `/api/v1/statuses/${SEED.album.id}`,
    `/api/v1/statuses/${SEED.album.id}/context`,
    `/api/v1/accounts/${SEED.account.id}`,
    `/api/v1/accounts/${SEED.account.id}/statuses`,
    '/api/v2/search?q=mara&type=accounts',
    `/api/v1.1/collections/items/${SEED.collection.id}`,
  ];

  test('anonymous readers that do not ask for JSON get a 302 to /login', async () => {
    for (const path of reads()) {
      const r = await get(walled, path);
      assert.equal(r.status, 302, path);
      assert.equal(r.headers.get('location'), `${walled.url}/login`);
    }
    const login = await get(walled, '/login');
    assert.equal(login.status, 200);
    assert.match(login.headers.get('content-type') ?? '', /text\/html/);
    assert.match(login.text, /type="password"/);
  });

  test('anonymous readers that ask for JSON, or bring a wrong token, get a 401', async () => {
    for (const path of reads()) {
      const r = await get(walled, path, { accept: 'application/json' });
      assert.equal(r.status, 401, path);
      assert.deepEqual(r.json, { message: 'Unauthenticated.' });
      const wrong = await get(walled, path, { ...auth, authorization: 'Bearer nope' });
      assert.equal(wrong.status, 401, path);
    }
  });

  test('the read token opens every read; an open instance needs none', async () => {
    for (const path of reads()) {
      assert.equal((await get(walled, path, auth)).status, 200, path);
      assert.equal((await get(open, path)).status, 200, path);
    }
    assert.equal(walled.token, SEED.token);
    assert.equal(walled.open, false);
    assert.equal(open.open, true);
  });

  test('public without a token: WebFinger, nodeinfo, instance, files', async () => {
    const wf = await get(
      walled,
      `/.well-known/webfinger?resource=acct:mara@${new URL(walled.url).host}`,
    );
    assert.equal(wf.status, 200);
    assert.equal(wf.headers.get('access-control-allow-origin'), '*');
    const links = (wf.json as { links: { rel: string; href: string }[] }).links;
    // Pixelfed's self link is /users/<name>: it carries no id.
    assert.equal(links.find((l) => l.rel === 'self')!.href, `${walled.url}/users/mara`);
    assert.ok(links.some((l) => l.rel === 'http://schemas.google.com/g/2010#updates-from'));
    assert.equal((await get(walled, '/.well-known/webfinger?resource=acct:nobody@x')).status, 404);
    const ni = await get(walled, '/api/nodeinfo/2.0.json');
    assert.equal((ni.json as { software: { name: string } }).software.name, 'pixelfed');
    assert.equal((await get(walled, '/api/v1/instance')).status, 200);
  });

  test('there is no accounts/lookup', async () => {
    const r = await get(walled, '/api/v1/accounts/lookup?acct=mara', auth);
    assert.equal(r.status, 404);
  });
});

describe('CORS', () => {
  test('only /.well-known/ by default; /api/ too with `cors`', async () => {
    const r = await get(walled, '/api/v1/instance', { origin: 'http://site.example' });
    assert.equal(r.headers.get('access-control-allow-origin'), null);
    const o = await get(open, '/api/v1/instance', { origin: 'http://site.example' });
    assert.equal(o.headers.get('access-control-allow-origin'), '*');
    const pre = await fetch(`${open.url}/api/v1/statuses/1`, {
      method: 'OPTIONS',
      headers: { 'access-control-request-headers': 'authorization' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-headers'), 'authorization');
  });
});

describe('statuses and paging', () => {
  test('account statuses: no Link, no rate-limit headers, limit capped at 40, max_id paging', async () => {
    const base = `/api/v1/accounts/${SEED.account.id}/statuses?only_media=true`;
    const all = await get(walled, `${base}&limit=100`, auth);
    assert.equal(all.headers.get('link'), null);
    assert.equal(all.headers.get('x-ratelimit-limit'), null);
    const list = all.json as Status[];
    assert.equal(list.length, SEED.account.mediaPosts);
    assert.ok(SEED.account.mediaPosts <= 40);
    const seen: string[] = [];
    let maxId = '';
    for (let i = 0; i < 10; i++) {
      const page = (await get(walled, `${base}&limit=10${maxId && `&max_id=${maxId}`}`, auth))
        .json as Status[];
      seen.push(...page.map((s) => s.id));
      if (page.length < 10) break;
      maxId = page.at(-1)!.id;
    }
    assert.deepEqual(
      seen,
      list.map((s) => s.id),
    );
    const capped = (
      await get(walled, `/api/v1/accounts/${SEED.account.id}/statuses?limit=1000`, auth)
    ).json as Status[];
    assert.equal(capped.length, Math.min(40, SEED.account.mediaPosts));
  });

  test('replies, boosts and private posts are never listed; a private post is 404', async () => {
    const list = (
      await get(
        walled,
        `/api/v1/accounts/${SEED.account.id}/statuses?exclude_replies=false&limit=40`,
        auth,
      )
    ).json as Status[];
    assert.ok(list.every((s) => s.in_reply_to_id === null && s.visibility !== 'private'));
    assert.ok(!list.some((s) => s.id === SEED.privatePostId));
    assert.equal((await get(walled, `/api/v1/statuses/${SEED.privatePostId}`, auth)).status, 404);
  });

  test('an album, Mastodon-shaped and as a Pixelfed entity', async () => {
    const m = (await get(walled, `/api/v1/statuses/${SEED.album.id}`, auth)).json as Status;
    assert.equal(m.pf_type, 'photo:album');
    assert.equal(m.media_attachments.length, SEED.album.media);
    assert.ok(m.media_attachments.every((x) => x.type === 'image' && !('license' in x)));
    const pe = (await get(walled, `/api/v1/statuses/${SEED.album.id}?_pe=1`, auth)).json as Status;
    assert.ok(pe.media_attachments.every((x) => x.type === 'Image' && 'license' in x));
    assert.equal(pe.account.avatar_static, undefined);
    const ctx = (await get(walled, `/api/v1/statuses/${SEED.album.id}/context`, auth)).json as {
      descendants: Status[];
    };
    assert.equal(ctx.descendants.length, SEED.album.replies);
  });

  test('the sensitive album, the licensed post', async () => {
    const s = (await get(walled, `/api/v1/statuses/${SEED.sensitiveAlbum.id}?_pe=1`, auth))
      .json as Status;
    assert.equal(s.sensitive, true);
    assert.equal(s.spoiler_text, SEED.sensitiveAlbum.spoiler);
    assert.equal(s.media_attachments.length, SEED.sensitiveAlbum.media);
    assert.ok(s.media_attachments.every((x) => x.is_nsfw === true));
    const l = (await get(walled, `/api/v1/statuses/${SEED.licensedPost.id}?_pe=1`, auth))
      .json as Status;
    assert.deepEqual(l.media_attachments[0]!.license, {
      id: 11,
      title: 'CC BY',
      url: 'https://creativecommons.org/licenses/by/4.0/',
    });
  });
});

describe('photos', () => {
  async function allMedia(): Promise<Media[]> {
    const list = (
      await get(walled, `/api/v1/accounts/${SEED.account.id}/statuses?limit=40&_pe=1`, auth)
    ).json as Status[];
    return list.flatMap((s) => s.media_attachments);
  }

  test('the placeholder BlurHash and meta: null where the seed says, meta.original only elsewhere', async () => {
    const media = await allMedia();
    assert.ok(media.length > 30);
    const placeholder = media.filter((m) => m.blurhash === PIXELFED_PLACEHOLDER_BLURHASH);
    assert.ok(placeholder.length >= 3);
    assert.ok(placeholder.every((m) => SEED.placeholderMediaIds.includes(m.id)));
    const noMeta = media.filter((m) => m.meta === null);
    assert.ok(noMeta.length >= 3);
    assert.ok(noMeta.every((m) => SEED.noMetaMediaIds.includes(m.id)));
    assert.ok(media.every((m) => m.meta === null || (m.meta.original && !('small' in m.meta))));
    assert.ok(
      media.some((m) => m.description === null),
      'some photos lack alt text',
    );
    assert.ok(media.filter((m) => m.description).length > media.length / 2);
  });

  test('files are real PNGs of the stated size, and each BlurHash is that of its own thumbnail', async () => {
    const media = (await allMedia()).slice(0, 8);
    for (const m of media) {
      const original = await get(walled, new URL(m.url).pathname);
      assert.equal(original.status, 200);
      assert.equal(original.headers.get('content-type'), 'image/png');
      const png = decodePng(original.buffer);
      if (m.meta)
        assert.deepEqual([png.width, png.height], [m.meta.original.width, m.meta.original.height]);
      const thumb = decodePng((await get(walled, new URL(m.preview_url).pathname)).buffer);
      assert.equal(thumb.width, Math.round(png.width / 2));
      if (m.blurhash !== PIXELFED_PLACEHOLDER_BLURHASH)
        assert.equal(m.blurhash, rasterBlurhash(thumb));
    }
    // Different pictures, different hashes.
    const hashes = new Set(media.map((m) => m.blurhash));
    assert.ok(hashes.size >= 5);
  });
});

describe('accounts and collections', () => {
  test('v2 search finds local accounts by name or full handle; foreign domains find nothing', async () => {
    const host = new URL(walled.url).host;
    for (const q of ['mara', '@mara', `mara@${host}`, `@mara@${host}`]) {
      const r = (await get(walled, `/api/v2/search?q=${encodeURIComponent(q)}&type=accounts`, auth))
        .json as { accounts: { id: string }[] };
      assert.deepEqual(
        r.accounts.map((a) => a.id),
        [SEED.account.id],
        q,
      );
    }
    const none = (await get(walled, '/api/v2/search?q=mara@elsewhere.example', auth)).json as {
      accounts: unknown[];
    };
    assert.deepEqual(none.accounts, []);
  });

  test('collections: list, view, items by inclusive score ranges (CollectionController)', async () => {
    for (const prefix of ['/api/v1.1/collections/', '/api/local/']) {
      const local = prefix === '/api/local/';
      // The web app's routes need no token; the v1.1 ones do.
      const headers = local ? {} : auth;
      const listPath = local
        ? `profile/collections/${SEED.account.id}`
        : `accounts/${SEED.account.id}`;
      const list = (await get(walled, `${prefix}${listPath}`, headers)).json as {
        id: string;
        url: string;
      }[];
      // Published public ones only, newest first.
      assert.deepEqual(
        list.map((c) => c.id),
        [SEED.smallCollection.id, SEED.collection.id],
        prefix,
      );
      assert.equal(list[1]!.url, `${walled.url}${SEED.collection.path}`);
      const viewPath = local ? `collection/${SEED.collection.id}` : `view/${SEED.collection.id}`;
      const view = (await get(walled, `${prefix}${viewPath}`, headers)).json as {
        title: string;
        post_count: number;
        thumb: string;
        username: string;
      };
      assert.equal(view.title, SEED.collection.title);
      assert.equal(view.post_count, SEED.collection.posts);
      assert.equal(view.username, SEED.account.username);
      assert.match(view.thumb, /^http:\/\/127\.0\.0\.1:\d+\/storage\/m\/_v2\//);
      const items = (page: number | string) =>
        get(
          walled,
          `${prefix}${local ? 'collection/' : ''}items/${SEED.collection.id}?page=${page}`,
          headers,
        );
      const one = (await items(1)).json as Status[];
      const two = (await items(2)).json as Status[];
      const three = (await items(3)).json as Status[];
      // Orders 0-10, then 10-20 (10 and 11 exist), then 20-30: eleven, two, none.
      assert.deepEqual([one.length, two.length, three.length], [11, 2, 0], prefix);
      assert.equal(two[0]!.id, one[10]!.id);
      assert.equal(new Set([...one, ...two].map((x) => x.id)).size, SEED.collection.posts);
      // No page parameter is page 1; no upper bound: page 31 is only empty.
      assert.deepEqual(
        (
          (
            await get(
              walled,
              `${prefix}${local ? 'collection/' : ''}items/${SEED.collection.id}`,
              headers,
            )
          ).json as Status[]
        ).map((x) => x.id),
        one.map((x) => x.id),
      );
      const far = await items(31);
      assert.deepEqual([far.status, far.json], [200, []]);
      assert.equal((await items('x')).status, 500);
      assert.ok(one.every((x) => x.media_attachments.every((m) => m.type === 'Image')));
      for (const id of [SEED.draftCollectionId, SEED.privateCollectionId]) {
        for (const kind of local ? ['collection/', 'collection/items/'] : ['view/', 'items/']) {
          const r = await get(walled, `${prefix}${kind}${id}`, headers);
          assert.deepEqual([r.status, r.json], [404, { message: '' }], `${prefix}${kind}${id}`);
        }
      }
      const missing = await get(walled, `${prefix}${local ? 'collection/' : 'view/'}1`, headers);
      assert.deepEqual([missing.status, missing.json], [404, []]);
    }
  });

  test('the web app’s collection reads are public; the v1.1 ones are walled', async () => {
    const r = await get(walled, `/api/local/collection/items/${SEED.collection.id}`, {
      accept: 'application/json',
    });
    assert.equal(r.status, 200);
    assert.equal((r.json as unknown[]).length, 11);
    const v11 = await get(walled, `/api/v1.1/collections/items/${SEED.collection.id}`, {
      accept: 'application/json',
    });
    assert.equal(v11.status, 401);
  });

  test('web pages: profile, post, /i/web/post redirect, collection', async () => {
    assert.equal((await get(walled, SEED.account.profilePath)).status, 200);
    assert.equal((await get(walled, SEED.album.path)).status, 200);
    const r = await get(walled, `/i/web/post/${SEED.album.id}`);
    assert.equal(r.status, 302);
    assert.equal(r.headers.get('location'), `${walled.url}${SEED.album.path}`);
    assert.equal((await get(walled, SEED.collection.path)).status, 200);
    assert.equal((await get(walled, `/c/${SEED.draftCollectionId}`)).status, 404);
    assert.equal((await get(walled, `/c/${SEED.privateCollectionId}`)).status, 404);
    assert.equal((await get(walled, `/p/mara/${SEED.privatePostId}`)).status, 404);
  });

  test('never sets a cookie; logs requests', async () => {
    const r = await get(walled, `/api/v1/statuses/${SEED.album.id}`, auth);
    assert.equal(r.headers.get('set-cookie'), null);
    const log = (await get(walled, '/__log')).json as { path: string }[];
    assert.ok(log.some((e) => e.path === `/api/v1/statuses/${SEED.album.id}`));
  });
});
