// SPDX-License-Identifier: MIT
// Fidelity: every entity the sandbox serves must have every field that real Mastodon's anonymous
// responses have, with the same JSON types. The reference is ../shared/data/mastodon/recorded/
// (recorded responses, read by this test only); without it the checks are skipped, visibly.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createSandbox, type Sandbox } from './server.js';
import { SEED } from './seed.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const recordedDir = join(resolve(repoRoot, '..', 'shared'), 'data', 'mastodon', 'recorded');
const hasShared = existsSync(recordedDir);
const SKIP = '../shared is absent: fidelity checks against recorded Mastodon responses skipped';

type J = null | boolean | number | string | J[] | { [key: string]: J };
type JObject = { [key: string]: J };

interface Interaction {
  request: {
    method: string;
    path_and_query: string;
    origin?: string;
    headers: Record<string, unknown>;
  };
  response: { status: number; headers: Record<string, string>; body: J };
}

/** The union of the JSON shapes seen in a set of samples. */
interface Shape {
  types: Set<string>;
  objects: number;
  keys: Map<string, { count: number; shape: Shape }>;
  items: Shape | null;
}

const newShape = (): Shape => ({ types: new Set(), objects: 0, keys: new Map(), items: null });

function typeOf(value: J): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function addSample(shape: Shape, value: J): Shape {
  shape.types.add(typeOf(value));
  if (Array.isArray(value)) {
    for (const item of value) addSample((shape.items ??= newShape()), item);
  } else if (value !== null && typeof value === 'object') {
    shape.objects++;
    for (const [key, child] of Object.entries(value)) {
      const entry = shape.keys.get(key) ?? { count: 0, shape: newShape() };
      entry.count++;
      addSample(entry.shape, child);
      shape.keys.set(key, entry);
    }
  }
  return shape;
}

const shapeOf = (samples: J[]): Shape =>
  samples.reduce<Shape>((s, v) => addSample(s, v), newShape());

/**
 * Checks `ours` against `types` (the union of every recorded sample of this kind) and `required`
 * (the samples whose keys must all be present: a key is required when every one of them has it).
 * A recorded value that was only ever null says nothing about the type; arrays compare by items.
 */
function check(
  ours: J,
  types: Shape,
  required: Shape | null,
  path: string,
  errors: string[],
): void {
  const known = [...types.types].filter((t) => t !== 'null');
  if (known.length === 0) return;
  const t = typeOf(ours);
  if (t === 'null') {
    if (!types.types.has('null')) errors.push(`${path}: null, recorded ${known.join('|')}`);
    return;
  }
  if (!types.types.has(t)) {
    errors.push(`${path}: ${t}, recorded ${known.join('|')}`);
    return;
  }
  if (Array.isArray(ours)) {
    if (types.items) {
      ours.forEach((item, i) =>
        check(item, types.items!, required?.items ?? null, `${path}[${i}]`, errors),
      );
    }
    return;
  }
  if (typeof ours !== 'object') return;
  const object = ours as JObject;
  if (required) {
    for (const [key, entry] of required.keys) {
      if (entry.count === required.objects && !(key in object))
        errors.push(`${path}.${key}: missing`);
    }
  }
  for (const [key, value] of Object.entries(object)) {
    const entry = types.keys.get(key);
    if (entry)
      check(value, entry.shape, required?.keys.get(key)?.shape ?? null, `${path}.${key}`, errors);
  }
}

function assertShape(label: string, ours: J[], types: Shape, required: Shape): void {
  assert.ok(ours.length > 0, `${label}: nothing to compare`);
  assert.ok(required.objects > 0 || required.types.size > 0, `${label}: no recorded sample`);
  const errors: string[] = [];
  ours.forEach((value, i) => check(value, types, required, `${label}#${i}`, errors));
  assert.deepEqual(
    [...new Set(errors)].slice(0, 30),
    [],
    `${label} differs from recorded Mastodon`,
  );
}

// ---- Recorded samples, classified by entity kind ----

const VIEWER_FIELDS = ['favourited', 'reblogged', 'muted', 'bookmarked', 'pinned', 'filtered'];
const CREDENTIAL_FIELDS = ['source', 'role'];

