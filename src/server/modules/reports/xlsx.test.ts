import { describe, expect, it } from 'vitest';
import { safeText } from './xlsx.ts';

describe('safeText', () => {
  it.each(['=1+1', '+7 900 000-00-00', '-2+3', '@SUM(A1)', '=HYPERLINK("http://x","клик")', '\t=1', '\r=1'])(
    'never lets %j start a cell as a formula', (text) => {
      const safe = safeText(text);
      expect(safe).toBe(`'${text}`);
      expect(safe).not.toMatch(/^[=+\-@\t\r]/);
    },
  );

  it.each(['5А', 'Иванов Иван', '1 четверть', 'a=b', 'e-mail', ''])('keeps %j as it is', (text) => {
    expect(safeText(text)).toBe(text);
  });

  it('writes nothing for a missing value', () => {
    expect(safeText(null)).toBe('');
    expect(safeText(undefined)).toBe('');
  });
});
