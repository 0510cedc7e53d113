import { describe, expect, it } from 'vitest';
import { qrPath } from './qr.ts';

/** The dark modules of the path, as "x,y". */
const darkOf = (path: string) => new Set([...path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[1]},${m[2]}`));

describe('the QR code of a TOTP enrolment', () => {
  it('draws a square code with the three finder patterns inside a 4-module quiet zone', () => {
    const uri = 'otpauth://totp/Klassny:maria.teacher?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Klassny&algorithm=SHA1&digits=6&period=30';
    const { size, path } = qrPath(uri);
    const modules = size - 8;
    // Versions are 21 + 4k modules wide; this URI needs at least version 5 at level M.
    expect((modules - 21) % 4).toBe(0);
    expect(modules).toBeGreaterThanOrEqual(37);
    const dark = darkOf(path);
    const finderAt = (x0: number, y0: number) => {
      for (let i = 0; i < 7; i++) {
        for (const [x, y] of [[x0 + i, y0], [x0 + i, y0 + 6], [x0, y0 + i], [x0 + 6, y0 + i]] as const) expect(dark.has(`${x},${y}`), `${x},${y}`).toBe(true);
      }
      expect(dark.has(`${x0 + 1},${y0 + 1}`)).toBe(false);
      expect(dark.has(`${x0 + 3},${y0 + 3}`)).toBe(true);
    };
    finderAt(4, 4);
    finderAt(4 + modules - 7, 4);
    finderAt(4, 4 + modules - 7);
    // Nothing in the quiet zone.
    expect([...dark].every((p) => p.split(',').map(Number).every((v) => v >= 4 && v < size - 4))).toBe(true);
  });

  it('draws different codes for different secrets', () => {
    expect(qrPath('otpauth://totp/a?secret=AAAA').path).not.toBe(qrPath('otpauth://totp/a?secret=BBBB').path);
  });
});
