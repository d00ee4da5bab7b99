// A real local AT Protocol network for Fedikit's integration tests: PLC, PDS and Bluesky AppView
// (plus the bsync and Ozone moderation services that @atproto/dev-env's TestNetwork always starts),
// on the PostgreSQL cluster that scripts/atproto-network.mjs started, seeded with the fixtures the
// tests expect. Started by that script as a child process with an IPC channel; do not run it alone.
//
// It needs Node 22 (@atproto/dev-env 0.6 does not load on Node 20) and this folder's own
// node_modules, which scripts/atproto-network.mjs installs with the workspace's pinned Node 22.
//
// Env (set by scripts/atproto-network.mjs):
//   DB_POSTGRES_URL   the private cluster, e.g. postgresql://postgres@127.0.0.1:41234/postgres
//   ATPROTO_OUT       folder where fixtures.json is written
//   ATPROTO_PORTS     optional "plc,pds,appview,log" ports (default: free ports)
// Protocol on the IPC channel: sends {ready: fixtures} once seeded, or {error}; closes the network
// and exits on SIGTERM, SIGINT or when the parent goes away.
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const secs = (from = t0) => Number(((performance.now() - from) / 1000).toFixed(2));
const log = (...a) => console.error(`[network ${secs()}s]`, ...a);

// dev-env's servers call listen(port), which binds every interface. The tests need loopback only,
// and a test network must not be reachable from the rest of the LAN: default the host to 127.0.0.1.
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const [first] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  } else if (first && typeof first === 'object' && first.path === undefined && !first.host) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};

// A 64×64 JPEG (a flat blue square) for avatars and the image post.
const JPEG = Buffer.from(
  '/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCABAAEADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAUG/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AkANGjAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAP/9k=',
  'base64',
);

// TestNetwork.create asserts REDIS_HOST is set; nothing in dev-env 0.6 connects to it.
process.env.REDIS_HOST ??= 'unused:6379';
if (!process.env.DB_POSTGRES_URL) throw new Error('DB_POSTGRES_URL is required');
const OUT = path.resolve(process.env.ATPROTO_OUT ?? 'out');
await mkdir(OUT, { recursive: true });

async function freePort() {
  const s = net.createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address();
  s.close();
  return port;
}
const given = (process.env.ATPROTO_PORTS ?? '').split(',').map(Number);
const [plcPort, pdsPort, appviewPort, logPort] = await Promise.all(
  [0, 1, 2, 3].map((i) => given[i] || freePort()),
);

let network;
let closing = false;
async function shutdown(code) {
  if (closing) return;
  closing = true;
  const t = performance.now();
  try {
    await network?.close();
    log(`network closed in ${secs(t)}s`);
  } catch (err) {
    console.error('[network] close error', err);
    code ||= 1;
  }
  process.exit(code);
}
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
// The parent died without asking (SIGKILL, crash): do not linger as an orphan holding ports.
process.on('disconnect', () => void shutdown(0));

try {
  const { TestNetwork } = await import('@atproto/dev-env');
  const importS = secs();
  log(`imported @atproto/dev-env in ${importS}s (node ${process.version})`);
  const tCreate = performance.now();
  network = await TestNetwork.create({
    dbPostgresUrl: process.env.DB_POSTGRES_URL,
    dbPostgresSchema: 'fedikit',
    plc: { port: plcPort },
    pds: { port: pdsPort, hostname: 'localhost' },
    // Image and avatar URLs then point at this AppView's own /img/ route, not a made-up host.
    bsky: { port: appviewPort, publicUrl: `http://localhost:${appviewPort}` },
  });
  const createS = secs(tCreate);
  log(`TestNetwork.create in ${createS}s`);

  // What the AppView was asked, by method, so the browser test can count CORS preflights
  // (OPTIONS): a listener beside the AppView's own, on its real HTTP server.
  const requests = [];
  network.bsky.server.server.on('request', (req) => {
    if (requests.length < 10_000)
      requests.push({ method: req.method, path: req.url, origin: req.headers.origin ?? null });
  });
  const logServer = createServer((req, res) => {
    if (req.method === 'DELETE') requests.length = 0;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.method === 'DELETE' ? [] : requests));
  });
  logServer.listen(logPort, '127.0.0.1');
  await once(logServer, 'listening');

  const tSeed = performance.now();
  const fixtures = await seed(network);
  await network.processAll(); // the AppView indexes from the PDS firehose asynchronously
  const seedS = secs(tSeed);
  log(`seeded in ${seedS}s`);

  const result = {
    urls: {
      appview: network.bsky.url,
      pds: network.pds.url,
      plc: network.plc.url,
      ozone: network.ozone.url,
      requestLog: `http://127.0.0.1:${logPort}`,
    },
    ...fixtures,
    timings: { importS, createS, seedS },
  };
  await writeFile(path.join(OUT, 'fixtures.json'), JSON.stringify(result, null, 2));
  process.send?.({ ready: result });
  log('ready', JSON.stringify(result.urls));
} catch (error) {
  console.error('[network] failed to start', error);
  process.send?.({ error: String(error?.stack ?? error) });
  await shutdown(1);
}

