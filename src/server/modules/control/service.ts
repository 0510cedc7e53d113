import type { ComplianceFlag, ControlFlags, ControlFlagsQuery, ControlRemark, ControlRemarkCreate } from '../../../shared/contract/control.ts';
import {
  COMPLIANCE_RULES, type ComplianceFlagKind, FEW_MARKS_WARNING_DAYS, hasFewMarks, isAttendanceMissing, isHomeworkLate, isPeriodMarkMissing, isTopicMissing, lateMarkKind,
  PERIOD_MARK_DEADLINE_DAYS, periodMarkDeadline,
} from '../../../shared/domain/compliance.ts';
import { flagKey } from '../../../shared/domain/controlRemarks.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import { shortName } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { referenced } from '../../errors.ts';
import { currentPolicy } from '../grading/policyService.ts';
import { getSchool } from '../organisation/service.ts';
import { getStaff, staffByIds, studentsByIds } from '../people/service.ts';
import { getClass } from '../structure/service.ts';
import { groupFlags } from './presenters.ts';
import * as q from './queries.ts';
import type { Actor } from '../../policy/policy.ts';
import { insertRemark, noSuchFlag, remarksByKey, resolveTarget } from './remarks/service.ts';

type Base = Pick<ComplianceFlag, 'staffId' | 'classId' | 'groupId' | 'groupName' | 'subjectId' | 'subjectName'>;
type LessonFact = Base & { lessonId: string; lessonDate: string };

function flag(kind: ComplianceFlagKind, base: Base, extra: Partial<ComplianceFlag>): ComplianceFlag {
  const f: ComplianceFlag = {
    kind,
    key: '',
    rule: COMPLIANCE_RULES[kind].text,
    citation: COMPLIANCE_RULES[kind].citation,
    staffId: base.staffId,
    classId: base.classId,
    groupId: base.groupId,
    groupName: base.groupName,
    subjectId: base.subjectId,
    subjectName: base.subjectName,
    lessonId: null,
    lessonDate: null,
    entryId: null,
    studentId: null,
    studentName: null,
    enteredAt: null,
    periodId: null,
    deadline: null,
    marks: null,
    minMarks: null,
    writtenMarks: null,
    minWrittenMarks: null,
    remarks: [],
    ...extra,
  };
  f.key = flagKey(f);
  return f;
}

const ofLesson = (l: LessonFact) => ({ lessonId: l.lessonId, lessonDate: l.lessonDate });

/**
 * The compliance board (issue 5): every flag of the lessons in the range, decided by
 * src/shared/domain/compliance.ts from facts read in a handful of set-based queries, grouped per
 * teacher and per class.
 */
