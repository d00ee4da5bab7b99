import { expect } from '@open-wc/testing';
import { cleanEmojis, emojify } from './emoji.js';
import type { CustomEmoji } from './model.js';
import { LINK_REL, loadSanitizer, MAX_HTML, type Sanitizer } from './sanitize.js';
import { createSanitizer, type SanitizerEngine } from './sanitize-engines.js';
import { safeUrl } from './url.js';
import { sharedText } from './testing.js';

const TAGS = new Set(
  'p br span a del s pre blockquote code b strong u i em ul ol li ruby rt rp'.split(' '),
);
const ATTRS = new Set(
  'href class lang start reversed value translate rel target referrerpolicy title'.split(' '),
);
const EMOJI_ATTRS = new Set(
  'src alt title class draggable loading decoding referrerpolicy'.split(' '),
);
const CLASS = /^(?:(?:h|p|u|dt|e)-[a-z0-9-]+|mention|hashtag|ellipsis|invisible|quote-inline)$/;

/** Everything wrong with a sanitized fragment, as readable strings (empty when it is clean). */
function violations(root: ParentNode, withEmoji: boolean): string[] {
  const out: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName;
    const isEmoji =
      withEmoji && tag === 'img' && el.namespaceURI === 'http://www.w3.org/1999/xhtml';
    if (!TAGS.has(tag) && !isEmoji) out.push(`element <${tag}>`);
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml')
      out.push(`namespace ${el.namespaceURI}`);
    if (isEmoji) {
      if (el.getAttribute('class') !== 'emoji') out.push('img without class="emoji"');
      if (!/^https?:\/\//i.test(el.getAttribute('src') ?? '')) {
        out.push(`img src="${el.getAttribute('src')}"`);
      }
    }
    for (const name of el.getAttributeNames()) {
      if (!(isEmoji ? EMOJI_ATTRS : ATTRS).has(name)) out.push(`attribute ${name} on <${tag}>`);
      if (/^on/i.test(name)) out.push(`event handler ${name}`);
    }
    if (el.hasAttribute('style')) out.push('style');
    const href = el.getAttribute('href');
    if (href !== null && !/^https?:/i.test(href)) out.push(`href="${href}"`);
    const cls = el.getAttribute('class');
    if (cls !== null && !isEmoji) {
      for (const c of cls.split(/\s+/)) if (!CLASS.test(c)) out.push(`class ${c}`);
    }
    if (tag === 'a' && href !== null) {
      if (el.getAttribute('rel') !== LINK_REL) out.push(`rel="${el.getAttribute('rel')}"`);
      if (el.getAttribute('target') !== '_blank') out.push('target');
    }
  }
  return out;
}

/** Both engines run every test below; `sanitize` is the one under test. */
const ENGINES: SanitizerEngine[] = ['sanitizer-api', 'dompurify'];
const HAS_SANITIZER_API = 'setHTML' in Element.prototype;
let sanitize: Sanitizer;

/** Sanitizes into a detached container, for inspection. */
function clean(html: string, emojis?: readonly CustomEmoji[]): HTMLDivElement {
  const div = document.createElement('div');
  div.append(sanitize(html, emojis));
  return div;
}

const MASTODON =
  '<p><span class="h-card" translate="no"><a href="https://example.social/@alice" class="u-url mention" rel="nofollow noopener" target="_blank">@<span>alice</span></a></span> hello ' +
  '<a href="https://example.social/tags/Fediverse" class="mention hashtag" rel="tag">#<span>Fediverse</span></a> ' +
  '<a href="https://example.com/a/very/long/path?x=1" rel="nofollow noopener" target="_blank" translate="no">' +
  '<span class="invisible">https://</span><span class="ellipsis">example.com/a/very/lo</span><span class="invisible">ng/path?x=1</span></a></p>' +
  '<p class="quote-inline">RE: <a href="https://other.example/@bob/1">https://other.example/@bob/1</a></p>';

