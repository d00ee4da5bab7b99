// SPDX-License-Identifier: MIT
/**
 * `@fedikit/bluesky/session`: the signed-in (session) client, for developers building on Fedikit.
 * A skeleton: sign in, like and unlike, sign out, and the `@atproto/api` `Agent` for the rest.
 *
 * This is the one file of the package that runs `@atproto/api` (about 140 KB gzip) and
 * `@atproto/oauth-client-browser`. It is a separate entry point that nothing else imports, so the
 * public reads and the elements never carry them; OAuth's client is loaded only by
 * {@link createOAuthSignIn}. Both are optional peer dependencies: install them to use this entry.
 * @packageDocumentation
 */
import { Agent, CredentialSession } from '@atproto/api';
import type {
  BrowserOAuthClient,
  BrowserOAuthClientLoadOptions,
} from '@atproto/oauth-client-browser';
import { FediError } from '@fedikit/core';

/** A signed-in Bluesky account, however it signed in (OAuth or password). */
export interface BlueskySession {
  /** The account's DID. */
  readonly did: string;
  /** The `@atproto/api` agent acting as the account, for everything this skeleton lacks. */
  readonly agent: Agent;
  /** Likes a post by its `at://` URI; resolves to the like record's URI (for {@link unlike}). */
  like(postUri: string): Promise<string>;
  /** Deletes a like made by this account, by the like record's URI. */
  unlike(likeUri: string): Promise<void>;
  /** Ends the session on the server and forgets it here. */
  signOut(): Promise<void>;
}

/** Options of {@link signInWithPassword}. */
export interface PasswordSignInOptions {
  /** The account's PDS or entryway, e.g. `https://bsky.social`. */
  readonly service: string;
  /** Handle, DID or email of the account. */
  readonly identifier: string;
  /** An app password (never the account's main password in an app you ship). */
  readonly password: string;
  /** A `fetch` to use instead of the global one. */
  readonly fetch?: typeof fetch;
}

/** Wraps an `@atproto/api` error (or anything thrown) as a `FediError` with a useful code. */
function toFediError(error: unknown): FediError {
  if (error instanceof FediError) return error;
  const status = (error as { status?: unknown })?.status;
  const code =
    status === 401 || status === 403
      ? 'AUTH_REQUIRED'
      : status === 400 || status === 404
        ? 'NOT_FOUND'
        : status === 429
          ? 'RATE_LIMITED'
          : typeof status === 'number' && status >= 500
            ? 'SERVER'
            : 'NETWORK';
  return new FediError(
    error instanceof Error ? error.message : String(error),
    { code, status: typeof status === 'number' ? status : undefined },
    { cause: error },
  );
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toFediError(error);
  }
}

/** The session API over an agent, whatever the agent's session manager is. */
function sessionOf(agent: Agent, did: string, end: () => Promise<void>): BlueskySession {
  return {
    did,
    agent,
    like: (postUri) =>
      guarded(async () => {
        // A like names the exact version (CID) of the post; the AppView knows it.
        const { data } = await agent.getPosts({ uris: [postUri] });
        const post = data.posts[0];
        if (!post) throw new FediError('No such post', { code: 'NOT_FOUND' });
        return (await agent.like(post.uri, post.cid)).uri;
      }),
    unlike: (likeUri) => guarded(() => agent.deleteLike(likeUri)),
    signOut: () => guarded(end),
  };
}

/**
 * Signs in with a handle and an app password (`com.atproto.server.createSession`), for scripts,
 * servers and tests. In a web page prefer {@link createOAuthSignIn}: the reader never gives their
 * password to the site. Throws a `FediError`: `AUTH_REQUIRED` for a wrong identifier or password.
 *
 * @example
 * const session = await signInWithPassword({
 *   service: 'https://bsky.social',
 *   identifier: 'alice.example.com',
 *   password: process.env.APP_PASSWORD,
 * });
 * const like = await session.like('at://did:plc:abc/app.bsky.feed.post/3kabc');
 */
export async function signInWithPassword(options: PasswordSignInOptions): Promise<BlueskySession> {
  const manager = new CredentialSession(new URL(options.service), options.fetch);
  await guarded(() =>
    manager.login({ identifier: options.identifier, password: options.password }),
  );
  const did = manager.did;
  if (!did) throw new FediError('The server started no session', { code: 'INVALID_RESPONSE' });
  return sessionOf(new Agent(manager), did, () => manager.logout());
}

/** Options of {@link createOAuthSignIn}: those of `BrowserOAuthClient.load`. */
export type OAuthSignInOptions = BrowserOAuthClientLoadOptions;

/** The OAuth side of a page: the session it came back with, and how to start one. */
export interface OAuthSignIn {
  /** The session restored from this browser, or completed by the redirect back; else undefined. */
  readonly session?: BlueskySession;
  /** Sends the reader to their server's sign-in page; the page comes back with a session. */
  signIn(handle: string): Promise<never>;
  /** The underlying `@atproto/oauth-client-browser` client. */
  readonly client: BrowserOAuthClient;
}

/**
 * Prepares OAuth sign-in in a browser (`@atproto/oauth-client-browser`, loaded now and only now):
 * restores a session this browser already holds, or completes the one the reader is coming back
 * with, and offers `signIn(handle)`. Call it only after the reader asked to sign in: the OAuth
 * client keeps its keys and sessions in IndexedDB.
 *
 * @example
 * const oauth = await createOAuthSignIn({
 *   clientId: 'https://blog.example/client-metadata.json',
 *   handleResolver: 'https://bsky.social',
 * });
 * const session = oauth.session ?? (await oauth.signIn('alice.example.com'));
 */
export async function createOAuthSignIn(options: OAuthSignInOptions): Promise<OAuthSignIn> {
  const { BrowserOAuthClient } = await import('@atproto/oauth-client-browser');
  const client = await guarded(() => BrowserOAuthClient.load(options));
  const result = await guarded(() => client.init());
  const oauth = result?.session;
  return {
    client,
    session: oauth && sessionOf(new Agent(oauth), oauth.did, () => oauth.signOut()),
    signIn: (handle) => guarded(() => client.signInRedirect(handle)),
  };
}
