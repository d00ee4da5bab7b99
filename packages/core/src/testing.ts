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
  /**
   * Path of `@fedikit/proxy` on the test pages' own origin (`/fedikit`), reading the sandbox only
   * (media proxied too).
   */
  readonly proxy: string;
  /** URL prefix under which `../shared` is served, or `null` when it is absent (a user's clone). */
  readonly shared: string | null;
  /** Ids and paths of the sandbox's seeded content (`SEED` of `@fedikit/sandbox`). */
  readonly seed: SandboxSeed;
  /**
   * The sandbox's Pixelfed mode: `url` needs `token` (and sends CORS on its API), `open` serves
   * anonymous readers, `strict` needs the token and sends CORS only on `/.well-known/` (as Pixelfed
   * 0.11 did; its current config/cors.php also covers `api/*` and `oauth/*`, like `url`). `seed` is `PIXELFED_SEED` of `@fedikit/sandbox`. Absent when the runner predates it.
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
  /** Origin of the token-wall instance (CORS on its API). */
  readonly url: string;
  /** The token `url` and `strict` accept as `Authorization: Bearer …`. */
  readonly token: string;
  /** Origin of an open instance: anonymous reads work. */
  readonly open: string;
  /** Origin of a token-wall instance with CORS only on `/.well-known/`, as Pixelfed 0.11 shipped. */
  readonly strict: string;
  readonly seed: PixelfedSeed;
}

/** The Pixelfed mode's seed as tests and examples know it (`PIXELFED_SEED` of the sandbox). */
export interface PixelfedSeed {
  /** The read token the Pixelfed mode accepts. */
  readonly token: string;
  /** Mara, the photographer: `mediaPosts` public and unlisted posts, all with photos. */
  readonly account: {
    readonly username: string;
    readonly id: string;
    readonly profilePath: string;
    readonly mediaPosts: number;
  };
  /** Oskar, who comments on Mara's album. */
  readonly second: { readonly username: string; readonly id: string };
  /** A three-photo album with two replies. */
  readonly album: {
    readonly id: string;
    readonly path: string;
    readonly media: number;
    readonly replies: number;
  };
  /** An album marked sensitive, with a content warning and `is_nsfw` files. */
  readonly sensitiveAlbum: {
    readonly id: string;
    readonly path: string;
    readonly media: number;
    readonly spoiler: string;
  };
  /** A post whose file is licensed CC BY. */
  readonly licensedPost: { readonly id: string; readonly path: string; readonly license: string };
  /** A followers-only post: never served. */
  readonly privatePostId: string;
  /** Files served with Pixelfed's placeholder BlurHash. */
  readonly placeholderMediaIds: readonly string[];
  /** Files served with `meta: null` (sizes unknown). */
  readonly noMetaMediaIds: readonly string[];
  /** A public collection of twelve posts: eleven on Pixelfed's page 1, the twelfth on page 2. */
  readonly collection: {
    readonly id: string;
    readonly path: string;
    readonly posts: number;
    readonly title: string;
  };
  /** A public collection of three posts. */
  readonly smallCollection: { readonly id: string; readonly path: string; readonly posts: number };
  /** A draft collection: 404 to everyone but its owner. */
  readonly draftCollectionId: string;
  /** A published private collection: 404 to everyone but its owner and her followers. */
  readonly privateCollectionId: string;
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
  /**
   * A remote post whose replies the sandbox is still fetching (Mastodon-Async-Refresh): its context
   * lists `repliesBeforeRefresh` of its `replies`, with the header, until `retry` seconds after its
   * first read (since the last {@link resetSandbox}); then all of them, without it.
   */
  readonly asyncThread: {
    readonly id: string;
    readonly path: string;
    readonly replies: number;
    readonly repliesBeforeRefresh: number;
    readonly retry: number;
    readonly lateIds: readonly string[];
  };
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

/** Starts the sandbox's reply fetches (Mastodon-Async-Refresh) over: `DELETE /__reset`. */
export async function resetSandbox(): Promise<void> {
  const { sandbox } = await testEnv();
  const res = await fetch(`${sandbox}/__reset`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`the sandbox's /__reset answered ${res.status}`);
}

/** Reads a file of `../shared` as text, or `undefined` when it is absent. */
export async function sharedText(path: string): Promise<string | undefined> {
  const { shared } = await testEnv();
  if (!shared) return undefined;
  const res = await fetch(`${shared}/${path}`);
  return res.ok ? res.text() : undefined;
}
