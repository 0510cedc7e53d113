import { type DiaryFinalMarks, type DiaryMarks, type DiarySubjectMarks, ZDiaryWeek } from '../../../shared/contract/diary.ts';
import { z } from '../../../shared/contract/zod.ts';
import type { PeriodMarkValue } from '../../../shared/contract/enums.ts';
import { addDays, bandContains, minDate, weekday } from '../../../shared/domain/calendar.ts';
import { suggestPeriodMark, weightedMean } from '../../../shared/domain/grading.ts';
import type { Db } from '../../db/client.ts';
import { referenced } from '../../errors.ts';
import { lessonsUnderReview } from '../audit/compromiseJournal.ts';
import { getPeriod, getYear, periodsOfYear } from '../calendar/service.ts';
import { currentPolicy } from '../grading/policyService.ts';
import { getStudent } from '../people/service.ts';
import * as mq from './marksQueries.ts';
import { presentMark, presentWeek } from './presenters.ts';
import type { CachedWeek, WeekCache } from './weekCache.ts';
import * as wq from './weekQueries.ts';
import { sitsIn } from '../../roster/groupStays.ts';
import { staysWithVersion, versionOf } from './versionQueries.ts';

/** Monday of the week holding `date`; a Sunday belongs to the week before it. */
export const mondayOf = (date: string) => addDays(date, -((weekday(date) + 6) % 7));

/**
 * The diary week, Monday to Saturday, with the version it was read at and the scopes that version
 * covers: five queries whatever the number of lessons (the student's group stays with the version;
 * then side by side lessons with subject, teacher and bell; marks; attendance; homework with its
 * files), plus the student lookup.
 */
async function diaryWeek(db: Db, schoolId: string, studentId: string, from: string) {
  const to = addDays(from, 5);
  // Both on the pool at once (PGlite serialises them anyway); an unknown student still answers 404.
  const [, { version, stays }] = await Promise.all([getStudent(db, schoolId, studentId), staysWithVersion(db, schoolId, studentId, from, to)]);
  const groupIds = [...new Set(stays.map((s) => s.groupId))];
  const scopes = [schoolId, studentId, ...groupIds];
  if (groupIds.length === 0) {
    return { version, scopes, week: presentWeek({ schoolId, studentId, from, lessons: [], marks: [], attendance: [], homework: [] }) };
  }
  // Four lookups side by side, each by the groups and dates; then only what belongs to the lessons
  // the student really sat in (a stay may end or begin within the week) is kept.
  const [allLessons, allMarks, allAttendance, allHomework, underReview] = await Promise.all([
    wq.weekLessons(db, schoolId, groupIds, from, to),
    wq.studentMarks(db, schoolId, studentId, { from, to }),
    wq.studentAttendance(db, schoolId, studentId, from, to),
    wq.studentHomework(db, schoolId, studentId, { from, to, groupIds }),
    // Seed 003, 4.4: lessons whose records went back to their values from before a compromised login.
    lessonsUnderReview(db, schoolId, studentId),
  ]);
  const lessons = allLessons.filter((l) => sitsIn(stays, l.groupId, l.date));
  const held = new Set(lessons.map((l) => l.id));
  return {
    version,
    scopes,
    week: presentWeek({
      schoolId, studentId, from, lessons, underReview,
      marks: allMarks.filter((m) => held.has(m.lessonId)),
      attendance: allAttendance.filter((a) => held.has(a.lessonId)),
      homework: allHomework.filter((h) => held.has(h.lessonId) || (h.dueLessonId !== null && held.has(h.dueLessonId))
        || (h.dueDate !== null && h.dueDate >= from && h.dueDate <= to)),
    }),
  };
}

/**
 * The diary week as the JSON the API sends, from the cache while nothing it shows has changed: a
 * cached week is checked with one indexed statement, the version of the scopes it was read over
 * (the school, the student, the student's groups; versionQueries.ts). A mark saved for another
 * student, or a lesson of a group the student does not sit in, leaves it cached.
 */
export async function cachedDiaryWeek(db: Db, cache: WeekCache, schoolId: string, studentId: string, date: string): Promise<CachedWeek> {
  const from = mondayOf(date);
  const key = `${schoolId}/${studentId}/${from}`;
  const scopes = cache.scopesOf(key);
  if (scopes !== undefined) {
    const cached = cache.get(key, await versionOf(db, schoolId, scopes));
    if (cached !== undefined) return cached;
  }
  const read = await diaryWeek(db, schoolId, studentId, from);
  return cache.set(key, read.version, read.scopes, JSON.stringify(z.encode(ZDiaryWeek, read.week)));
}