function load(name: string): Interaction[] {
  return (
    JSON.parse(readFileSync(join(recordedDir, name), 'utf8')) as { interactions: Interaction[] }
  ).interactions;
}

/** Anonymous-shaped copy: viewer-dependent and credential-only fields removed. */
function anonymize(value: J): J {
  if (Array.isArray(value)) return value.map(anonymize);
  if (value === null || typeof value !== 'object') return value;
  const isStatus = 'visibility' in value && 'account' in value;
  const isAccount = 'acct' in value && 'avatar' in value;
  const out: JObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (isStatus && VIEWER_FIELDS.includes(key)) continue;
    if (isAccount && CREDENTIAL_FIELDS.includes(key)) continue;
    out[key] = anonymize(child);
  }
  return out;
}

interface Kinds {
  status: J[];
  account: J[];
  media: J[];
  emoji: J[];
  card: J[];
}

function collect(value: J, kinds: Kinds): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, kinds);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if ('visibility' in value && 'account' in value && 'content' in value) kinds.status.push(value);
  else if ('acct' in value && 'avatar' in value && 'username' in value) kinds.account.push(value);
  else if ('preview_url' in value && 'blurhash' in value && 'type' in value)
    kinds.media.push(value);
  else if ('shortcode' in value && 'static_url' in value) kinds.emoji.push(value);
  else if ('provider_name' in value && 'embed_url' in value) kinds.card.push(value);
  for (const child of Object.values(value)) collect(child, kinds);
}

function okBodies(file: string, match: (i: Interaction) => boolean): J[] {
  return load(file)
    .filter((i) => i.response.status === 200 && match(i))
    .map((i) => anonymize(i.response.body));
}

const isGet = (path: RegExp) => (i: Interaction) =>
  i.request.method === 'GET' && path.test(i.request.path_and_query);

// ---- The sandbox side ----

let sandbox: Sandbox;
async function api(path: string, init: RequestInit = {}): Promise<{ json: J; headers: Headers }> {
  const response = await fetch(new URL(path, sandbox.url), init);
  return { json: (await response.json()) as J, headers: response.headers };
}

const isLocal = (status: J): boolean =>
  !String(((status as JObject)['account'] as JObject)['acct']).includes('@');

