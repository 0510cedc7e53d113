import { describe, expect, it } from 'vitest';
import type { ClassRoster } from '../../../shared/contract/classroom.ts';
import type { Class } from '../../../shared/contract/structure.ts';
import { currentYear } from '../../../shared/domain/periods.ts';
import { cellTone, changedFields, classesOf, meanText, slipPeople, tabOf } from './model.ts';

const klass = (id: string, grade: number, name: string, classTeacherId: string | null): Class => ({
  id, academicYearId: 'y', grade, letter: name.slice(-1), name, classTeacherId, masterId: null, shift: 1, groupId: null,
});

describe('classroom model', () => {
  it('reads the tab from the URL and falls back to the overview', () => {
    expect(tabOf('absences')).toBe('absences');
    expect(tabOf(null)).toBe('overview');
    expect(tabOf('secret')).toBe('overview');
  });

  it('colours a mean below 3 and a debt, and leaves other cells plain', () => {
    expect(cellTone({ mean: 2.99, debts: 0 })).toBe('low');
    expect(cellTone({ mean: 2.5, debts: 2 })).toBe('low');
    expect(cellTone({ mean: 3, debts: 0 })).toBe('plain');
    expect(cellTone({ mean: 4.2, debts: 1 })).toBe('debt');
    expect(cellTone({ mean: null, debts: 1 })).toBe('debt');
    expect(cellTone(undefined)).toBe('plain');
    expect(meanText(3.8)).toBe('3,80');
    expect(meanText(null)).toBe('—');
  });

  it('offers a class teacher his classes and the whole-school roles every class, by grade', () => {
    const classes = [klass('b', 10, '10Б', 's2'), klass('a', 5, '5А', 's1'), klass('c', 5, '5Б', null)];
    expect(classesOf(classes, ['s1'], false).map((c) => c.id)).toEqual(['a']);
    expect(classesOf(classes, [], false)).toEqual([]);
    expect(classesOf(classes, [], true).map((c) => c.id)).toEqual(['a', 'c', 'b']);
  });

  it('takes the open year, else the latest begun that is not being planned (the one rule of shared/domain/periods.ts)', () => {
    const years = [
      { id: '1', status: 'closed', startsOn: '2024-09-01', endsOn: '2025-05-31' }, { id: '2', status: 'open', startsOn: '2025-09-01', endsOn: '2026-05-31' },
      { id: '3', status: 'planning', startsOn: '2026-09-01', endsOn: '2027-05-31' },
    ];
    expect(currentYear(years, '2025-10-06')?.id).toBe('2');
    expect(currentYear(years.filter((y) => y.id !== '2'), '2025-10-06')?.id).toBe('1');
    expect(currentYear([], '2025-10-06')).toBeUndefined();
  });

  it('lists each person once for slips, students and/or guardians', () => {
    const guardian = { id: 'g', hasAccount: false };
    const roster = {
      items: [{ student: { id: 's1' }, guardians: [guardian] }, { student: { id: 's2' }, guardians: [guardian] }],
    } as unknown as ClassRoster;
    expect(slipPeople(roster, { students: true, guardians: true })).toEqual([
      { kind: 'student', id: 's1' }, { kind: 'guardian', id: 'g' }, { kind: 'student', id: 's2' },
    ]);
    expect(slipPeople(roster, { students: false, guardians: true })).toEqual([{ kind: 'guardian', id: 'g' }]);
    expect(slipPeople(roster, { students: false, guardians: false })).toEqual([]);
  });

  it('sends only the changed personal fields, trimmed, blanks as empty strings', () => {
    const before = { lastName: 'Иванов', firstName: 'Иван', middleName: '', birthDate: '2014-03-01', snils: null, address: 'Барнаул', phone: null, email: null };
    const after = { ...before, snils: '', address: ' Бийск ', phone: '+79130000000', email: '' };
    expect(changedFields(before, after as never)).toEqual({ address: 'Бийск', phone: '+79130000000' });
  });
});