export async function complianceFlags(db: Db, schoolId: string, query: ControlFlagsQuery, now: Date): Promise<ControlFlags> {
  const school = await getSchool(db, schoolId);
  if (query.staffId) await referenced(getStaff(db, schoolId, query.staffId), 'staffId');
  if (query.classId) await referenced(getClass(db, schoolId, query.classId), 'classId');
  const timeZone = school.timeZone;
  const today = localDate(now, timeZone);
  const filter: q.ControlFilter = { schoolId, ...query };
  const policy = (await currentPolicy(db, schoolId)).rules;
  /** Seed 001, 5.2: how many written or control works the minimum must include (0 = none required). */
  const minWritten = policy.minWrittenMarks ?? 0;
  const [homework, marks, topics, few, unmarked, missing] = await Promise.all([
    q.homeworkAfterLesson(db, filter, timeZone),
    q.marksAfterLessonDay(db, filter, timeZone),
    q.lessonsWithoutTopic(db, filter, today),
    q.studentsWithFewMarks(db, filter, today, { marks: policy.minMarks, written: minWritten }, PERIOD_MARK_DEADLINE_DAYS, FEW_MARKS_WARNING_DAYS),
    q.lessonsWithoutAttendance(db, filter, today, timeZone),
    q.studentsWithoutPeriodMark(db, filter, today, PERIOD_MARK_DEADLINE_DAYS),
  ]);

  const flags: ComplianceFlag[] = [];
  for (const h of homework) {
    if (isHomeworkLate({ lessonDate: h.lessonDate, lessonEndsAt: h.endsAt, enteredAt: h.enteredAt, timeZone })) {
      flags.push(flag('homework_late', h, { ...ofLesson(h), entryId: h.entryId, enteredAt: h.enteredAt.toISOString() }));
    }
  }
  for (const m of marks) {
    const kind = lateMarkKind({ lessonDate: m.lessonDate, enteredAt: m.enteredAt, timeZone, written: m.written });
    if (kind) flags.push(flag(kind, m, { ...ofLesson(m), entryId: m.entryId, studentId: m.studentId, enteredAt: m.enteredAt.toISOString() }));
  }
  for (const l of topics) {
    if (isTopicMissing({ lessonDate: l.lessonDate, status: l.status, topic: l.topic, today })) flags.push(flag('topic_missing', l, ofLesson(l)));
  }
  for (const l of unmarked) {
    if (isAttendanceMissing({ lessonDate: l.lessonDate, status: l.status, today, takenAt: l.takenAt, timeZone })) {
      flags.push(flag('attendance_missing', l, { ...ofLesson(l), enteredAt: l.takenAt?.toISOString() ?? null }));
    }
  }
  for (const r of few) {
    const fact = {
      marks: r.marks, minMarks: policy.minMarks, writtenMarks: r.written_marks, minWrittenMarks: minWritten, periodEndsOn: r.period_ends_on, today,
    };
    if (!hasFewMarks(fact)) continue;
    const base = {
      staffId: r.staff_id, classId: r.class_id, groupId: r.group_id, groupName: r.group_name, subjectId: r.subject_id, subjectName: r.subject_name,
    };
    flags.push(flag('few_marks', base, {
      studentId: r.student_id, periodId: r.period_id, deadline: periodMarkDeadline(r.period_ends_on), marks: r.marks, minMarks: policy.minMarks,
      // The written or control works are shown only where the policy requires them.
      ...(minWritten > 0 ? { writtenMarks: r.written_marks, minWrittenMarks: minWritten } : {}),
    }));
  }

  for (const r of missing) {
    if (!isPeriodMarkMissing({ periodEndsOn: r.period_ends_on, today, hasMark: r.has_mark })) continue;
    const base = {
      staffId: r.staff_id, classId: r.class_id, groupId: r.group_id, groupName: r.group_name, subjectId: r.subject_id, subjectName: r.subject_name,
    };
    flags.push(flag('period_mark_missing', base, { studentId: r.student_id, periodId: r.period_id, deadline: periodMarkDeadline(r.period_ends_on) }));
  }

  const staffIds = [...new Set(flags.map((f) => f.staffId))];
  const studentIds = [...new Set(flags.map((f) => f.studentId).filter((id): id is string => id !== null))];
  const classIds = [...new Set(flags.map((f) => f.classId).filter((id): id is string => id !== null))];
  const [teachers, pupils, classes, remarks] = await Promise.all([
    staffByIds(db, schoolId, staffIds),
    studentsByIds(db, schoolId, studentIds),
    q.classNames(db, schoolId, classIds),
    remarksByKey(db, schoolId, flags.map((f) => f.key)),
  ]);
  const studentNames = new Map(pupils.map((s) => [s.id, shortName(s)]));
  for (const f of flags) {
    if (f.studentId) f.studentName = studentNames.get(f.studentId) ?? null;
    f.remarks = remarks.get(f.key) ?? [];
  }
  return {
    from: query.from,
    to: query.to,
    today,
    ...groupFlags(flags, {
      teachers: new Map(teachers.map((t) => [t.id, shortName(t)])),
      classes: new Map(classes.map((c) => [c.id, `${c.grade}${c.letter}`])),
    }),
  };
}

/**
 * Seed 001, 6.2: a remark on a flag raised now. The flag is named by its kind and ids; its target
 * must exist (400 on the field) and the flag must be on the board today (400 otherwise), so a
 * remark always sits beside a flag the teacher sees.
 */
export async function remarkOnFlag(db: Db, actor: Actor, schoolId: string, input: ControlRemarkCreate, now: Date): Promise<ControlRemark & { flagKey: string }> {
  const target = await resolveTarget(db, schoolId, input);
  const board = await complianceFlags(db, schoolId, { from: target.from, to: target.to }, now);
  const key = flagKey({ kind: input.kind, ...target });
  if (!board.byTeacher.some((g) => g.flags.some((f) => f.key === key))) throw noSuchFlag();
  return insertRemark(db, actor, schoolId, input.kind, target, input.text, now);
}
