import { describe, expect, it } from 'vitest';
import type { Journal, WorkType } from '../../../shared/contract/journal.ts';
import {
  applyOp, applyServerAttendance, applyServerMark, buildRows, cellOf, debtCells, debtEligible, formatMean, isLowMark, markOfWorkType,
  markText, markToRemove, reviewMarks, rowMean, takenLessons,
} from './gridModel.ts';
import { defaultPeriod } from '../../../shared/domain/periods.ts';
import { ddmm, lessonLabels, lockedLessonIds, noLessonBegun, writableLessonIds } from './periods.ts';

const mark = (id: string, studentId: string, lessonId: string, value: string, workTypeId = 'answer', weight = 1) => ({
  id, lessonId, studentId, workTypeId, weight, scale: 'five' as const, value, comment: '', version: 1, authorUserId: null, updatedAt: '',
});
const journal = {
  students: [{ id: 'S1', name: 'Иванов Иван', shortName: 'Иванов И.' }, { id: 'S2', name: 'Смирнова Света', shortName: 'Смирнова С.' }],
  marks: [mark('m1', 'S1', 'L1', '5'), mark('m2', 'S1', 'L2', '3', 'test', 2)],
  attendance: [{ id: 'a1', lessonId: 'L1', studentId: 'S2', code: 'absent' as const, reason: '', version: 2 }],
  debts: [{ studentId: 'S2', lessonId: 'L2' }],
};
const workTypes: WorkType[] = [
  { id: 'answer', name: 'Ответ на уроке', weight: 1, isControl: false, isWritten: false, archived: false },
  { id: 'test', name: 'Контрольная работа', weight: 2, isControl: true, isWritten: true, archived: false },
];
const lessons = [
  { id: 'L1', date: '2025-09-08', lessonNumber: 1, topic: '', status: 'scheduled', kind: 'regular', workTypeIds: [], substituteStaffId: null },
  { id: 'L2', date: '2025-09-09', lessonNumber: 1, topic: '', status: 'scheduled', kind: 'regular', workTypeIds: ['test'], substituteStaffId: null },
] as unknown as Journal['lessons'];

describe('the grid model', () => {
  it('lays marks and attendance out per student and lesson', () => {
    const rows = buildRows(journal);
    expect(cellOf(rows, 'S1', 'L1').marks.map((m) => m.value)).toEqual(['5']);
    expect(cellOf(rows, 'S2', 'L1').attendance).toEqual({ code: 'absent', version: 2 });
    expect(cellOf(rows, 'S2', 'L2')).toEqual({ marks: [], attendance: null });
  });

  it('changes only the row an edit touches, so other rows keep their identity (no re-render)', () => {
    const rows = buildRows(journal);
    const next = applyOp(rows, { id: 'o', kind: 'mark.create', lessonId: 'L1', studentId: 'S1', tempId: 'tmp-o', markId: 'M-o', workTypeId: 'answer', weight: 3, scale: 'five', value: '4', comment: '' });
    expect(next.S2).toBe(rows.S2);
    expect(next.S1!.L2).toBe(rows.S1!.L2);
    expect(cellOf(next, 'S1', 'L1').marks.map((m) => [m.value, m.version])).toEqual([['5', 1], ['4', 0]]);
  });

  it('puts the server\'s mark in place of the local one, and takes a deleted one out', () => {
    let rows = applyOp(buildRows(journal), { id: 'o', kind: 'mark.create', lessonId: 'L1', studentId: 'S1', tempId: 'tmp-o', markId: 'M-o', workTypeId: 'answer', weight: 3, scale: 'five', value: '4', comment: '' });
    rows = applyServerMark(rows, { ...mark('m9', 'S1', 'L1', '4'), weight: 3 }, 'tmp-o');
    expect(cellOf(rows, 'S1', 'L1').marks.map((m) => [m.id, m.version])).toEqual([['m1', 1], ['m9', 1]]);
    rows = applyServerMark(rows, { ...mark('m1', 'S1', 'L1', '5'), version: 2, deleted: true });
    expect(cellOf(rows, 'S1', 'L1').marks.map((m) => m.id)).toEqual(['m9']);
  });

  it('applies attendance edits and the server\'s answer', () => {
    let rows = applyOp(buildRows(journal), { id: 'o', kind: 'attendance.put', lessonId: 'L1', studentId: 'S2', code: 'late', version: 2 });
    expect(cellOf(rows, 'S2', 'L1').attendance).toEqual({ code: 'late', version: 2 });
    rows = applyServerAttendance(rows, 'L1', 'S2', { lessonId: 'L1', studentId: 'S2', code: 'late', version: 3 });
    expect(cellOf(rows, 'S2', 'L1').attendance).toEqual({ code: 'late', version: 3 });
    expect(cellOf(applyServerAttendance(rows, 'L1', 'S2', null), 'S2', 'L1').attendance).toBeNull();
  });

  it('corrects the chosen work type\'s mark and removes it, else the latest', () => {
    const c = cellOf(buildRows({ ...journal, marks: [mark('m1', 'S1', 'L1', '5'), mark('m2', 'S1', 'L1', '3', 'test')] }), 'S1', 'L1');
    expect(markOfWorkType(c, 'answer')?.id).toBe('m1');
    expect(markOfWorkType(c, 'other')).toBeUndefined();
    expect(markToRemove(c, 'other')?.id).toBe('m2');
  });

  it('computes the weighted mean with the shared rule, with a comma and two decimals', () => {
    const rows = buildRows(journal);
    // (5·1 + 3·2) / 3 = 3,666… truncated to 3,66 (the server shows the same).
    expect(formatMean(rowMean(rows.S1))).toBe('3,66');
    expect(formatMean(rowMean(rows.S2))).toBe('—');
  });

  it('follows the school\'s policy sent with the page: excluded work types and weight overrides', () => {
    const rows = buildRows(journal);
    expect(formatMean(rowMean(rows.S1, { excludedWorkTypeIds: ['answer'] }))).toBe('3,00');
    // The answer weighed 3 instead of 1: (5·3 + 3·2) / 5 = 4,2.
    expect(formatMean(rowMean(rows.S1, { workTypeWeights: { answer: 3 }, excludedWorkTypeIds: [] }))).toBe('4,20');
  });

  it('tells low marks (1, 2, незачёт) apart and writes pass/fail short', () => {
    expect(isLowMark({ scale: 'five', value: '2' })).toBe(true);
    expect(isLowMark({ scale: 'five', value: '1' })).toBe(true);
    expect(isLowMark({ scale: 'five', value: '3' })).toBe(false);
    expect(isLowMark({ scale: 'passFail', value: 'fail' })).toBe(true);
    expect(markText({ scale: 'passFail', value: 'pass' })).toBe('зач');
  });

  it('keeps a debt until the control work gets its mark or the student proves absent, and raises it when the mark goes', () => {
    const eligible = debtEligible(journal);
    let rows = buildRows(journal);
    expect(debtCells(lessons, rows, eligible, workTypes, '2025-09-20')).toEqual(new Set(['S2|L2']));
    rows = applyOp(rows, { id: 'o', kind: 'mark.create', lessonId: 'L2', studentId: 'S2', tempId: 'tmp-o', markId: 'M-o', workTypeId: 'test', weight: 2, scale: 'five', value: '4', comment: '' });
    expect(debtCells(lessons, rows, eligible, workTypes, '2025-09-20')).toEqual(new Set());
    rows = applyOp(rows, { id: 'p', kind: 'mark.delete', lessonId: 'L2', studentId: 'S1', markId: 'm2', version: 1 });
    expect(debtCells(lessons, rows, eligible, workTypes, '2025-09-20')).toEqual(new Set(['S1|L2']));
    rows = applyOp(rows, { id: 'q', kind: 'attendance.put', lessonId: 'L2', studentId: 'S1', code: 'ill' });
    expect(debtCells(lessons, rows, eligible, workTypes, '2025-09-20')).toEqual(new Set());
  });
});

