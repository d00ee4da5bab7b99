// SPDX-License-Identifier: MIT
/**
 * A small blurhash decoder (the algorithm of github.com/woltapp/blurhash), painting into a canvas:
 * the placeholder needs no inline style and no image request, so it works under a strict CSP.
 */

const DIGITS =
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';

const toLinear = (v: number) => {
  v /= 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};

const toSrgb = (v: number) => {
  v = Math.max(0, Math.min(1, v));
  return Math.round((v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055) * 255);
};

/**
 * Decodes `hash` into RGBA pixels of `width` x `height`, or returns `undefined` when the hash is
 * malformed (wrong length or characters): a placeholder is a nicety, never an error.
 */
export function decodeBlurhash(
  hash: string,
  width: number,
  height: number,
): Uint8ClampedArray<ArrayBuffer> | undefined {
  // Every character's base-83 digit; -1 for a character outside the alphabet.
  const digits = [...hash].map((c) => DIGITS.indexOf(c));
  const base83 = (from: number, to: number) =>
    digits.slice(from, to).reduce((v, d) => v * 83 + d, 0);
  if (digits.length < 6 || digits.includes(-1)) return undefined;
  const size = base83(0, 1);
  const nx = (size % 9) + 1;
  const ny = Math.floor(size / 9) + 1;
  if (digits.length !== 4 + 2 * nx * ny) return undefined;
  const max = (base83(1, 2) + 1) / 166;
  // The average colour (DC), then each cosine component's (AC), all in linear RGB.
  const colors = Array.from({ length: nx * ny }, (_, i) => {
    if (!i) {
      const dc = base83(2, 6);
      return [dc >> 16, (dc >> 8) & 255, dc & 255].map(toLinear);
    }
    const v = base83(4 + i * 2, 6 + i * 2);
    return [Math.floor(v / 361), Math.floor(v / 19) % 19, v % 19].map((q) => {
      const n = (q - 9) / 9;
      return Math.sign(n) * n * n * max;
    });
  });
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const rgb = [0, 0, 0];
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const basis = Math.cos((Math.PI * x * i) / width) * Math.cos((Math.PI * y * j) / height);
          const c = colors[i + j * nx]!;
          for (let k = 0; k < 3; k++) rgb[k]! += c[k]! * basis;
        }
      }
      pixels.set([...rgb.map(toSrgb), 255], 4 * (x + y * width));
    }
  }
  return pixels;
}

/** Paints `hash` into `canvas` at the canvas's own size; leaves it blank for a malformed hash. */
export function paintBlurhash(canvas: HTMLCanvasElement, hash: string): void {
  const { width, height } = canvas;
  const pixels = decodeBlurhash(hash, width, height);
  const ctx = pixels && canvas.getContext('2d');
  if (ctx) ctx.putImageData(new ImageData(pixels, width, height), 0, 0);
}
