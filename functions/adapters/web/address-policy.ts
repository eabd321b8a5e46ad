import { BlockList, isIP } from 'node:net';

/**
 * Which addresses Newswatch may connect to when it fetches a URL someone else chose (a feed, a
 * webhook): public unicast only. A URL that resolves to the instance metadata service
 * (169.254.169.254), a VPC neighbour, localhost or a multicast group would turn the poller into a
 * proxy into the network it runs in (server-side request forgery). The ranges are IANA's
 * special-purpose registries (RFC 6890 and successors); IPv6 forms that carry an IPv4 address
 * (IPv4-mapped, NAT64, 6to4) are judged by the address they carry.
 */

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

const V4_RANGES: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared address space (CGNAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (instance metadata)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved (and broadcast)'],
];

const V6_RANGES: readonly [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::', 96, 'IPv4-compatible (deprecated)'],
  ['64:ff9b:1::', 48, 'local-use NAT64'],
  ['100::', 64, 'discard-only'],
  ['2001::', 23, 'IETF protocol assignments (Teredo, benchmarking, ORCHID)'],
  ['2001:db8::', 32, 'documentation'],
  ['3fff::', 20, 'documentation'],
  ['5f00::', 16, 'segment routing SIDs'],
  ['fc00::', 7, 'unique local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local (deprecated)'],
  ['ff00::', 8, 'multicast'],
];

/** One BlockList per range, so a blocked address can say which range it fell in. */
const ranges = [
  ...V4_RANGES.map(([net, prefix, reason]) => ({ list: subnet(net, prefix, 'ipv4'), reason })),
  ...V6_RANGES.map(([net, prefix, reason]) => ({ list: subnet(net, prefix, 'ipv6'), reason })),
];

function subnet(net: string, prefix: number, family: 'ipv4' | 'ipv6') {
  const list = new BlockList();
  list.addSubnet(net, prefix, family);
  return list;
}

const GLOBAL_UNICAST_V6 = subnet('2000::', 3, 'ipv6');

/** The 128 bits of an IPv6 address as eight 16-bit groups (expands `::` and a dotted tail). */
const groupsOf = (address: string): number[] => {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
};

const v4From = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/**
 * The IPv4 address an IPv6 address stands for, when it is one of the forms that carry one:
 * IPv4-mapped (`::ffff:a.b.c.d`), NAT64 well-known prefix (`64:ff9b::a.b.c.d`) and 6to4
 * (`2002:aabb:ccdd::`), whose traffic ends at that IPv4 address.
 */
export const embeddedIpv4 = (address: string): string | undefined => {
  const g = groupsOf(address);
  const zeros = (from: number, to: number) => g.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return v4From(g[6] ?? 0, g[7] ?? 0);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4From(g[6] ?? 0, g[7] ?? 0);
  if (g[0] === 0x2002) return v4From(g[1] ?? 0, g[2] ?? 0);
  return undefined;
};

const LOOPBACK_V4 = subnet('127.0.0.0', 8, 'ipv4');

/**
 * Whether a connection to this literal address is allowed. `allowLoopback` (the local twin only,
 * where tests serve feeds and receive webhooks on 127.0.0.1) lets loopback through and nothing
 * else: private and link-local stay blocked locally too.
 */
export function judgeAddress(address: string, options: { allowLoopback?: boolean } = {}): AddressVerdict {
  const family = isIP(address);
  if (family === 0) return { allowed: false, reason: `not an IP address: ${address}` };
  if (family === 6) {
    const carried = embeddedIpv4(address);
    if (carried !== undefined) {
      const verdict = judgeAddress(carried, options);
      return verdict.allowed ? verdict : { allowed: false, reason: `${verdict.reason} (as ${address})` };
    }
    if (options.allowLoopback === true && groupsOf(address).every((g, i) => g === (i === 7 ? 1 : 0))) {
      return { allowed: true };
    }
  } else if (options.allowLoopback === true && LOOPBACK_V4.check(address, 'ipv4')) {
    return { allowed: true };
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const hit = ranges.find(({ list }) => list.check(address, type));
  if (hit) return { allowed: false, reason: `${hit.reason} address ${address}` };
  if (family === 6 && !GLOBAL_UNICAST_V6.check(address, 'ipv6')) {
    return { allowed: false, reason: `not global unicast: ${address}` };
  }
  return { allowed: true };
}