describe('periods and labels', () => {
  const period = (id: string, startsOn: string, endsOn: string, gradeFrom = 1, gradeTo = 11) =>
    ({ id, academicYearId: 'Y', name: id, kind: 'quarter' as const, gradeFrom, gradeTo, startsOn, endsOn });
  const periods = [
    period('q1', '2025-09-01', '2025-10-26'), period('q2', '2025-11-05', '2025-12-28'),
    period('h1', '2025-09-01', '2025-12-28', 10, 11),
  ];

  it('opens on the period holding today, for the group\'s grade; between periods on the last begun', () => {
    expect(defaultPeriod(periods, '2025-09-10', 5)?.id).toBe('q1');
    expect(defaultPeriod(periods, '2025-09-10', 10)?.id).toBe('q1');
    expect(defaultPeriod([periods[2]!], '2025-09-10', 10)?.id).toBe('h1');
    expect(defaultPeriod(periods, '2025-11-01', 5)?.id).toBe('q1');
    expect(defaultPeriod(periods, '2025-08-01', 5)?.id).toBe('q1');
    expect(defaultPeriod(periods, '2026-06-01', 5)?.id).toBe('q2');
  });

  it('locks the lessons of a closed period except those a reopening for this group and subject covers', () => {
    const ls = [{ id: 'a', date: '2025-09-08' }, { id: 'b', date: '2025-09-15' }];
    const reopening = (groupId: string, subjectId: string | null) => ({
      id: 'r', periodId: 'q1', groupId, subjectId, fromDate: '2025-09-14', toDate: '2025-09-16', reason: '', openedBy: null, openedAt: '', expiresAt: '',
    });
    expect(lockedLessonIds({ closed: false, reopenings: [] }, ls, 'G', 'M')).toEqual(new Set());
    expect(lockedLessonIds({ closed: true, reopenings: [] }, ls, 'G', 'M')).toEqual(new Set(['a', 'b']));
    expect(lockedLessonIds({ closed: true, reopenings: [reopening('G', null)] }, ls, 'G', 'M')).toEqual(new Set(['a']));
    expect(lockedLessonIds({ closed: true, reopenings: [reopening('G', 'other')] }, ls, 'G', 'M')).toEqual(new Set(['a', 'b']));
    expect(lockedLessonIds({ closed: true, reopenings: [reopening('H', 'M')] }, ls, 'G', 'M')).toEqual(new Set(['a', 'b']));
  });

  it('labels cells by date, and by lesson number when the group has two lessons that day', () => {
    const labels = lessonLabels([
      { id: 'a', date: '2025-09-08', lessonNumber: 2 }, { id: 'b', date: '2025-09-08', lessonNumber: 3 }, { id: 'c', date: '2025-09-09', lessonNumber: 1 },
    ], (n) => `${n} урок`);
    expect([...labels.values()]).toEqual(['08.09, 2 урок', '08.09, 3 урок', '09.09']);
    expect(ddmm('2025-12-31')).toBe('31.12');
  });
});

