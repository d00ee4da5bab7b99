// SPDX-License-Identifier: MIT
// The sanitizer's configuration, in the same lazily loaded chunk as DOMPurify itself: a page whose
// posts carry no HTML (Bluesky) downloads neither. The public entry is `loadSanitizer` in sanitize.ts.
import purify, { type Config } from 'dompurify';
import { emojiImage, emojify } from './emoji.js';
import type { CustomEmoji } from './model.js';
import { LINK_REL, MAX_HTML, type Sanitizer } from './sanitize.js';
import { safeUrl } from './url.js';

// Mastodon's own allowlist (lib/sanitize_ext/sanitize_config.rb, MASTODON_STRICT), minus anything risky:
// no style, no id/name (DOM clobbering), no rel/target from the server.
const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS: 'p br span a del s pre blockquote code b strong u i em ul ol li ruby rt rp'.split(
    ' ',
  ),
  ALLOWED_ATTR: 'href class lang start reversed value translate'.split(' '),
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
const CLASS = /^(?:(?:h|p|u|dt|e)-[a-z0-9-]+|mention|hashtag|ellipsis|invisible|quote-inline)$/;

/** DOMPurify bound to this window, configured with Mastodon's allowlist (see {@link loadSanitizer}). */
export function createSanitizer(): Sanitizer {
  const dompurify = purify(window);
  dompurify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (!el.getAttribute) return;
    const cls = el.getAttribute('class');
    if (cls !== null) {
      const kept = cls.split(/\s+/).filter((c) => CLASS.test(c));
      if (kept.length) el.setAttribute('class', kept.join(' '));
      else el.removeAttribute('class');
    }
    const translate = el.getAttribute('translate');
    if (translate !== null && translate !== 'no') el.removeAttribute('translate');
    if (el.tagName === 'A') {
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
  });
  return (html, emojis = []) => {
    // DOMPurify answers null (not a fragment) for input that parses without a body (`<frameset>`).
    const fragment =
      (dompurify.sanitize(html.slice(0, MAX_HTML), CONFIG) as DocumentFragment | null) ??
      document.createDocumentFragment();
    if (emojis.length) replaceEmoji(fragment, emojis);
    return fragment;
  };
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
