import { expect } from '@open-wc/testing';
import { facetsToSegments } from './facets.js';

const enc = new TextEncoder();
const DID = 'did:plc:bobbobbobbobbobbobbobbob';
const link = (uri: string) => [{ $type: 'app.bsky.richtext.facet#link', uri }];
const mention = (did = DID) => [{ $type: 'app.bsky.richtext.facet#mention', did }];
const tag = (t: string) => [{ $type: 'app.bsky.richtext.facet#tag', tag: t }];
/** A facet over the first occurrence of `part` in `text`, by UTF-8 bytes. */
function over(text: string, part: string, features: unknown[]) {
  const before = text.slice(0, text.indexOf(part));
  const byteStart = enc.encode(before).length;
  return { index: { byteStart, byteEnd: byteStart + enc.encode(part).length }, features };
}
const joined = (segments: { text: string }[]) => segments.map((s) => s.text).join('');
const links = (segments: { text: string; href?: string }[]) =>
  segments.filter((s) => s.href).map((s) => [s.text, s.href]);

describe('facetsToSegments', () => {
  it('cuts text into plain, link, mention and tag segments', () => {
    const text = 'hi @bob.test see https://a.example/x #tag!';
    const segments = facetsToSegments(text, [
      over(text, '@bob.test', mention()),
      over(text, 'https://a.example/x', link('https://a.example/x')),
      over(text, '#tag', tag('tag')),
    ]);
    expect(segments).to.deep.equal([
      { text: 'hi ' },
      { text: '@bob.test', kind: 'mention', href: `https://bsky.app/profile/${DID}` },
      { text: ' see ' },
      { text: 'https://a.example/x', kind: 'link', href: 'https://a.example/x' },
      { text: ' ' },
      { text: '#tag', kind: 'tag', href: 'https://bsky.app/hashtag/tag' },
      { text: '!' },
    ]);
  });

  it('links mentions and tags to a configured client, tags encoded', () => {
    const text = '#café @x';
    const segments = facetsToSegments(
      text,
      [over(text, '#café', tag('#café')), over(text, '@x', mention())],
      'https://deck.example/',
    );
    expect(links(segments)).to.deep.equal([
      ['#café', 'https://deck.example/hashtag/caf%C3%A9'],
      ['@x', `https://deck.example/profile/${DID}`],
    ]);
  });

  it('returns the text as one plain segment without facets, and nothing for no text', () => {
    expect(facetsToSegments('hello', undefined)).to.deep.equal([{ text: 'hello' }]);
    expect(facetsToSegments('hello', [])).to.deep.equal([{ text: 'hello' }]);
    expect(facetsToSegments('hello', 'garbage')).to.deep.equal([{ text: 'hello' }]);
    expect(facetsToSegments('', [over('x', 'x', tag('x'))])).to.deep.equal([]);
  });

  const scripts: [string, string, string][] = [
    ['4-byte emoji', '🎉🎉 party 🥳 https://e.example 🎉', 'https://e.example'],
    ['combining characters', 'e\u0301te\u0301 cafe\u0301 #ete\u0301 fin', '#ete\u0301'],
    ['CJK', '日本語のテキスト #東京 です', '#東京'],
    ['RTL Arabic', 'مرحبا بالعالم #سلام نهاية', '#سلام'],
    ['ZWJ sequences', '👩‍👩‍👧‍👦 family 🏳️‍🌈 @bob.test 👨🏽‍💻', '@bob.test'],
    ['flags and keycaps', '🇫🇷 1️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿 https://f.example/é', 'https://f.example/é'],
  ];
  for (const [name, text, part] of scripts) {
    it(`uses UTF-8 byte offsets: ${name}`, () => {
      const features = part.startsWith('#')
        ? tag(part.slice(1))
        : part.startsWith('@')
          ? mention()
          : link(part);
      const segments = facetsToSegments(text, [over(text, part, features)]);
      expect(joined(segments)).to.equal(text);
      const linked = segments.filter((s) => s.kind);
      expect(linked.map((s) => s.text)).to.deep.equal([part]);
    });
  }

  it('keeps a facet that covers a whole ZWJ sequence or emoji', () => {
    const text = 'a 👩‍👩‍👧‍👦 b';
    const segments = facetsToSegments(text, [over(text, '👩‍👩‍👧‍👦', link('https://x.example'))]);
    expect(segments[1]).to.deep.equal({
      text: '👩‍👩‍👧‍👦',
      kind: 'link',
      href: 'https://x.example/',
    });
  });

  it('drops facets that split a UTF-8 code point', () => {
    const text = 'é🎉x';
    // é is 2 bytes, 🎉 is 4: offsets 1, 3, 4 and 5 fall inside characters.
    for (const [byteStart, byteEnd] of [
      [1, 7],
      [0, 1],
      [2, 3],
      [3, 6],
      [2, 5],
    ]) {
      const segments = facetsToSegments(text, [
        { index: { byteStart, byteEnd }, features: link('https://x.example') },
      ]);
      expect(segments, `${byteStart}-${byteEnd}`).to.deep.equal([{ text }]);
    }
    // On the boundaries: kept.
    expect(
      facetsToSegments(text, [{ index: { byteStart: 2, byteEnd: 6 }, features: tag('party') }]),
    ).to.deep.equal([
      { text: 'é' },
      { text: '🎉', kind: 'tag', href: 'https://bsky.app/hashtag/party' },
      { text: 'x' },
    ]);
  });

  it('drops reversed, empty, out-of-range and malformed offsets', () => {
    const text = 'hello world';
    const bad = [
      { byteStart: 6, byteEnd: 2 },
      { byteStart: 3, byteEnd: 3 },
      { byteStart: 6, byteEnd: 12 },
      { byteStart: -1, byteEnd: 4 },
      { byteStart: 20, byteEnd: 30 },
      { byteStart: 1.5, byteEnd: 4 },
      { byteStart: '0', byteEnd: '4' },
      { byteStart: NaN, byteEnd: 4 },
      { byteStart: 0, byteEnd: Infinity },
      { byteStart: 0 },
      {},
      null,
    ];
    const facets: unknown[] = bad.map((index) => ({ index, features: link('https://x.example') }));
    facets.push(null, 42, 'x', { features: link('https://x.example') }, [], { index: 5 });
    expect(facetsToSegments(text, facets)).to.deep.equal([{ text }]);
  });

  it('drops overlapping facets: the one that starts first wins', () => {
    const text = 'abcdefghij';
    const f = (byteStart: number, byteEnd: number, t: string) => ({
      index: { byteStart, byteEnd },
      features: tag(t),
    });
    const segments = facetsToSegments(text, [
      f(2, 6, 'second'),
      f(0, 4, 'first'),
      f(4, 8, 'x'),
      f(8, 10, 'last'),
      f(0, 2, 'dup'),
    ]);
    // (2,6) overlaps (0,4); (0,2) starts with (0,4) but is listed later; (4,8) only touches it.
    expect(segments.map((s) => [s.text, s.href])).to.deep.equal([
      ['abcd', 'https://bsky.app/hashtag/first'],
      ['efgh', 'https://bsky.app/hashtag/x'],
      ['ij', 'https://bsky.app/hashtag/last'],
    ]);
    expect(joined(segments)).to.equal(text);
  });

  it('turns javascript:, data: and other non-http(s) link targets into plain text', () => {
    const text = 'one two three four five six';
    const words = text.split(' ');
    const uris = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '//evil.example/x',
    ];
    const segments = facetsToSegments(
      text,
      uris.map((uri, i) => over(text, words[i]!, link(uri))),
    );
    expect(segments).to.deep.equal([{ text }]);
  });

  it('ignores unusable features: bad DIDs, empty tags, unknown types', () => {
    const text = 'a b c d';
    const segments = facetsToSegments(text, [
      over(text, 'a', mention('javascript:alert(1)')),
      over(text, 'b', tag('   ')),
      over(text, 'c', [{ $type: 'app.bsky.richtext.facet#bold' }]),
      over(text, 'd', 'not an array' as unknown as unknown[]),
    ]);
    expect(segments).to.deep.equal([{ text }]);
  });

  it('keeps HTML in text and link text as text', () => {
    const text = '<img src=x onerror=alert(1)> <a href="javascript:x">y</a>';
    const part = '<a href="javascript:x">y</a>';
    const segments = facetsToSegments(text, [over(text, part, link('https://ok.example'))]);
    expect(joined(segments)).to.equal(text);
    expect(segments[1]).to.deep.equal({ text: part, kind: 'link', href: 'https://ok.example/' });
  });

  it('handles 1,000 facets quickly', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `w${i}🎉`).join(' ');
    const facets = [];
    let byte = 0;
    for (let i = 0; i < 1000; i++) {
      const word = `w${i}`;
      facets.push({ index: { byteStart: byte, byteEnd: byte + word.length }, features: tag(word) });
      byte += enc.encode(`${word}🎉 `).length;
    }
    facets.reverse();
    const start = performance.now();
    const segments = facetsToSegments(text, facets);
    const elapsed = performance.now() - start;
    expect(segments.filter((s) => s.kind === 'tag')).to.have.length(1000);
    expect(joined(segments)).to.equal(text);
    expect(elapsed).to.be.lessThan(200);
  });

  it('never throws on hostile input', () => {
    const hostile: unknown[] = [
      null,
      undefined,
      0,
      {},
      [null],
      [{ index: null, features: null }],
      [{ index: { byteStart: 0, byteEnd: 1 }, features: [null, 1, 'x', { $type: null }] }],
      [
        {
          index: { byteStart: 0, byteEnd: 1 },
          features: [{ $type: 'app.bsky.richtext.facet#link', uri: { toString: 1 } }],
        },
      ],
      [
        {
          index: { byteStart: 0, byteEnd: 1 },
          features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 5 }],
        },
      ],
    ];
    for (const facets of hostile) {
      expect(() => facetsToSegments('x\ud800y', facets)).not.to.throw();
    }
    expect(() => facetsToSegments(42 as unknown as string, [])).not.to.throw();
  });
});
