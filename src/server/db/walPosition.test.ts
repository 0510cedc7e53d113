import { expect, it } from 'vitest';
import { laterLsn, lsnValue, walCookieOf } from './walPosition.ts';

it('reads PostgreSQL\'s WAL positions as numbers and refuses anything else', () => {
  expect(lsnValue('0/0')).toBe(0n);
  expect(lsnValue('16/B374D848')).toBe((0x16n << 32n) | 0xB374D848n);
  for (const bad of ['', '16', '16/', 'G/1', '1/123456789', '1/2; drop', null, undefined]) expect(lsnValue(bad)).toBeUndefined();
});

it('compares positions by value, not as text', () => {
  expect(laterLsn('0/FF', '1/0')).toBe('1/0');
  expect(laterLsn('A/0', '9/FFFFFFFF')).toBe('A/0');
  expect(laterLsn(null, '0/10')).toBe('0/10');
  expect(laterLsn('0/10', 'junk')).toBe('0/10');
  expect(laterLsn(null, null)).toBeNull();
});

it('finds the position cookie among the others and ignores a forged value that is no position', () => {
  expect(walCookieOf('klassny_session=abc; klassny_wal=2/E1C76AB8; x=1')).toBe('2/E1C76AB8');
  expect(walCookieOf('klassny_wal=2/E1C76AB8')).toBe('2/E1C76AB8');
  expect(walCookieOf('klassny_wal=999/%27%3B')).toBeNull();
  expect(walCookieOf('not_klassny_wal=1/1')).toBeNull();
  expect(walCookieOf(undefined)).toBeNull();
});
