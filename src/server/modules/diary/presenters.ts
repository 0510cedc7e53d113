import type {
  DiaryDay, DiaryHomework, DiaryLesson, DiaryMark, DiaryWeek,
} from '../../../shared/contract/diary.ts';
import type { AttendanceCode, LessonStatus, MarkScale } from '../../../shared/contract/enums.ts';
import { addDays } from '../../../shared/domain/calendar.ts';
import { shortName } from '../../../shared/domain/person.ts';
import type { StudentHomework, StudentMark, WeekLesson } from './weekQueries.ts';

type Attendance = { lessonId: string; code: string | null; reason: string };

/** Where the web downloads a homework file (the homework module serves it, behind the same policy). */
export const attachmentUrl = (schoolId: string, homeworkId: string, attachmentId: string) =>
  `/api/v1/schools/${schoolId}/homework/${homeworkId}/attachments/${attachmentId}`;

const hhmm = (time: string | null) => (time === null ? null : time.slice(0, 5));

const groupBy = <T, K>(rows: readonly T[], key: (row: T) => K) => {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
};

export const presentMark = (m: StudentMark): DiaryMark => ({
  id: m.id,
  lessonId: m.lessonId,
  value: m.value,
  scale: m.scale as MarkScale,
  workType: { id: m.workTypeId, name: m.workTypeName },
  weight: m.weight,
  comment: m.comment,
  date: m.date,
  at: m.createdAt.toISOString(),
});

/**
 * The week as the diary shows it: Monday to Saturday, each lesson with its marks, attendance and
 * homework. Homework due on a day that names no lesson goes to the first lesson of its group and
 * subject that day, else to the day itself.
 */
export function presentWeek(input: {
  schoolId: string;
  studentId: string;
  from: string;
  lessons: WeekLesson[];
  marks: StudentMark[];
  attendance: Attendance[];
  homework: StudentHomework[];
  /** Lessons with a record under review after a compromised login (seed 003, 4.4). */
  underReview?: ReadonlySet<string>;
}): DiaryWeek {
  const homework = input.homework.map((h): DiaryHomework & { groupId: string; subjectId: string } => ({
    id: h.id,
    lessonId: h.lessonId,
    dueLessonId: h.dueLessonId,
    dueDate: h.dueDate,
    subjectName: h.subjectName,
    text: h.text,
    pages: h.pages,
    tasks: h.tasks,
    expectedMinutes: h.expectedMinutes,
    individual: h.individual,
    attachments: h.files.map((a) => ({ id: a.id, fileName: a.fileName, size: a.size, url: attachmentUrl(input.schoolId, h.id, a.id) })),
    groupId: h.groupId,
    subjectId: h.subjectId,
  }));
  const strip = ({ groupId: _g, subjectId: _s, ...rest }: (typeof homework)[number]): DiaryHomework => rest;
  const lessonIds = new Set(input.lessons.map((l) => l.id));
  const dueIn = new Map<string, typeof homework>();
  const dueOnDay = new Map<string, typeof homework>();
  for (const h of homework) {
    const target = h.dueLessonId !== null && lessonIds.has(h.dueLessonId)
      ? h.dueLessonId
      : h.dueLessonId === null
        ? input.lessons.find((l) => l.date === h.dueDate && l.groupId === h.groupId && l.subjectId === h.subjectId)?.id
        : undefined;
    const [map, key] = target ? [dueIn, target] : [dueOnDay, h.dueDate];
    map.set(key, [...(map.get(key) ?? []), h]);
  }
  const setIn = groupBy(homework, (h) => h.lessonId);
  const marks = groupBy(input.marks, (m) => m.lessonId);
  const attendance = new Map(input.attendance.map((a) => [a.lessonId, a]));
  const byDay = groupBy(input.lessons, (l) => l.date);

  const lesson = (l: WeekLesson): DiaryLesson => {
    const seen = attendance.get(l.id);
    return {
      id: l.id,
      date: l.date,
      lessonNumber: l.lessonNumber,
      startsAt: hhmm(l.startsAt),
      endsAt: hhmm(l.endsAt),
      subject: { id: l.subjectId, name: l.subjectName },
      teacher: shortName(l.substitute?.lastName ? l.substitute : l.teacher),
      substituted: !!l.substitute?.lastName,
      status: l.status as LessonStatus,
      originalDate: l.originalDate,
      topic: l.topic,
      homeworkDue: (dueIn.get(l.id) ?? []).map(strip),
      homeworkSet: (setIn.get(l.id) ?? []).map(strip),
      marks: (marks.get(l.id) ?? []).map(presentMark),
      attendance: seen?.code ? { code: seen.code as AttendanceCode, reason: seen.reason } : null,
      underReview: input.underReview?.has(l.id) ?? false,
    };
  };
  const days: DiaryDay[] = [0, 1, 2, 3, 4, 5].map((offset) => {
    const date = addDays(input.from, offset);
    return { date, lessons: (byDay.get(date) ?? []).map(lesson), homeworkDue: (dueOnDay.get(date) ?? []).map(strip) };
  });
  return { studentId: input.studentId, from: input.from, to: addDays(input.from, 5), days };
}