/** Accounts, a thread with everything the moderation rules act on, an image post. */
async function seed(network) {
  const sc = network.getSeedClient();
  const users = {};
  for (const name of ['alice', 'bob', 'carol', 'dan', 'eve']) {
    const password = `${name}-pass`;
    const handle = `${name}.test`;
    const { did } = await sc.createAccount(name, {
      handle,
      email: `${name}@example.com`,
      password,
    });
    users[name] = { did, handle, password };
  }
  const { alice, bob, carol, dan, eve } = sc.dids;
  const headers = (did) => sc.getHeaders(did);
  const createdAt = () => new Date().toISOString();
  const jpeg = async (by) =>
    (
      await sc.agent.com.atproto.repo.uploadBlob(JPEG, {
        encoding: 'image/jpeg',
        headers: headers(by),
      })
    ).data.blob;
  const profile = (did, record) =>
    sc.agent.app.bsky.actor.profile.create(
      { repo: did },
      { createdAt: createdAt(), ...record },
      headers(did),
    );
  // SeedClient.createProfile reads an assets/ folder that the npm package does not ship.
  await profile(alice, { displayName: 'Alice Author', avatar: await jpeg(alice) });
  await profile(bob, { displayName: 'Bob', avatar: await jpeg(bob) });
  await profile(carol, { displayName: 'Carol' });
  await profile(eve, { displayName: 'Eve' });
  // Dan asks not to be shown to logged-out readers, as Bluesky's settings do it: a self-label.
  await profile(dan, {
    displayName: 'Dan (signed-in readers only)',
    labels: {
      $type: 'com.atproto.label.defs#selfLabels',
      values: [{ val: '!no-unauthenticated' }],
    },
  });

  // The root: a link facet after an emoji, so that UTF-8 byte offsets matter.
  const link = 'https://blog.example/hello';
  const text = `New blog post 👋 ${link} — reply here to comment.`;
  const byteStart = Buffer.byteLength(text.slice(0, text.indexOf(link)));
  const facets = [
    {
      index: { byteStart, byteEnd: byteStart + Buffer.byteLength(link) },
      features: [{ $type: 'app.bsky.richtext.facet#link', uri: link }],
    },
  ];
  const root = await sc.post(alice, text, facets);
  const reply = (by, parent, text) => sc.reply(by, root.ref, parent.ref, text);
  const r1 = await reply(bob, root, 'Great post! (bob, top level)');
  const r2 = await reply(carol, root, 'Very helpful, thanks (carol, top level)');
  const r3 = await reply(alice, r1, 'Thanks Bob! (alice, under bob)');
  const r4 = await reply(bob, r3, 'Anytime (bob, under alice, third level)');
  const labelled = await reply(eve, root, 'A reply the moderation service labelled porn');
  const hidden = await reply(carol, root, 'An off-topic reply the author hid');
  const noUnauth = await reply(dan, root, 'A reply by an account hidden from logged-out readers');
  await sc.like(bob, root.ref);
  await sc.like(carol, root.ref);
  await sc.like(alice, r1.ref); // the author's like: `favouritesOnly` keeps r1 alone
  await sc.follow(bob, alice);
  await sc.follow(carol, alice);

  // A threadgate on the root that hides one reply, as the author's "Hide reply" does.
  await sc.agent.app.bsky.feed.threadgate.create(
    { repo: alice, rkey: root.ref.uri.rkey },
    { post: root.ref.uriStr, hiddenReplies: [hidden.ref.uriStr], createdAt: createdAt() },
    headers(alice),
  );

  const image = await sc.post(alice, 'A photo post', undefined, [
    { image: await jpeg(alice), alt: 'A blue square' },
  ]);

  await network.processAll();
  await labelWithOzone(network, labelled.ref, 'porn');

  const ref = (r) => r.ref.raw;
  return {
    users,
    posts: {
      root: { ...ref(root), text, link },
      replies: {
        r1: ref(r1),
        r2: ref(r2),
        r3: ref(r3),
        r4: ref(r4),
        labelled: ref(labelled),
        hidden: ref(hidden),
        noUnauth: ref(noUnauth),
      },
      image: ref(image),
    },
    labeller: network.ozone.ctx.cfg.service.did,
  };
}

/**
 * Labels a post through the network's moderation service, Ozone, as a moderator would
 * (`tools.ozone.moderation.emitEvent`, `#modEventLabel`); Ozone signs the label and serves it on
 * `com.atproto.label.queryLabels`. In production a label ingester copies the labeller's stream into
 * the AppView; dev-env has none, so this plays its part, reading the label back from Ozone.
 */
async function labelWithOzone(network, ref, val) {
  await network.ozone.getModClient().emitEvent(
    {
      event: {
        $type: 'tools.ozone.moderation.defs#modEventLabel',
        createLabelVals: [val],
        negateLabelVals: [],
      },
      subject: { $type: 'com.atproto.repo.strongRef', uri: ref.uriStr, cid: ref.cidStr },
    },
    'moderator',
  );
  await network.ozone.processAll();
  const url = `${network.ozone.url}/xrpc/com.atproto.label.queryLabels?uriPatterns=${encodeURIComponent(ref.uriStr)}`;
  const { labels } = await (await fetch(url)).json();
  const label = labels?.find((l) => l.val === val && !l.neg);
  if (!label) throw new Error(`Ozone did not emit the ${val} label: ${JSON.stringify(labels)}`);
  await network.bsky.db.db
    .insertInto('label')
    .values({
      uri: label.uri,
      cid: label.cid ?? '',
      val,
      cts: label.cts,
      neg: false,
      src: label.src,
    })
    .execute();
}
