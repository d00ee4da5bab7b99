// SPDX-License-Identifier: MIT
// The sandbox's Bluesky data: accounts with did:plc DIDs, Alice's cross-posted blog announcement
// with a nested thread of replies that covers what a logged-out view must handle (facets with UTF-8
// byte offsets, images, labels, a threadgate, blocked and deleted replies, hostile text), and an
// author feed with paging. Deterministic: DIDs, CIDs and record keys are derived from fixed inputs,
// so they are identical on every run. None of it is copied from real accounts.
import { createHash } from 'node:crypto';
import type { Scene } from './media.js';
import { SCENES } from './seed.js';
import { createRandom } from './util.js';

/** Bluesky's moderation service; the AppView applies its labels to logged-out reads by default. */
export const BSKY_LABELER_DID = 'did:plc:ar7c4by46qjdydhdevvrndac';

/** A label as the AppView serves it (`com.atproto.label.defs#label`). */
export interface BskyLabel {
  readonly ver: 1;
  readonly src: string;
  readonly uri: string;
  readonly cid?: string;
  readonly val: string;
  readonly cts: string;
}

/** A Bluesky account of the seed. */
export interface BskyAccountRecord {
  readonly key: string;
  readonly did: string;
  /** `handle.invalid` when the handle failed verification, as the AppView reports it. */
  readonly handle: string;
  /** Absent for accounts that never set one. */
  readonly displayName?: string;
  readonly description: string;
  readonly avatar: {
    readonly cid: string;
    readonly initials: string;
    readonly background: string;
    readonly foreground: string;
  } | null;
  readonly banner: { readonly cid: string; readonly colors: readonly [string, string] } | null;
  readonly createdAt: string;
  readonly indexedAt: string;
  readonly followersCount: number;
  readonly followsCount: number;
  /** Labels on the account (profile self-labels such as `!no-unauthenticated`). */
  readonly labels: readonly BskyLabel[];
  /** The thread's author blocks this account: its replies are served as `#blockedPost`. */
  readonly blockedByRoot: boolean;
}

/** A byte range and its features, as stored in a post record. */
export interface BskyFacet {
  readonly $type: 'app.bsky.richtext.facet';
  readonly index: { readonly byteStart: number; readonly byteEnd: number };
  readonly features: readonly ({ readonly $type: string } & Record<string, string>)[];
}

/** An image of a post: a drawn scene served as a PNG thumbnail and full-size picture. */
export interface BskyImageRecord {
  readonly cid: string;
  readonly alt: string;
  readonly aspectRatio: { readonly width: number; readonly height: number };
  readonly size: number;
  readonly scene: Scene;
}

/** A post of the seed (`app.bsky.feed.post`). */
export interface BskyPostRecord {
  readonly key: string;
  readonly rkey: string;
  readonly uri: string;
  readonly cid: string;
  readonly authorKey: string;
  readonly text: string;
  readonly facets: readonly BskyFacet[];
  readonly langs: readonly string[];
  readonly createdAt: string;
  readonly indexedAt: string;
  /** The post it replies to, and the thread root (both null for a top-level post). */
  readonly parentUri: string | null;
  readonly rootUri: string | null;
  readonly images: readonly BskyImageRecord[];
  readonly external: {
    readonly uri: string;
    readonly title: string;
    readonly description: string;
    readonly thumb: { readonly cid: string; readonly scene: Scene } | null;
  } | null;
  /** A quoted post (`app.bsky.embed.record`). */
  readonly quoteUri: string | null;
  readonly likeCount: number;
  readonly repostCount: number;
  readonly quoteCount: number;
  /** Labels from moderation services. */
  readonly labels: readonly BskyLabel[];
  /** Self-labels in the record (`com.atproto.label.defs#selfLabels`). */
  readonly selfLabels: readonly string[];
  /** The like record of the thread root's author, when they liked this reply. */
  readonly rootAuthorLike: string | null;
  /** Deleted after its replies were indexed: served as `#notFoundPost`. */
  readonly deleted: boolean;
}

/** A threadgate record (`app.bsky.feed.threadgate`), keyed like its post. */
export interface BskyThreadgateRecord {
  readonly uri: string;
  readonly cid: string;
  readonly post: string;
  readonly createdAt: string;
  readonly hiddenReplies: readonly string[];
}

/** The whole Bluesky data set. */
export interface BlueskySeedData {
  readonly accounts: readonly BskyAccountRecord[];
  readonly posts: readonly BskyPostRecord[];
  readonly threadgates: readonly BskyThreadgateRecord[];
}

// ---- Identifiers ----

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const BASE32_SORTABLE = '234567abcdefghijklmnopqrstuvwxyz';

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** A did:plc-shaped DID (24 base32 characters) derived from a name. */
export function plcDid(name: string): string {
  return `did:plc:${base32(sha256(`fedikit-sandbox did ${name}`)).slice(0, 24)}`;
}

