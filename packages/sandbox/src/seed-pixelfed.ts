// SPDX-License-Identifier: MIT
// The seed of the sandbox's Pixelfed mode: two photographers, single photos and albums (one of them
// sensitive), licenses, alt text (and its absence), files without a BlurHash of their own (Pixelfed
// then sends its constant placeholder) or without known sizes (no `meta`), a private post, replies,
// and collections. Generated from a fixed seed and date: the same ids on every run. Our own data.
import type { PixelfedSeed } from '@fedikit/core/testing.js';
import type { Scene } from './media.js';
import { createRandom, snowflake } from './util.js';

/** A Pixelfed license as `License::get()` lists it (the fields its `_pe` entities carry). */
export interface PixelfedLicense {
  readonly id: number;
  readonly title: string;
  readonly url: string;
}

/** Pixelfed's license table, the entries the seed uses (app/Util/Media/License.php). */
export const PIXELFED_LICENSES = {
  ccBy: { id: 11, title: 'CC BY', url: 'https://creativecommons.org/licenses/by/4.0/' },
  ccByNcSa: {
    id: 14,
    title: 'CC BY-NC-SA',
    url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  },
  cc0: { id: 6, title: 'Public Domain (CC0)', url: '/site/kb/licenses' },
} as const satisfies Record<string, PixelfedLicense>;

/** One photo. */
export interface PixelfedMediaRecord {
  readonly id: string;
  readonly scene: Scene;
  /** Size of the original file in pixels; the thumbnail is half of it. */
  readonly width: number;
  readonly height: number;
  /** Alt text; `null` when the author gave none. */
  readonly alt: string | null;
  readonly license: PixelfedLicense | null;
  /** No BlurHash of its own: the API sends Pixelfed's placeholder. */
  readonly noBlurhash: boolean;
  /** Sizes unknown to the server: the API sends `meta: null`. */
  readonly noMeta: boolean;
  readonly nsfw: boolean;
}

/** One post. */
export interface PixelfedStatusRecord {
  readonly id: string;
  readonly accountKey: string;
  readonly caption: string;
  readonly createdAt: string;
  readonly visibility: 'public' | 'unlisted' | 'private';
  readonly sensitive: boolean;
  readonly spoilerText: string;
  readonly media: readonly PixelfedMediaRecord[];
  readonly inReplyToId: string | null;
  readonly likes: number;
  readonly shares: number;
}

/** One account. */
export interface PixelfedAccountRecord {
  readonly key: string;
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly bio: string;
  readonly createdAt: string;
  readonly followers: number;
  readonly following: number;
  readonly avatar: Scene;
}

/** A collection: an ordered, curated list of one account's posts. */
export interface PixelfedCollectionRecord {
  readonly id: string;
  readonly accountKey: string;
  readonly title: string;
  readonly description: string;
  /** `private`: the owner's followers only; `draft`: the owner only. */
  readonly visibility: 'public' | 'private' | 'draft';
  /** `null` until the owner publishes it (Pixelfed's `published_at`); drafts have none. */
  readonly publishedAt: string | null;
  /** In the owner's order: the item at index `i` has Pixelfed's `order` (its score) `i`. */
  readonly statusIds: readonly string[];
}

/** Everything the Pixelfed mode serves. */
export interface PixelfedSeedData {
  readonly accounts: readonly PixelfedAccountRecord[];
  /** Newest first. */
  readonly statuses: readonly PixelfedStatusRecord[];
  readonly collections: readonly PixelfedCollectionRecord[];
}

const START = Date.UTC(2026, 8, 1, 7, 0, 0);
const DAY = 86_400_000;

