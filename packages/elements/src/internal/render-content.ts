// SPDX-License-Identifier: MIT
/**
 * The only place where remote HTML becomes DOM: through core's sanitizer, as a node, never as a
 * string (no unsafeHTML, no innerHTML). Lint forbids both everywhere else.
 */
import type { Post, Sanitizer } from '@fedikit/core';

const cache = new WeakMap<Post, HTMLElement>();

/**
 * The sanitized body of a post, in a `<div class="content">`. The element is cached per post: Lit
 * moves it when the list re-renders, and the HTML is sanitized once.
 */
export function renderContent(post: Post, sanitize: Sanitizer): HTMLElement {
  let el = cache.get(post);
  if (!el) {
    el = document.createElement('div');
    el.className = 'content';
    el.setAttribute('part', 'content');
    if (post.format === 'html') el.append(sanitize(post.content, post.emojis));
    else el.textContent = post.content;
    cache.set(post, el);
  }
  return el;
}
