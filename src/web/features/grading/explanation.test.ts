import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Explanation } from '../../../shared/contract/grading.ts';
import { DEFAULT_GRADING_POLICY, type MarkInput, suggestPeriodMark, suggestYearMark } from '../../../shared/domain/grading.ts';
import { explanationText, forecastText } from './explanation.ts';
import en from './locales/en.json';
import ru from './locales/ru.json';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: 'ru', resources: { ru: { translation: { grading: ru } }, en: { translation: { grading: en } } }, interpolation: { escapeValue: false } });
});
const text = (reason: Explanation, language: 'ru' | 'en') => explanationText(reason, i18n.getFixedT(language), language);
const forecast = (reason: Explanation, language: 'ru' | 'en') => forecastText(reason, i18n.getFixedT(language));
const marks = (...values: string[]): MarkInput[] => values.map((value) => ({ value, scale: 'five', weight: 1 }));

describe('the explanation of a suggested mark, in the reader\'s language', () => {
  it('writes the mean with the locale\'s decimal sign: 4,56 in Russian, 4.56 in English', () => {
    const reason: Explanation = { code: 'weighted_mean', params: { mean: 4.56, n: 7, value: 5, threshold: 4.5 } };
    expect(text(reason, 'ru')).toBe('4,56 → 5: средневзвешенный балл по 7 оценкам, порог «5» — 4,5');
    expect(text(reason, 'en')).toBe('4.56 → 5: weighted mean of 7 marks, threshold for «5» is 4.5');
  });

  it('words what the domain suggests, plurals included', () => {
    expect(text(suggestPeriodMark(marks('2', '2', '3'), DEFAULT_GRADING_POLICY).reason, 'ru'))
      .toBe('2,33 → 2: средневзвешенный балл по 3 оценкам ниже порога «3» — 2,5');
    expect(text(suggestPeriodMark(marks(...Array.from({ length: 21 }, () => '5')), DEFAULT_GRADING_POLICY).reason, 'ru'))
      .toBe('5,00 → 5: средневзвешенный балл по 21 оценке, порог «5» — 4,5');
    expect(text(suggestYearMark(['notAssessed', '4', '4', '5'], DEFAULT_GRADING_POLICY).reason, 'en'))
      .toBe('4.33 → 4: mean of 3 period marks, threshold for «4» is 3.5; not assessed in 1 period, left out');
    expect(text({ code: 'too_many_absences', params: { absences: 8, lessons: 21, percent: 33.3 } }, 'ru')).toBe('пропущено 8 из 21 урока (больше 33,3 %)');
    expect(text({ code: 'year_exempt', params: {} }, 'en')).toBe('exempt in every period');
  });

  it('forecasts how many marks there are of the minimum, never «Н/А»', () => {
    const one = suggestPeriodMark(marks('5'), DEFAULT_GRADING_POLICY).reason;
    expect(forecast(one, 'ru')).toBe('1 оценка из 3');
    expect(forecast(one, 'en')).toBe('1 mark of 3');
    expect(forecast(suggestPeriodMark(marks('5', '4'), DEFAULT_GRADING_POLICY).reason, 'ru')).toBe('2 оценки из 3');
    expect(forecast(suggestPeriodMark([], DEFAULT_GRADING_POLICY).reason, 'ru')).toBe('0 оценок из 3');
    expect(forecast({ code: 'weighted_mean', params: { mean: 4, n: 3, value: 4, threshold: 3.5 } }, 'ru')).toBeNull();
  });

  it('says when the written or control work is what is missing (seed 001, 5.2)', () => {
    const strict = { ...DEFAULT_GRADING_POLICY, minWrittenMarks: 1 };
    expect(forecast(suggestPeriodMark(marks('5', '5', '4'), strict).reason, 'ru')).toBe('нет письменной или контрольной работы: нужна 1, есть 0');
    expect(forecast(suggestPeriodMark(marks('5', '5', '4'), strict).reason, 'en')).toBe('no written or control work: 1 needed, 0 done');
    expect(forecast(suggestPeriodMark(marks('5'), strict).reason, 'ru')).toBe('1 оценка из 3; нет письменной или контрольной работы');
  });
});
