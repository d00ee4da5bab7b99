// SPDX-License-Identifier: MIT
/**
 * Defines every Fedikit element.
 * @packageDocumentation
 */
import './fedi-comment-thread.js';
