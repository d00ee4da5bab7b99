// SPDX-License-Identifier: MIT
// The sanitizer itself, in a chunk of its own that a page whose posts carry no HTML (Bluesky) never
// downloads. The public entry is `loadSanitizer` in sanitize.ts.
//
// Two engines, one policy. Where the browser has the HTML Sanitizer API (`Element.setHTML`, in
// Chromium 146+ and Firefox 148+), the browser's own parser and sanitizer do the work and DOMPurify
// is never downloaded: most readers save its ~11 KB. Elsewhere (Safari today) DOMPurify is loaded as
// a further chunk. Both are given the same allowlist (Mastodon's), and the same post-processing
// below then runs on either output: classes, links and emoji are decided by our code, not by the
// engine, and the same tests and XSS corpora run through both (sanitize.test.ts).
import type { Config } from 'dompurify';
import { emojiImage, emojify } from './emoji.js';
import type { CustomEmoji } from './model.js';
// Ours is the function type; `Sanitizer` in this file is the browser's (HTML Sanitizer API).
import { LINK_REL, MAX_HTML, type Sanitizer as Sanitize } from './sanitize.js';
import { safeUrl } from './url.js';

/** Which engine parses and filters the HTML (see the file's header). */
export type SanitizerEngine = 'sanitizer-api' | 'dompurify';

// Mastodon's own allowlist (lib/sanitize_ext/sanitize_config.rb, MASTODON_STRICT), minus anything risky:
// no style, no id/name (DOM clobbering), no rel/target from the server.
const TAGS = 'p br span a del s pre blockquote code b strong u i em ul ol li ruby rt rp'.split(' ');
const ATTRS = 'href class lang start reversed value translate'.split(' ');
/**
 * Containers whose text is kept when the element itself is dropped (a heading or a table cell from a
 * non-Mastodon server still reads). DOMPurify keeps the text of every dropped element except
 * script-like ones; the Sanitizer API drops an element with its content unless it is listed here.
 */
const UNWRAP =
  'h1 h2 h3 h4 h5 h6 div section article header footer main aside nav address hgroup figure figcaption table caption thead tbody tfoot tr td th dl dt dd details summary small big sub sup mark abbr cite q dfn kbd samp var time data font center label legend fieldset'.split(
    ' ',
  );
const PER_ELEMENT: Record<string, string[]> = {
  a: ['href'],
  ol: ['start', 'reversed'],
  li: ['value'],
};
const CLASS = /^(?:(?:h|p|u|dt|e)-[a-z0-9-]+|mention|hashtag|ellipsis|invisible|quote-inline)$/;

/**
 * The sanitizer for this window: the Sanitizer API where the browser has it, DOMPurify otherwise.
 * `engine` forces one (the tests run both).
 */
export async function createSanitizer(engine?: SanitizerEngine): Promise<Sanitize> {
  let parse: ((html: string) => DocumentFragment) | undefined;
  if (engine === 'sanitizer-api' || (!engine && 'setHTML' in Element.prototype)) {
    try {
      parse = sanitizerApi();
    } catch (e) {
      // An engine that rejects our configuration or fails the probe: DOMPurify instead, unless
      // this one was asked for.
      if (engine) throw e;
    }
  }
  parse ??= await dompurify();
  return (html, emojis = []) => {
    const fragment = parse(html.slice(0, MAX_HTML));
    finish(fragment, emojis);
    return fragment;
  };
}