const SKIES: readonly (readonly [string, string])[] = [
  ['#7fa7d9', '#f3d9b1'],
  ['#283e64', '#e98c5c'],
  ['#b8c6cf', '#eef1f2'],
  ['#5f8fb8', '#cfe3ee'],
  ['#3b2f5c', '#d9778f'],
  ['#9ec1c9', '#f7efe0'],
];
const GROUNDS = ['#3d5a40', '#6b5536', '#2f4858', '#8a7f5a', '#4a3f35', '#55706b'];
const SUNS = ['#fff2b3', '#ffd27a', '#ffffff', '#ffb38a'];
const SIZES = [
  { width: 360, height: 240 }, // 3:2 landscape
  { width: 240, height: 300 }, // 4:5 portrait, Pixelfed's tallest crop
  { width: 300, height: 300 }, // square
] as const;

const PLACES = [
  'Kullaberg',
  'the harbour',
  'Mölle',
  'the lighthouse',
  'Arild',
  'the beech wood',
  'the north cliffs',
  'Skäret',
];
const SUBJECTS = [
  'fog lifting off the water',
  'low sun over the cliffs',
  'a fishing boat coming in',
  'wet rocks and kelp',
  'the first frost on the heath',
  'gulls on the breakwater',
  'a storm front moving east',
  'evening light in the pines',
];

interface PostPlan {
  readonly photos: number;
  readonly sensitive?: string;
  readonly visibility?: PixelfedStatusRecord['visibility'];
  readonly license?: PixelfedLicense;
  readonly noAlt?: boolean;
}

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What tests and examples need to know of the seed (the shape the test runner publishes). */
export type PixelfedSeedRefs = PixelfedSeed;

