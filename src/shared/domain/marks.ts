/**
 * Mark scales (issue 5): five-point 1–5, pass/fail, and the ten- and hundred-point scales a school
 * uses in additional education. Pure rules shared by the server and the web.
 */
import type { GroupKind, MarkScale } from '../contract/enums.ts';

const INTEGER = /^(0|[1-9]\d*)$/;

const RANGES: Partial<Record<MarkScale, { min: number; max: number }>> = {
  five: { min: 1, max: 5 },
  ten: { min: 1, max: 10 },
  hundred: { min: 0, max: 100 },
};

/** Whether `value` is a mark of the scale: '1'…'5', 'pass' | 'fail', '1'…'10', '0'…'100'. */
export function isMarkValue(scale: MarkScale, value: string): boolean {
  if (scale === 'passFail') return value === 'pass' || value === 'fail';
  const range = RANGES[scale]!;
  return INTEGER.test(value) && Number(value) >= range.min && Number(value) <= range.max;
}

/** What a value of the scale looks like, for the field message. */
export function markScaleHint(scale: MarkScale): string {
  switch (scale) {
    case 'five': return 'Отметка от 1 до 5';
    case 'passFail': return 'Зачёт (pass) или незачёт (fail)';
    case 'ten': return 'Отметка от 1 до 10';
    case 'hundred': return 'Отметка от 0 до 100';
  }
}

/** The ten- and hundred-point scales belong to additional education and extracurricular groups only. */
export const scaleAllowedFor = (scale: MarkScale, groupKind: GroupKind): boolean =>
  scale === 'five' || scale === 'passFail' || groupKind === 'additional' || groupKind === 'extracurricular';
