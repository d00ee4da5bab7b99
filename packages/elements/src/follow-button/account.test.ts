// SPDX-License-Identifier: MIT
// The follow button's own account reader against core's resolve(): the same Ref for every profile,
// nothing for every post, collection or junk input (the inputs of resolve's tests, and more).
import { BSKY_APP, resolve, type Ref } from '@fedikit/core';
import { expect } from '@open-wc/testing';
import { readAccount } from './account.js';

const PLC = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';

/** resolve()'s answer when it is a profile; `undefined` for anything else, thrown or not. */
function resolvedProfile(input: string): Ref | undefined {
  try {
    const ref = resolve(input);
    return ref.kind === 'profile' ? ref : undefined;
  } catch {
    return undefined;
  }
}

const PROFILES = [
  // Handles
  '@alice@example.social',
  '  @alice@example.social  ',
  'alice@example.social',
  'acct:alice@example.social',
  'ACCT:alice@Example.SOCIAL',
  '@a-b@example.social',
  '@first.last_1@example.social',
  '@alice@example.social:8443',
  '@alice@localhost:3000',
  '@alice@127.0.0.1:4873',
  '@mara@pixelfed.example',
  '@alice@bsky.social',
  // Mastodon-API profile URLs
  'https://mastodon.social/@Gargron',
  'https://mastodon.social/@Gargron/',
  'HTTPS://Mastodon.SOCIAL/@Gargron',
  'https://mastodon.social/@bob@other.example',
  'https://mastodon.social/@bob@other.example:8443/',
  'https://example.social/users/alice',
  'https://example.social/users/alice/',
  'https://example.social/@alice?x=1#top',
  'http://localhost:3000/@alice',
  'http://127.0.0.1:4000/users/alice',
  'https://pixelfed.example/@mara',
  'https://bsky.app/@alice',
  'https://bsky.app/users/alice',
  // Pixelfed profile URLs
  'https://pixelfed.example/mara',
  'https://pixelfed.example/Mara.K-2/',
  'https://pixelfed.example/_x',
  'https://pixelfed.example/users',
  'http://127.0.0.1:4874/mara',
  // Bluesky
  'alice.bsky.social',
  '@alice.bsky.social',
  ' @Alice.Bsky.Social ',
  'example.com',
  'jay-1.sub.example.co.uk',
  'xn--bcher-kva.example',
  PLC,
  `  ${PLC}\n`,
  'did:plc:234567234567234567234567',
  'did:web:example.com',
  'did:web:localhost%3A3000',
  `at://${PLC}`,
  `at://${PLC}/`,
  'at://Alice.Bsky.Social',
  'at://did:web:localhost%3A3000',
  'https://bsky.app/profile/alice.bsky.social',
  'https://bsky.app/profile/alice.bsky.social/',
  'https://bsky.app/profile/Alice.Bsky.Social?ref=x#top',
  'https://bsky.app/profile/@alice.bsky.social',
  'https://bsky.app/Profile/alice.bsky.social',
  'HTTPS://BSKY.APP/profile/alice.bsky.social',
  `https://bsky.app/profile/${PLC}`,
  `https://bsky.app/profile/${PLC.replaceAll(':', '%3A')}`,
  'https://bsky.app/profile/did:web:example.com',
];

