import { expect } from '@open-wc/testing';
import { cleanEmojis, emojiImage, emojify } from './emoji.js';
import type { CustomEmoji } from './model.js';

const blobcat: CustomEmoji = {
  shortcode: 'blobcat',
  url: 'https://files.example.social/emoji/blobcat.png',
  staticUrl: 'https://files.example.social/emoji/blobcat-static.png',
};
const wave: CustomEmoji = {
  shortcode: 'wave_2',
  url: 'https://files.example.social/emoji/wave.gif',
  staticUrl: 'https://files.example.social/emoji/wave.png',
};

describe('cleanEmojis', () => {
  it('keeps valid emoji and maps static_url', () => {
    expect(
      cleanEmojis([
        {
          shortcode: 'blobcat',
          url: blobcat.url,
          static_url: blobcat.staticUrl,
          visible_in_picker: true,
        },
      ]),
    ).to.deep.equal([blobcat]);
  });

  it('falls back to url when static_url is missing or unsafe', () => {
    for (const static_url of [
      undefined,
      null,
      '',
      'javascript:alert(1)',
      'http://evil.example/x.png',
      42,
    ]) {
      expect(cleanEmojis([{ shortcode: 'a', url: blobcat.url, static_url }])).to.deep.equal([
        { shortcode: 'a', url: blobcat.url, staticUrl: blobcat.url },
      ]);
    }
  });

  it('drops hostile shortcodes', () => {
    for (const shortcode of [
      '"><img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      'a:b',
      'a b',
      'a-b',
      'ünïcode',
      '',
      ':blobcat:',
      'x'.repeat(65),
      42,
      null,
      undefined,
      { toString: () => 'blobcat' },
      ['blobcat'],
    ]) {
      expect(cleanEmojis([{ shortcode, url: blobcat.url }]), String(shortcode)).to.deep.equal([]);
    }
    expect(cleanEmojis([{ shortcode: 'x'.repeat(64), url: blobcat.url }])).to.have.length(1);
  });

  it('drops hostile or non-https URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:image/svg+xml,<svg onload=alert(1)>',
      'vbscript:x',
      '//evil.example/x.png',
      '/emoji/x.png',
      'http://evil.example/x.png',
      'https://user:pw@evil.example/x.png',
      '',
      null,
      undefined,
      42,
      { href: 'https://example.com/' },
    ]) {
      expect(
        cleanEmojis([{ shortcode: 'ok', url, static_url: blobcat.url }]),
        String(url),
      ).to.deep.equal([]);
    }
  });

  it('ignores junk: non-arrays, null entries, primitives', () => {
    for (const input of [
      undefined,
      null,
      'blobcat',
      42,
      {},
      { length: 1, 0: { shortcode: 'a', url: blobcat.url } },
    ]) {
      expect(cleanEmojis(input)).to.deep.equal([]);
    }
    expect(
      cleanEmojis([null, undefined, 1, 'x', [], { shortcode: 'a', url: blobcat.url }]),
    ).to.deep.equal([{ shortcode: 'a', url: blobcat.url, staticUrl: blobcat.url }]);
  });

  it('keeps at most 200', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ shortcode: `e${i}`, url: blobcat.url }));
    const out = cleanEmojis(many);
    expect(out).to.have.length(200);
    expect(out[199]!.shortcode).to.equal('e199');
  });
});

describe('emojify', () => {
  it('splits text at known shortcodes', () => {
    expect(emojify('Hello :blobcat: world :unknown: :wave_2:!', [blobcat, wave])).to.deep.equal([
      'Hello ',
      blobcat,
      ' world :unknown: ',
      wave,
      '!',
    ]);
  });

  it('handles shortcodes at the edges and side by side', () => {
    expect(emojify(':blobcat:', [blobcat])).to.deep.equal([blobcat]);
    expect(emojify(':blobcat::blobcat:', [blobcat])).to.deep.equal([blobcat, blobcat]);
    expect(emojify(':blobcat: :wave_2:', [blobcat, wave])).to.deep.equal([blobcat, ' ', wave]);
  });

  it('leaves text alone when nothing matches', () => {
    expect(emojify('no emoji here', [blobcat])).to.deep.equal(['no emoji here']);
    expect(emojify('time 10:30', [blobcat])).to.deep.equal(['time 10:30']);
    expect(emojify(':blobcat:', [])).to.deep.equal([':blobcat:']);
    expect(emojify(':BLOBCAT:', [blobcat])).to.deep.equal([':BLOBCAT:']);
    expect(emojify('', [blobcat])).to.deep.equal(['']);
  });

  it('never matches markup, even if an emoji list were dirty', () => {
    const dirty = {
      shortcode: '"><img src=x onerror=alert(1)>',
      url: blobcat.url,
      staticUrl: blobcat.url,
    };
    const text = ':"><img src=x onerror=alert(1)>:';
    expect(emojify(text, [dirty])).to.deep.equal([text]);
  });

  it('is linear on long inputs (10,000 shortcodes)', () => {
    const text = ':blobcat: '.repeat(10_000);
    const start = performance.now();
    const parts = emojify(text, [blobcat]);
    expect(performance.now() - start).to.be.lessThan(500);
    expect(parts.filter((p) => typeof p !== 'string')).to.have.length(10_000);
  });
});

describe('emojiImage', () => {
  it('builds an <img class="emoji"> in code, with privacy attributes', () => {
    const img = emojiImage(blobcat);
    expect(img).to.be.instanceOf(HTMLImageElement);
    expect(img.getAttribute('src')).to.equal(blobcat.url);
    expect(img.alt).to.equal(':blobcat:');
    expect(img.title).to.equal(':blobcat:');
    expect(img.className).to.equal('emoji');
    expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(img.getAttribute('loading')).to.equal('lazy');
    expect(img.draggable).to.be.false;
    expect(img.isConnected).to.be.false;
    for (const attr of img.getAttributeNames()) expect(attr).not.to.match(/^on/);
  });

  it('creates the image in the given document', () => {
    const doc = document.implementation.createHTMLDocument('');
    expect(emojiImage(blobcat, doc).ownerDocument).to.equal(doc);
  });

  it('keeps a hostile shortcode as inert text in alt (never parsed)', () => {
    const img = emojiImage({ ...blobcat, shortcode: '"><script>alert(1)</script>' });
    expect(img.alt).to.equal(':"><script>alert(1)</script>:');
    expect(img.children).to.have.length(0);
  });
});
