import { expect } from '@open-wc/testing';
import { FediError } from './errors.js';
import { BSKY_APP } from './bluesky.js';
import { resolve } from './resolve.js';

function invalid(input: string): FediError {
  try {
    resolve(input);
  } catch (error) {
    expect(error, input).to.be.instanceOf(FediError);
    expect((error as FediError).code, input).to.equal('INVALID_INPUT');
    return error as FediError;
  }
  throw new Error(`resolve(${JSON.stringify(input)}) did not throw`);
}

describe('resolve', () => {
  describe('post URLs', () => {
    it('reads https://host/@user/123', () => {
      expect(resolve('https://mastodon.social/@Gargron/109318821117356215')).to.deep.equal({
        protocol: 'mastodon',
        kind: 'post',
        origin: 'https://mastodon.social',
        host: 'mastodon.social',
        url: 'https://mastodon.social/@Gargron/109318821117356215',
        id: '109318821117356215',
        acct: 'Gargron',
      });
    });

    it('reads /users/user/statuses/123', () => {
      const ref = resolve('https://example.social/users/alice/statuses/42');
      expect(ref).to.include({
        kind: 'post',
        id: '42',
        acct: 'alice',
        host: 'example.social',
        origin: 'https://example.social',
      });
    });

    it('reads /@user@remote/123 (a remote post seen from another server)', () => {
      const ref = resolve('https://mastodon.social/@halcy@icosahedron.website/110446223051565765');
      expect(ref).to.include({
        kind: 'post',
        id: '110446223051565765',
        acct: 'halcy@icosahedron.website',
        host: 'mastodon.social',
        origin: 'https://mastodon.social',
      });
    });

    it('reads /ap/users/<id>/statuses/<id> without an account', () => {
      const ref = resolve('https://example.social/ap/users/1234/statuses/5678');
      expect(ref.kind).to.equal('post');
      expect(ref.id).to.equal('5678');
      expect(ref.acct).to.be.undefined;
    });

    it('accepts trailing slashes, query strings, surrounding spaces and alphanumeric ids', () => {
      expect(resolve('https://example.social/@bob/123/').id).to.equal('123');
      expect(resolve('https://example.social/users/bob/statuses/123/').id).to.equal('123');
      expect(resolve('https://example.social/@bob/123?utm=x#frag').id).to.equal('123');
      expect(resolve('  https://example.social/@bob/123\n').id).to.equal('123');
      expect(resolve('https://example.social/@bob/AbC9xyz').id).to.equal('AbC9xyz');
    });

    it('lower-cases the host and keeps a non-default port', () => {
      const ref = resolve('HTTPS://Mastodon.SOCIAL/@Gargron/1');
      expect(ref.host).to.equal('mastodon.social');
      expect(ref.origin).to.equal('https://mastodon.social');
      expect(ref.acct).to.equal('Gargron');
      const port = resolve('https://example.social:8443/@a/1');
      expect(port.host).to.equal('example.social:8443');
      expect(port.origin).to.equal('https://example.social:8443');
    });

    it('allows http on loopback hosts (sandbox, tests)', () => {
      const ref = resolve('http://localhost:3000/@alice/7');
      expect(ref).to.include({
        kind: 'post',
        id: '7',
        host: 'localhost:3000',
        origin: 'http://localhost:3000',
      });
      expect(resolve('http://127.0.0.1:4000/users/alice/statuses/8').origin).to.equal(
        'http://127.0.0.1:4000',
      );
    });

    it('rejects http on any other host', () => {
      invalid('http://mastodon.social/@Gargron/1');
      invalid('http://example.social/users/a/statuses/1');
    });
  });

  describe('profiles', () => {
    it('reads profile URLs', () => {
      expect(resolve('https://mastodon.social/@Gargron')).to.deep.equal({
        protocol: 'mastodon',
        kind: 'profile',
        origin: 'https://mastodon.social',
        host: 'mastodon.social',
        url: 'https://mastodon.social/@Gargron',
        acct: 'Gargron',
      });
      expect(resolve('https://mastodon.social/@Gargron/')).to.include({
        kind: 'profile',
        acct: 'Gargron',
      });
      expect(resolve('https://example.social/users/alice')).to.include({
        kind: 'profile',
        acct: 'alice',
      });
      expect(resolve('https://example.social/users/alice/')).to.include({
        kind: 'profile',
        acct: 'alice',
      });
      expect(resolve('https://mastodon.social/@bob@other.example')).to.include({
        kind: 'profile',
        acct: 'bob@other.example',
        host: 'mastodon.social',
      });
    });

    it('reads @user@host, user@host and acct:user@host', () => {
      const expected = {
        protocol: 'mastodon',
        kind: 'profile',
        origin: 'https://example.social',
        host: 'example.social',
        acct: 'alice',
      };
      expect(resolve('@alice@example.social')).to.deep.equal(expected);
      expect(resolve('alice@example.social')).to.deep.equal(expected);
      expect(resolve('acct:alice@example.social')).to.deep.equal(expected);
      expect(resolve('ACCT:alice@Example.SOCIAL')).to.deep.equal(expected);
      expect(resolve('  @alice@example.social  ')).to.deep.equal(expected);
    });

    it('keeps dots, dashes and underscores in user names and ports in hosts', () => {
      expect(resolve('@first.last_1@example.social').acct).to.equal('first.last_1');
      expect(resolve('@a-b@example.social').acct).to.equal('a-b');
      const ref = resolve('@alice@example.social:8443');
      expect(ref.host).to.equal('example.social:8443');
      expect(ref.origin).to.equal('https://example.social:8443');
    });

    it('uses http for a handle on a loopback host, as the sandbox serves', () => {
      const ref = resolve('@alice@localhost:3000');
      expect(ref.kind).to.equal('profile');
      expect(ref.host).to.equal('localhost:3000');
      expect(ref.origin).to.equal('http://localhost:3000');
      expect(resolve('@alice@example.social').origin).to.equal('https://example.social');
    });
  });

  describe('Bluesky profiles', () => {
    const PLC = 'did:plc:z72i7hdynmk6r22z27h6tvur';
    const bluesky = (acct: string) => ({
      protocol: 'bluesky',
      kind: 'profile',
      origin: 'https://bsky.app',
      host: 'bsky.app',
      acct,
    });

    it('reads a did:plc DID (24 base32 characters) and a did:web DID', () => {
      expect(resolve(PLC)).to.deep.equal(bluesky(PLC));
      expect(resolve(`  ${PLC}\n`)).to.deep.equal(bluesky(PLC));
      expect(resolve('did:plc:abcdefghijklmnopqrstuvwx')).to.deep.equal(
        bluesky('did:plc:abcdefghijklmnopqrstuvwx'),
      );
      expect(resolve('did:plc:234567234567234567234567').acct).to.equal(
        'did:plc:234567234567234567234567',
      );
      expect(resolve('did:web:example.com')).to.deep.equal(bluesky('did:web:example.com'));
      expect(resolve('did:web:localhost%3A3000').acct).to.equal('did:web:localhost%3A3000');
      expect(BSKY_APP).to.equal('https://bsky.app');
    });

    it('reads a handle, with or without @, lower-cased', () => {
      expect(resolve('alice.bsky.social')).to.deep.equal(bluesky('alice.bsky.social'));
      expect(resolve('@alice.bsky.social')).to.deep.equal(bluesky('alice.bsky.social'));
      expect(resolve(' @Alice.Bsky.Social ')).to.deep.equal(bluesky('alice.bsky.social'));
      expect(resolve('example.com').acct).to.equal('example.com');
      expect(resolve('jay-1.sub.example.co.uk').acct).to.equal('jay-1.sub.example.co.uk');
      expect(resolve('xn--bcher-kva.example').acct).to.equal('xn--bcher-kva.example');
    });

    it('reads a bsky.app profile URL, by handle or DID', () => {
      for (const url of [
        'https://bsky.app/profile/alice.bsky.social',
        'https://bsky.app/profile/alice.bsky.social/',
        'https://bsky.app/profile/Alice.Bsky.Social?ref=x#top',
        'https://bsky.app/profile/@alice.bsky.social',
        'HTTPS://BSKY.APP/profile/alice.bsky.social',
        '  https://bsky.app/profile/alice.bsky.social  ',
      ]) {
        expect(resolve(url), url).to.deep.equal(bluesky('alice.bsky.social'));
      }
      expect(resolve(`https://bsky.app/profile/${PLC}`)).to.deep.equal(bluesky(PLC));
      expect(resolve(`https://bsky.app/profile/${PLC.replaceAll(':', '%3A')}`)).to.deep.equal(
        bluesky(PLC),
      );
      expect(resolve('https://bsky.app/profile/did:web:example.com')).to.deep.equal(
        bluesky('did:web:example.com'),
      );
    });

    it('reads Bluesky posts: bsky.app post URLs and at:// URIs', () => {
      const post = (acct: string, id: string) => ({ ...bluesky(acct), kind: 'post', id });
      expect(
        resolve('https://bsky.app/profile/alice.bsky.social/post/3k2yihcrp6f2c'),
      ).to.deep.equal(post('alice.bsky.social', '3k2yihcrp6f2c'));
      expect(resolve(`at://${PLC}/app.bsky.feed.post/3k2yihcrp6f2c`)).to.deep.equal(
        post(PLC, '3k2yihcrp6f2c'),
      );
      expect(resolve(`at://${PLC}`)).to.deep.equal(bluesky(PLC));
      for (const bad of [
        'at://not a did/app.bsky.feed.post/x',
        `at://${PLC}/app.bsky.feed.like/x`,
      ]) {
        invalid(bad);
      }
    });

    it('rejects junk DIDs with INVALID_INPUT', () => {
      for (const input of [
        'did:plc:',
        'did:plc:short',
        'did:plc:z72i7hdynmk6r22z27h6tvu', // 23
        'did:plc:z72i7hdynmk6r22z27h6tvurr', // 25
        'did:plc:Z72I7HDYNMK6R22Z27H6TVUR', // upper case is not base32 here
        'did:plc:z72i7hdynmk6r22z27h6tv01', // 0, 1, 8, 9 are not in base32
        'did:plc:z72i7hdynmk6r22z27h6tv89',
        'did:plc:z72i7hdynmk6r22z27h6tvu!',
        'did:web:',
        'did:web:exa mple.com',
        'did:web:example.com/path',
        'did:web:example.com:8443',
        'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
        'did:example:123',
        'did:',
        'DID:PLC:z72i7hdynmk6r22z27h6tvur',
        'did:plc:z72i7hdynmk6r22z27h6tvur\u0000',
        `did:plc:z72i7hdynmk6r22z27h6tvur<script>`,
      ]) {
        invalid(input);
      }
    });

    it('rejects bsky.app URLs that are not a profile with INVALID_INPUT', () => {
      for (const input of [
        'https://bsky.app',
        'https://bsky.app/',
        'https://bsky.app/profile',
        'https://bsky.app/profile/',
        'https://bsky.app/profile/alice.bsky.social/followers',
        'https://bsky.app/profile/did:plc:short',
        'https://bsky.app/profile/not%20a%20handle',
        'https://bsky.app/profile/localhost',
        'https://bsky.app/profile/%E0%A4%A',
        'https://bsky.app/profile/%E0',
        'https://bsky.app/profile/%',
        'https://bsky.app/profile/alice.bsky.social%2Fpost%2F1',
        'https://bsky.app/search?q=alice',
        'https://bsky.app/settings',
        'https://bsky.app/intent/compose?text=hi',
        'http://bsky.app/profile/alice.bsky.social',
        'https://www.bsky.app/profile/alice.bsky.social',
        'https://bsky.app.evil.example/profile/alice.bsky.social',
        'javascript://bsky.app/profile/alice.bsky.social',
      ]) {
        invalid(input);
      }
    });

    it('rejects junk that looks like a handle', () => {
      for (const input of [
        'alice',
        '@alice',
        'alice.',
        '.bsky.social',
        'alice..bsky.social',
        '-alice.bsky.social',
        'alice-.bsky.social',
        'alice.bsky.123',
        '1.2.3.4',
        'alice.bsky.social.',
        '@@alice.bsky.social',
        'alice bsky.social',
        'ali_ce.bsky.social',
        `${'a'.repeat(64)}.bsky.social`,
      ]) {
        invalid(input);
      }
    });

    it('still reads Mastodon forms as Mastodon', () => {
      expect(resolve('@alice@bsky.social')).to.include({
        protocol: 'mastodon',
        kind: 'profile',
        acct: 'alice',
        host: 'bsky.social',
      });
      expect(resolve('alice@example.social').protocol).to.equal('mastodon');
      expect(resolve('acct:alice@example.social').protocol).to.equal('mastodon');
      expect(resolve('https://mastodon.social/@Gargron').protocol).to.equal('mastodon');
      expect(resolve('https://mastodon.social/@Gargron/1')).to.include({
        protocol: 'mastodon',
        kind: 'post',
        id: '1',
      });
      expect(resolve('https://example.social/users/alice/statuses/42').protocol).to.equal(
        'mastodon',
      );
    });
  });

  describe('Pixelfed', () => {
    const base = {
      protocol: 'pixelfed',
      origin: 'https://pixelfed.example',
      host: 'pixelfed.example',
    };

    it('reads /p/user/123 and /i/web/post/123 as posts', () => {
      expect(resolve('https://pixelfed.example/p/mara/7123456789012345678')).to.deep.equal({
        ...base,
        kind: 'post',
        id: '7123456789012345678',
        acct: 'mara',
        url: 'https://pixelfed.example/p/mara/7123456789012345678',
      });
      expect(resolve('https://Pixelfed.Example/i/web/post/42/?x=1')).to.deep.equal({
        ...base,
        kind: 'post',
        id: '42',
        url: 'https://pixelfed.example/i/web/post/42/?x=1',
      });
      expect(resolve('http://127.0.0.1:4874/p/mara.k_1/5')).to.include({
        protocol: 'pixelfed',
        kind: 'post',
        id: '5',
        acct: 'mara.k_1',
        origin: 'http://127.0.0.1:4874',
      });
    });

    it('reads /c/123 as a collection', () => {
      expect(resolve('https://pixelfed.example/c/991')).to.deep.equal({
        ...base,
        kind: 'collection',
        id: '991',
        url: 'https://pixelfed.example/c/991',
      });
      expect(resolve('https://pixelfed.example/c/991/').id).to.equal('991');
    });

    it('reads /username as a profile', () => {
      expect(resolve('https://pixelfed.example/mara')).to.deep.equal({
        ...base,
        kind: 'profile',
        acct: 'mara',
        url: 'https://pixelfed.example/mara',
      });
      expect(resolve('https://pixelfed.example/Mara.K-2/').acct).to.equal('Mara.K-2');
      expect(resolve('https://pixelfed.example/_x').acct).to.equal('_x');
    });

    it('rejects page names, bad names, bad ids and http off loopback', () => {
      for (const input of [
        'https://pixelfed.example/login',
        'https://pixelfed.example/Settings',
        'https://pixelfed.example/discover',
        'https://pixelfed.example/about/',
        'https://pixelfed.example/i',
        'https://pixelfed.example/p',
        'https://pixelfed.example/c',
        'https://pixelfed.example/2024',
        'https://pixelfed.example/a',
        'https://pixelfed.example/.mara',
        'https://pixelfed.example/mara-',
        `https://pixelfed.example/${'m'.repeat(31)}`,
        'https://pixelfed.example/p/mara/12ab',
        'https://pixelfed.example/p/mara/',
        'https://pixelfed.example/p/mara/1/embed',
        'https://pixelfed.example/i/web/post/x1',
        'https://pixelfed.example/c/abc',
        'https://pixelfed.example/c/1/edit',
        'https://pixelfed.example/mara/embed',
        'http://pixelfed.example/mara',
        'http://pixelfed.example/p/mara/1',
      ]) {
        invalid(input);
      }
    });

    it('leaves handles and Mastodon URLs to Mastodon, and bsky.app pages alone', () => {
      expect(resolve('@mara@pixelfed.example').protocol).to.equal('mastodon');
      expect(resolve('https://pixelfed.example/@mara').protocol).to.equal('mastodon');
      invalid('https://bsky.app/alice');
    });
  });

  describe('errors', () => {
    it('gives a clear INVALID_INPUT error for junk', () => {
      for (const input of [
        '',
        '   ',
        'hello',
        'not a url',
        '@alice',
        'alice@',
        '@@example.social',
        '@alice@',
        '@alice@exa mple.social',
        '@al ice@example.social',
        '@alice@example.social/path',
        'alice@@example.social',
        '@alice@example.social:99999',
        '12345',
      ]) {
        invalid(input);
      }
    });

    it('rejects javascript:, data: and other schemes', () => {
      for (const input of [
        'javascript:alert(1)',
        'JaVaScRiPt:alert(1)',
        'java\tscript:alert(1)',
        'javascript://example.social/@a/1%0aalert(1)',
        'data:text/html,<script>alert(1)</script>',
        'vbscript:x',
        'file:///@a/1',
        'ftp://example.social/@a/1',
        '//example.social/@a/1',
        '/@a/1',
        'https://user:pass@example.social/@a/1',
      ]) {
        invalid(input);
      }
    });

    it('rejects unsupported paths', () => {
      for (const input of [
        'https://example.social/',
        'https://example.social',
        'https://example.social/about',
        'https://example.social/@alice/123/extra',
        'https://example.social/@alice/12-34',
        'https://example.social/@alice/123/reblogs',
        'https://example.social/users/alice/statuses/',
        'https://example.social/users/alice/followers',
        'https://example.social/tags/fediverse',
        'https://example.social/@/123',
        'https://example.social/web/statuses/123',
        'https://example.social/@alice%2F..%2F/1',
      ]) {
        invalid(input);
      }
    });

    it('names the input and gives examples in the message, and caps its length', () => {
      const error = invalid('https://example.social/about');
      expect(error.message).to.contain('https://example.social/about');
      expect(error.message).to.contain('@user@mastodon.social');
      expect(error.name).to.equal('FediError');
      const long = invalid('x'.repeat(10_000));
      expect(long.message.length).to.be.lessThan(600);
    });
  });
});
