import type { TFunction } from 'i18next';
import { markValueKey } from './periods.ts';

/** A mark or period-mark value as read: digits as they are, зачёт / незачёт / ОСВ / Н/А in words. */
export function markText(value: string, t: TFunction) {
  const key = markValueKey(value);
  return key ? t(key) : value;
}
