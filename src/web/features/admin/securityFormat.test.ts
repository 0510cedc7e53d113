import { describe, expect, it } from 'vitest';
import { dayRange, detailPairs, deviceOf, isoToLocalInput, localInputToIso } from './securityFormat.ts';

describe('the security log, readable', () => {
  it('names the browser and system of a User-Agent, or nothing', () => {
    expect(deviceOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36')).toBe('Chrome, Windows');
    expect(deviceOf('Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 YaBrowser/24.1')).toBe('Яндекс Браузер, Android');
    expect(deviceOf('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1')).toBe('Safari, iOS');
    expect(deviceOf('curl/8.0')).toBe('');
  });

  it('keeps the plain details and drops ids of people and nested lists', () => {
    expect(detailPairs({ role: 'deputy', personId: 'x', sessionId: 's', by: 'y', count: 3, codes: [{ id: 1 }], reason: null })).toEqual([['role', 'deputy'], ['count', '3']]);
  });

  it('turns a day range into instants covering whole days', () => {
    expect(dayRange('2025-09-01', '2025-09-02')).toEqual({ from: '2025-09-01T00:00:00.000Z', to: '2025-09-03T00:00:00.000Z' });
    expect(dayRange(null, null)).toEqual({});
    expect(dayRange(null, '2025-12-31')).toEqual({ to: '2026-01-01T00:00:00.000Z' });
  });

  it('reads and writes datetime-local values', () => {
    expect(localInputToIso('2025-09-10T09:30')).toBe('2025-09-10T09:30:00.000Z');
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('вчера')).toBeNull();
    expect(isoToLocalInput(new Date('2025-09-10T09:30:45Z'))).toBe('2025-09-10T09:30');
  });
});
