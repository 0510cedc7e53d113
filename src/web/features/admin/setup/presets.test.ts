import { describe, expect, it } from 'vitest';
import { nextYearDefaults, nextYearName, presetPeriods, rosterDate } from './presets.ts';

const year = { startsOn: '2025-09-01', endsOn: '2026-08-31' };

describe('period presets', () => {
  it('gives grades 1–9 four quarters in order, inside the year, without overlaps', () => {
    const quarters = presetPeriods('quarters', year);
    expect(quarters.map((p) => p.name)).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть']);
    expect(quarters.every((p) => p.kind === 'quarter' && p.gradeFrom === 1 && p.gradeTo === 9)).toBe(true);
    expect(quarters[0]).toMatchObject({ startsOn: '2025-09-01', endsOn: '2025-10-25' });
    expect(quarters[3]).toMatchObject({ startsOn: '2026-03-31', endsOn: '2026-05-26' });
    for (let i = 1; i < quarters.length; i++) expect(quarters[i]!.startsOn > quarters[i - 1]!.endsOn).toBe(true);
  });

  it('gives grades 10–11 two half-years', () => {
    expect(presetPeriods('halves', year)).toEqual([
      { name: '1 полугодие', kind: 'half', gradeFrom: 10, gradeTo: 11, startsOn: '2025-09-01', endsOn: '2025-12-28' },
      { name: '2 полугодие', kind: 'half', gradeFrom: 10, gradeTo: 11, startsOn: '2026-01-09', endsOn: '2026-05-26' },
    ]);
  });

  it('starts the first period on the year\'s first day and clips the last one to its end', () => {
    const short = presetPeriods('quarters', { startsOn: '2025-09-02', endsOn: '2026-05-20' });
    expect(short[0]!.startsOn).toBe('2025-09-02');
    expect(short[3]!.endsOn).toBe('2026-05-20');
  });

  it('drops a period that falls wholly outside the year', () => {
    expect(presetPeriods('halves', { startsOn: '2025-09-01', endsOn: '2025-12-31' })).toHaveLength(1);
  });

  it('gives a college two semesters for courses 1–4', () => {
    const semesters = presetPeriods('semesters', year);
    expect(semesters.map((p) => [p.name, p.gradeFrom, p.gradeTo, p.kind])).toEqual([['1 семестр', 1, 4, 'semester'], ['2 семестр', 1, 4, 'semester']]);
  });
});

describe('the next year', () => {
  it('names it one year on', () => {
    expect(nextYearName('2025/2026', '2025-09-01')).toBe('2026/2027');
    expect(nextYearName('2025-2026', '2025-09-01')).toBe('2026/2027');
    expect(nextYearName('Основной', '2025-09-01')).toBe('2026/2027');
  });

  it('moves the dates a year on and always starts after the current year ends', () => {
    expect(nextYearDefaults({ name: '2024/2025', startsOn: '2024-09-01', endsOn: '2025-05-31' }))
      .toEqual({ name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31' });
    expect(nextYearDefaults({ name: '2024/2025', startsOn: '2024-09-01', endsOn: '2025-08-31' }))
      .toEqual({ name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-08-31' });
    expect(nextYearDefaults({ name: 'x', startsOn: '2024-09-01', endsOn: '2025-09-15' }).startsOn).toBe('2025-09-16');
  });
});

describe('the roster date', () => {
  it('is today inside the year, else the nearer end', () => {
    expect(rosterDate('2025-10-01', year)).toBe('2025-10-01');
    expect(rosterDate('2025-08-20', year)).toBe('2025-09-01');
    expect(rosterDate('2026-09-20', year)).toBe('2026-08-31');
  });
});
