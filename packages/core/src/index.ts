// SPDX-License-Identifier: MIT
/**
 * `@fedikit/core`: the protocol-neutral heart of Fedikit: the model, reference resolution,
 * the hardened HTTP layer, the sanitizer, the thread builder and the provider interface.
 * @packageDocumentation
 */
export type * from './model.js';
export { FediError, type FediErrorCode, type FediErrorProps } from './errors.js';
export { safeUrl, isLoopbackHost } from './url.js';
export { BSKY_APP, BSKY_APPVIEW } from './bluesky.js';
export { blueskyShareUrl } from './bluesky-share.js';
export { resolve } from './resolve.js';
export { fetchJson, retryDelay, type FetchJsonOptions, type JsonResponse } from './http.js';
export { buildThread, mergeThreads, type BuildThreadOptions, type ThreadSort } from './thread.js';
export { cleanEmojis, emojify, emojiImage, type TextSegment } from './emoji.js';
export { loadSanitizer, LINK_REL, MAX_HTML, type Sanitizer } from './sanitize.js';
export type {
  FacepileOptions,
  OwnerFilters,
  PageOptions,
  Provider,
  PostPage,
  ReadOptions,
  ThreadOptions,
} from './provider.js';
export { withDefaults } from './provider.js';
export {
  createProxyProvider,
  refInput,
  reviveDates,
  type ProxyProviderOptions,
  type ProxyRead,
} from './proxy.js';
export {
  FEP_3B86,
  fillTemplate,
  forgetHome,
  HOMES_KEY,
  intentUrl,
  parseHome,
  rememberedHomes,
  rememberHome,
  remoteInteraction,
  SUBSCRIBE,
  type IntentOptions,
  type IntentValues,
  type IntentVerb,
} from './intents.js';
export { detectSoftware, shareUrl } from './share.js';