/** Parses through the browser's HTML Sanitizer API, into an inert template. */
function sanitizerApi(): (html: string) => DocumentFragment {
  // `new Sanitizer` validates the configuration once; an engine that rejects it throws here.
  const sanitizer = new Sanitizer({
    // Per element where Mastodon's list is per element: tighter than DOMPurify's global list, and
    // `finish` makes the two agree (it drops href anywhere but on a link).
    elements: TAGS.map((name) => ({ name, attributes: PER_ELEMENT[name] ?? [] })),
    attributes: ['class', 'lang', 'translate'],
    replaceWithChildrenElements: UNWRAP,
    comments: false,
    dataAttributes: false,
  });
  const parse = (html: string) => {
    // A template's contents belong to an inert document: nothing in them loads or runs.
    const template = document.createElement('template') as HTMLTemplateElement & SetHtml;
    template.setHTML(html, { sanitizer });
    return template.content;
  };
  // Trust, but verify: an engine that ignored the allowlist (an early, non-standard `setHTML`
  // once shipped in Chromium took other option names and applied its own defaults) would let
  // images (tracking) and styles through. Such an engine is not used.
  const probe = parse('<p style="x" title="t"><img src="data:,"><b>b</b><x-y>z</x-y></p>');
  if (probe.querySelector('img, [style], [title], x-y') || !probe.querySelector('p > b'))
    throw new TypeError('This HTML Sanitizer API does not apply the allowlist');
  return parse;
}

/** `Element.setHTML`, which TypeScript's DOM library does not declare yet. */
type SetHtml = { setHTML(html: string, options: { sanitizer: Sanitizer }): void };

/** Loads DOMPurify (its own chunk) and binds it to this window with the same allowlist. */
async function dompurify(): Promise<(html: string) => DocumentFragment> {
  const purify = (await import('dompurify')).default(window);
  const config: Config & { RETURN_DOM_FRAGMENT: true } = {
    ALLOWED_TAGS: TAGS,
    ALLOWED_ATTR: ATTRS,
    // With a custom ALLOWED_URI_REGEXP, DOMPurify checks every attribute that is not "URI-safe"
    // against it, so lang="fr", start="3" and translate="no" would all be dropped: they hold no URL.
    ADD_URI_SAFE_ATTR: ['lang', 'start', 'translate'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    // ALLOW_UNKNOWN_PROTOCOLS stays at its default, false.
    ALLOWED_URI_REGEXP: /^https?:\/\//i,
    SANITIZE_NAMED_PROPS: true,
    RETURN_DOM_FRAGMENT: true,
  };
  // DOMPurify answers null (not a fragment) for input that parses without a body (`<frameset>`).
  return (html) =>
    (purify.sanitize(html, config) as DocumentFragment | null) ?? document.createDocumentFragment();
}

/**
 * What our policy decides on top of either engine: classes only from Mastodon's list, `translate`
 * only as "no", every link through `safeUrl` with a forced rel/target/referrer policy and its real
 * target as the title, and `:shortcode:` emoji as images built in code.
 */
function finish(root: DocumentFragment, emojis: readonly CustomEmoji[]) {
  for (const el of root.querySelectorAll('*')) {
    const cls = el.getAttribute('class');
    if (cls !== null) {
      const kept = cls.split(/\s+/).filter((c) => CLASS.test(c));
      if (kept.length) el.setAttribute('class', kept.join(' '));
      else el.removeAttribute('class');
    }
    if (el.getAttribute('translate') !== 'no') el.removeAttribute('translate');
    if (el.localName !== 'a') el.removeAttribute('href');
    else {
      const href = safeUrl(el.getAttribute('href'), { link: true });
      if (href) {
        el.setAttribute('href', href);
        el.setAttribute('rel', LINK_REL);
        el.setAttribute('target', '_blank');
        el.setAttribute('referrerpolicy', 'no-referrer');
        // Visible text can lie about the target (invisible spans, CVE-2023-36462): show the real one.
        el.setAttribute('title', href);
      } else {
        el.removeAttribute('href');
      }
    }
  }
  if (emojis.length) replaceEmoji(root, emojis);
}

function replaceEmoji(root: DocumentFragment, emojis: readonly CustomEmoji[]) {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const text of texts) {
    const parts = emojify(text.data, emojis);
    if (parts.length === 1 && typeof parts[0] === 'string') continue;
    text.replaceWith(...parts.map((p) => (typeof p === 'string' ? p : emojiImage(p, doc))));
  }
}
