// SPDX-License-Identifier: MIT
/**
 * Defines every Fedikit element.
 * @packageDocumentation
 */
import './fedi-comment-thread.js';
import './fedi-follow-button.js';
import './fedi-photo-gallery.js';
import './fedi-share-button.js';