describe('loadSanitizer', () => {
  it('returns the same sanitizer every time', async () => {
    expect(await loadSanitizer()).to.equal(await loadSanitizer());
  });

  it('downloads no DOMPurify where the browser has the Sanitizer API', async function () {
    if (!HAS_SANITIZER_API) {
      console.warn('skipped: this browser has no HTML Sanitizer API (Element.setHTML)');
      this.skip();
    }
    const out = (await loadSanitizer())('<p>hi <a href="https://x.example/">x</a></p>');
    expect(out.querySelector('a')!.rel).to.equal(LINK_REL);
    const loaded = performance.getEntriesByType('resource').map((e) => e.name);
    expect(loaded.some((name) => name.includes('sanitize-engines'))).to.be.true;
    expect(loaded.filter((name) => /dompurify/i.test(name))).to.deep.equal([]);
  });
});

// --- XSS corpora (../shared) -----------------------------------------------------------------

type Global = typeof globalThis & { __xss?: string[] };

/**
 * Sanitizes every payload, inserts each output into a connected container, waits once for anything
 * asynchronous (image errors, timers, animations), and checks the oracle and the allowlist.
 */
async function runCorpus(payloads: readonly string[], emojis: readonly CustomEmoji[] = []) {
  const g = globalThis as Global;
  const saved = {
    alert: window.alert,
    prompt: window.prompt,
    confirm: window.confirm,
    print: window.print,
  };
  g.__xss = [];
  const hit = (name: string) => () => {
    g.__xss!.push(name);
    return null as never;
  };
  window.alert = hit('alert');
  window.prompt = hit('prompt');
  window.confirm = hit('confirm');
  window.print = hit('print');
  const host = document.createElement('div');
  document.body.append(host);
  const bad: string[] = [];
  try {
    const batch = 1000;
    for (let start = 0; start < payloads.length; start += batch) {
      const slice = payloads.slice(start, start + batch);
      const boxes = slice.map((payload) => {
        const box = document.createElement('div');
        box.append(
          sanitize(emojis.length ? `${payload} :${emojis[0]!.shortcode}:` : payload, emojis),
        );
        host.append(box);
        return box;
      });
      await new Promise((r) => setTimeout(r, 300));
      boxes.forEach((box, i) => {
        const v = violations(box, emojis.length > 0);
        if (v.length)
          bad.push(`#${start + i} ${JSON.stringify(slice[i]!.slice(0, 120))}: ${v.join(', ')}`);
      });
      host.replaceChildren();
    }
  } finally {
    host.remove();
    Object.assign(window, saved);
  }
  return { executed: g.__xss.length, bad };
}

async function corpus(ctx: Mocha.Context): Promise<{ dompurify: string[]; payloadbox: string[] }> {
  const [expect_, list] = await Promise.all([
    sharedText('data/xss/dompurify-expect.json'),
    sharedText('data/xss/payloadbox-xss-payload-list.txt'),
  ]);
  if (!expect_ || !list) {
    console.warn('skipped: ../shared is absent (data/xss corpora), XSS corpus tests not run');
    ctx.skip();
  }
  const dompurify = (JSON.parse(expect_!) as { payload: unknown }[])
    .map((c) => c.payload)
    .filter((p): p is string => typeof p === 'string');
  const payloadbox = list!.split(/\r?\n/).filter((line) => line.length > 0);
  return { dompurify, payloadbox };
}

