// SPDX-License-Identifier: MIT
/**
 * What the local AT Protocol network (harness/network.mjs) publishes once it is seeded: its
 * addresses and the records the integration tests check. Node tests read it from the file named by
 * `ATPROTO_FIXTURES`; browser tests from `/__fedikit/atproto.json`.
 * @packageDocumentation
 */

/** A record's strong reference. */
export interface StrongRef {
  readonly uri: string;
  readonly cid: string;
}

/** A seeded account. Handles end in `.test`; only the network's own AppView resolves them. */
export interface SeedUser {
  readonly did: string;
  readonly handle: string;
  /** The account password, for the session tests (a real network would want an app password). */
  readonly password: string;
}

/** The published fixtures. */
export interface AtprotoFixtures {
  readonly urls: {
    readonly appview: string;
    readonly pds: string;
    readonly plc: string;
    readonly ozone: string;
    /** GET: what the AppView's HTTP server was asked (method, path, origin); DELETE: forget. */
    readonly requestLog: string;
  };
  readonly users: Readonly<Record<'alice' | 'bob' | 'carol' | 'dan' | 'eve', SeedUser>>;
  readonly posts: {
    /** Alice's post, with a link facet after an emoji. */
    readonly root: StrongRef & { readonly text: string; readonly link: string };
    readonly replies: {
      /** Bob, top level; the root's author liked it. */
      readonly r1: StrongRef;
      /** Carol, top level. */
      readonly r2: StrongRef;
      /** Alice, under r1. */
      readonly r3: StrongRef;
      /** Bob, under r3 (third level). */
      readonly r4: StrongRef;
      /** Eve, top level, labelled `porn` by the network's moderation service (Ozone). */
      readonly labelled: StrongRef;
      /** Carol, top level, in the root's threadgate `hiddenReplies`. */
      readonly hidden: StrongRef;
      /** Dan, top level; Dan's profile carries the `!no-unauthenticated` self-label. */
      readonly noUnauth: StrongRef;
    };
    /** Alice's post with one image (alt text "A blue square"). */
    readonly image: StrongRef;
  };
  /** DID of the moderation service that labelled the reply. */
  readonly labeller: string;
  readonly timings: { readonly importS: number; readonly createS: number; readonly seedS: number };
}