/**
 * A CIDv1 (base32, sha2-256) derived from a name: `bafyrei…` for records (dag-cbor), `bafkrei…`
 * for blobs (raw). The digest is not of the real bytes, but the shape is exactly the AppView's.
 */
export function fakeCid(name: string, kind: 'record' | 'blob' = 'record'): string {
  const digest = sha256(`fedikit-sandbox cid ${name}`);
  const bytes = Buffer.concat([
    Buffer.from([0x01, kind === 'record' ? 0x71 : 0x55, 0x12, 0x20]),
    digest,
  ]);
  return `b${base32(bytes)}`;
}

/** A TID record key: 53 bits of microseconds since the epoch and a 10-bit clock id, base32-sortable. */
export function tid(timeMs: number, clockId: number): string {
  const encode = (value: bigint, length: number): string => {
    let out = '';
    let v = value;
    while (v > 0n) {
      out = BASE32_SORTABLE[Number(v & 31n)]! + out;
      v >>= 5n;
    }
    return out.padStart(length, '2');
  };
  return encode(BigInt(timeMs) * 1000n, 11) + encode(BigInt(clockId & 1023), 2);
}

// ---- Rich text ----

/** A piece of rich text: plain text, or text carrying one facet feature. */
export type RichSegment =
  | string
  | { readonly text: string; readonly link: string }
  | { readonly text?: string; readonly mention: string }
  | { readonly text?: string; readonly tag: string };

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

// ---- The seed ----