for (const engine of ENGINES) {
  describe(`engine: ${engine}`, () => {
    before(async function () {
      if (engine === 'sanitizer-api' && !HAS_SANITIZER_API) {
        console.warn('skipped: this browser has no HTML Sanitizer API; only DOMPurify was tested');
        this.skip();
      }
      sanitize = await createSanitizer(engine);
    });

    describe('sanitize: Mastodon markup', () => {
      it('keeps mentions (h-card), hashtags and invisible/ellipsis spans with their classes', () => {
        const div = clean(MASTODON);
        expect(violations(div, false)).to.deep.equal([]);
        const hcard = div.querySelector('span.h-card')!;
        expect(hcard).to.exist;
        expect(hcard.getAttribute('translate')).to.equal('no');
        const mention = hcard.querySelector('a')!;
        expect(mention.className).to.equal('u-url mention');
        expect(mention.getAttribute('href')).to.equal('https://example.social/@alice');
        expect(mention.textContent).to.equal('@alice');
        const tag = div.querySelector('a.hashtag')!;
        expect(tag.className).to.equal('mention hashtag');
        expect(tag.textContent).to.equal('#Fediverse');
        expect(div.querySelectorAll('span.invisible')).to.have.length(2);
        expect(div.querySelector('span.ellipsis')!.textContent).to.equal('example.com/a/very/lo');
        expect(div.querySelector('p.quote-inline')).to.exist;
      });

      it('forces rel, target, referrerpolicy and title = href on every link', () => {
        const div = clean(
          MASTODON +
            '<a href="https://evil.example/" rel="opener" target="_top" referrerpolicy="unsafe-url" title="trusted.example">trusted.example</a>',
        );
        const links = [...div.querySelectorAll('a')];
        expect(links).to.have.length(5);
        for (const a of links) {
          expect(a.getAttribute('rel')).to.equal('noopener noreferrer nofollow ugc');
          expect(a.getAttribute('target')).to.equal('_blank');
          expect(a.getAttribute('referrerpolicy')).to.equal('no-referrer');
          expect(a.getAttribute('title')).to.equal(a.getAttribute('href'));
        }
        expect(links[4]!.title).to.equal('https://evil.example/');
      });

      it('normalizes hrefs through safeUrl', () => {
        const a = clean('<a href="HTTPS://Example.COM/Path">x</a>').querySelector('a')!;
        expect(a.getAttribute('href')).to.equal('https://example.com/Path');
      });

      it('keeps lists, quotes, code, ruby and inline formatting with their allowed attributes', () => {
        const html =
          '<ol start="3" reversed><li value="5">a</li></ol><ul><li>b</li></ul><blockquote><p>q</p></blockquote>' +
          '<pre><code>x &lt; y</code></pre><p><b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><del>d</del><s>s</s><br></p>' +
          '<p lang="ja"><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby></p>';
        const div = clean(html);
        expect(violations(div, false)).to.deep.equal([]);
        const ol = div.querySelector('ol')!;
        expect(ol.getAttribute('start')).to.equal('3');
        expect(ol.hasAttribute('reversed')).to.be.true;
        expect(div.querySelector('li')!.getAttribute('value')).to.equal('5');
        expect(div.querySelector('code')!.textContent).to.equal('x < y');
        expect(div.querySelector('p[lang="ja"] rt')!.textContent).to.equal('kan');
        for (const tag of [
          'blockquote',
          'pre',
          'b',
          'strong',
          'i',
          'em',
          'u',
          'del',
          's',
          'br',
          'ruby',
          'rp',
          'ul',
        ]) {
          expect(div.querySelector(tag), tag).to.exist;
        }
      });
    });

    describe('sanitize: attributes', () => {
      it('strips unknown classes and keeps the allowed ones', () => {
        const div = clean(
          '<p class="status__content foo">a</p><span class="invisible evil">b</span><a href="https://x.example/" class="u-url mention fedi-comment">c</a><span class="p-name dt-published e-content">d</span>',
        );
        expect(div.querySelector('p')!.hasAttribute('class')).to.be.false;
        expect(div.querySelector('span')!.className).to.equal('invisible');
        expect(div.querySelector('a')!.className).to.equal('u-url mention');
        expect(div.querySelectorAll('span')[1]!.className).to.equal(
          'p-name dt-published e-content',
        );
      });

      it('strips style, id, name, on*, data-, aria- and other attributes', () => {
        const div = clean(
          '<p style="position:fixed;inset:0" id="login" name="cookie" onclick="alert(1)" onmouseover="alert(1)" ' +
            'data-x="1" aria-label="z" title="t" dir="rtl" tabindex="0" hidden slot="s" part="p" contenteditable>text</p>' +
            '<a href="https://x.example/" id="a" name="b" style="color:red" onfocus="alert(1)" download ping="https://tracker.example/" hreflang="en" type="text/html">x</a>',
        );
        expect(violations(div, false)).to.deep.equal([]);
        const p = div.querySelector('p')!;
        expect(p.getAttributeNames()).to.deep.equal([]);
        const a = div.querySelector('a')!;
        expect(a.getAttributeNames().sort()).to.deep.equal(
          ['href', 'referrerpolicy', 'rel', 'target', 'title'].sort(),
        );
        // A customized built-in (is="...") is dropped altogether.
        expect(clean('<p is="x-foo">t</p>').querySelector('[is]')).to.equal(null);
      });

      it('keeps lang, and translate only when "no"', () => {
        const div = clean(
          '<p lang="fr" translate="yes">a</p><span translate="no">b</span><span translate="NO ">c</span>',
        );
        expect(div.querySelector('p')!.getAttribute('lang')).to.equal('fr');
        expect(div.querySelector('p')!.hasAttribute('translate')).to.be.false;
        expect(div.querySelectorAll('span')[0]!.getAttribute('translate')).to.equal('no');
        expect(div.querySelectorAll('span')[1]!.hasAttribute('translate')).to.be.false;
      });

      it('removes non-http(s) hrefs and keeps the link text', () => {
        for (const href of [
          'javascript:alert(1)',
          'JaVaScRiPt:alert(1)',
          'java&#x09;script:alert(1)',
          ' javascript:alert(1)',
          'data:text/html,<script>alert(1)</script>',
          'vbscript:msgbox(1)',
          'mailto:a@example.com',
          'file:///etc/passwd',
          '/relative',
          '//evil.example/',
          '#top',
          'https://user:pw@evil.example/',
          'gemini://example.com/',
        ]) {
          const div = clean(`<p><a href="${href}" class="mention">link text</a></p>`);
          const a = div.querySelector('a');
          expect(a?.hasAttribute('href') ?? false, href).to.be.false;
          expect(a?.hasAttribute('target') ?? false, href).to.be.false;
          expect(div.textContent, href).to.equal('link text');
          expect(violations(div, false), href).to.deep.equal([]);
        }
      });

      it('keeps plain http links (old sites), with the forced rel', () => {
        for (const href of ['http://localhost:3000/@a/1', 'http://plain-http.example/']) {
          const a = clean(`<a href="${href}">x</a>`).querySelector('a')!;
          expect(a.getAttribute('href')).to.equal(href);
          expect(a.getAttribute('rel')).to.equal('noopener noreferrer nofollow ugc');
        }
      });
    });

    describe('sanitize: elements', () => {
      it('removes dangerous and non-allowlisted elements', () => {
        const html =
          '<h1>Title</h1><h2>Sub</h2><h6>six</h6><script>alert(1)</script><iframe src="https://evil.example/"></iframe>' +
          '<img src="x" onerror="alert(1)"><svg onload="alert(1)"><circle r="1"/></svg><math><mi>x</mi></math>' +
          '<form action="https://evil.example/"><input name="p" type="password"><button>go</button></form>' +
          '<style>*{display:none}</style><link rel="stylesheet" href="https://evil.example/x.css"><meta http-equiv="refresh" content="0;url=https://evil.example/">' +
          '<base href="https://evil.example/"><object data="x"></object><embed src="x"><video src="x"></video><audio src="x"></audio>' +
          '<table><tr><td>cell</td></tr></table><details open ontoggle="alert(1)"><summary>s</summary></details>' +
          '<template><p>t</p></template><textarea>ta</textarea><select><option>o</option></select><marquee>m</marquee>' +
          '<div>div</div><section>sec</section><noscript><p>ns</p></noscript><x-custom>custom</x-custom><dialog open>dlg</dialog>';
        const div = clean(html);
        expect(violations(div, false)).to.deep.equal([]);
        for (const tag of [
          'h1',
          'script',
          'iframe',
          'img',
          'svg',
          'math',
          'form',
          'input',
          'style',
          'link',
          'meta',
          'base',
          'table',
          'template',
          'x-custom',
        ]) {
          expect(div.querySelector(tag), tag).to.equal(null);
        }
        // The text of harmless containers survives; script and style bodies do not.
        expect(div.textContent).to.contain('Title');
        expect(div.textContent).to.contain('cell');
        expect(div.textContent).not.to.contain('alert');
        expect(div.textContent).not.to.contain('display:none');
      });

      it('keeps escaped markup as text', () => {
        const div = clean(
          '<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>',
        );
        expect(div.querySelector('script, img')).to.equal(null);
        expect(div.textContent).to.equal('<script>alert(1)</script> <img src=x onerror=alert(1)>');
      });

      it('cuts content longer than MAX_HTML before sanitizing', () => {
        const div = clean(`<p>${'a'.repeat(MAX_HTML * 2)}</p>`);
        expect(div.textContent!.length).to.be.at.most(MAX_HTML);
        expect(div.textContent!.length).to.be.greaterThan(MAX_HTML - 10);
      });

      it('10,000 nested <blockquote> does not throw, finishes quickly and comes out depth-capped', () => {
        const start = performance.now();
        const div = clean(
          '<p>before</p>' + '<blockquote>'.repeat(10_000) + 'deep' + '</blockquote>'.repeat(10_000),
        );
        expect(performance.now() - start).to.be.lessThan(5000);
        expect(div.textContent).to.contain('before');
        expect(violations(div, false)).to.deep.equal([]);
        let depth = 0;
        for (
          let el = div.querySelector('blockquote');
          el;
          el = el.querySelector(':scope > blockquote')
        )
          depth++;
        // The HTML parser and DOMPurify both cap nesting (at 512 and 255): never 10,000 levels.
        expect(depth).to.be.within(1, 512);
      });

      it('input that parses without a body (<frameset>) gives an empty fragment, not null', () => {
        for (const html of [
          '<frameset onload=alert(1)>',
          '<frameset><frame src="javascript:alert(1)">',
        ]) {
          const out = sanitize(html);
          expect(out, html).to.be.instanceOf(DocumentFragment);
          expect(out.childNodes, html).to.have.length(0);
          expect(
            sanitize(html, [
              {
                shortcode: 'a',
                url: 'https://x.example/a.png',
                staticUrl: 'https://x.example/a.png',
              },
            ]),
          ).to.be.instanceOf(DocumentFragment);
        }
      });

      it('10,000 nested lists and spans do not throw either', () => {
        const div = clean('<ul><li>'.repeat(10_000) + 'x' + '</li></ul>'.repeat(10_000));
        expect(violations(div, false)).to.deep.equal([]);
        const spans = clean('<span>'.repeat(10_000) + 'y');
        expect(spans.textContent).to.equal('y');
      });
    });

    describe('sanitize: custom emoji', () => {
      const emojis: CustomEmoji[] = [
        {
          shortcode: 'blobcat',
          url: 'https://files.example.social/emoji/blobcat.png',
          staticUrl: 'https://files.example.social/emoji/blobcat-static.png',
        },
      ];

      it('turns known :shortcode: in text into <img class="emoji">', () => {
        const div = clean(
          '<p>Hi :blobcat: and :unknown: <a href="https://x.example/">:blobcat:</a> <code>:blobcat:</code></p>',
          emojis,
        );
        const imgs = [...div.querySelectorAll('img')];
        expect(imgs).to.have.length(3);
        for (const img of imgs) {
          expect(img.className).to.equal('emoji');
          expect(img.getAttribute('src')).to.equal(emojis[0]!.url);
          expect(img.alt).to.equal(':blobcat:');
          expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
        }
        expect(div.querySelector('a img.emoji')).to.exist;
        expect(div.textContent).to.contain(':unknown:');
        expect(violations(div, true)).to.deep.equal([]);
      });

      it('leaves :shortcode: as text when no emoji are given', () => {
        const div = clean('<p>:blobcat:</p>');
        expect(div.querySelector('img')).to.equal(null);
        expect(div.textContent).to.equal(':blobcat:');
      });

      it('does not replace shortcodes inside attributes', () => {
        const div = clean('<a href="https://x.example/:blobcat:">link</a>', emojis);
        expect(div.querySelector('img')).to.equal(null);
        expect(div.querySelector('a')!.getAttribute('href')).to.equal(
          'https://x.example/:blobcat:',
        );
      });

      it('hostile emoji from a server never reach the output (cleanEmojis first)', () => {
        const raw = [
          { shortcode: '"><img src=x onerror=alert(1)>', url: 'https://x.example/e.png' },
          { shortcode: 'evil', url: 'javascript:alert(1)' },
          { shortcode: 'evil2', url: 'data:image/svg+xml,<svg onload=alert(1)>' },
        ];
        const div = clean(
          '<p>:evil: :evil2: :"><img src=x onerror=alert(1)>:</p>',
          cleanEmojis(raw),
        );
        expect(div.querySelector('img')).to.equal(null);
        expect(violations(div, true)).to.deep.equal([]);
      });
    });

    describe('sanitize: XSS corpora (../shared/data/xss)', function () {
      // Thousands of payloads, each inserted into the page and waited on: slow on a busy machine.
      this.timeout(60_000);
      const local: CustomEmoji[] = [
        {
          shortcode: 'xss',
          url: `${location.origin}/__fedikit/none.png`,
          staticUrl: `${location.origin}/__fedikit/none.png`,
        },
      ];

      it('the oracle works: an unsanitized payload is caught', async () => {
        const g = globalThis as Global;
        const saved = window.alert;
        g.__xss = [];
        window.alert = () => void g.__xss!.push('alert');
        const host = document.createElement('div');
        document.body.append(host);
        try {
          // The one place a raw payload is inserted: to prove the oracle would notice an execution.
          const raw = document
            .createRange()
            .createContextualFragment('<img src="data:," onerror="alert(1)">');
          host.append(raw);
          await new Promise((r) => setTimeout(r, 300));
          expect(g.__xss).to.deep.equal(['alert']);
          expect(violations(host, false)).to.include('element <img>');
        } finally {
          host.remove();
          window.alert = saved;
        }
      });

      it('every DOMPurify expect.json payload: 0 executed, output within the allowlist', async function () {
        const { dompurify } = await corpus(this);
        expect(dompurify.length).to.be.greaterThan(200);
        const { executed, bad } = await runCorpus(dompurify);
        console.warn(
          `${engine}: dompurify-expect.json: ${dompurify.length} payloads, ${executed} executed, ${bad.length} outside the allowlist`,
        );
        expect(bad).to.deep.equal([]);
        expect(executed).to.equal(0);
      });

      it('every DOMPurify expect.json payload with custom emoji: 0 executed', async function () {
        const { dompurify } = await corpus(this);
        const { executed, bad } = await runCorpus(dompurify, local);
        console.warn(
          `${engine}: dompurify-expect.json + emoji: ${dompurify.length} payloads, ${executed} executed`,
        );
        expect(bad).to.deep.equal([]);
        expect(executed).to.equal(0);
      });

      it('every payloadbox line: 0 executed, output within the allowlist', async function () {
        const { payloadbox } = await corpus(this);
        expect(payloadbox.length).to.be.greaterThan(6000);
        const { executed, bad } = await runCorpus(payloadbox);
        console.warn(
          `${engine}: payloadbox-xss-payload-list.txt: ${payloadbox.length} payloads, ${executed} executed, ${bad.length} outside the allowlist`,
        );
        expect(bad).to.deep.equal([]);
        expect(executed).to.equal(0);
      });

      it('every payloadbox line with custom emoji: 0 executed', async function () {
        const { payloadbox } = await corpus(this);
        const { executed, bad } = await runCorpus(payloadbox, local);
        console.warn(
          `${engine}: payloadbox-xss-payload-list.txt + emoji: ${payloadbox.length} payloads, ${executed} executed`,
        );
        expect(bad).to.deep.equal([]);
        expect(executed).to.equal(0);
      });
    });
  });
}

