// SPDX-License-Identifier: MIT
/**
 * `@fedikit/elements`: Fedikit's web components. This entry exports classes and event types only and
 * defines no tag; import `@fedikit/elements/define.js` or `@fedikit/elements/fedi-comment-thread.js`
 * to register them.
 * @packageDocumentation
 */
export { FediCommentThread } from './comment-thread/comment-thread.js';
export { FediFollowButton } from './follow-button/follow-button.js';
export { FediShareButton } from './share-button/share-button.js';
export { FediPhotoGallery } from './photo-gallery/photo-gallery.js';
export { FediLoadEvent } from './events/load.js';
export { FediErrorEvent } from './events/error.js';
export { FediGalleryLoadEvent } from './events/gallery-load.js';
export { FediIntentEvent, type FediIntentVerb } from './events/intent.js';
export { FediElement } from './internal/fedi-element.js';
export { defineFediElement, type LoadMode } from './internal/element-kit.js';
export { PlainElement, defineProps } from './internal/plain-element.js';
export type { Catalogue } from './i18n/locale.js';
export { en } from './i18n/en.js';
export { threadCatalogue, type Messages } from './i18n/thread.js';
export { buttonsCatalogue, type ButtonMessages } from './i18n/buttons.js';
export { galleryCatalogue, type GalleryMessages } from './i18n/gallery.js';
export { fr } from './i18n/fr.js';
