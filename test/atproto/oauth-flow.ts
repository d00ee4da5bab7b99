// SPDX-License-Identifier: MIT
// The page a reader's browser runs in the OAuth test (oauth.test.ts drives it through Playwright):
// @fedikit/bluesky/session's createOAuthSignIn against the local PDS, with a loopback client (no
// client metadata to host), then one like with the session it comes back with.
import { createOAuthSignIn } from '@fedikit/bluesky/session';

interface FlowConfig {
  readonly handle: string;
  readonly post: string;
  readonly pds: string;
  readonly plc: string;
}

// The redirect back drops the query: keep the test's settings in this tab across the round trip.
const given = new URLSearchParams(location.search).get('flow');
if (given) sessionStorage.setItem('flow', given);
const flow = JSON.parse(sessionStorage.getItem('flow') ?? 'null') as FlowConfig;
const redirect = `${location.origin}${location.pathname}`;
const done = (key: 'result' | 'error', value: unknown) =>
  (document.body.dataset[key] = typeof value === 'string' ? value : JSON.stringify(value));

try {
  const oauth = await createOAuthSignIn({
    // A loopback client id: the authorization server derives the metadata from it.
    clientId: `http://localhost?${new URLSearchParams({ redirect_uri: redirect, scope: 'atproto transition:generic' })}`,
    handleResolver: flow.pds,
    plcDirectoryUrl: flow.plc,
    allowHttp: true,
  });
  if (!oauth.session) {
    await oauth.signIn(flow.handle);
  } else {
    const like = await oauth.session.like(flow.post);
    done('result', { did: oauth.session.did, like });
  }
} catch (e) {
  done('error', String((e as Error)?.stack ?? e));
}
