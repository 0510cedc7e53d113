import { describe, expect, it } from 'vitest';
import { WeekCache } from './weekCache.ts';

describe('WeekCache', () => {
  it('serves an entry only at the version it was stored with', () => {
    const cache = new WeekCache(1000);
    cache.set('a', 7, '{"a":1}');
    expect(cache.get('a', 7)).toBe('{"a":1}');
    expect(cache.get('a', 8)).toBeUndefined();
    expect(cache.get('b', 7)).toBeUndefined();
  });

  it('replaces an entry stored again under a newer version', () => {
    const cache = new WeekCache(1000);
    cache.set('a', 1, 'old');
    cache.set('a', 2, 'new');
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('a', 2)).toBe('new');
    expect(cache.size).toBe(1);
  });

  it('drops the least recently read entries when the bytes run out', () => {
    const cache = new WeekCache(10);
    cache.set('a', 1, 'aaaa');
    cache.set('b', 1, 'bbbb');
    expect(cache.get('a', 1)).toBe('aaaa');
    cache.set('c', 1, 'cccc');
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBe('aaaa');
    expect(cache.get('c', 1)).toBe('cccc');
    cache.set('huge', 1, 'x'.repeat(11));
    expect(cache.get('huge', 1)).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});
