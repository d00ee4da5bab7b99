// SPDX-License-Identifier: MIT
// The pages a reader lands on after an interaction intent (share, follow, like, boost, remote
// interaction), shared by the sandbox instance and the readers' home servers. Every value comes
// from a query string, so every value is hostile: it is escaped, and it becomes a link only when
// it is an http(s) URL.
import { escapeHtml } from './util.js';

/** The FEP-3b86 activity intent link relation prefix. */
export const FEP_3B86 = 'https://w3id.org/fep/3b86/';
/** The OStatus subscribe link relation. */
export const SUBSCRIBE = 'http://ostatus.org/schema/1.0/subscribe';

/** The policy of every page: even escaped, text from the query string stays inert. */
export const PAGE_CSP =
  "default-src 'none'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A complete, small HTML document around `body` (already HTML). */
export function htmlDocument(title: string, body: string, lang = 'en'): string {
  return (
    `<!doctype html>\n<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title></head>` +
    `<body><main>${body}</main><footer><p><a href="/">Fedikit sandbox</a></p></footer></body></html>\n`
  );
}

/** `value` as an escaped link when it is an http(s) URL, else as escaped code text. */
export function linkOrCode(value: string, empty = '(nothing given)'): string {
  if (!value) return `<code>${escapeHtml(empty)}</code>`;
  return /^https?:\/\/[^\s]+$/i.test(value)
    ? `<a href="${escapeHtml(value)}" rel="noopener noreferrer nofollow ugc"><code>${escapeHtml(value)}</code></a>`
    : `<code>${escapeHtml(value)}</code>`;
}

/** Escaped text with its line breaks kept. */
function multiline(text: string): string {
  return escapeHtml(text).replaceAll('\n', '<br>');
}

/** What a share / compose page was given. */
export interface ComposeInput {
  /** The text of the post, as the page would prefill it. */
  readonly text: string;
  /** The post it answers, when the page was opened for a reply. */
  readonly inReplyTo?: string;
  /** The query parameter the text came from (`text`, `body`, `status_textarea`). */
  readonly param: string;
  /** Which server family's page this is, e.g. `Mastodon` or `Friendica`. */
  readonly family: string;
}

/** A compose page: the text it would post and, when given, what it would reply to. */
export function composePage(input: ComposeInput): { title: string; body: string } {
  const title = `Sandbox: new post (${input.family})`;
  const text = input.text
    ? `<blockquote class="draft"><p>${multiline(input.text)}</p></blockquote>`
    : `<p><em>No text was given (the <code>${escapeHtml(input.param)}</code> parameter is empty).</em></p>`;
  const reply = input.inReplyTo ? `<p>In reply to ${linkOrCode(input.inReplyTo)}</p>` : '';
  return {
    title,
    body:
      `<h1>${escapeHtml(title)}</h1>` +
      `<p>Sandbox: here you would post this from your account (the ${escapeHtml(input.family)} ` +
      `compose page received <code>${escapeHtml(input.param)}</code>):</p>` +
      text +
      reply +
      `<p>On a real server this page is the compose box, prefilled, after you sign in. Nothing is posted here.</p>`,
  };
}

/** The FEP-3b86 verbs the sandbox serves a page for, with what the page says. */
export const INTENT_VERBS = {
  follow: 'follow',
  like: 'like',
  announce: 'boost',
} as const;

/** A verb of `/intents/<verb>`. */
export type IntentPageVerb = keyof typeof INTENT_VERBS;

/** An intent page for `/intents/<verb>?object=`. */
export function intentPage(verb: IntentPageVerb, object: string): { title: string; body: string } {
  const action = INTENT_VERBS[verb];
  const title = `Sandbox: ${action}`;
  return {
    title,
    body:
      `<h1>${escapeHtml(title)}</h1>` +
      `<p>Sandbox: here you would ${action} ${linkOrCode(object, '(no object given)')} from your account.</p>` +
      `<p>On a real server this page asks you to confirm, after you sign in. Nothing happens here.</p>`,
  };
}

/** The remote-interaction page (`/authorize_interaction?uri=`). */
export function authorizeInteractionPage(uri: string): { title: string; body: string } {
  const title = 'Sandbox: remote interaction';
  const safe = /^https?:\/\/[^\s]+$/i.test(uri);
  return {
    title,
    body:
      `<h1>${title}</h1>` +
      `<p>Sandbox: here you would reply to, boost or like <code>${escapeHtml(uri || '(no uri given)')}</code> from your account.</p>` +
      `<p>On a real instance this page shows the post with reply, boost and favourite buttons, after you sign in.</p>` +
      (safe
        ? `<p><a href="${escapeHtml(uri)}" rel="noopener noreferrer nofollow ugc">Open the original post</a></p>`
        : ''),
  };
}
