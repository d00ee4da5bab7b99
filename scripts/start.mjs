// `npm start`: the sandbox CLI (sandbox, readers' home servers, examples site) with the proxy
// mounted at /fedikit on the examples origin, so pages can use `proxy="/fedikit"`. Composed here
// because the sandbox may import only core (DESIGN.md), and the proxy is a site's, not a sandbox's.
import { createProxyHandler } from '../packages/proxy/dist/index.js';
import { createGuardedFetch, toNodeListener } from '../packages/proxy/dist/node.js';
import { runSandboxCli } from '../packages/sandbox/dist/cli.js';

/** The proxy's path on the examples site. */
const BASE = '/fedikit';

await runSandboxCli(process.argv.slice(2), {
  examples(sandboxUrl, pixelfed) {
    const sandboxHost = new URL(sandboxUrl).host;
    const pixelfedHost = new URL(pixelfed.url).host;
    // The sandboxes are on loopback: the opt-in names their addresses only, so the proxy's SSRF
    // protection stays on for everything else.
    const optIn = [sandboxHost, pixelfedHost];
    const listener = toNodeListener(
      createProxyHandler({
        basePath: BASE,
        // The sandbox speaks the Mastodon API and the AT Protocol read XRPCs (as the AppView).
        // The Pixelfed mode refuses anonymous API reads, as most Pixelfed servers do: the proxy
        // holds its read token, server-side, and the browser never sees it.
        hosts: [sandboxHost, pixelfedHost, 'bsky.app'],
        tokens: { [pixelfedHost]: pixelfed.token },
        appview: sandboxUrl,
        allowPrivateAddresses: optIn,
        fetch: createGuardedFetch({ allowPrivateAddresses: optIn }),
        media: true,
        // Short, so that edits to the sandbox's seed show up while trying things.
        ttl: 5,
      }),
    );
    return {
      intercept(req, res) {
        const path = (req.url ?? '').split('?')[0];
        if (!path.startsWith(`${BASE}/`)) return false;
        listener(req, res);
        return true;
      },
      banner: `The proxy is mounted at ${BASE}/ on the examples site (proxy="${BASE}"; it reads the sandboxes only, with the Pixelfed token).`,
    };
  },
});
