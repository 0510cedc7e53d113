import { describe, expect, it } from 'vitest';
import { addressOf, lockSecondsAfter, RULES, signInKeys } from './throttle.ts';

describe('sign-in counters', () => {
  it('count an IPv6 client by its /64 and an IPv4 one (also mapped into IPv6) by its address', () => {
    expect(addressOf('203.0.113.7')).toBe('203.0.113.7');
    expect(addressOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressOf('2001:db8:0:12:aaaa::1')).toBe('2001:db8:0:12::/64');
    expect(addressOf('2001:0db8:0000:0012:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(addressOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressOf('::1')).toBe('0:0:0:0::/64');
    expect(addressOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('use only the device\'s own counter for a known browser, and login, pair and address for anyone else', () => {
    expect(signInKeys('Klass', '2001:db8::5', { login: 'klass', nonce: 'n0nce' })).toEqual([{ kind: 'device', key: 'device:n0nce' }]);
    expect(signInKeys(' Klass ', '2001:db8::5', null).map((k) => k.key)).toEqual(['untrusted:klass', 'pair:2001:db8:0:0::/64|klass', 'address:2001:db8:0:0::/64']);
  });

  it('grow each lock from its first length to its ceiling, and never past it', () => {
    expect(lockSecondsAfter('untrusted', RULES.untrusted.freeFailures)).toBe(0);
    expect(lockSecondsAfter('untrusted', RULES.untrusted.freeFailures + 1)).toBe(60);
    expect(lockSecondsAfter('untrusted', RULES.untrusted.freeFailures + 2)).toBe(120);
    expect(lockSecondsAfter('untrusted', RULES.untrusted.freeFailures + 50)).toBe(RULES.untrusted.maxLockSeconds);
    expect(lockSecondsAfter('address', RULES.address.freeFailures + 1)).toBe(5 * 60);
  });
});
