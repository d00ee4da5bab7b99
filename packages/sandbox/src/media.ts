// SPDX-License-Identifier: MIT
// Images drawn in code (avatars, headers, custom emoji, photo attachments) so the sandbox needs no
// binary fixtures and no network, plus a real BlurHash encoder so previews match the pictures.
import { deflateSync } from 'node:zlib';
import { escapeHtml } from './util.js';

/** A small landscape drawn as SVG and sampled for its BlurHash: sky, sun and a rolling hill. */
export interface Scene {
  /** Sky gradient, top then bottom, as `#rrggbb`. */
  readonly sky: readonly [string, string];
  /** Sun (or moon) centre as fractions of width/height, radius as a fraction of the height. */
  readonly sun: {
    readonly x: number;
    readonly y: number;
    readonly r: number;
    readonly color: string;
  };
  /** Hill colour and its mean height as a fraction from the top. */
  readonly ground: { readonly color: string; readonly level: number; readonly waves: number };
}

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hillY(scene: Scene, u: number): number {
  // The same curve is drawn in SVG (as a polyline) and sampled for the hash.
  return scene.ground.level + 0.06 * Math.sin(u * Math.PI * scene.ground.waves + 0.7);
}

function samplePixel(scene: Scene, u: number, v: number, aspect: number): Rgb {
  if (v >= hillY(scene, u)) return parseHex(scene.ground.color);
  const dx = (u - scene.sun.x) * aspect;
  const dy = v - scene.sun.y;
  if (dx * dx + dy * dy <= scene.sun.r * scene.sun.r) return parseHex(scene.sun.color);
  const top = parseHex(scene.sky[0]);
  const bottom = parseHex(scene.sky[1]);
  return [0, 1, 2].map((i) => Math.round(top[i]! + (bottom[i]! - top[i]!) * v)) as Rgb;
}

/** Draws a scene as an SVG document of the given pixel size. */
export function sceneSvg(scene: Scene, width: number, height: number, label = ''): string {
  const points: string[] = [];
  for (let i = 0; i <= 48; i++) {
    const u = i / 48;
    points.push(`${(u * width).toFixed(1)},${(hillY(scene, u) * height).toFixed(1)}`);
  }
  points.push(`${width},${height}`, `0,${height}`);
  const title = label ? `<title>${escapeHtml(label)}</title>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${title}` +
    `<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${scene.sky[0]}"/><stop offset="1" stop-color="${scene.sky[1]}"/></linearGradient></defs>` +
    `<rect width="${width}" height="${height}" fill="url(#s)"/>` +
    `<circle cx="${(scene.sun.x * width).toFixed(1)}" cy="${(scene.sun.y * height).toFixed(1)}" r="${(scene.sun.r * height).toFixed(1)}" fill="${scene.sun.color}"/>` +
    `<polygon points="${points.join(' ')}" fill="${scene.ground.color}"/></svg>`
  );
}

const BASE83 =
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';

function encode83(value: number, length: number): string {
  let out = '';
  for (let i = 1; i <= length; i++) {
    const digit = Math.floor(value / 83 ** (length - i)) % 83;
    out += BASE83[digit];
  }
  return out;
}

