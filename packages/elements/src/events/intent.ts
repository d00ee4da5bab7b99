// SPDX-License-Identifier: MIT

/** What the reader is about to do on their own server. `Share` is a new post with the page's link. */
export type FediIntentVerb = 'Follow' | 'Like' | 'Announce' | 'Create' | 'Object' | 'Share';

/**
 * Fired just before the reader is sent to their own server (or to Bluesky) to act. Cancelable: call
 * `preventDefault()` to handle `url` yourself (or not at all); nothing is opened then. Bubbles and
 * is composed. Fedikit itself logs nothing.
 */
export class FediIntentEvent extends Event {
  static readonly type = 'fedi-intent';
  /** The action: `Follow`, `Like`, `Announce` (boost), `Create` (reply), `Share`. */
  readonly verb: FediIntentVerb;
  /** The page that will be opened. */
  readonly url: string;
  /** The post or account acted on, when there is one. */
  readonly object?: string;
  constructor(verb: FediIntentVerb, url: string, object?: string) {
    super(FediIntentEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.verb = verb;
    this.url = url;
    this.object = object;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fedi-intent': FediIntentEvent;
  }
}