function build(): { data: PixelfedSeedData; refs: PixelfedSeedRefs } {
  const random = createRandom(0x91fed);
  let sequence = 0;
  const idAt = (time: number) => snowflake(time, sequence++);
  const scene = (): Scene => ({
    sky: random.pick(SKIES),
    sun: {
      x: 0.15 + random.next() * 0.7,
      y: 0.12 + random.next() * 0.3,
      r: 0.06 + random.next() * 0.08,
      color: random.pick(SUNS),
    },
    ground: {
      color: random.pick(GROUNDS),
      level: 0.55 + random.next() * 0.25,
      waves: random.int(1, 5),
    },
  });

  const accounts: PixelfedAccountRecord[] = [
    {
      key: 'mara',
      id: idAt(START - 400 * DAY),
      username: 'mara',
      displayName: 'Mara Lindqvist',
      bio: 'Coastlines, fog and film. Prints on request. <a href="https://mara.example">mara.example</a>',
      createdAt: new Date(START - 400 * DAY).toISOString(),
      followers: 1284,
      following: 91,
      avatar: scene(),
    },
    {
      key: 'oskar',
      id: idAt(START - 300 * DAY),
      username: 'oskar',
      displayName: 'Oskar Berg',
      bio: 'Birds, mostly. Sometimes boats.',
      createdAt: new Date(START - 300 * DAY).toISOString(),
      followers: 203,
      following: 150,
      avatar: scene(),
    },
  ];

  // Mara's posts, oldest first: 24 public (or unlisted) posts with media, one private one.
  const plans: PostPlan[] = [
    { photos: 1, license: PIXELFED_LICENSES.ccBy },
    { photos: 1 },
    { photos: 3, license: PIXELFED_LICENSES.ccByNcSa },
    { photos: 1, noAlt: true },
    { photos: 1 },
    { photos: 2 },
    { photos: 1, license: PIXELFED_LICENSES.cc0 },
    { photos: 1, visibility: 'private' },
    { photos: 1 },
    { photos: 4, sensitive: 'Blood: a catch being cleaned on the quay' },
    { photos: 1 },
    { photos: 1, visibility: 'unlisted' },
    { photos: 2, license: PIXELFED_LICENSES.ccBy },
    { photos: 1 },
    { photos: 1, noAlt: true },
    { photos: 1 },
    { photos: 3 },
    { photos: 1 },
    { photos: 1, license: PIXELFED_LICENSES.ccBy },
    { photos: 1 },
    { photos: 2 },
    { photos: 1 },
    { photos: 1 },
    { photos: 1 },
    { photos: 3, license: PIXELFED_LICENSES.ccBy },
  ];
  const statuses: PixelfedStatusRecord[] = [];
  let mediaCount = 0;
  const photo = (plan: PostPlan, place: string, i: number): PixelfedMediaRecord => {
    const size = random.pick(SIZES);
    const n = mediaCount++;
    return {
      id: idAt(START + n * 1000),
      scene: scene(),
      ...size,
      alt: plan.noAlt
        ? null
        : `${cap(random.pick(SUBJECTS))} at ${place}${i ? `, frame ${i + 1}` : ''}.`,
      license: plan.license ?? null,
      // Every fifth file has no BlurHash of its own, every seventh no known size.
      noBlurhash: n % 5 === 3,
      noMeta: n % 7 === 5,
      nsfw: Boolean(plan.sensitive),
    };
  };
  plans.forEach((plan, i) => {
    const time = START + i * 2 * DAY + random.int(0, 12) * 3_600_000;
    const place = PLACES[i % PLACES.length]!;
    const media = Array.from({ length: plan.photos }, (_, k) => photo(plan, place, k));
    statuses.push({
      id: idAt(time),
      accountKey: 'mara',
      caption:
        plan.photos > 1
          ? `${plan.photos} frames from ${place}. #film #coast`
          : `${cap(random.pick(SUBJECTS))}, ${place}. #coast`,
      createdAt: new Date(time).toISOString(),
      visibility: plan.visibility ?? 'public',
      sensitive: Boolean(plan.sensitive),
      spoilerText: plan.sensitive ?? '',
      media,
      inReplyToId: null,
      likes: random.int(3, 140),
      shares: random.int(0, 12),
    });
  });

  // Oskar: an album and two photos; his comments on Mara's first album, and her answer (replies are
  // never in an account's media list on Pixelfed).
  const oskarPlans: PostPlan[] = [
    { photos: 1 },
    { photos: 2, license: PIXELFED_LICENSES.ccBy },
    { photos: 1 },
  ];
  oskarPlans.forEach((plan, i) => {
    const time = START + (5 + i * 9) * DAY;
    statuses.push({
      id: idAt(time),
      accountKey: 'oskar',
      caption: i === 1 ? 'Two eiders, one wave.' : 'A grey heron waiting.',
      createdAt: new Date(time).toISOString(),
      visibility: 'public',
      sensitive: false,
      spoilerText: '',
      media: Array.from({ length: plan.photos }, (_, k) => photo(plan, 'the bay', k)),
      inReplyToId: null,
      likes: random.int(1, 40),
      shares: random.int(0, 3),
    });
  });
  const album = statuses.find((s) => s.accountKey === 'mara' && s.media.length === 3)!;
  const comment = (accountKey: string, caption: string, hours: number, parent: string) => {
    const time = Date.parse(album.createdAt) + hours * 3_600_000;
    const status: PixelfedStatusRecord = {
      id: idAt(time),
      accountKey,
      caption,
      createdAt: new Date(time).toISOString(),
      visibility: 'public',
      sensitive: false,
      spoilerText: '',
      media: [],
      inReplyToId: parent,
      likes: 1,
      shares: 0,
    };
    statuses.push(status);
    return status;
  };
  const first = comment('oskar', 'The second frame! That light.', 2, album.id);
  comment('mara', 'Thank you, it lasted about a minute.', 3, first.id);

  statuses.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? 1 : -1));
  const maraPublic = statuses.filter(
    (s) => s.accountKey === 'mara' && s.visibility !== 'private' && !s.inReplyToId,
  );
  const pick = (...indexes: number[]) => indexes.map((i) => maraPublic[i]!.id);
  const collections: PixelfedCollectionRecord[] = [
    {
      id: idAt(START + 60 * DAY),
      accountKey: 'mara',
      title: 'Kullaberg mornings',
      description: 'Fog, first light and the cliffs, over one autumn.',
      visibility: 'public',
      publishedAt: new Date(START + 60 * DAY).toISOString(),
      // Twelve posts, in a curated order, not by date. Pixelfed pages them by inclusive score
      // ranges: orders 0-10 on page 1, 10-11 on page 2 (order 10 on both), none on page 3.
      statusIds: pick(3, 0, 7, 1, 9, 2, 11, 4, 13, 5, 15, 6),
    },
    {
      id: idAt(START + 61 * DAY),
      accountKey: 'mara',
      title: 'Harbour nights',
      description: '',
      visibility: 'public',
      publishedAt: new Date(START + 61 * DAY).toISOString(),
      statusIds: pick(8, 10, 12),
    },
    {
      id: idAt(START + 62 * DAY),
      accountKey: 'mara',
      title: 'Unsorted',
      description: 'Not published yet.',
      visibility: 'draft',
      publishedAt: null,
      statusIds: pick(14, 16),
    },
    {
      id: idAt(START + 63 * DAY),
      accountKey: 'mara',
      title: 'For family',
      description: 'Published, for followers only.',
      visibility: 'private',
      publishedAt: new Date(START + 63 * DAY).toISOString(),
      statusIds: pick(17, 18, 19),
    },
  ];

  const mara = accounts[0]!;
  const sensitive = maraPublic.find((s) => s.sensitive)!;
  const licensed = maraPublic.find((s) => s.media[0]?.license?.id === 11)!;
  const allMedia = statuses.flatMap((s) => s.media);
  const refs = {
    token: PIXELFED_SANDBOX_TOKEN,
    account: {
      username: mara.username,
      id: mara.id,
      profilePath: `/${mara.username}`,
      mediaPosts: maraPublic.length,
    },
    second: { username: 'oskar', id: accounts[1]!.id },
    album: { id: album.id, path: `/p/mara/${album.id}`, media: album.media.length, replies: 2 },
    sensitiveAlbum: {
      id: sensitive.id,
      path: `/p/mara/${sensitive.id}`,
      media: sensitive.media.length,
      spoiler: sensitive.spoilerText,
    },
    licensedPost: { id: licensed.id, path: `/p/mara/${licensed.id}`, license: 'CC BY' },
    privatePostId: statuses.find((s) => s.visibility === 'private')!.id,
    placeholderMediaIds: allMedia.filter((m) => m.noBlurhash).map((m) => m.id),
    noMetaMediaIds: allMedia.filter((m) => m.noMeta).map((m) => m.id),
    collection: {
      id: collections[0]!.id,
      path: `/c/${collections[0]!.id}`,
      posts: collections[0]!.statusIds.length,
      title: collections[0]!.title,
    },
    smallCollection: {
      id: collections[1]!.id,
      path: `/c/${collections[1]!.id}`,
      posts: collections[1]!.statusIds.length,
    },
    draftCollectionId: collections[2]!.id,
    privateCollectionId: collections[3]!.id,
  };
  return { data: { accounts, statuses, collections }, refs };
}

/** The read token the sandbox's Pixelfed mode accepts (`Authorization: Bearer …`). */
export const PIXELFED_SANDBOX_TOKEN = 'fedikit-sandbox-pixelfed-read-token';

const built = build();

/** The Pixelfed mode's data, as served. */
export const PIXELFED_SEED_DATA: PixelfedSeedData = built.data;

/**
 * Ids and paths of the Pixelfed mode's seeded content, for tests and examples (paths are relative to
 * the Pixelfed sandbox's origin). `account.mediaPosts` counts Mara's public and unlisted posts, all of
 * which have photos; the collection has twelve posts (Pixelfed serves them as eleven on page 1, then
 * orders 10 and 11 on page 2).
 */
export const PIXELFED_SEED: PixelfedSeedRefs = built.refs;