function srgbToLinear(value: number): number {
  const v = value / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

function linearToSrgb(value: number): number {
  const v = Math.max(0, Math.min(1, value));
  return v <= 0.0031308
    ? Math.round(v * 12.92 * 255 + 0.5)
    : Math.round((1.055 * v ** (1 / 2.4) - 0.055) * 255 + 0.5);
}

function signPow(value: number, exp: number): number {
  return Math.sign(value) * Math.abs(value) ** exp;
}

/**
 * The reference BlurHash encoder (woltapp/blurhash): `cx` × `cy` cosine components of the sRGB
 * pixels given by `pixel(x, y)` on a `w` × `h` grid.
 */
function encodeBlurhash(
  pixel: (x: number, y: number) => Readonly<Rgb>,
  w: number,
  h: number,
  cx: number,
  cy: number,
): string {
  // Cosine tables and linearised pixels: the sums below then cost one multiply-add each.
  const cosX = Array.from({ length: cx }, (_, i) =>
    Float64Array.from({ length: w }, (_, x) => Math.cos((Math.PI * i * x) / w)),
  );
  const cosY = Array.from({ length: cy }, (_, j) =>
    Float64Array.from({ length: h }, (_, y) => Math.cos((Math.PI * j * y) / h)),
  );
  const linear = new Float64Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = pixel(x, y);
      const at = (y * w + x) * 3;
      linear[at] = srgbToLinear(p[0]);
      linear[at + 1] = srgbToLinear(p[1]);
      linear[at + 2] = srgbToLinear(p[2]);
    }
  }
  const factors: Rgb[] = [];
  for (let j = 0; j < cy; j++) {
    for (let i = 0; i < cx; i++) {
      const norm = i === 0 && j === 0 ? 1 : 2;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = 0; y < h; y++) {
        const by = cosY[j]![y]!;
        for (let x = 0; x < w; x++) {
          const basis = cosX[i]![x]! * by;
          const at = (y * w + x) * 3;
          r += basis * linear[at]!;
          g += basis * linear[at + 1]!;
          b += basis * linear[at + 2]!;
        }
      }
      const scale = norm / (w * h);
      factors.push([r * scale, g * scale, b * scale]);
    }
  }
  const [dc, ...ac] = factors as [Rgb, ...Rgb[]];
  let hash = encode83(cx - 1 + (cy - 1) * 9, 1);
  const actualMax = Math.max(...ac.flatMap((f) => f.map(Math.abs)));
  const quantisedMax = Math.floor(Math.max(0, Math.min(82, Math.floor(actualMax * 166 - 0.5))));
  const maxValue = (quantisedMax + 1) / 166;
  hash += encode83(quantisedMax, 1);
  hash += encode83(
    (linearToSrgb(dc[0]) << 16) + (linearToSrgb(dc[1]) << 8) + linearToSrgb(dc[2]),
    4,
  );
  for (const f of ac) {
    const q = f.map((c) =>
      Math.floor(Math.max(0, Math.min(18, Math.floor(signPow(c / maxValue, 0.5) * 9 + 9.5)))),
    ) as Rgb;
    hash += encode83(q[0] * 19 * 19 + q[1] * 19 + q[2], 2);
  }
  return hash;
}

/**
 * Encodes a scene's BlurHash with 4×4 components, like Mastodon does for uploads (the reference
 * algorithm from woltapp/blurhash, computed on a small raster of the same drawing).
 */
export function sceneBlurhash(scene: Scene, width: number, height: number): string {
  const w = 32;
  const h = Math.max(4, Math.round((32 * height) / width));
  const aspect = width / height;
  return encodeBlurhash(
    (x, y) => samplePixel(scene, (x + 0.5) / w, (y + 0.5) / h, aspect),
    w,
    h,
    4,
    4,
  );
}

/** An RGB image in memory: 3 bytes a pixel, rows top to bottom. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
}

/** Rasterises a scene (the drawing of {@link sceneSvg}) at the given size. */
export function sceneRaster(scene: Scene, width: number, height: number): Raster {
  const aspect = width / height;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      rgb.set(
        samplePixel(scene, (x + 0.5) / width, (y + 0.5) / height, aspect),
        (y * width + x) * 3,
      );
  }
  return { width, height, rgb };
}

/**
 * The BlurHash of a raster's own pixels (4×4 components, as Pixelfed's Blurhash::generate uses),
 * so a preview matches the file byte for byte.
 */
export function rasterBlurhash(raster: Raster, cx = 4, cy = 4): string {
  const { width, height, rgb } = raster;
  const pixel = (x: number, y: number): Rgb => {
    const at = (y * width + x) * 3;
    return [rgb[at]!, rgb[at + 1]!, rgb[at + 2]!];
  };
  return encodeBlurhash(pixel, width, height, cx, cy);
}

/** A square avatar: a coloured tile with the account's initials. */
export function avatarSvg(initials: string, background: string, foreground: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">` +
    `<rect width="400" height="400" fill="${background}"/>` +
    `<text x="200" y="200" dy="0.35em" text-anchor="middle" font-family="system-ui, sans-serif" font-size="170" font-weight="600" fill="${foreground}">${escapeHtml(initials)}</text></svg>`
  );
}