describe('the cells a teacher may type into', () => {
  const lesson = (id: string, date: string, extra: { status?: string; substituteStaffId?: string | null } = {}) =>
    ({ id, date, status: extra.status ?? 'scheduled', substituteStaffId: extra.substituteStaffId ?? null });
  const lessons = [lesson('past', '2025-10-17'), lesson('today', '2025-10-20'), lesson('tomorrow', '2025-10-21'),
    lesson('cancelled', '2025-10-16', { status: 'cancelled' }), lesson('closed', '2025-10-15'), lesson('taken', '2025-10-14', { substituteStaffId: 'S' })];

  it('are his lessons up to today, never a later day\'s, a cancelled or a locked one', () => {
    expect(writableLessonIds(lessons, { canWrite: true, myStaffIds: [] }, new Set(['closed']), '2025-10-20')).toEqual(new Set(['past', 'today', 'taken']));
  });

  it('are only the lessons he substitutes when the subject is not his', () => {
    expect(writableLessonIds(lessons, { canWrite: false, myStaffIds: ['S'] }, new Set(), '2025-10-20')).toEqual(new Set(['taken']));
    expect(writableLessonIds([lesson('later', '2025-10-21', { substituteStaffId: 'S' })], { canWrite: false, myStaffIds: ['S'] }, new Set(), '2025-10-20')).toEqual(new Set());
  });

  it('are none in a period whose every lesson is of a later day, and the page says why', () => {
    const ahead = [lesson('a', '2025-11-05'), lesson('b', '2025-11-06'), lesson('c', '2025-10-10', { status: 'cancelled' })];
    expect(writableLessonIds(ahead, { canWrite: true, myStaffIds: [] }, new Set(), '2025-10-20')).toEqual(new Set());
    expect(noLessonBegun(ahead, '2025-10-20')).toBe(true);
    expect(noLessonBegun(lessons, '2025-10-20')).toBe(false);
    expect(noLessonBegun([], '2025-10-20')).toBe(false);
  });
});

describe('attendance taken (seed 003, 2.5)', () => {
  const lessons = [
    { id: 'l1', attendanceTakenAt: '2025-09-08T03:00:00.000Z' },
    { id: 'l2', attendanceTakenAt: null },
    { id: 'l3', attendanceTakenAt: null },
    { id: 'l4', attendanceTakenAt: null },
  ];
  const rows = buildRows({
    students: [{ id: 's1', name: 'А', shortName: 'А' }],
    marks: [],
    attendance: [{ id: 'a1', lessonId: 'l2', studentId: 's1', code: 'absent', reason: '', version: 1 }],
  });

  it('counts the server\'s taking, «all present» just pressed and any attendance entry, and not a lesson never marked', () => {
    const taken = takenLessons(lessons, rows, { l3: '2025-09-09T03:00:00.000Z' });
    expect([...taken.entries()].sort()).toEqual([['l1', '2025-09-08T03:00:00.000Z'], ['l2', null], ['l3', '2025-09-09T03:00:00.000Z']]);
    expect(taken.has('l4')).toBe(false);
  });

  it('takes a lesson as soon as an attendance entry is typed in it', () => {
    const typed = applyOp(rows, { id: 'op', kind: 'attendance.put', lessonId: 'l4', studentId: 's1', code: 'late' });
    expect(takenLessons(lessons, typed, {}).has('l4')).toBe(true);
  });
});

describe('changes under review (seed 003, 4.4)', () => {
  it('names the cells and lessons under review (a compromised login\'s voided changes), per row as a stable string', () => {
    const review = reviewMarks({
      lessons: ['L2'],
      cells: [{ lessonId: 'L2', studentId: 'S1' }, { lessonId: 'L1', studentId: 'S1' }, { lessonId: 'L1', studentId: 'S2' }, { lessonId: 'L1', studentId: 'S1' }],
    });
    expect(review.rows).toEqual({ S1: 'L1 L2', S2: 'L1' });
    expect([...review.lessons]).toEqual(['L2']);
    expect(reviewMarks({ lessons: [], cells: [] })).toEqual({ rows: {}, lessons: new Set() });
    // A page from a server that does not send them: nothing under review.
    expect(reviewMarks(undefined)).toEqual({ rows: {}, lessons: new Set() });
  });
});
