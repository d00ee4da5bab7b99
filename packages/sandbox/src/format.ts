// SPDX-License-Identifier: MIT
// A small version of Mastodon's TextFormatter: plain seed text becomes the exact HTML Mastodon
// stores (h-card mentions, rel=tag hashtags, links with invisible/ellipsis spans), so clients are
// tested against the markup they will meet on real instances.
import { escapeHtml } from './util.js';

/** The placeholder for the sandbox's origin inside stored HTML, replaced when serving. */
export const ORIGIN_TOKEN = '{origin}';

/** What the formatter needs to know about an account it may mention. */
export interface MentionTarget {
  readonly key: string;
  readonly username: string;
  /** null for accounts on the sandbox itself. */
  readonly domain: string | null;
}

/** The formatter's output: HTML plus the entities Mastodon extracts while formatting. */
export interface Formatted {
  readonly html: string;
  readonly mentions: string[];
  readonly tags: string[];
  readonly emojis: string[];
}

const TOKEN =
  /(https?:\/\/[^\s<>"]+[^\s<>".,:;'")\]!?])|(@[A-Za-z0-9_]+(?:@[a-z0-9-]+(?:\.[a-z0-9-]+)+)?)|(#[\p{L}\p{N}_]+)|(:[a-z0-9_]+:)/gu;

/** The profile URL of an account, as mention links point to it. */
export function profileUrl(account: MentionTarget): string {
  return account.domain
    ? `https://${account.domain}/@${account.username}`
    : `${ORIGIN_TOKEN}/@${account.username}`;
}

/**
 * Mastodon's link markup: the scheme (and any `www.`) is hidden, and the visible part is cut to 30
 * characters with the rest in an `invisible` span, the `ellipsis` class telling clients to add "…".
 */
export function linkHtml(url: string): string {
  const match = /^(https?:\/\/(?:www\.)?)(.*)$/.exec(url);
  const prefix = match?.[1] ?? '';
  const rest = match?.[2] ?? url;
  const cut = rest.length > 30;
  const visible = cut ? rest.slice(0, 30) : rest;
  const hidden = cut ? rest.slice(30) : '';
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no">` +
    `<span class="invisible">${escapeHtml(prefix)}</span>` +
    `<span class="${cut ? 'ellipsis' : ''}">${escapeHtml(visible)}</span>` +
    `<span class="invisible">${escapeHtml(hidden)}</span></a>`
  );
}

/**
 * Formats plain text the way Mastodon does: blank lines make paragraphs, single newlines `<br />`,
 * known `@user` / `@user@domain` become h-card mentions, `#tags` become rel=tag links.
 * `remote` renders the markup a remote server's sanitized HTML has (`rel="nofollow noopener"`,
 * tag links on the author's host).
 */
export function formatText(
  text: string,
  accounts: ReadonlyMap<string, MentionTarget>,
  options: { remoteDomain?: string | null; knownEmoji?: ReadonlySet<string> } = {},
): Formatted {
  const mentions: string[] = [];
  const tags: string[] = [];
  const emojis: string[] = [];
  const remoteAttrs = options.remoteDomain ? ' rel="nofollow noopener" target="_blank"' : '';
  const tagBase = options.remoteDomain ? `https://${options.remoteDomain}` : ORIGIN_TOKEN;

  const formatLine = (line: string): string => {
    let out = '';
    let last = 0;
    for (const m of line.matchAll(TOKEN)) {
      const index = m.index;
      out += escapeHtml(line.slice(last, index));
      last = index + m[0].length;
      const [whole, url, mention, tag, emoji] = m;
      if (url) {
        out += linkHtml(url);
      } else if (mention) {
        const account = accounts.get(mention.slice(1).toLowerCase());
        if (!account) {
          out += escapeHtml(whole);
          continue;
        }
        if (!mentions.includes(account.key)) mentions.push(account.key);
        out +=
          `<span class="h-card" translate="no"><a href="${profileUrl(account)}" class="u-url mention"${remoteAttrs}>` +
          `@<span>${escapeHtml(account.username)}</span></a></span>`;
      } else if (tag) {
        const name = tag.slice(1);
        if (!tags.some((t) => t.toLowerCase() === name.toLowerCase())) tags.push(name);
        out +=
          `<a href="${tagBase}/tags/${encodeURIComponent(name)}" class="mention hashtag" ${options.remoteDomain ? 'rel="nofollow noopener" target="_blank"' : 'rel="tag"'}>` +
          `#<span>${escapeHtml(name)}</span></a>`;
      } else if (emoji) {
        const code = emoji.slice(1, -1);
        if (options.knownEmoji?.has(code) && !emojis.includes(code)) emojis.push(code);
        out += escapeHtml(whole);
      }
    }
    return out + escapeHtml(line.slice(last));
  };

  const html = text
    .trim()
    .split(/\n{2,}/)
    .map((para) => `<p>${para.split('\n').map(formatLine).join('<br />')}</p>`)
    .join('');
  return { html, mentions, tags, emojis };
}
