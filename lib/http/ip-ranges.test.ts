import { describe, expect, it } from 'vitest'
import { isPrivateAddress, unmapIPv4 } from './ip-ranges'

describe('isPrivateAddress', () => {
  const privateOnes = [
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
    '192.0.2.10',
    '198.51.100.1',
    '203.0.113.5',
    '198.18.0.1',
    '192.0.0.8',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '2001:db8::1',
    '64:ff9b::7f00:1',
    '2002:7f00:1::1',
    '2001:0:4136:e378::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::127.0.0.1',
    '[::1]',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    'localhost',
    'example.com',
    '',
    '1.2.3',
  ]
  const publicOnes = [
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001::200e',
    '::ffff:8.8.8.8',
  ]
  for (const address of privateOnes)
    it(`refuses ${address || '(empty)'}`, () => expect(isPrivateAddress(address)).toBe(true))
  for (const address of publicOnes) it(`allows ${address}`, () => expect(isPrivateAddress(address)).toBe(false))
})

describe('unmapIPv4', () => {
  it('reads IPv4 inside IPv6 in both spellings', () => {
    expect(unmapIPv4('::ffff:127.0.0.1')).toBe('127.0.0.1')
    expect(unmapIPv4('::FFFF:7F00:0001')).toBe('127.0.0.1')
    expect(unmapIPv4('[::ffff:a00:1]')).toBe('10.0.0.1')
    expect(unmapIPv4('2001:db8::1')).toBe('2001:db8::1')
  })
})

describe('numeric host spellings', () => {
  // The WHATWG URL parser, which the fetcher uses, turns every IPv4 spelling into dotted decimal first.
  it.each([
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://0x7f.1/',
    'http://[::ffff:127.0.0.1]/',
  ])('%s is loopback', (url) => {
    expect(isPrivateAddress(new URL(url).hostname)).toBe(true)
  })
})