const NOT_PROFILES = [
  // Posts and collections
  'https://mastodon.social/@Gargron/109318821117356215',
  'https://mastodon.social/@Gargron/1',
  'https://example.social/@bob/AbC9xyz/',
  'https://mastodon.social/@halcy@icosahedron.website/110446223051565765',
  'https://example.social/users/alice/statuses/42',
  'https://example.social/ap/users/1234/statuses/5678',
  'https://pixelfed.example/p/mara/7123456789012345678',
  'https://Pixelfed.Example/i/web/post/42/?x=1',
  'https://pixelfed.example/c/991',
  'https://bsky.app/profile/alice.bsky.social/post/3k2yihcrp6f2c',
  `at://${PLC}/app.bsky.feed.post/3k2yihcrp6f2c`,
  `at://${PLC}/app.bsky.feed.like/x`,
  'at://not a did/app.bsky.feed.post/x',
  'at://not_a_handle',
  // Junk handles, DIDs and URLs
  '',
  '   ',
  'hello',
  'not a url',
  'alice',
  '@alice',
  'alice@',
  '@@example.social',
  '@alice@',
  '@alice@exa mple.social',
  '@alice@example.social/path',
  'alice@@example.social',
  '@alice@example.social:99999',
  '12345',
  '1.2.3.4',
  'alice..bsky.social',
  '-alice.bsky.social',
  'ali_ce.bsky.social',
  `${'a'.repeat(64)}.bsky.social`,
  'did:plc:short',
  'did:plc:Z72I7HDYNMK6R22Z27H6TVUR',
  'did:web:example.com:8443',
  'DID:PLC:z72i7hdynmk6r22z27h6tvur',
  'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  'https://bsky.app',
  'https://bsky.app/profile',
  'https://bsky.app/profile/',
  'https://bsky.app/profile/alice.bsky.social/followers',
  'https://bsky.app/profile/did:plc:short',
  'https://bsky.app/profile/not%20a%20handle',
  'https://bsky.app/profile/localhost',
  'https://bsky.app/profile/%E0%A4%A',
  'https://bsky.app/profile/%',
  'https://bsky.app/profile/alice.bsky.social%2Fpost%2F1',
  'https://bsky.app/alice',
  'https://bsky.app/settings',
  'http://bsky.app/profile/alice.bsky.social',
  'https://bsky.app.evil.example/profile/alice.bsky.social',
  'https://pixelfed.example/login',
  'https://pixelfed.example/Settings',
  'https://pixelfed.example/about/',
  'https://pixelfed.example/2024',
  'https://pixelfed.example/a',
  'https://pixelfed.example/.mara',
  'https://pixelfed.example/mara-',
  `https://pixelfed.example/${'m'.repeat(31)}`,
  'https://pixelfed.example/mara/embed',
  'http://pixelfed.example/mara',
  'http://mastodon.social/@Gargron',
  'https://example.social/',
  'https://example.social/@/123',
  'https://example.social/users/alice/followers',
  'https://example.social/@alice%2F..%2F',
  'https://example.social/tags/fediverse',
  'javascript:alert(1)',
  'java\tscript:alert(1)',
  'javascript://example.social/@a',
  'data:text/html,<script>alert(1)</script>',
  '//example.social/@a',
  '/@a',
  'https://user:pass@example.social/@a',
  'x'.repeat(10_000),
];

describe('readAccount (the follow button)', () => {
  it('reads every profile exactly as resolve() does', () => {
    for (const input of PROFILES) {
      const expected = resolvedProfile(input);
      expect(expected, `resolve(${JSON.stringify(input)}) is a profile`).to.not.equal(undefined);
      expect(readAccount(input), input).to.deep.equal(expected);
    }
  });

  it('reads nothing where resolve() reads no profile', () => {
    for (const input of NOT_PROFILES) {
      expect(resolvedProfile(input), `resolve(${JSON.stringify(input)})`).to.equal(undefined);
      expect(readAccount(input), input).to.equal(undefined);
    }
  });

  it('gives the fields the button uses', () => {
    expect(readAccount('@alice@localhost:3000')).to.deep.equal({
      protocol: 'mastodon',
      kind: 'profile',
      origin: 'http://localhost:3000',
      host: 'localhost:3000',
      acct: 'alice',
    });
    expect(readAccount('https://pixelfed.example/mara/')).to.deep.equal({
      protocol: 'pixelfed',
      kind: 'profile',
      origin: 'https://pixelfed.example',
      host: 'pixelfed.example',
      url: 'https://pixelfed.example/mara/',
      acct: 'mara',
    });
    expect(readAccount('did:web:localhost%3A3000')).to.deep.equal({
      protocol: 'bluesky',
      kind: 'profile',
      origin: BSKY_APP,
      host: 'bsky.app',
      acct: 'did:web:localhost%3A3000',
    });
  });
});
