// SPDX-License-Identifier: MIT
/**
 * The only place where a post's body becomes DOM: remote HTML through core's sanitizer, as a node,
 * never as a string (no unsafeHTML, no innerHTML; lint forbids both everywhere else); rich text
 * (Bluesky facets) as text nodes and links built in code; plain text as text.
 */
import { LINK_REL, safeUrl, type Post, type RichSegment, type Sanitizer } from '@fedikit/core';

const cache = new WeakMap<Post, HTMLElement>();

/**
 * The sanitized body of a post, in a `<div class="content">`. The element is cached per post: Lit
 * moves it when the list re-renders, and the HTML is sanitized once.
 */
export function renderContent(post: Post, sanitize?: Sanitizer): HTMLElement {
  let el = cache.get(post);
  if (!el) {
    el = document.createElement('div');
    el.className = 'content';
    el.part.add('content');
    if (post.format === 'html') el.append(sanitize!(post.content, post.emojis));
    else if (post.format === 'rich' && post.segments) {
      // Bluesky text keeps its line breaks (the styles give `.rich` `white-space: pre-wrap`).
      el.className = 'content rich';
      el.append(...post.segments.map(segment));
    } else el.textContent = post.content;
    cache.set(post, el);
  }
  return el;
}

/** A rich-text segment as a text node, or as a link when its target is a safe http(s) URL. */
function segment(s: RichSegment): Node {
  // Checked again here: the one gate stands between any provider and the DOM.
  const href = s.href && safeUrl(s.href, { link: true });
  if (!href) return document.createTextNode(s.text);
  const a = document.createElement('a');
  a.href = href;
  a.rel = LINK_REL;
  a.target = '_blank';
  a.referrerPolicy = 'no-referrer';
  if (s.kind) a.className = s.kind;
  a.title = href;
  a.textContent = s.text;
  return a;
}
