import { expect } from '@open-wc/testing';
import { mapLicense, mapPixelfedStatus, PLACEHOLDER_BLURHASH } from './map.js';
import type { WirePixelfedStatus } from './wire.js';

const ORIGIN = 'https://pixelfed.example';

interface Fixture {
  album: WirePixelfedStatus;
  mastodonShaped: WirePixelfedStatus;
}

async function fixture(): Promise<Fixture> {
  const res = await fetch(new URL('./fixtures/pixelfed-example.json', import.meta.url));
  return (await res.json()) as Fixture;
}

describe('mapPixelfedStatus', () => {
  let data: Fixture;
  beforeEach(async () => {
    data = await fixture();
  });

  it('maps an album (a Pixelfed entity) with every file, in order', () => {
    const post = mapPixelfedStatus(data.album, ORIGIN)!;
    expect(post).to.include({
      protocol: 'pixelfed',
      id: '712300000000000001',
      url: 'https://pixelfed.example/p/mara/712300000000000001',
      format: 'html',
      visibility: 'public',
    });
    expect(post.counts).to.deep.equal({ replies: 3, reposts: 2, likes: 41 });
    expect(post.author).to.include({ handle: 'mara@pixelfed.example', name: 'Mara Lindqvist' });
    expect(post.media.map((m) => m.id)).to.deep.equal([
      '712300000000000101',
      '712300000000000102',
      '712300000000000103',
    ]);
  });

  it('reads Pixelfed verbs as media types, and sizes from meta.original only', () => {
    const [a, b, c] = mapPixelfedStatus(data.album, ORIGIN)!.media;
    expect(a).to.include({ type: 'image', width: 1440, height: 960 });
    expect(a!.previewWidth).to.be.undefined; // Pixelfed has no meta.small
    expect(b).to.include({ type: 'image', width: undefined, height: undefined }); // meta: null
    expect(c).to.include({ type: 'video', width: 1080, height: 1920 });
  });

  it('keeps alt text from description, empty when none', () => {
    const [a, b] = mapPixelfedStatus(data.album, ORIGIN)!.media;
    expect(a!.alt).to.equal('Fog over the cliffs at sunrise, a lighthouse on the far point.');
    expect(b!.alt).to.equal('');
  });

  it('drops the placeholder BlurHash and keeps real ones', () => {
    const [a, b] = mapPixelfedStatus(data.album, ORIGIN)!.media;
    expect(a!.blurhash).to.equal('LKO2?U%2Tw=w]~RBVZRi};RPxuwH');
    expect(b!.blurhash).to.be.undefined;
    expect(PLACEHOLDER_BLURHASH).to.equal('U4Rfzst8?bt7ogayj[j[~pfQ9Goe%Mj[WBay');
  });

  it('maps licenses from objects and strings; none when absent', () => {
    const [a, b, c] = mapPixelfedStatus(data.album, ORIGIN)!.media;
    expect(a!.license).to.deep.equal({
      name: 'CC BY',
      url: 'https://creativecommons.org/licenses/by/4.0/',
    });
    expect(b!.license).to.be.undefined;
    expect(c!.license).to.deep.equal({ name: 'CC BY-NC' });
  });

  it('an is_nsfw file makes the post sensitive', () => {
    expect(mapPixelfedStatus(data.album, ORIGIN)!.sensitive).to.equal(true);
    const safe = {
      ...data.album,
      media_attachments: data.album.media_attachments!.map((m) => ({ ...m, is_nsfw: false })),
    };
    expect(mapPixelfedStatus(safe, ORIGIN)!.sensitive).to.equal(false);
    expect(mapPixelfedStatus({ ...safe, sensitive: true }, ORIGIN)!.sensitive).to.equal(true);
  });

  it('passes every URL through safeUrl', () => {
    const c = mapPixelfedStatus(data.album, ORIGIN)!.media[2]!;
    expect(c.previewUrl).to.be.undefined;
    const bad = mapPixelfedStatus(
      {
        ...data.album,
        media_attachments: [
          { id: '1', type: 'Image', license: { title: 'X', url: 'javascript:x' } },
        ],
      },
      ORIGIN,
    )!;
    expect(bad.media[0]!.license).to.deep.equal({ name: 'X' });
  });

  it('maps the Mastodon-compatible shape too, with the protocol asked for', () => {
    const post = mapPixelfedStatus(data.mastodonShaped, ORIGIN, 'mastodon')!;
    expect(post.protocol).to.equal('mastodon');
    expect(post.media[0]).to.include({ type: 'image', width: 1080, height: 1350 });
    expect(post.media[0]!.alt).to.equal('A blue thistle-like flower on sand.');
    expect(post.sensitive).to.equal(false);
  });

  it('survives hostile shapes', () => {
    expect(mapPixelfedStatus(undefined, ORIGIN)).to.be.undefined;
    expect(mapPixelfedStatus('x' as never, ORIGIN)).to.be.undefined;
    expect(mapPixelfedStatus({ id: null } as never, ORIGIN)).to.be.undefined;
    const odd = mapPixelfedStatus(
      {
        id: '9',
        reply_count: -5,
        media_attachments: [null, 7, { id: 'm', type: 42, license: 42, is_nsfw: 'yes' }] as never,
      },
      ORIGIN,
    )!;
    expect(odd.media).to.have.length(1);
    expect(odd.media[0]!.type).to.equal('unknown');
    expect(odd.media[0]!.license).to.be.undefined;
    expect(odd.sensitive).to.equal(false);
    expect(odd.counts.replies).to.equal(0);
    const many = Array.from({ length: 100 }, (_, i) => ({ id: `m${i}`, type: 'Image' }));
    expect(mapPixelfedStatus({ id: '9', media_attachments: many }, ORIGIN)!.media).to.have.length(
      20,
    );
  });
});

describe('mapLicense', () => {
  it('prefers the short title, caps lengths, ignores junk', () => {
    expect(mapLicense({ title: 'CC BY-SA', name: 'Attribution-ShareAlike' })).to.deep.equal({
      name: 'CC BY-SA',
    });
    expect(mapLicense({ name: 'Public Domain Work' })).to.deep.equal({
      name: 'Public Domain Work',
    });
    expect(mapLicense('x'.repeat(1000))!.name).to.have.length(200);
    for (const junk of [null, undefined, '', '  ', {}, { title: 5 }, [] as never])
      expect(mapLicense(junk as never), JSON.stringify(junk)).to.be.undefined;
  });
});