/** Marks by subject for a period, each subject with its weighted mean and the policy's suggestion. */
export async function diaryMarks(db: Db, schoolId: string, studentId: string, periodId: string, now: Date): Promise<DiaryMarks> {
  await getStudent(db, schoolId, studentId);
  const period = await referenced(getPeriod(db, schoolId, periodId), 'periodId');
  const policy = (await currentPolicy(db, schoolId)).rules;
  const [marks, setMarks, presence] = await Promise.all([
    wq.studentMarks(db, schoolId, studentId, { from: period.startsOn, to: period.endsOn }),
    mq.studentPeriodMarks(db, schoolId, studentId, period.academicYearId, period.id),
    policy.notAssessedWhen.absentShareAbove === undefined
      ? Promise.resolve([])
      : mq.attendanceBySubject(db, schoolId, studentId, period.startsOn, minDate(period.endsOn, now.toISOString().slice(0, 10))),
  ]);
  const subjects = new Map<string, string>();
  for (const m of marks) subjects.set(m.subjectId, m.subjectName);
  for (const p of setMarks) subjects.set(p.subjectId, p.subjectName);
  const items = [...subjects].map(([subjectId, name]): DiarySubjectMarks => {
    const own = marks.filter((m) => m.subjectId === subjectId);
    const inputs = own.map((m) => ({ value: m.value, scale: m.scale, weight: m.weight, workTypeId: m.workTypeId, written: m.written }));
    const context = presence.find((p) => p.subjectId === subjectId);
    const suggestion = suggestPeriodMark(inputs, policy, context && { lessons: context.lessons, absences: context.absences });
    return {
      subject: { id: subjectId, name },
      marks: own.map(presentMark),
      weightedMean: weightedMean(inputs, policy),
      // A forecast for parents, not a verdict: no «Н/А» before the teacher sets it; the reason says what is missing.
      suggestion: { value: suggestion.value === 'notAssessed' ? null : suggestion.value, reason: suggestion.reason },
      periodMark: (setMarks.find((p) => p.subjectId === subjectId)?.value ?? null) as PeriodMarkValue | null,
    };
  });
  items.sort((a, b) => a.subject.name.localeCompare(b.subject.name, 'ru'));
  return {
    studentId,
    period: { id: period.id, name: period.name, startsOn: period.startsOn, endsOn: period.endsOn },
    subjects: items,
  };
}

/** Period and year marks of a year, and exam and final marks where there are any, per subject. */
export async function diaryFinalMarks(db: Db, schoolId: string, studentId: string, academicYearId: string): Promise<DiaryFinalMarks> {
  await getStudent(db, schoolId, studentId);
  await referenced(getYear(db, schoolId, academicYearId), 'academicYearId');
  const [periods, setMarks, grade] = await Promise.all([
    periodsOfYear(db, schoolId, academicYearId),
    mq.studentPeriodMarks(db, schoolId, studentId, academicYearId),
    mq.gradeInYear(db, schoolId, studentId, academicYearId),
  ]);
  const bySubject = new Map<string, DiaryFinalMarks['subjects'][number]>();
  for (const m of setMarks) {
    let item = bySubject.get(m.subjectId);
    if (!item) bySubject.set(m.subjectId, (item = { subject: { id: m.subjectId, name: m.subjectName }, periodMarks: [], yearMark: null, examMark: null, finalMark: null }));
    const value = m.value as PeriodMarkValue;
    if (m.kind === 'exam') item.examMark = value;
    else if (m.kind === 'final') item.finalMark = value;
    else if (m.periodId === null) item.yearMark = value;
    else item.periodMarks.push({ periodId: m.periodId, value });
  }
  // The periods of the student's grade (quarters for 1–9, halves for 10–11), and any he has a mark in.
  const used = new Set(setMarks.map((m) => m.periodId));
  return {
    studentId,
    academicYearId,
    periods: periods.filter((p) => used.has(p.id) || (grade !== undefined && bandContains(p, grade))).sort((a, b) => a.startsOn.localeCompare(b.startsOn))
      .map((p) => ({ id: p.id, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })),
    subjects: [...bySubject.values()],
  };
}
