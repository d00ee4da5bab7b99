// SPDX-License-Identifier: MIT
// Which IP addresses a proxy must never connect to. Pure string work, no Node API: the handler uses
// it for IP literals in URLs (on any runtime), the Node fetch for every address DNS returns.

// IPv4 ranges that are not the public internet (RFC 6890 and friends), as [first octets, prefix].
const V4_BLOCKED: readonly (readonly [number, number])[] = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local (cloud metadata lives at 169.254.169.254)
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0000200, 24], // documentation
  [0xc0586300, 24], // 6to4 relay anycast
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xc6336400, 24], // documentation
  [0xcb007100, 24], // documentation
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved and broadcast
];

/** The 32-bit value of a dotted IPv4 address, or undefined when `text` is not one. */
function v4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || +part > 255) return undefined;
    value = value * 256 + +part;
  }
  return value;
}

function blockedV4(value: number): boolean {
  return V4_BLOCKED.some(([base, prefix]) => value >>> (32 - prefix) === base >>> (32 - prefix));
}

/** The eight 16-bit groups of an IPv6 address (with any embedded IPv4 tail), or undefined. */
function v6(text: string): number[] | undefined {
  let body = text.replace(/^\[|\]$/g, '').toLowerCase();
  // A zone (`fe80::1%eth0`) names an interface: the address itself decides.
  body = body.replace(/%.*$/, '');
  if (!/^[0-9a-f:.]+$/.test(body) || !body.includes(':')) return undefined;
  if (body.includes('.')) {
    // An IPv4 tail (`::ffff:127.0.0.1`) is two groups written in decimal: rewrite it in hex.
    const dot = body.lastIndexOf(':');
    const four = v4(body.slice(dot + 1));
    if (four === undefined) return undefined;
    body = `${body.slice(0, dot + 1)}${(four >>> 16).toString(16)}:${(four & 0xffff).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string) => (s ? s.split(':') : []);
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...rest];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

function blockedV6(g: number[]): boolean {
  const [a, b, c, d, e, f, h, i] = g as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const embedded = (hi: number, lo: number) => blockedV4(hi * 0x10000 + lo);
  const zeroes = (n: number) => g.slice(0, n).every((x) => x === 0);
  // ::/96 (unspecified, loopback, IPv4-compatible) and ::ffff:0:0/96 (IPv4-mapped): the IPv4 decides;
  // the unspecified and loopback addresses fall in 0.0.0.0/8 that way.
  if (zeroes(6)) return embedded(h, i) || (h === 0 && i <= 1);
  if (zeroes(5) && f === 0xffff) return embedded(h, i);
  // ::ffff:0:a.b.c.d (IPv4-translated) and 64:ff9b::/96, 64:ff9b:1::/48 (NAT64) reach IPv4 too.
  if (zeroes(4) && e === 0xffff && f === 0) return embedded(h, i);
  if (a === 0x64 && b === 0xff9b)
    return c === 0 && d === 0 && e === 0 && f === 0 ? embedded(h, i) : c === 1;
  // 2002::/16 (6to4) carries an IPv4 in groups 2-3.
  if (a === 0x2002) return embedded(b, c);
  // Teredo (2001::/32) hides its IPv4; documentation (2001:db8::/32); ORCHIDs (2001:10::/28,
  // 2001:20::/28); discard (100::/64).
  if (
    a === 0x2001 &&
    (b === 0 || b === 0xdb8 || (b & 0xffe0) === 0x0020 || (b & 0xfff0) === 0x0010)
  )
    return true;
  if (a === 0x100 && b === 0 && c === 0 && d === 0) return true;
  // fc00::/7 unique local, fe80::/10 link-local, fec0::/10 site-local, ff00::/8 multicast.
  return (
    (a & 0xfe00) === 0xfc00 ||
    (a & 0xffc0) === 0xfe80 ||
    (a & 0xffc0) === 0xfec0 ||
    (a & 0xff00) === 0xff00
  );
}

/**
 * True when `address` (an IPv4 or IPv6 literal, brackets allowed) is not on the public internet:
 * loopback, private, link-local, carrier-grade NAT, multicast, documentation, reserved, or an IPv6
 * form that leads to one of those (IPv4-mapped, -compatible, -translated, NAT64, 6to4, Teredo).
 * Anything that is not an IP literal gives false: host names are checked after DNS resolution.
 *
 * @example
 * isPrivateAddress('169.254.169.254') // true
 * isPrivateAddress('::ffff:127.0.0.1') // true
 * isPrivateAddress('93.184.215.14') // false
 */
export function isPrivateAddress(address: string): boolean {
  const four = v4(address);
  if (four !== undefined) return blockedV4(four);
  const six = v6(address);
  return six ? blockedV6(six) : false;
}

/**
 * Where private addresses may be reached anyway: `true` anywhere (tests), or a list of `host:port`
 * as URLs spell them (e.g. `['127.0.0.1:4871']`, the local sandbox). Default: nowhere.
 */
export type PrivateAddressOptIn = boolean | readonly string[];

/** May `url` reach a private address under `optIn`? */
export function privateAllowed(url: URL, optIn: PrivateAddressOptIn | undefined): boolean {
  return optIn === true || (Array.isArray(optIn) && optIn.includes(url.host.toLowerCase()));
}

/**
 * True when `host` (a URL's `hostname`) is an IP literal rather than a name, including the forms
 * that the WHATWG URL parser already normalises (`0x7f.1`, `2130706433` become dotted IPv4).
 */
export function isIpLiteral(host: string): boolean {
  return v4(host) !== undefined || v6(host) !== undefined;
}
