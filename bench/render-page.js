// Runs in the benchmark page: renders synthetic threads through the real element (CDN build) with an
// in-memory provider, and reports the time from insertion (load="eager") to the `fedi-load` event.
const N = Number(new URLSearchParams(location.search).get('n') ?? 1000);
const LIMIT = Number(new URLSearchParams(location.search).get('limit') ?? 50);

function post(i, parent) {
  return {
    protocol: 'mastodon',
    id: `p${i}`,
    uri: `https://example.social/users/u${i % 50}/statuses/${i}`,
    url: `https://example.social/@u${i % 50}/${i}`,
    inReplyTo: parent,
    author: {
      id: `a${i % 50}`,
      name: `Person ${i % 50} :blob:`,
      handle: `u${i % 50}@example.social`,
      emojis: [{ shortcode: 'blob', url: 'data:,', staticUrl: 'data:,' }].slice(0, 0),
      bot: false,
      noindex: false,
    },
    content: `<p>Reply number ${i}, with a <a href="https://example.org/${i}">link</a> and <span class="h-card"><a class="u-url mention" href="https://example.social/@u1">@<span>u1</span></a></span>.</p>`,
    format: 'html',
    spoiler: i % 17 === 0 ? 'Spoiler' : '',
    sensitive: false,
    media: [],
    emojis: [],
    lang: 'en',
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    visibility: 'public',
    counts: { replies: 1, reposts: i % 3, likes: i % 7 },
  };
}

// A realistic shape: a third of replies answer the root, the rest answer an earlier reply.
const root = post(0);
const replies = [];
for (let i = 1; i <= N; i++) replies.push(post(i, i % 3 === 1 ? 'p0' : `p${Math.floor(i / 2)}`));

await customElements.whenDefined('fedi-comment-thread');
const { buildThread } = await import('/packages/core/dist/thread.js');
const provider = { getThread: async () => buildThread(root, replies, { maxSize: 5000 }) };

const results = [];
for (let run = 0; run < 7; run++) {
  const el = document.createElement('fedi-comment-thread');
  el.setAttribute('src', 'https://example.social/@u0/p0');
  el.setAttribute('limit', String(LIMIT));
  el.setAttribute('load', 'eager');
  el.provider = provider;
  const loaded = new Promise((r) => el.addEventListener('fedi-load', r, { once: true }));
  const start = performance.now();
  document.body.append(el);
  await loaded;
  // One frame so layout and paint of the rendered comments are included.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
  results.push(performance.now() - start);
  el.remove();
}
results.sort((a, b) => a - b);
window.__bench = { n: N, limit: LIMIT, median: results[3], min: results[0], max: results[6] };
