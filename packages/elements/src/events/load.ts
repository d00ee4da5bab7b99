// SPDX-License-Identifier: MIT
import type { Thread } from '@fedikit/core';
import type { FediGalleryLoadEvent } from './gallery-load.js';

/** Fired when a thread has loaded and rendered. Bubbles and is composed. */
export class FediLoadEvent extends Event {
  static readonly type = 'fedi-load';
  /** The thread that was loaded. */
  readonly thread: Thread;
  constructor(thread: Thread) {
    super(FediLoadEvent.type, { bubbles: true, composed: true });
    this.thread = thread;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fedi-load': FediLoadEvent | FediGalleryLoadEvent;
  }
}
