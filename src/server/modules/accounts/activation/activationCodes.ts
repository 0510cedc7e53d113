import { createHash, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: nothing a parent can misread from a printed slip. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 10;
/** Issue 4: a code is good for 14 days. */
export const CODE_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/** A fresh code as printed: `XXXXX-XXXXX` (31^10 ≈ 8·10^14 possibilities, ~50 bits). */
export function generateCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What a person typed, as stored: upper case, without spaces and dashes; null when it cannot be a code. */
export function normaliseCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s\-–—]/g, '');
  if (code.length !== CODE_LENGTH) return null;
  for (const c of code) if (!CODE_ALPHABET.includes(c)) return null;
  return code;
}

export const hashCode = (normalised: string) => createHash('sha256').update(normalised).digest('hex');
