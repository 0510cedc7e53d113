import { sql } from 'drizzle-orm';
import type { SchoolKind } from '../../../shared/contract/enums.ts';
import type { JournalPagesQuery } from '../../../shared/contract/reports.ts';
import { attendanceLetter } from '../../../shared/domain/attendance.ts';
import { fullName, shortName } from '../../../shared/domain/person.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { uuidArray } from '../../db/prepared.ts';
import { badRequest } from '../../errors.ts';
import { groupStaysBetweenSql } from '../../roster/groupStays.ts';
import { type GroupTeaching, groupTeachingSql } from '../../roster/teaching.ts';
import { classDisplayName } from '../structure/rules.ts';
import { attachment } from './download.ts';
import { journalPagesPdf } from './journalPagesPdf.ts';

// Journal pages for certification (seed 001 §6.3): a group's journal of one subject over any range
// of dates, printed as the paper journal laid it out — the left page students × lessons with marks
// and н/б/у/оп, the right page the same lessons with topic and homework — and a footer on every page
// naming the school, group, subject, teacher, who printed it and when, the page, and the school's
// audit-chain head at print time (so a printout can be matched against the record later).

type Person = { lastName: string; firstName: string; middleName: string | null };
type FrameLesson = { id: string; date: string; lessonNumber: number; topic: string | null; homework: { text: string; pages: string; tasks: string; individual: boolean }[] };
type FrameStay = Person & { studentId: string; startsOn: string; endsOn: string | null };
type FrameRow = {
  school_name: string; school_kind: string; time_zone: string; chain_seq: number | string | null; chain_hash: string | null;
  printed_by: string | null;
  group_id: string | null; group_name: string | null; group_kind: string | null; grade: number | null; letter: string | null;
  subject_id: string | null; subject_name: string | null;
  teachers: Person[]; teaching: GroupTeaching;
  lessons: FrameLesson[]; attendance: { lessonId: string; studentId: string; code: string }[]; roster: FrameStay[];
};
type MarkRow = { lesson_id: string; student_id: string; value: string; weight: number | string };

/**
 * Everything but the marks in one statement: the school (its zone and audit-chain head), the
 * printer's name (his account's, else his staff record's), the group and its class, the subject, its
 * assigned teachers, whether the caller teaches the group (the fact the journal's read rule takes),
 * the lessons from–to (not cancelled) with their homework, their attendance codes, and the roster.
 */
const readFrame = (db: Db, schoolId: string, q: JournalPagesQuery, userId: string, staffIds: string[]) => {
  const staff = sql`${uuidArray(staffIds)}::uuid[]`;
  const school = sql`${schoolId}::uuid`;
  const group = sql`${q.groupId}::uuid`;
  const subject = sql`${q.subjectId}::uuid`;
  const from = sql`${q.from}::date`;
  const to = sql`${q.to}::date`;
  const lessonsOfPage = sql`l.school_id = ${school} and l.group_id = ${group} and l.subject_id = ${subject}
    and l.date between ${from} and ${to} and l.status <> 'cancelled'`;
  return queryRows<FrameRow>(db, sql`
    select s.name as school_name, s.kind as school_kind, s.time_zone, h.last_seq as chain_seq, h.last_hash as chain_hash,
      coalesce((select u.display_name from users u where u.id = ${userId}::uuid),
        (select concat_ws(' ', st.last_name, st.first_name, nullif(st.middle_name, '')) from staff st
          where st.school_id = ${school} and st.id = any(${staff}) order by st.id limit 1)) as printed_by,
      g.id as group_id, g.name as group_name, g.kind as group_kind, c.grade, c.letter,
      sub.id as subject_id, sub.name as subject_name,
      coalesce((select json_agg(json_build_object('lastName', st.last_name, 'firstName', st.first_name, 'middleName', st.middle_name)
          order by st.last_name, st.first_name)
        from staff st where st.school_id = ${school} and st.id in (
          select a.staff_id from assignments a where a.school_id = ${school} and a.group_id = ${group} and a.subject_id = ${subject})), '[]'::json) as teachers,
      ${groupTeachingSql({ schoolId: school, groupId: group }, staff)} as teaching,
      coalesce((select json_agg(json_build_object('id', l.id, 'date', l.date, 'lessonNumber', l.lesson_number, 'topic', l.topic,
          'homework', coalesce((select json_agg(json_build_object('text', hw.text, 'pages', hw.pages, 'tasks', hw.tasks, 'individual', hw.individual)
            order by hw.created_at, hw.id) from homework hw where hw.school_id = l.school_id and hw.lesson_id = l.id and not hw.deleted), '[]'::json))
          order by l.date, l.lesson_number, l.id)
        from lessons l where ${lessonsOfPage}), '[]'::json) as lessons,
      coalesce((select json_agg(json_build_object('lessonId', a.lesson_id, 'studentId', a.student_id, 'code', a.code))
        from attendance a join lessons l on l.school_id = a.school_id and l.id = a.lesson_id
        where ${lessonsOfPage} and a.code is not null), '[]'::json) as attendance,
      coalesce((select json_agg(json_build_object('studentId', stay.student_id, 'startsOn', stay.starts_on, 'endsOn', stay.ends_on,
          'lastName', p.last_name, 'firstName', p.first_name, 'middleName', p.middle_name) order by stay.student_id, stay.starts_on)
        from (${groupStaysBetweenSql(schoolId, q.groupId, q.from, q.to)}) stay (student_id, starts_on, ends_on)
        join students p on p.school_id = ${school} and p.id = stay.student_id), '[]'::json) as roster
    from schools s
    left join audit_chain_heads h on h.school_id = s.id
    left join teaching_groups g on g.school_id = s.id and g.id = ${group}
    left join classes c on c.school_id = s.id and c.id = g.class_id
    left join subjects sub on sub.school_id = s.id and sub.id = ${subject}
    where s.id = ${school}`);
};

