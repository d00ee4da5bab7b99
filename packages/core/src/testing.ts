// SPDX-License-Identifier: MIT
/**
 * Helpers for Fedikit's own browser tests (and for sites testing their integration): where the local
 * sandbox and hostile servers run, and what the sandbox was asked.
 * @packageDocumentation
 */

/** Addresses published by the test runner. */
export interface TestEnv {
  /** Origin of the sandbox Mastodon-API instance. */
  readonly sandbox: string;
  /** Origin of the hostile server. */
  readonly hostile: string;
  /** URL prefix under which `../shared` is served, or `null` when it is absent (a user's clone). */
  readonly shared: string | null;
  /** Ids and paths of the sandbox's seeded content (`SEED` of `@fedikit/sandbox`). */
  readonly seed: SandboxSeed;
  /**
   * The sandbox's Pixelfed mode: `url` needs `token` (and sends CORS on its API), `open` serves
   * anonymous readers, `strict` needs the token and sends CORS only on `/.well-known/` (Pixelfed's
   * default). `seed` is `PIXELFED_SEED` of `@fedikit/sandbox`. Absent when the runner predates it.
   */
  readonly pixelfed?: PixelfedTestEnv;
  /** The sandbox's seeded Bluesky content (`BLUESKY_SEED` of `@fedikit/sandbox`). */
  readonly bluesky: {
    readonly thread: {
      readonly uri: string;
      readonly replies: number;
      readonly replyUris: Readonly<Record<string, string>>;
    };
  };
}

/** Where the Pixelfed-mode sandboxes run, and what they hold. */
export interface PixelfedTestEnv {
  readonly url: string;
  readonly token: string;
  readonly open: string;
  readonly strict: string;
  readonly seed: PixelfedSeed;
}

/** The part of the Pixelfed mode's seed the browser tests use (`PIXELFED_SEED`). */
export interface PixelfedSeed {
  readonly token: string;
  readonly account: {
    readonly username: string;
    readonly id: string;
    readonly profilePath: string;
    readonly mediaPosts: number;
  };
  readonly second: { readonly username: string; readonly id: string };
  readonly album: {
    readonly id: string;
    readonly path: string;
    readonly media: number;
    readonly replies: number;
  };
  readonly sensitiveAlbum: {
    readonly id: string;
    readonly path: string;
    readonly media: number;
    readonly spoiler: string;
  };
  readonly licensedPost: { readonly id: string; readonly path: string; readonly license: string };
  readonly privatePostId: string;
  readonly placeholderMediaIds: readonly string[];
  readonly noMetaMediaIds: readonly string[];
  readonly collection: {
    readonly id: string;
    readonly path: string;
    readonly posts: number;
    readonly title: string;
  };
  readonly smallCollection: { readonly id: string; readonly path: string; readonly posts: number };
  readonly draftCollectionId: string;
}

/** The part of the sandbox's seed the browser tests use. */
export interface SandboxSeed {
  readonly thread: {
    readonly id: string;
    readonly path: string;
    readonly replies: number;
    readonly anonymousDescendants: number;
    readonly authorFavourites: number;
    readonly hostileIds: readonly string[];
    readonly hiddenIds: readonly string[];
  };
  readonly smallThread: { readonly id: string; readonly path: string; readonly replies: number };
  readonly emptyThread: { readonly id: string; readonly path: string; readonly replies: number };
}

/** One request the sandbox received. */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly origin?: string;
  readonly cookie?: string;
  readonly referer?: string;
}

let env: Promise<TestEnv> | undefined;

/** Reads the test environment served by the test runner. */
export function testEnv(): Promise<TestEnv> {
  env ??= fetch('/__fedikit/env.json').then((r) => r.json() as Promise<TestEnv>);
  return env;
}

/** Requests the sandbox has received since the last {@link clearSandboxLog}. */
export async function sandboxLog(): Promise<LoggedRequest[]> {
  const { sandbox } = await testEnv();
  return (await fetch(`${sandbox}/__log`)).json() as Promise<LoggedRequest[]>;
}

/** Empties the sandbox's request log. */
export async function clearSandboxLog(): Promise<void> {
  const { sandbox } = await testEnv();
  await fetch(`${sandbox}/__log`, { method: 'DELETE' });
}

/** Reads a file of `../shared` as text, or `undefined` when it is absent. */
export async function sharedText(path: string): Promise<string | undefined> {
  const { shared } = await testEnv();
  if (!shared) return undefined;
  const res = await fetch(`${shared}/${path}`);
  return res.ok ? res.text() : undefined;
}