/** A 1500×500 profile header: a diagonal gradient with a few soft circles. */
export function headerSvg(from: string, to: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="1500" height="500" viewBox="0 0 1500 500">` +
    `<defs><linearGradient id="h" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>` +
    `<rect width="1500" height="500" fill="url(#h)"/>` +
    `<circle cx="1200" cy="120" r="180" fill="#ffffff" fill-opacity="0.12"/>` +
    `<circle cx="260" cy="430" r="240" fill="#ffffff" fill-opacity="0.08"/></svg>`
  );
}

/** The drawings of the sandbox's custom emoji, keyed by shortcode. */
export const EMOJI_SVGS: Readonly<Record<string, string>> = {
  fedikit:
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><g stroke="#5b4bc4" stroke-width="4"><line x1="32" y1="8" x2="54" y2="26"/><line x1="54" y1="26" x2="46" y2="54"/><line x1="46" y1="54" x2="18" y2="54"/><line x1="18" y1="54" x2="10" y2="26"/><line x1="10" y1="26" x2="32" y2="8"/><line x1="32" y1="8" x2="46" y2="54"/><line x1="10" y1="26" x2="54" y2="26"/></g><circle cx="32" cy="8" r="7" fill="#f5a623"/><circle cx="54" cy="26" r="7" fill="#e94e77"/><circle cx="46" cy="54" r="7" fill="#50b86c"/><circle cx="18" cy="54" r="7" fill="#2d9cdb"/><circle cx="10" cy="26" r="7" fill="#9b51e0"/></svg>',
  blobcat:
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><path d="M10 30 L14 6 L28 20 L36 20 L50 6 L54 30 Z" fill="#fcc21b"/><ellipse cx="32" cy="38" rx="26" ry="20" fill="#fcc21b"/><ellipse cx="23" cy="36" rx="3" ry="5" fill="#2f2f2f"/><ellipse cx="41" cy="36" rx="3" ry="5" fill="#2f2f2f"/><path d="M28 46 Q32 49 36 46" stroke="#2f2f2f" stroke-width="2" fill="none"/></svg>',
  party:
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><path d="M6 58 L22 14 L50 42 Z" fill="#f5a623"/><path d="M14 36 L32 24 M10 48 L40 32" stroke="#e94e77" stroke-width="4"/><circle cx="44" cy="12" r="4" fill="#2d9cdb"/><circle cx="56" cy="24" r="3" fill="#50b86c"/><rect x="36" y="4" width="5" height="5" fill="#9b51e0"/><rect x="52" y="36" width="5" height="5" fill="#e94e77"/></svg>',
  coffee:
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><path d="M10 24 H46 V44 A14 14 0 0 1 32 58 H24 A14 14 0 0 1 10 44 Z" fill="#8d5b3d"/><path d="M46 28 H52 A8 8 0 0 1 52 44 H46" stroke="#8d5b3d" stroke-width="5" fill="none"/><path d="M20 6 Q16 12 20 18 M30 6 Q26 12 30 18 M40 6 Q36 12 40 18" stroke="#9e9e9e" stroke-width="3" fill="none"/></svg>',
};

/** The instance's icon (the `icon[]` of /api/v2/instance) at a given square size. */
export function instanceIconSvg(size: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" rx="14" fill="#5b4bc4"/>` +
    `<text x="32" y="32" dy="0.35em" text-anchor="middle" font-family="system-ui, sans-serif" font-size="36" font-weight="700" fill="#ffffff">S</text></svg>`
  );
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  Buffer.from(type, 'latin1').copy(head, 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A solid-colour RGB PNG. Mastodon's default `missing.png` avatar and header are PNGs, so the
 * accounts without an upload point at a real PNG, as they do on a real instance.
 */
export function solidPng(width: number, height: number, rgb: string): Buffer {
  const [r, g, b] = parseHex(rgb);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A raster encoded as an 8-bit RGB PNG (filter 0 on every row). */
export function rasterPng(raster: Raster): Buffer {
  const { width, height, rgb } = raster;
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++)
    raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (1 + width * 3) + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A scene rasterised to an RGB PNG (the same drawing as {@link sceneSvg}): the Bluesky AppView
 * serves photos as raster images, so the sandbox's Bluesky thumbnails are real PNGs.
 */
export function scenePng(scene: Scene, width: number, height: number): Buffer {
  return rasterPng(sceneRaster(scene, width, height));
}