describe('fidelity with recorded Mastodon 4.6 responses', () => {
  let kinds: Kinds;
  before(async () => {
    sandbox = await createSandbox();
    if (!hasShared) return;
    kinds = { status: [], account: [], media: [], emoji: [], card: [] };
    for (const file of readdirSync(recordedDir).filter((f) => f.endsWith('.json'))) {
      for (const i of load(file)) {
        // DELETE answers carry `text` instead of `content`: not a served shape.
        if (i.request.method === 'DELETE' || i.response.status !== 200) continue;
        collect(anonymize(i.response.body), kinds);
      }
    }
  });
  after(async () => {
    await sandbox.close();
  });

  const guard = (t: TestContext): boolean => {
    if (hasShared) return true;
    t.skip(SKIP);
    return false;
  };

  test('Status (local, anonymous)', async (t) => {
    if (!guard(t)) return;
    const recorded = okBodies(
      'test_public_tl_anonymous.json',
      isGet(/^\/api\/v1\/timelines\/public/),
    ).flat();
    assert.equal(recorded.length, 8);
    const ctx = (await api(`/api/v1/statuses/${SEED.thread.id}/context`)).json as JObject;
    const page = (await api(`/api/v1/accounts/${SEED.accounts['alice']!.id}/statuses?limit=40`))
      .json as J[];
    const ours = [...(ctx['descendants'] as J[]), ...page].filter(
      (s) => isLocal(s) && (s as JObject)['reblog'] === null,
    );
    assertShape('Status', ours, shapeOf(kinds.status), shapeOf(recorded));
  });

  test('Status (remote author)', async (t) => {
    if (!guard(t)) return;
    const [remote] = okBodies('test_entity_status.json', isGet(/^\/api\/v1\/statuses\/\d+$/));
    // Its attachment is a gifv (frame_rate, duration…): media shapes are compared per type below.
    const required = { ...(remote as JObject), media_attachments: [] };
    const ctx = (
      await api(`/api/v1/statuses/${SEED.thread.id}/context`, { headers: { authorization: 'x' } })
    ).json as JObject;
    const ours = (ctx['descendants'] as J[]).filter((s) =>
      String(((s as JObject)['account'] as JObject)['acct']).endsWith('@remote.example'),
    );
    assertShape('Remote status', ours, shapeOf(kinds.status), shapeOf([required]));
  });

  test('Reblog wrapper status', async (t) => {
    if (!guard(t)) return;
    const recorded = load('test_status_reblogged_by.json')
      .map((i) => anonymize(i.response.body))
      .filter((b): b is JObject => b !== null && typeof b === 'object' && !Array.isArray(b))
      .filter((b) => b['reblog'] != null);
    const wrappers = async (key: string): Promise<J[]> =>
      (
        (await api(`/api/v1/accounts/${SEED.accounts[key]!.id}/statuses?limit=40`)).json as J[]
      ).filter((s) => (s as JObject)['reblog'] !== null);
    // Bob reblogged a local post, like the recording; Alice a remote one (its inner status is
    // checked against the remote shape, so only the wrapper is required here).
    assertShape('Reblog', await wrappers('bob'), shapeOf(kinds.status), shapeOf(recorded));
    const wrapperOnly = recorded.map((r) => ({ ...r, reblog: null }));
    assertShape(
      'Remote reblog',
      await wrappers('alice'),
      shapeOf(kinds.status),
      shapeOf(wrapperOnly),
    );
  });

  test('Account (local and remote)', async (t) => {
    if (!guard(t)) return;
    const anonymous = okBodies(
      'test_public_tl_anonymous.json',
      isGet(/^\/api\/v1\/timelines\/public/),
    )
      .flat()
      .map((s) => (s as JObject)['account']!);
    const local = await Promise.all(
      ['alice', 'bob', 'quiet', 'linkbot'].map(
        async (k) => (await api(`/api/v1/accounts/${SEED.accounts[k]!.id}`)).json,
      ),
    );
    assertShape('Account', local, shapeOf(kinds.account), shapeOf(anonymous));
    const [remoteRecorded] = okBodies(
      'test_entity_account.json',
      isGet(/^\/api\/v1\/accounts\/\d+$/),
    );
    const remote = [(await api('/api/v1/accounts/lookup?acct=gus@remote.example')).json];
    assertShape('Remote account', remote, shapeOf(kinds.account), shapeOf([remoteRecorded!]));
  });

  test('MediaAttachment (image)', async (t) => {
    if (!guard(t)) return;
    const images = kinds.media.filter((m) => (m as JObject)['type'] === 'image');
    const page = (
      await api(`/api/v1/accounts/${SEED.accounts['alice']!.id}/statuses?only_media=1&limit=40`)
    ).json as JObject[];
    const ours = page.flatMap((s) => s['media_attachments'] as J[]);
    assertShape('MediaAttachment', ours, shapeOf(kinds.media), shapeOf(images));
  });

  test('CustomEmoji and PreviewCard', async (t) => {
    if (!guard(t)) return;
    const emoji = (await api('/api/v1/custom_emojis')).json as J[];
    assertShape('CustomEmoji', emoji, shapeOf(kinds.emoji), shapeOf(kinds.emoji));
    const [withCard] = okBodies('test_status_card.json', isGet(/^\/api\/v1\/statuses\/\d+$/));
    const status = (await api(`/api/v1/statuses/${SEED.thread.id}`)).json as JObject;
    assertShape(
      'PreviewCard',
      [status['card']!],
      shapeOf(kinds.card),
      shapeOf([(withCard as JObject)['card']!]),
    );
  });

  test('Context', async (t) => {
    if (!guard(t)) return;
    const recorded = okBodies('test_entity_context.json', isGet(/\/context$/));
    const leaf = SEED.thread.deepChainIds[3]!;
    const localOnly = (ctx: JObject): JObject => ({
      ancestors: (ctx['ancestors'] as J[]).filter(isLocal),
      descendants: (ctx['descendants'] as J[]).filter(isLocal),
    });
    const ours = [
      localOnly((await api(`/api/v1/statuses/${leaf}/context`)).json as JObject),
      localOnly((await api(`/api/v1/statuses/${SEED.thread.id}/context`)).json as JObject),
    ];
    const types = shapeOf([...recorded, { ancestors: kinds.status, descendants: kinds.status }]);
    assertShape('Context', ours, types, shapeOf(recorded));
  });

  test('Instance v2 and v1', async (t) => {
    if (!guard(t)) return;
    const v2Recorded = okBodies('test_instance.json', isGet(/^\/api\/v2\/instance/));
    const v2Real = [
      ...okBodies('test_timeline_disabled.json', isGet(/^\/api\/v2\/instance/)),
      ...okBodies('test_entity_previewcardauthor.json', isGet(/^\/api\/v2\/instance/)),
    ];
    const v2 = (await api('/api/v2/instance')).json;
    // The contact account is an Account: its types come from every recorded account.
    const accounts = kinds.account;
    const v2Types = shapeOf([
      ...v2Recorded,
      ...v2Real,
      ...accounts.map((a) => ({ contact: { account: a } })),
    ]);
    assertShape('Instance v2', [v2], v2Types, shapeOf(v2Recorded));
    const v1Recorded = okBodies('test_instance_v1.json', isGet(/^\/api\/v1\/instance/));
    const v1Real = okBodies('test_timeline_disabled.json', isGet(/^\/api\/v1\/instance/));
    const v1 = await api('/api/v1/instance');
    const v1Types = shapeOf([
      ...v1Recorded,
      ...v1Real,
      ...accounts.map((a) => ({ contact_account: a })),
    ]);
    assertShape('Instance v1', [v1.json], v1Types, shapeOf(v1Recorded));
    const deprecation = load('test_instance_v1.json')[0]!.response.headers['deprecation'];
    assert.equal(v1.headers.get('deprecation'), deprecation);
  });

  test('NodeInfo', async (t) => {
    if (!guard(t)) return;
    const [wellKnown, info] = okBodies('test_nodeinfo.json', () => true);
    const ourWellKnown = (await api('/.well-known/nodeinfo')).json;
    const ourInfo = (await api('/nodeinfo/2.0')).json;
    assertShape('nodeinfo links', [ourWellKnown], shapeOf([wellKnown!]), shapeOf([wellKnown!]));
    assertShape('NodeInfo 2.0', [ourInfo], shapeOf([info!]), shapeOf([info!]));
    assert.equal(((ourInfo as JObject)['software'] as JObject)['name'], 'mastodon');
  });

  test('headers, Link format and error bodies match the recordings', async (t) => {
    if (!guard(t)) return;
    const [recordedPage] = load('test_fetch_next_previous.json').filter(
      isGet(/\/statuses\?limit=5$/),
    );
    const recordedHeaders = recordedPage!.response.headers;
    const ours = await api(`/api/v1/accounts/${SEED.accounts['alice']!.id}/statuses?limit=5`);
    assert.equal(ours.headers.get('content-type'), recordedHeaders['content-type']);
    for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
      assert.ok(recordedHeaders[name] && ours.headers.get(name), name);
    }
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/;
    assert.match(recordedHeaders['x-ratelimit-reset']!, iso);
    assert.match(ours.headers.get('x-ratelimit-reset')!, iso);
    // <…?limit=5&max_id=N>; rel="next", <…?limit=5&min_id=N>; rel="prev"
    const shape = (link: string): string =>
      link
        .replace(/^https?:\/\/[^/]+/, '')
        .replace(/<https?:\/\/[^/]+/g, '<')
        .replace(/\d{6,}/g, 'ID');
    assert.equal(shape(ours.headers.get('link')!), shape(recordedHeaders['link']!));
    const [notFound] = load('test_account_lookup.json').filter((i) => i.response.status === 404);
    const ourNotFound = await api('/api/v1/accounts/lookup?acct=kljadklajsdkljlkjlkjlkjasdasd');
    assert.deepEqual(ourNotFound.json, notFound!.response.body);
  });
});