const BASE = Date.UTC(2026, 2, 14, 9, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;
const BLOG_URL = 'https://alice.example/2026/03/leaving-the-big-platforms';

interface AccountInput {
  key: string;
  handle: string;
  displayName?: string;
  description: string;
  avatar: { initials: string; background: string; foreground: string } | null;
  banner?: readonly [string, string];
  created: number;
  followers: number;
  follows: number;
  selfLabels?: readonly string[];
  blockedByRoot?: boolean;
}

const ACCOUNT_INPUTS: AccountInput[] = [
  {
    key: 'alice',
    handle: 'alice.bsky.sandbox',
    displayName: 'Alice Martin',
    description:
      'Writes about the open web, small tech and slow travel. Comments on my blog are replies to my posts here and on the fediverse.\n\nBlog: alice.example',
    avatar: { initials: 'AM', background: '#5b4bc4', foreground: '#ffffff' },
    banner: ['#5b4bc4', '#e94e77'],
    created: Date.UTC(2023, 3, 20),
    followers: 842,
    follows: 210,
  },
  {
    key: 'bob',
    handle: 'bob.bsky.sandbox',
    displayName: 'Bob Okafor 🚲',
    description: 'Bikes, backend, bread. Also on the fediverse.',
    avatar: { initials: 'BO', background: '#2d9cdb', foreground: '#ffffff' },
    banner: ['#2d9cdb', '#50b86c'],
    created: Date.UTC(2023, 5, 2),
    followers: 311,
    follows: 290,
  },
  {
    key: 'chloe',
    handle: 'chloe.bsky.sandbox',
    displayName: 'Chloé Dubois',
    description: 'Bibliothécaire, cuisine végétarienne et logiciels libres.',
    avatar: { initials: 'CD', background: '#e94e77', foreground: '#ffffff' },
    created: Date.UTC(2023, 8, 11),
    followers: 97,
    follows: 150,
  },
  {
    key: 'dmitri',
    handle: 'dmitri.bsky.sandbox',
    displayName: 'Dmitri Weber',
    description: 'Datenschutz, Vereinsarbeit, Open Source. Köln.',
    avatar: { initials: 'DW', background: '#50b86c', foreground: '#0b2e13' },
    created: Date.UTC(2024, 1, 7),
    followers: 64,
    follows: 88,
  },
  {
    key: 'emi',
    handle: 'emi.bsky.sandbox',
    displayName: '江口 恵美',
    description: 'ウェブデザイナー。猫と写真が好きです。',
    avatar: { initials: '恵', background: '#f5a623', foreground: '#3b2300' },
    created: Date.UTC(2024, 1, 9),
    followers: 402,
    follows: 77,
  },
  {
    key: 'farah',
    handle: 'farah.bsky.sandbox',
    displayName: 'فرح الحسن',
    description: 'مهندسة برمجيات ومهتمة بالخصوصية على الويب.',
    avatar: { initials: 'ف', background: '#9b51e0', foreground: '#ffffff' },
    created: Date.UTC(2024, 10, 14),
    followers: 180,
    follows: 143,
  },
  {
    // A custom-domain handle on its own PDS, with no display name and no avatar.
    key: 'gus',
    handle: 'gus.example',
    description: '',
    avatar: null,
    created: Date.UTC(2024, 10, 20),
    followers: 12,
    follows: 40,
  },
  {
    key: 'hana',
    handle: 'hana.bsky.sandbox',
    displayName: 'Hana Novák',
    description: 'Emoji enthusiast. Mostly reactions.',
    avatar: { initials: 'HN', background: '#fcc21b', foreground: '#3b2300' },
    created: Date.UTC(2024, 11, 1),
    followers: 55,
    follows: 61,
  },
  {
    key: 'ivo',
    handle: 'ivo.bsky.sandbox',
    displayName: 'Ivo 🌿 (he/him)',
    description: 'Gardens, protocols, and the IndieWeb.',
    avatar: { initials: 'I', background: '#1c6e8c', foreground: '#ffffff' },
    created: Date.UTC(2023, 7, 30),
    followers: 2210,
    follows: 401,
  },
  {
    key: 'pat',
    handle: 'pat.bsky.sandbox',
    displayName: 'Pat Rivera',
    description: 'Life drawing, charcoal, ink.',
    avatar: { initials: 'PR', background: '#3b3b3b', foreground: '#ffffff' },
    created: Date.UTC(2024, 3, 3),
    followers: 530,
    follows: 120,
  },
  {
    key: 'prizes',
    handle: 'prizes.bsky.sandbox',
    displayName: 'Free Prizes Daily 🎁',
    description: 'Winners every day!!!',
    avatar: { initials: '🎁', background: '#e94e77', foreground: '#ffffff' },
    created: Date.UTC(2026, 2, 1),
    followers: 3,
    follows: 4870,
  },
  {
    key: 'quinn',
    handle: 'quinn.bsky.sandbox',
    displayName: 'Quinn (signed-in only)',
    description: 'I only want signed-in people to see my posts.',
    avatar: { initials: 'Q', background: '#28325c', foreground: '#ffffff' },
    created: Date.UTC(2024, 8, 8),
    followers: 140,
    follows: 133,
    selfLabels: ['!no-unauthenticated'],
  },
  {
    key: 'mallory',
    handle: 'mallory.bsky.sandbox',
    displayName: '<img src=x onerror=alert(1)>Mallory"><script>alert(2)</script>',
    description: '<script>alert("bio")</script> javascript:alert(3)',
    avatar: null,
    created: Date.UTC(2026, 2, 10),
    followers: 1,
    follows: 999,
  },
  {
    key: 'troll',
    handle: 'troll.bsky.sandbox',
    displayName: 'Hot Takes Only',
    description: 'Contrarian by trade.',
    avatar: { initials: 'HT', background: '#b55239', foreground: '#ffffff' },
    created: Date.UTC(2025, 0, 5),
    followers: 20,
    follows: 800,
  },
  {
    key: 'blocked',
    handle: 'blocked.bsky.sandbox',
    displayName: 'Blocked By Alice',
    description: 'Alice blocked this account.',
    avatar: { initials: 'BA', background: '#777777', foreground: '#ffffff' },
    created: Date.UTC(2025, 3, 3),
    followers: 8,
    follows: 30,
    blockedByRoot: true,
  },
  {
    // A handle that failed bidirectional verification: the AppView reports `handle.invalid`.
    key: 'unverified',
    handle: 'handle.invalid',
    displayName: 'Unverified Handle',
    description: 'My domain stopped pointing at my DID.',
    avatar: { initials: 'UH', background: '#8a6a48', foreground: '#ffffff' },
    created: Date.UTC(2024, 6, 6),
    followers: 15,
    follows: 15,
  },
];

/** A reply or post to create; `parent`/`quote` name earlier posts by key. */
interface PostInput {
  key: string;
  author: string;
  at: number;
  text: readonly RichSegment[];
  parent?: string;
  langs?: readonly string[];
  images?: readonly { alt: string; scene: string; width: number; height: number }[];
  quote?: string;
  likes?: number;
  reposts?: number;
  labels?: readonly string[];
  selfLabels?: readonly string[];
  rootAuthorLikes?: boolean;
  deleted?: boolean;
  /** Facets appended verbatim (hostile ranges). */
  rawFacets?: readonly BskyFacet[];
  external?: BskyPostRecord['external'];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function buildBlueskySeed() {
  const random = createRandom(0xb1e5c1);
  const accounts: BskyAccountRecord[] = ACCOUNT_INPUTS.map((input) => {
    const did = plcDid(input.key);
    const created = new Date(input.created).toISOString();
    return {
      key: input.key,
      did,
      handle: input.handle,
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      description: input.description,
      avatar: input.avatar
        ? { cid: fakeCid(`${input.key} avatar`, 'blob'), ...input.avatar }
        : null,
      banner: input.banner
        ? { cid: fakeCid(`${input.key} banner`, 'blob'), colors: input.banner }
        : null,
      createdAt: created,
      indexedAt: new Date(input.created + 1234).toISOString(),
      followersCount: input.followers,
      followsCount: input.follows,
      labels: (input.selfLabels ?? []).map((val) => ({
        ver: 1 as const,
        src: did,
        uri: `at://${did}/app.bsky.actor.profile/self`,
        cid: fakeCid(`${input.key} profile`),
        val,
        cts: new Date(input.created + 1234).toISOString(),
      })),
      blockedByRoot: input.blockedByRoot ?? false,
    };
  });
  const byKey = new Map(accounts.map((a) => [a.key, a]));
  const account = (key: string): BskyAccountRecord => {
    const found = byKey.get(key);
    if (!found) throw new Error(`Unknown Bluesky seed account ${key}`);
    return found;
  };

  const rich = (segments: readonly RichSegment[]) => {
    let text = '';
    const facets: BskyFacet[] = [];
    for (const segment of segments) {
      if (typeof segment === 'string') {
        text += segment;
        continue;
      }
      let shown: string;
      let feature: { $type: string } & Record<string, string>;
      if ('link' in segment) {
        shown = segment.text;
        feature = { $type: 'app.bsky.richtext.facet#link', uri: segment.link };
      } else if ('mention' in segment) {
        const target = account(segment.mention);
        shown = segment.text ?? `@${target.handle}`;
        feature = { $type: 'app.bsky.richtext.facet#mention', did: target.did };
      } else {
        shown = segment.text ?? `#${segment.tag}`;
        feature = { $type: 'app.bsky.richtext.facet#tag', tag: segment.tag };
      }
      const byteStart = utf8Length(text);
      text += shown;
      facets.push({
        $type: 'app.bsky.richtext.facet',
        index: { byteStart, byteEnd: utf8Length(text) },
        features: [feature],
      });
    }
    return { text, facets };
  };

  const posts: Mutable<BskyPostRecord>[] = [];
  const byPostKey = new Map<string, Mutable<BskyPostRecord>>();
  let clock = 0;
  const make = (input: PostInput, root: BskyPostRecord | null): Mutable<BskyPostRecord> => {
    const author = account(input.author);
    const rkey = tid(input.at, (clock++ * 97 + 13) % 1024);
    const uri = `at://${author.did}/app.bsky.feed.post/${rkey}`;
    const parent = input.parent ? byPostKey.get(input.parent)! : null;
    const { text, facets } = rich(input.text);
    const created = new Date(input.at).toISOString();
    const record: Mutable<BskyPostRecord> = {
      key: input.key,
      rkey,
      uri,
      cid: fakeCid(`post ${input.key}`),
      authorKey: author.key,
      text,
      facets: [...facets, ...(input.rawFacets ?? [])],
      langs: input.langs ?? ['en'],
      createdAt: created,
      indexedAt: new Date(input.at + 180 + random.int(0, 600)).toISOString(),
      parentUri: parent ? parent.uri : null,
      rootUri: parent ? (root ?? parent).uri : null,
      images: (input.images ?? []).map((image, i) => ({
        cid: fakeCid(`post ${input.key} image ${i}`, 'blob'),
        alt: image.alt,
        aspectRatio: { width: image.width, height: image.height },
        size: 180_000 + random.int(0, 400_000),
        scene: SCENES[image.scene]!,
      })),
      external: input.external ?? null,
      quoteUri: input.quote ? byPostKey.get(input.quote)!.uri : null,
      likeCount: input.likes ?? 0,
      repostCount: input.reposts ?? 0,
      quoteCount: 0,
      labels: (input.labels ?? []).map((val) => ({
        ver: 1 as const,
        src: BSKY_LABELER_DID,
        uri,
        cid: fakeCid(`post ${input.key}`),
        val,
        cts: new Date(input.at + 20 * MINUTE).toISOString(),
      })),
      selfLabels: input.selfLabels ?? [],
      rootAuthorLike: null,
      deleted: input.deleted ?? false,
    };
    posts.push(record);
    byPostKey.set(input.key, record);
    return record;
  };

  // ---- Alice's older posts (her author feed pages past the first page). ----
  const OLDER = [
    'Slow travel notes, day 3: the night train was late, and nobody minded.',
    'Small tech is a practice, not a product.',
    'Reading list for the weekend: three essays on the open web.',
    'Trying out a new static site generator. So far: fast, quiet, no tracking.',
    'The best comment sections are the ones people choose to join.',
    'Photos from the Alps. No filter, just luck with the weather.',
    'RSS is not dead; it just stopped asking for attention.',
    'Drafting the next article: why I am moving my comments to the fediverse.',
    'Coffee, a notebook, and no notifications. Good morning.',
    'A website can just be a website.',
    'Lyon at dusk, from the Croix-Rousse steps.',
    'Working on the blog’s accessibility: headings, contrast, alt text.',
    'Sunday: no screens until noon. Mostly worked.',
    'New article coming next week. The draft is with friends for feedback.',
    'The sea on a windy morning.',
    'If your comment system needs a cookie banner, it is doing too much.',
    'Evening walk; the fields are turning gold.',
    'Five years of this blog. Thank you for reading.',
    'Short post: I fixed the RSS feed’s dates.',
    'Night sky over the hills, long exposure.',
    'Notes on writing for people, not for algorithms.',
    'Small tech meetup tonight, bring your own laptop stickers.',
  ];
  const imageScenes = ['alps', 'dusk', 'sea', 'field', 'night'];
  OLDER.forEach((text, i) => {
    const at = BASE - (OLDER.length - i) * (DAY + 37 * MINUTE);
    const withImage = /Photos|dusk|sea|fields|Night sky/.test(text);
    make(
      {
        key: `older-${i}`,
        author: 'alice',
        at,
        text: [text],
        likes: random.int(2, 40),
        reposts: random.int(0, 6),
        ...(withImage
          ? {
              images: [
                {
                  alt: `Photo: ${text.replace(/\.$/, '')}`,
                  scene: imageScenes[i % imageScenes.length]!,
                  width: 2000,
                  height: 1333,
                },
              ],
            }
          : {}),
      },
      null,
    );
  });
  const emptyThread = byPostKey.get('older-21')!;

  // ---- The cross-posted announcement. ----
  const rootAt = BASE + 2 * MINUTE;
  const root = make(
    {
      key: 'root',
      author: 'alice',
      at: rootAt,
      text: [
        'New on the blog: Leaving the big platforms, and why the comments under my articles now come from Bluesky and the fediverse.\n\n',
        'Reply here and your reply shows up under the article. ',
        { link: BLOG_URL, text: 'alice.example/2026/03/leav…' },
        ' ',
        { tag: 'IndieWeb' },
      ],
      likes: 64,
      reposts: 11,
      external: {
        uri: BLOG_URL,
        title: 'Leaving the big platforms',
        description:
          'Why the comments on this blog now live on the fediverse, and what moving them taught me about readers.',
        thumb: { cid: fakeCid('root external thumb', 'blob'), scene: SCENES['dusk']! },
      },
    },
    null,
  );

  let minute = 0;
  const reply = (input: Omit<PostInput, 'at'> & { after?: number }): BskyPostRecord => {
    minute += input.after ?? 7;
    const record = make({ parent: 'root', ...input, at: rootAt + minute * MINUTE }, root);
    if (input.rootAuthorLikes) {
      const likedAt = rootAt + (minute + 30) * MINUTE;
      record.rootAuthorLike = `at://${account('alice').did}/app.bsky.feed.like/${tid(likedAt, 7)}`;
    }
    return record;
  };

  // 1. A conversation that nests eight levels deep (past the default depth of 6).
  reply({
    key: 'bob-congrats',
    author: 'bob',
    text: ['Congrats on shipping it! Reading it with my morning coffee ☕'],
    likes: 14,
    rootAuthorLikes: true,
  });
  reply({
    key: 'alice-thanks-bob',
    author: 'alice',
    parent: 'bob-congrats',
    text: ['Thanks ', { mention: 'bob' }, '! The bit about reach is for you.'],
    likes: 3,
  });
  reply({
    key: 'bob-fair',
    author: 'bob',
    parent: 'alice-thanks-bob',
    text: ['Ha. Fair. Reach was never the point of my bike blog either.'],
    likes: 2,
  });
  reply({
    key: 'chloe-bike-blog',
    author: 'chloe',
    parent: 'bob-fair',
    text: ['Tu as un blog vélo ? Je veux le lien !'],
    langs: ['fr'],
    likes: 1,
  });
  reply({
    key: 'bob-link',
    author: 'bob',
    parent: 'chloe-bike-blog',
    text: ['Here: ', { link: 'https://bob.example/bikes', text: 'bob.example/bikes' }],
    likes: 2,
  });
  reply({
    key: 'chloe-merci',
    author: 'chloe',
    parent: 'bob-link',
    text: ['Merci ! 🚲'],
    langs: ['fr'],
  });
  reply({
    key: 'bob-de-rien',
    author: 'bob',
    parent: 'chloe-merci',
    text: ['De rien !'],
    langs: ['fr'],
  });
  reply({
    key: 'alice-guest-post',
    author: 'alice',
    parent: 'bob-de-rien',
    text: ['You two should write a guest post together.'],
    likes: 4,
  });

  // 2. Japanese and Arabic.
  reply({
    key: 'emi-ja',
    author: 'emi',
    text: ['素敵な記事ですね！ブログの下にコメントが表示されるのはとても便利です。'],
    langs: ['ja'],
    likes: 9,
    rootAuthorLikes: true,
  });
  reply({
    key: 'alice-ja',
    author: 'alice',
    parent: 'emi-ja',
    text: ['ありがとうございます！ Thank you, ', { mention: 'emi' }, '!'],
    langs: ['ja', 'en'],
    likes: 2,
  });
  reply({
    key: 'farah-ar',
    author: 'farah',
    text: ['مقال رائع! هل تظهر الردود من ماستودون وبلوسكاي معًا تحت المقال؟'],
    langs: ['ar'],
    likes: 6,
  });
  reply({
    key: 'alice-ar',
    author: 'alice',
    parent: 'farah-ar',
    text: ['Yes! Both threads are merged under the article, newest first or oldest first.'],
    likes: 1,
  });
  reply({
    key: 'farah-thanks',
    author: 'farah',
    parent: 'alice-ar',
    text: ['شكرًا جزيلًا 🙏'],
    langs: ['ar'],
  });

  // 3. Multi-byte characters (umlauts, a skin-toned emoji, a dash) before two facets.
  reply({
    key: 'dmitri-multibyte',
    author: 'dmitri',
    text: [
      'Schöne Grüße aus Köln 👋🏽 — mehr zum Thema ',
      { tag: 'Datenschutz' },
      ' hier: ',
      { link: 'https://dmitri.example/blog/datenschutz', text: 'dmitri.example/blog/…' },
    ],
    langs: ['de'],
    likes: 5,
  });

  // 4. An image reply with alt text and an aspect ratio, and its sub-thread.
  reply({
    key: 'chloe-image',
    author: 'chloe',
    text: ['Ma vue ce matin en lisant l’article ☕'],
    langs: ['fr'],
    images: [
      {
        alt: 'Lever de soleil sur les toits de Lyon, une tasse de café au premier plan.',
        scene: 'dusk',
        width: 2000,
        height: 1500,
      },
    ],
    likes: 21,
    reposts: 2,
    rootAuthorLikes: true,
  });
  reply({ key: 'bob-gorgeous', author: 'bob', parent: 'chloe-image', text: ['Gorgeous light!'] });
  reply({
    key: 'alice-add-photo',
    author: 'alice',
    parent: 'chloe-image',
    text: ['May I add this photo to the article?'],
    likes: 1,
  });
  reply({
    key: 'chloe-avec-plaisir',
    author: 'chloe',
    parent: 'alice-add-photo',
    text: ['Avec plaisir 😊'],
    langs: ['fr'],
  });

  // 5. Emoji-only, and a ZWJ sequence and combining accents before a mention.
  reply({ key: 'hana-emoji-only', author: 'hana', text: ['🔥🔥🔥'], likes: 1 });
  reply({
    key: 'hana-zwj',
    author: 'hana',
    text: [
      '👩‍👩‍👧 Cafe\u0301 and e\u0301te\u0301 vibes, cc ',
      { mention: 'emi' },
      ', have you read it?',
    ],
    likes: 2,
  });

  // 6. The most liked reply, with hashtags, and a reply from a custom-domain handle.
  reply({
    key: 'ivo-most-liked',
    author: 'ivo',
    text: [
      'This is the way: comments without a database and without tracking. ',
      { tag: 'IndieWeb' },
      ' ',
      { tag: 'fediverse' },
    ],
    likes: 57,
    reposts: 4,
    rootAuthorLikes: true,
  });
  reply({
    key: 'gus-own-pds',
    author: 'gus',
    parent: 'ivo-most-liked',
    text: ['Replying from my own PDS. Works fine 👋'],
    likes: 3,
  });

  // 7. A quote of one of Alice's older posts.
  reply({
    key: 'bob-quote',
    author: 'bob',
    text: ['You said it last month already:'],
    quote: 'older-9',
    likes: 6,
  });

  // 8. Moderation: an adult label, a !warn label, and an author who opted out of logged-out views.
  reply({
    key: 'pat-adult',
    author: 'pat',
    text: ['Results from last night’s life drawing class, inspired by the article’s photos.'],
    images: [
      { alt: 'Charcoal figure study on textured paper.', scene: 'desk', width: 1200, height: 1600 },
    ],
    labels: ['porn'],
    likes: 2,
  });
  reply({
    key: 'prizes-warn',
    author: 'prizes',
    text: [
      '🎁 Congratulations, you have been selected! Claim your prize at ',
      { link: 'https://prizes.example/claim?ref=alice', text: 'prizes.example/claim' },
    ],
    labels: ['!warn'],
  });
  reply({
    key: 'quinn-no-unauthenticated',
    author: 'quinn',
    text: ['Lovely piece. (My posts are for signed-in readers only.)'],
    likes: 3,
  });

  // 9. Hostile text and a javascript: link behind innocent-looking text, plus a broken facet.
  const hostileText = '<script>alert("xss")</script><img src=x onerror=alert(2)> Read more: ';
  reply({
    key: 'mallory-hostile',
    author: 'mallory',
    text: [
      hostileText,
      { link: 'javascript:alert(document.domain)', text: 'https://bsky.app/profile/alice' },
      ' ',
      { link: 'data:text/html,<script>alert(4)</script>', text: 'alice.example' },
    ],
    rawFacets: [
      {
        $type: 'app.bsky.richtext.facet',
        index: { byteStart: 40, byteEnd: 9999 },
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://evil.example/' }],
      },
    ],
  });

  // 10. A reply the author hid with the threadgate, one from a blocked account, and a deleted one.
  const hidden = reply({
    key: 'troll-hidden',
    author: 'troll',
    text: ['First!!! Nobody reads blogs anymore.'],
    after: 1,
  });
  reply({ key: 'blocked-reply', author: 'blocked', text: ['You should not see this reply.'] });
  reply({
    key: 'bob-deleted',
    author: 'bob',
    text: ['(a reply Bob deleted)'],
    deleted: true,
  });

  // 11. Embeds: a quote of the deleted reply, and images with a quote (recordWithMedia).
  reply({
    key: 'chloe-quote-deleted',
    author: 'chloe',
    text: ['Bob made a good point here, before he deleted it:'],
    quote: 'bob-deleted',
    likes: 2,
  });
  reply({
    key: 'dmitri-record-media',
    author: 'dmitri',
    text: ['Printed it for our reading group, with the post that started it:'],
    images: [
      {
        alt: 'The article printed on paper, on a café table.',
        scene: 'desk',
        width: 1600,
        height: 1200,
      },
    ],
    quote: 'older-9',
    likes: 4,
  });

  // 12. A handle that failed verification, and the author's own update at the top level.
  reply({
    key: 'unverified-reply',
    author: 'unverified',
    text: ['Great read, thank you.'],
    likes: 1,
  });
  reply({
    key: 'alice-update',
    author: 'alice',
    text: [
      'Update: the comment section now merges the replies from Mastodon and Bluesky. ',
      { link: `${BLOG_URL}#comments`, text: 'See it live' },
      '.',
    ],
    likes: 12,
    after: 90,
  });

  for (const post of posts) {
    const target = posts.find((p) => p.uri === post.quoteUri);
    if (target && !post.deleted) target.quoteCount++;
  }

  const threadgate: BskyThreadgateRecord = {
    uri: `at://${account('alice').did}/app.bsky.feed.threadgate/${root.rkey}`,
    cid: fakeCid('root threadgate'),
    post: root.uri,
    createdAt: new Date(rootAt + 25 * MINUTE).toISOString(),
    hiddenReplies: [hidden.uri],
  };

  return {
    data: { accounts, posts, threadgates: [threadgate] } satisfies BlueskySeedData,
    root,
    byPostKey,
    emptyThread,
  };
}

const BUILT = buildBlueskySeed();

/** The seeded Bluesky data set, built once at import. */
export const BLUESKY_SEED_DATA: BlueskySeedData = BUILT.data;

function descendants(uri: string, depth: number, out: { uri: string; depth: number }[]): void {
  for (const post of BLUESKY_SEED_DATA.posts) {
    if (post.parentUri !== uri) continue;
    out.push({ uri: post.uri, depth: depth + 1 });
    descendants(post.uri, depth + 1, out);
  }
}

const threadPosts: { uri: string; depth: number }[] = [];
descendants(BUILT.root.uri, 0, threadPosts);
const postByUri = new Map(BLUESKY_SEED_DATA.posts.map((p) => [p.uri, p]));
const accountByKey = new Map(BLUESKY_SEED_DATA.accounts.map((a) => [a.key, a]));
const isVisibleNode = (uri: string): boolean => {
  const post = postByUri.get(uri)!;
  return !post.deleted && !accountByKey.get(post.authorKey)!.blockedByRoot;
};
const uriOf = (key: string): string => BUILT.byPostKey.get(key)!.uri;

/** Where a Bluesky account of the seed lives. */
export interface BlueskySeedAccountRef {
  readonly did: string;
  readonly handle: string;
  /** `/profile/<handle>` (or `/profile/<did>` when the handle is invalid), as on bsky.app. */
  readonly path: string;
}

const threadRef = (post: BskyPostRecord, handle: string) => ({
  uri: post.uri,
  cid: post.cid,
  did: accountByKey.get(post.authorKey)!.did,
  rkey: post.rkey,
  handle,
  path: `/profile/${handle}/post/${post.rkey}`,
  url: `https://bsky.app/profile/${handle}/post/${post.rkey}`,
});

/**
 * Identifiers of the seeded Bluesky data, for tests and examples. Every post is named by its
 * `at://did/app.bsky.feed.post/rkey` URI.
 *
 * - `thread`: Alice's cross-posted announcement (`uri`, `did`, `rkey`, `handle`, `path` as on
 *   bsky.app, `url` the bsky.app URL). `replies` counts the replies served as `threadViewPost` at
 *   any depth (hidden, labelled and `!no-unauthenticated` ones included; not the blocked and the
 *   deleted one); `directReplies` the root's `replyCount`; `maxDepth` the deepest reply (past the
 *   default `depth` of 6). `replyUris` names the special replies; `authorLikedUris` the replies
 *   with `threadContext.rootAuthorLike`; `deepChainUris` the replies of the deepest branch, from
 *   the top.
 * - `emptyThread`: an older post of Alice's with no replies.
 * - `accounts`: every account by key (`alice`, `bob`, `chloe`, `dmitri`, `emi`, `farah`, `gus`
 *   (custom-domain handle, no display name, no avatar), `hana`, `ivo`, `pat`, `prizes`, `quinn`
 *   (`!no-unauthenticated`), `mallory` (hostile), `troll`, `blocked`, `unverified`
 *   (`handle.invalid`)).
 * - `labeler`: the DID of the moderation service the labels come from.
 * - `authorFeed`: how many posts `getAuthorFeed` returns for Alice, and how many have images.
 */
export const BLUESKY_SEED = {
  thread: {
    ...threadRef(BUILT.root, 'alice.bsky.sandbox'),
    replies: threadPosts.filter((p) => isVisibleNode(p.uri)).length,
    directReplies: BLUESKY_SEED_DATA.posts.filter(
      (p) => p.parentUri === BUILT.root.uri && !p.deleted,
    ).length,
    maxDepth: Math.max(...threadPosts.map((p) => p.depth)),
    replyUris: {
      japanese: uriOf('emi-ja'),
      arabic: uriOf('farah-ar'),
      multibyte: uriOf('dmitri-multibyte'),
      zwj: uriOf('hana-zwj'),
      emojiOnly: uriOf('hana-emoji-only'),
      image: uriOf('chloe-image'),
      mostLiked: uriOf('ivo-most-liked'),
      customDomain: uriOf('gus-own-pds'),
      quote: uriOf('bob-quote'),
      quoteOfDeleted: uriOf('chloe-quote-deleted'),
      recordWithMedia: uriOf('dmitri-record-media'),
      adult: uriOf('pat-adult'),
      warn: uriOf('prizes-warn'),
      noUnauthenticated: uriOf('quinn-no-unauthenticated'),
      hostile: uriOf('mallory-hostile'),
      hidden: uriOf('troll-hidden'),
      blocked: uriOf('blocked-reply'),
      notFound: uriOf('bob-deleted'),
      invalidHandle: uriOf('unverified-reply'),
      authorUpdate: uriOf('alice-update'),
    },
    authorLikedUris: BLUESKY_SEED_DATA.posts.filter((p) => p.rootAuthorLike).map((p) => p.uri),
    deepChainUris: [
      'bob-congrats',
      'alice-thanks-bob',
      'bob-fair',
      'chloe-bike-blog',
      'bob-link',
      'chloe-merci',
      'bob-de-rien',
      'alice-guest-post',
    ].map(uriOf),
    threadgateUri: BLUESKY_SEED_DATA.threadgates[0]!.uri,
  },
  emptyThread: threadRef(BUILT.emptyThread, 'alice.bsky.sandbox'),
  accounts: Object.fromEntries(
    BLUESKY_SEED_DATA.accounts.map((a) => [
      a.key,
      {
        did: a.did,
        handle: a.handle,
        path: `/profile/${a.handle === 'handle.invalid' ? a.did : a.handle}`,
      },
    ]),
  ) as Record<string, BlueskySeedAccountRef>,
  labeler: BSKY_LABELER_DID,
  authorFeed: {
    alice: BLUESKY_SEED_DATA.posts.filter((p) => p.authorKey === 'alice' && !p.deleted).length,
    aliceWithMedia: BLUESKY_SEED_DATA.posts.filter(
      (p) => p.authorKey === 'alice' && !p.deleted && p.images.length > 0,
    ).length,
  },
} as const;
