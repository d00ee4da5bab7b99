// SPDX-License-Identifier: MIT
/**
 * `@fedikit/sandbox`: a local, offline instance that speaks the Mastodon API (public anonymous
 * reads) and the AT Protocol AppView's public read XRPCs with seeded data, a second instance in
 * Pixelfed mode (token wall, collections, Pixelfed entities), a hostile server for failure tests,
 * and the examples site server.
 *
 * @packageDocumentation
 */
export {
  createSandbox,
  sandboxStore,
  API_EXPOSED_HEADERS,
  XRPC_EXPOSED_HEADERS,
  type Sandbox,
  type SandboxOptions,
  type LogEntry,
} from './server.js';
export {
  createHostileServer,
  HOSTILE_SCENARIOS,
  type HostileScenario,
  type HostileServer,
  type HostileServerOptions,
} from './hostile.js';
export {
  createExamplesServer,
  examplesCsp,
  DEFAULT_SANDBOX_ORIGIN,
  DEFAULT_HOME_ORIGINS,
  DEFAULT_PIXELFED_ORIGIN,
  type ExamplesIntercept,
  type ExamplesServer,
  type ExamplesServerOptions,
} from './examples-server.js';
export { SEED, seedSummary, type SeedAccountRef } from './seed.js';
export {
  createPixelfedSandbox,
  PIXELFED_PLACEHOLDER_BLURHASH,
  type PixelfedSandbox,
  type PixelfedSandboxOptions,
} from './pixelfed.js';
export {
  PIXELFED_LICENSES,
  PIXELFED_SANDBOX_TOKEN,
  PIXELFED_SEED,
  type PixelfedLicense,
  type PixelfedSeedRefs,
} from './seed-pixelfed.js';
export { BLUESKY_SEED, BSKY_LABELER_DID, type BlueskySeedAccountRef } from './seed-bluesky.js';
export { ANONYMOUS_CONTEXT, AUTHENTICATED_CONTEXT } from './entities.js';
export { ListenError } from './http-util.js';
export { createHomeServer, type HomeServer, type HomeServerOptions } from './home-server.js';