describe('XSS corpora as emoji and URL fields (no sanitizer involved)', () => {
  it('every payload as an emoji shortcode or URL is dropped or made safe', async function () {
    const { dompurify, payloadbox } = await corpus(this);
    const all = [...dompurify, ...payloadbox];
    let kept = 0;
    for (const payload of all) {
      const emojis = cleanEmojis([
        { shortcode: payload, url: 'https://x.example/e.png' },
        { shortcode: 'ok', url: payload, static_url: payload },
      ]);
      for (const e of emojis) {
        expect(e.shortcode).to.match(/^[A-Za-z0-9_]{1,64}$/);
        expect(e.url).to.match(/^https:\/\//);
        expect(e.staticUrl).to.match(/^https:\/\//);
      }
      const url = safeUrl(payload);
      if (url !== undefined) {
        kept++;
        expect(url, payload).to.match(/^https:\/\/|^http:\/\/(localhost|127\.|\[::1\])/);
      }
      for (const part of emojify(payload, emojis)) {
        if (typeof part !== 'string') expect(part.url).to.match(/^https:\/\//);
      }
    }
    console.warn(
      `${all.length} payloads as emoji/URL fields: ${kept} were valid https URLs, the rest dropped`,
    );
  });
});

describe('engine choice', () => {
  type Patched = { setHTML?: (html: string, options?: unknown) => void };

  it('a Sanitizer API that ignores the allowlist is not used: DOMPurify instead', async () => {
    const proto = Element.prototype as Patched;
    const saved = Object.getOwnPropertyDescriptor(Element.prototype, 'setHTML');
    // An engine that sanitizes with its own defaults (here: none at all) whatever it is given.
    proto.setHTML = function (this: Element, html: string) {
      this.setHTMLUnsafe(html);
    };
    try {
      const s = await createSanitizer();
      const div = document.createElement('div');
      div.append(s('<p style="color:red">a<img src="https://tracker.example/p.gif"></p>'));
      expect(div.querySelector('img, [style]')).to.equal(null);
      expect(div.textContent).to.equal('a');
      // Asked for by name, it is refused outright.
      let refused: unknown;
      await createSanitizer('sanitizer-api').catch((e: unknown) => (refused = e));
      expect(refused).to.be.instanceOf(TypeError);
    } finally {
      if (saved) Object.defineProperty(Element.prototype, 'setHTML', saved);
      else delete proto.setHTML;
    }
  });
});

describe('engine parity', function () {
  this.timeout(60_000);
  /** Sanitizes with each engine into a detached container, serialized for comparison. */
  async function both(): Promise<[(html: string) => string, (html: string) => string]> {
    const [a, b] = await Promise.all(ENGINES.map((engine) => createSanitizer(engine)));
    const text = (s: Sanitizer) => (html: string) => new XMLSerializer().serializeToString(s(html));
    return [text(a!), text(b!)];
  }

  it('Mastodon-shaped markup comes out the same from both engines', async function () {
    if (!HAS_SANITIZER_API) this.skip();
    const [api, purify] = await both();
    for (const html of [
      MASTODON,
      '<p>Line<br>break</p><p><a href="https://x.example/" class="u-url">x</a></p>',
      '<ol start="3" reversed><li value="5">a</li></ol><blockquote><p lang="fr">q</p></blockquote>',
      '<pre><code>x &lt; y</code></pre><p><b>b</b><em>e</em><del>d</del></p>',
      '<h1>Title</h1><table><tr><td>cell</td></tr></table><p style="x" onclick="y">z</p>',
      '<p><a href="javascript:alert(1)">t</a><script>alert(1)</script><img src=x onerror=alert(1)></p>',
      '<b href="https://x.example/">not a link</b>',
    ]) {
      expect(api(html), html).to.equal(purify(html));
    }
  });

  it('reports how many corpus payloads differ between the engines', async function () {
    if (!HAS_SANITIZER_API) this.skip();
    const { dompurify, payloadbox } = await corpus(this);
    const [api, purify] = await both();
    const all = [...dompurify, ...payloadbox];
    const differ = all.filter((html) => api(html) !== purify(html)).length;
    // Not an assertion: the engines legitimately differ on broken markup (whether the text of a
    // dropped unknown element stays). Safety is asserted per engine above; this is for the record.
    console.warn(`engine parity: ${differ} of ${all.length} corpus payloads differ in output`);
    expect(all.length).to.be.greaterThan(6000);
  });
});
