// SPDX-License-Identifier: MIT
import type { FediError } from '@fedikit/core';

/** Fired when loading fails; the element shows the error and a retry button. Bubbles and is composed. */
export class FediErrorEvent extends Event {
  static readonly type = 'fedi-error';
  /** What went wrong; switch on `error.code`. */
  readonly error: FediError;
  constructor(error: FediError) {
    super(FediErrorEvent.type, { bubbles: true, composed: true });
    this.error = error;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fedi-error': FediErrorEvent;
  }
}
