// SPDX-License-Identifier: MIT
/**
 * Defines `<fedi-comment-thread>`. Import this module (or load `cdn/fedi-comment-thread.js`) to use
 * the tag; importing the package's main entry defines nothing.
 * @packageDocumentation
 */
import { FediCommentThread } from './comment-thread/comment-thread.js';
import { defineFediElement } from './internal/element-kit.js';

export { FediCommentThread };

defineFediElement('fedi-comment-thread', FediCommentThread);

declare global {
  interface HTMLElementTagNameMap {
    'fedi-comment-thread': FediCommentThread;
  }
}
