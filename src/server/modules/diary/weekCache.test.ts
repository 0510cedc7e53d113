import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, WeekCache } from './weekCache.ts';

const S = ['school', 'student'];
const text = (week: Buffer | undefined) => (week === undefined ? undefined : gunzipSync(week).toString());

describe('WeekCache', () => {
  it('serves an entry only at the version it was stored with', () => {
    const cache = new WeekCache(10_000);
    expect(text(cache.set('a', '7', S, '{"a":1}'))).toBe('{"a":1}');
    expect(text(cache.get('a', '7'))).toBe('{"a":1}');
    expect(cache.get('a', '8')).toBeUndefined();
    expect(cache.get('b', '7')).toBeUndefined();
    expect(cache.scopesOf('a')).toEqual(S);
    expect(cache.scopesOf('b')).toBeUndefined();
    // One week read from the database, one served from the cache.
    expect(cache.stats).toEqual({ hits: 1, misses: 1 });
  });

  it('replaces an entry stored again under a newer version', () => {
    const cache = new WeekCache(10_000);
    cache.set('a', '1', S, 'old');
    cache.set('a', '2', S, 'new');
    expect(cache.get('a', '1')).toBeUndefined();
    expect(text(cache.get('a', '2'))).toBe('new');
    expect(cache.size).toBe(1);
  });

  it('drops the least recently read entries when the bytes run out', () => {
    const one = cache1Size();
    const cache = new WeekCache(one * 2);
    cache.set('a', '1', S, 'aaaa');
    cache.set('b', '1', S, 'bbbb');
    expect(cache.get('a', '1')).toBeDefined();
    cache.set('c', '1', S, 'cccc');
    expect(cache.get('b', '1')).toBeUndefined();
    expect(text(cache.get('a', '1'))).toBe('aaaa');
    expect(text(cache.get('c', '1'))).toBe('cccc');
    expect(text(cache.set('huge', '1', S, 'x'.repeat(10_000).split('').map((_, i) => String(i)).join(',')))).toContain('9999');
    expect(cache.get('huge', '1')).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});

/** The gzipped size of a four-letter week: the test's unit of memory. */
function cache1Size() {
  const probe = new WeekCache(1_000_000);
  return probe.set('x', '1', S, 'aaaa').length;
}

describe('acceptsGzip', () => {
  it('takes what browsers send and refuses an explicit q=0', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8, *;q=0.1')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('GZIP')).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip;q=0.0, br')).toBe(false);
  });
});
