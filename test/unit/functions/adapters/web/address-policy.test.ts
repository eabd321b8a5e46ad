import { describe, expect, it } from 'vitest';
import { embeddedIpv4, judgeAddress } from '../../../../../functions/adapters/web/address-policy';

// Table-driven: every special-purpose range, its edges, and the IPv6 forms that carry IPv4.
const BLOCKED: [string, RegExp][] = [
  ['0.0.0.0', /this network/],
  ['10.0.0.1', /private/],
  ['10.255.255.255', /private/],
  ['100.64.0.1', /CGNAT/],
  ['100.127.255.254', /CGNAT/],
  ['127.0.0.1', /loopback/],
  ['127.255.255.254', /loopback/],
  ['169.254.169.254', /link-local/],
  ['172.16.0.1', /private/],
  ['172.31.255.255', /private/],
  ['192.0.0.8', /IETF/],
  ['192.0.2.1', /documentation/],
  ['192.168.1.1', /private/],
  ['198.18.0.1', /benchmarking/],
  ['198.19.255.255', /benchmarking/],
  ['203.0.113.9', /documentation/],
  ['224.0.0.251', /multicast/],
  ['239.255.255.250', /multicast/],
  ['240.0.0.1', /reserved/],
  ['255.255.255.255', /reserved/],
  ['::', /unspecified/],
  ['::1', /loopback/],
  ['::ffff:127.0.0.1', /loopback.*as ::ffff:127\.0\.0\.1/],
  ['::ffff:7f00:1', /loopback/],
  ['::ffff:169.254.169.254', /link-local/],
  ['::ffff:a9fe:a9fe', /link-local/],
  ['64:ff9b::10.0.0.1', /private/],
  ['64:ff9b::a9fe:a9fe', /link-local/],
  ['2002:c0a8:0101::1', /private/],
  ['2002:7f00:1::', /loopback/],
  ['::127.0.0.1', /IPv4-compatible/],
  ['2001:db8::1', /documentation|IETF/],
  ['2001::1', /IETF/],
  ['fc00::1', /unique local/],
  ['fd12:3456::1', /unique local/],
  ['fe80::1', /link-local/],
  ['fe80::1%eth0', /link-local/],
  ['fec0::1', /site-local/],
  ['ff02::1', /multicast/],
  ['100::1', /discard/],
  ['4000::1', /not global unicast/],
  ['example.com', /not an IP/],
];

const ALLOWED = [
  '1.1.1.1',
  '8.8.8.8',
  '93.184.215.14',
  '172.15.255.255',
  '172.32.0.1',
  '100.63.255.255',
  '100.128.0.1',
  '169.253.1.1',
  '192.169.0.1',
  '2606:4700:4700::1111',
  '2a00:1450:4001::200e',
  '::ffff:8.8.8.8',
  '64:ff9b::8.8.8.8',
  '2002:0808:0808::1',
];

describe('judgeAddress', () => {
  it.each(BLOCKED)('blocks %s', (address, reason) => {
    const verdict = judgeAddress(address);
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed ? '' : verdict.reason).toMatch(reason);
  });

  it.each(ALLOWED)('allows the public address %s', (address) => {
    expect(judgeAddress(address)).toEqual({ allowed: true });
  });

  it('lets loopback, and only loopback, through for the local twin', () => {
    const local = { allowLoopback: true };
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) {
      expect(judgeAddress(address, local)).toEqual({ allowed: true });
    }
    for (const address of [
      '10.0.0.1',
      '169.254.169.254',
      '192.168.0.1',
      'fe80::1',
      'fc00::1',
      '::',
      '0.0.0.0',
    ]) {
      expect(judgeAddress(address, local).allowed).toBe(false);
    }
  });
});

describe('embeddedIpv4', () => {
  it.each([
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::ffff:0102:0304', '1.2.3.4'],
    ['64:ff9b::1.2.3.4', '1.2.3.4'],
    ['2002:0102:0304::', '1.2.3.4'],
    ['2606:4700::1', undefined],
  ])('%s carries %s', (address, carried) => {
    expect(embeddedIpv4(address)).toBe(carried);
  });
});
