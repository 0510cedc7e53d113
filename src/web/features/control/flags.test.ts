import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceFlag } from '../../../shared/contract/control.ts';
import { fewMarksText, remarkedFirst } from './flags.ts';
import en from './locales/en.json';
import ru from './locales/ru.json';

const flag = (key: string, remarkTimes: string[] = []) => ({
  key, remarks: remarkTimes.map((createdAt, i) => ({ id: `${key}${i}`, text: 'x', authorName: 'З', createdAt })),
}) as unknown as ComplianceFlag;

describe('a teacher\'s flags', () => {
  it('puts the flags with remarks first, the newest remark first, and keeps the rest in order', () => {
    const flags = [flag('a'), flag('b', ['2025-10-20T03:00:00Z']), flag('c'), flag('d', ['2025-10-01T03:00:00Z', '2025-10-21T03:00:00Z'])];
    expect(remarkedFirst(flags).map((f) => f.key)).toEqual(['d', 'b', 'a', 'c']);
  });
});

describe('a few_marks flag, in the reader\'s language', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({ lng: 'ru', resources: { ru: { translation: { control: ru } }, en: { translation: { control: en } } }, interpolation: { escapeValue: false } });
  });
  const few = (fields: Partial<ComplianceFlag>) => ({
    kind: 'few_marks', studentName: 'Иванов И. И.', marks: 4, minMarks: 3, writtenMarks: null, minWrittenMarks: null, deadline: '2025-10-22', ...fields,
  }) as ComplianceFlag;

  it('says the marks there are of the minimum and the deadline', () => {
    expect(fewMarksText(few({ marks: 1 }), i18n.getFixedT('ru'))).toBe('Иванов И. И.: отметок 1 из 3, итоговые — до 22.10.2025');
    expect(fewMarksText(few({ marks: 1 }), i18n.getFixedT('en'))).toBe('Иванов И. И.: 1 of 3 marks, period marks due by 22.10.2025');
  });

  it('adds the written or control works of those required where the policy requires them', () => {
    const flag = few({ writtenMarks: 0, minWrittenMarks: 1 });
    expect(fewMarksText(flag, i18n.getFixedT('ru'))).toBe('Иванов И. И.: отметок 4 из 3, письменных и контрольных работ 0 из 1, итоговые — до 22.10.2025');
    expect(fewMarksText(flag, i18n.getFixedT('en'))).toBe('Иванов И. И.: 4 of 3 marks, 0 of 1 written or control works, period marks due by 22.10.2025');
  });
});