/** The current marks (not deleted) of the lessons from–to, in the order they were given: one statement. */
const readMarks = (db: Db, schoolId: string, q: JournalPagesQuery) => queryRows<MarkRow>(db, sql`
  select m.lesson_id, m.student_id, m.value, m.weight
  from marks m join lessons l on l.school_id = m.school_id and l.id = m.lesson_id
  where m.school_id = ${schoolId}::uuid and not m.deleted and l.group_id = ${q.groupId}::uuid and l.subject_id = ${q.subjectId}::uuid
    and l.date between ${q.from}::date and ${q.to}::date and l.status <> 'cancelled'
  order by m.created_at, m.id`);

/** A student's line: his number, name and the stays that bound which cells are his. */
export type JournalStudent = { id: string; name: string; shortName: string; stays: { startsOn: string; endsOn: string | null }[] };
export type JournalLesson = { id: string; date: string; lessonNumber: number; topic: string; homework: string };
export type JournalPages = {
  schoolName: string;
  /** «5А», or a subgroup's name with its class: «5А англ. 1 (5А)». */
  groupName: string;
  subjectName: string;
  teachers: string[];
  from: string;
  to: string;
  printedBy: string | null;
  /** «07.12.2026, 09:15» in the school's time zone. */
  printedAt: string;
  /** The school's audit chain at print time: the last entry's number and hash (0 and none before the first). */
  chainHead: { seq: number; hash: string | null };
  students: JournalStudent[];
  lessons: JournalLesson[];
  /** Per `lessonId|studentId`: the marks (value and weight) in the order given, and the attendance letter. */
  cells: Map<string, { marks: { value: string; weight: number }[]; code: string | null }>;
};

/**
 * The journal pages' data in two statements side by side (the frame above and the marks), whatever
 * the number of lessons and students. `authorize` gets the roster fact of the frame before anything
 * about the group is told (as the journal grid does); the rows read for a refused caller are dropped unseen.
 */
export async function journalPages(
  db: Db, now: Date, schoolId: string, query: JournalPagesQuery, caller: { userId: string; staffIds: string[] },
  authorize: (teaching: GroupTeaching) => Promise<void>,
): Promise<JournalPages> {
  const [[frame], marks] = await Promise.all([readFrame(db, schoolId, query, caller.userId, caller.staffIds), readMarks(db, schoolId, query)]);
  if (!frame) throw badRequest('school.not_found', 'Школа не найдена');
  await authorize(frame.teaching);
  if (!frame.group_id) throw badRequest('teaching_group.not_found', 'Группа не найдена', { groupId: 'Группа не найдена' });
  if (!frame.subject_id) throw badRequest('subject.not_found', 'Предмет не найден', { subjectId: 'Предмет не найден' });
  const kind = frame.school_kind as SchoolKind;
  const className = frame.grade !== null && frame.letter !== null ? classDisplayName(kind, frame.grade, frame.letter) : null;
  const groupName = frame.group_kind === 'class' && className ? className
    : className && !frame.group_name!.includes(className) ? `${frame.group_name} (${className})` : frame.group_name!;

  const byStudent = new Map<string, JournalStudent>();
  for (const stay of frame.roster) {
    const student = byStudent.get(stay.studentId) ?? { id: stay.studentId, name: fullName(stay), shortName: shortName(stay), stays: [] };
    student.stays.push({ startsOn: stay.startsOn, endsOn: stay.endsOn });
    byStudent.set(stay.studentId, student);
  }
  const students = [...byStudent.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id));
  const cells: JournalPages['cells'] = new Map();
  const cell = (key: string) => {
    const found = cells.get(key);
    if (found) return found;
    const made = { marks: [] as { value: string; weight: number }[], code: null as string | null };
    cells.set(key, made);
    return made;
  };
  for (const a of frame.attendance) cell(`${a.lessonId}|${a.studentId}`).code = attendanceLetter(a.code);
  for (const m of marks) cell(`${m.lesson_id}|${m.student_id}`).marks.push({ value: m.value, weight: Number(m.weight) });
  return {
    schoolName: frame.school_name,
    groupName,
    subjectName: frame.subject_name!,
    teachers: frame.teachers.map((t) => fullName(t)),
    from: query.from,
    to: query.to,
    printedBy: frame.printed_by,
    printedAt: new Intl.DateTimeFormat('ru-RU', {
      timeZone: frame.time_zone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
    }).format(now),
    chainHead: { seq: Number(frame.chain_seq ?? 0), hash: frame.chain_hash },
    students,
    lessons: frame.lessons.map((l) => ({
      id: l.id, date: l.date, lessonNumber: l.lessonNumber, topic: l.topic ?? '',
      // Pages and tasks as the teacher wrote them («с. 45–47», «№ 12, 14а»).
      homework: l.homework.map((h) => [h.text, h.pages, h.tasks].map((part) => part.trim())
        .filter((part) => part !== '').join(', ') + (h.individual ? ' (индивидуально)' : '')).join('; '),
    })),
    cells,
  };
}

export async function journalPagesFile(
  db: Db, now: Date, schoolId: string, query: JournalPagesQuery, caller: { userId: string; staffIds: string[] },
  authorize: (teaching: GroupTeaching) => Promise<void>, options: { compress: boolean },
) {
  const data = await journalPages(db, now, schoolId, query, caller, authorize);
  return {
    contentType: 'application/pdf',
    disposition: attachment(`Журнал — ${data.groupName} — ${data.subjectName} — ${data.from}—${data.to}.pdf`, `journal-${data.from}-${data.to}.pdf`),
    stream: journalPagesPdf(data, options),
  };
}
