// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isIpLiteral, isPrivateAddress, privateAllowed } from './address.js';

describe('isPrivateAddress', () => {
  const refused = [
    '127.0.0.1',
    '127.255.255.254',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '::1',
    '::',
    '[::1]',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.1.2.3',
    '::127.0.0.1',
    '::ffff:0:127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '64:ff9b::169.254.169.254',
    '2002:7f00:1::',
    '2002:c0a8:101::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '2001:db8::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'fec0::1',
    'ff02::1',
    '0:0:0:0:0:0:0:1',
    '0000:0000:0000:0000:0000:ffff:7f00:0001',
  ];
  const allowed = [
    '93.184.215.14',
    '1.1.1.1',
    '172.32.0.1',
    '192.169.0.1',
    '100.128.0.1',
    '2a00:1450:4001:81b::200e',
    '2606:4700::1111',
    '::ffff:1.1.1.1',
    '64:ff9b::101:101',
    '2002:101:101::',
    'mastodon.social',
    'localhost',
    '',
  ];
  for (const address of refused)
    test(`refuses ${address}`, () => assert.equal(isPrivateAddress(address), true));
  for (const address of allowed)
    test(`passes ${address || '(empty)'}`, () => assert.equal(isPrivateAddress(address), false));

  test('what URLs normalise to is checked: decimal, octal and short IPv4 forms', () => {
    for (const host of ['2130706433', '0x7f.1', '0177.0.0.1', '127.1']) {
      const { hostname } = new URL(`http://${host}/`);
      assert.equal(isIpLiteral(hostname), true, host);
      assert.equal(isPrivateAddress(hostname), true, host);
    }
    assert.equal(isPrivateAddress(new URL('http://[::ffff:127.0.0.1]/').hostname), true);
  });

  test('malformed literals are not literals', () => {
    for (const text of ['1.2.3', '1.2.3.256', '1::2::3', 'g::1', '1:2:3:4:5:6:7:8:9'])
      assert.equal(isIpLiteral(text), false, text);
  });

  test('the opt-in names exact host:port pairs', () => {
    const url = new URL('http://127.0.0.1:4871/x');
    assert.equal(privateAllowed(url, ['127.0.0.1:4871']), true);
    assert.equal(privateAllowed(new URL('http://127.0.0.1:4872/'), ['127.0.0.1:4871']), false);
    assert.equal(privateAllowed(url, true), true);
    assert.equal(privateAllowed(url, false), false);
    assert.equal(privateAllowed(url, undefined), false);
  });
});
