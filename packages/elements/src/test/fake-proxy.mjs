// SPDX-License-Identifier: MIT
// A fake Fedikit proxy for the browser tests, served by web-test-runner at /__fakeproxy: it speaks
// the wire contract of core's proxy.ts (GET /thread, /post, /profile, /posts) with canned answers,
// and serves the photos itself (as a proxy that rewrites media does), so a test can check that the
// elements contact no other host. /__fakeproxy/__log lists what it was asked (`?clear` empties it).

const BASE = '/__fakeproxy';
const log = [];

const author = {
  id: 'a1',
  name: 'Ada Artist',
  handle: 'ada@photos.example',
  url: 'https://photos.example/ada',
  avatar: `${BASE}/img/avatar-64x64.svg`,
  emojis: [],
  bot: false,
  noindex: false,
};

const media = (id, w, h, over = {}) => ({
  id,
  type: 'image',
  url: `${BASE}/img/${id}-${w}x${h}.svg`,
  previewUrl: `${BASE}/img/${id}-${w / 2}x${h / 2}.svg`,
  previewWidth: w / 2,
  previewHeight: h / 2,
  alt: `Photo ${id}`,
  blurhash: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
  width: w,
  height: h,
  ...over,
});

const post = (id, mediaList, over = {}) => ({
  protocol: 'pixelfed',
  id,
  uri: `https://photos.example/p/ada/${id}`,
  url: `https://photos.example/p/ada/${id}`,
  author,
  content: `Post ${id}`,
  format: 'text',
  spoiler: '',
  sensitive: false,
  media: mediaList,
  emojis: [],
  createdAt: '2026-11-01T10:00:00.000Z',
  visibility: 'public',
  counts: { replies: 0, reposts: 0, likes: 0 },
  ...over,
});

const page1 = [
  post('1', [media('m1', 800, 600), media('m2', 600, 800)]),
  post('2', [media('m3', 1000, 1000, { license: { name: 'CC BY 4.0' } })]),
];
const page2 = [post('3', [media('m4', 1200, 800)])];

const answers = {
  posts: (q) => (q.get('max_id') === '2' ? { posts: page2 } : { posts: page1, next: '2' }),
  post: () => page1[0],
  profile: () => ({
    author,
    bio: '<p>Photographs of light.</p>',
    counts: { followers: 1234, following: 5, posts: 3 },
  }),
  thread: () => ({
    root: post('1', []),
    replies: [
      { post: post('9', [], { inReplyTo: '1' }), replies: [], depth: 1, truncatedBelow: false },
    ],
    count: 1,
  }),
};

/** A coloured rectangle of the size its name says. */
function svg(name) {
  const [, w, h] = /-(\d+)x(\d+)\.svg$/.exec(name) ?? [0, 10, 10];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#5a3fd1"/></svg>`;
}

/** The web-test-runner plugin. */
export const fakeProxy = {
  name: 'fedikit-fake-proxy',
  serve(context) {
    if (!context.path.startsWith(`${BASE}/`)) return undefined;
    const path = context.path.slice(BASE.length + 1);
    if (path === '__log') {
      const body = JSON.stringify(log);
      if (context.querystring === 'clear') log.length = 0;
      return { body, type: 'json' };
    }
    log.push(`${path}?${context.querystring}`);
    if (path.startsWith('img/')) return { body: svg(path), type: 'svg' };
    const answer = answers[path];
    if (!answer) return undefined;
    return { body: JSON.stringify(answer(new URLSearchParams(context.querystring))), type: 'json' };
  },
};
