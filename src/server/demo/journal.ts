/**
 * The demo journal of one school (issue 5, «Demo data»): work types, the grading policy, the weekly
 * timetable, the lessons up to `today` with topics and homework, attendance, marks, and the period
 * marks of every period already over, which is closed. Built in memory from the school's rows and
 * written with them in its one transaction; `mark_versions` is filled from `marks` in SQL.
 */
import { sql } from 'drizzle-orm';
import { addDays, bandContains } from '../../shared/domain/calendar.ts';
import { DEFAULT_GRADING_POLICY, type MarkInput, suggestPeriodMark } from '../../shared/domain/grading.ts';
import type { Db } from '../db/client.ts';
import { DEFAULT_WORK_TYPES } from '../modules/grading/workTypeService.ts';
import { type DemoLesson, type JournalCtx, addLessons, moscow } from './lessons.ts';
import { addExams } from './exams.ts';
import { type Stay, addMarks, staysByGroup } from './marks.ts';
import { DEMO_CREATED_AT as at, type Rng } from './random.ts';
import type { Row, Rows } from './rows.ts';
import { addTimetable } from './timetable.ts';
import { type WorkTypeName, ungraded } from './topics.ts';

/** The demo's today: the journal is filled up to this day, and nothing is dated after it. */
export const DEMO_TODAY = '2026-11-27';

/** A period is closed three days after it ends (the deputy closes it in the vacation). */
const CLOSED_AFTER_DAYS = 3;

/** Adds the journal of the school in `rows` (one school, its people and load already built). */
export function addJournal(rows: Rows, rng: Rng, today: string = DEMO_TODAY): void {
  const schoolId = rows.schools[0]!.id;
  const workTypes = new Map<WorkTypeName, { id: string; weight: number }>();
  for (const w of DEFAULT_WORK_TYPES) {
    const id = rng.id();
    workTypes.set(w.name, { id, weight: w.weight });
    rows.workTypes.push({ schoolId, id, name: w.name, weight: w.weight, isControl: w.isControl, isWritten: w.isWritten, archived: false, createdAt: at });
  }
  rows.gradingPolicies.push({ schoolId, version: 1, rules: { ...DEFAULT_GRADING_POLICY }, authorUserId: null, createdAt: at });

  const gradeOfClass = new Map(rows.classes.map((c) => [c.id, c.grade]));
  const userOf = new Map(rows.userRoles.filter((r) => r.schoolId === schoolId && r.personId).map((r) => [r.personId!, r.userId]));
  const ctx: JournalCtx = {
    rows, rng, schoolId, today, workTypes, userOf,
    gradeOf: new Map(rows.teachingGroups.map((g) => [g.id, g.classId ? gradeOfClass.get(g.classId) : undefined])),
  };

  addTimetable(rows, rng);
  const held = addLessons(ctx);
  const stays = staysByGroup(ctx);
  const closed = rows.periods.filter((p) => addDays(p.endsOn, CLOSED_AFTER_DAYS) <= today);
  const closedPeriodOf = (l: DemoLesson) => {
    const grade = ctx.gradeOf.get(l.groupId);
    return closed.find((p) => p.startsOn <= l.date && l.date <= p.endsOn && (grade === undefined || bandContains(p, grade)));
  };
  addMarks(ctx, held, stays, (l) => closedPeriodOf(l)?.endsOn);
  for (const period of closed) addPeriodMarks(ctx, period, held, stays);
  addExams(ctx, stays);
}

/**
 * Period marks of a finished period as the teachers set them: what `suggestPeriodMark` suggests
 * from the period's marks (ОРКСЭ: «зачёт»), two days before the period ends (seed 001, 5.3); then
 * the period is closed.
 */
function addPeriodMarks(ctx: JournalCtx, period: Row<'periods'>, held: DemoLesson[], stays: Map<string, Stay[]>) {
  const { rows, rng, schoolId } = ctx;
  const college = rows.schools[0]!.kind === 'college';
  // Per group and subject (the first lesson stands for it), each student's marks of the period.
  const series = new Map<string, { lesson: DemoLesson; marks: Map<string, MarkInput[]> }>();
  const seriesOf = new Map<string, Map<string, MarkInput[]>>();
  for (const l of held) {
    const grade = ctx.gradeOf.get(l.groupId);
    if (grade === undefined || !bandContains(period, grade) || (!college && grade < 2)) continue;
    if (l.date < period.startsOn || l.date > period.endsOn) continue;
    const key = `${l.groupId}|${l.subjectId}`;
    if (!series.has(key)) series.set(key, { lesson: l, marks: new Map() });
    seriesOf.set(l.id, series.get(key)!.marks);
  }
  for (const m of rows.marks) {
    const byStudent = seriesOf.get(m.lessonId);
    if (!byStudent) continue;
    const mark = { value: m.value, scale: m.scale, weight: m.weight, workTypeId: m.workTypeId };
    const list = byStudent.get(m.studentId);
    if (list) list.push(mark);
    else byStudent.set(m.studentId, [mark]);
  }
  const setAt = new Date(moscow(addDays(period.endsOn, -2), '15:00'));
  for (const { lesson: l, marks } of series.values()) {
    const author = ctx.userOf.get(l.staffId) ?? null;
    for (const stay of stays.get(l.groupId) ?? []) {
      if (stay.startsOn > period.endsOn || (stay.endsOn !== null && stay.endsOn < period.startsOn)) continue;
      const s = ungraded(l.family)
        ? { value: 'pass' as const, explanation: 'зачёт: курс без отметок' }
        : suggestPeriodMark(marks.get(stay.studentId) ?? [], DEFAULT_GRADING_POLICY);
      rows.periodMarks.push({
        schoolId, id: rng.id(), kind: 'period', groupId: l.groupId, subjectId: l.subjectId, studentId: stay.studentId, periodId: period.id,
        academicYearId: period.academicYearId, value: s.value, suggested: s.value, explanation: s.explanation,
        reason: 'reason' in s ? s.reason : null, policyVersion: 1,
        version: 1, authorUserId: author, createdAt: setAt, updatedAt: setAt,
      });
    }
  }
  const deputy = rows.staff.find((s) => s.position === 'deputy');
  rows.periodClosures.push({
    schoolId, periodId: period.id, closedBy: (deputy && ctx.userOf.get(deputy.id)) ?? null,
    closedAt: new Date(moscow(addDays(period.endsOn, CLOSED_AFTER_DAYS), '10:00')),
  });
}

/** Every mark's first version, copied in SQL from the marks just written (a mark's history starts with it). */
export async function addMarkVersions(tx: Db, schoolId: string): Promise<number> {
  const result = (await tx.execute(sql`
    insert into mark_versions (school_id, mark_id, version, work_type_id, weight, value, comment, deleted, author_user_id, reason, at)
    select school_id, id, version, work_type_id, weight, value, comment, deleted, author_user_id, '', created_at
    from marks where school_id = ${schoolId}`)) as unknown as { rowCount?: number; affectedRows?: number };
  return result.rowCount ?? result.affectedRows ?? 0;
}
