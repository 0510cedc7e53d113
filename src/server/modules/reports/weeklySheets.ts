import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { SchoolKind } from '../../../shared/contract/enums.ts';
import { attendanceLetter } from '../../../shared/domain/attendance.ts';
import type { WeeklySheetsQuery } from '../../../shared/contract/reports.ts';
import { addDays, weekday } from '../../../shared/domain/calendar.ts';
import { fullName } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { badRequest, referenced } from '../../errors.ts';
import { classStaysBetween } from '../../roster/classStays.ts';
import { groupStaysOfStudents } from '../../roster/groupStays.ts';
import { getSchool } from '../organisation/service.ts';
import { studentsByIds } from '../people/service.ts';
import { classDisplayName } from '../structure/rules.ts';
import { getClass, subjectNames } from '../structure/service.ts';
import { attachment } from './download.ts';
import { streamPdf } from './pdf.ts';
import { homeworkOfGroups, lessonsWithAbsences, marksOfStudents, periodMarksInRange, yearOf } from './queries.ts';

// The parents' weekly sheet (seed 001 §4.3.6): for a family without internet, half an A4 page per
// student — the week's marks with their work type, absences, homework, the teachers' comments, the
// period marks set in the week's period, and lines for the class teacher's and the guardian's signatures.

type Stay = { startsOn: string; endsOn: string | null };
const covers = (stay: Stay, date: string) => stay.startsOn <= date && (stay.endsOn === null || stay.endsOn >= date);

/** One line of a sheet: a subject on a day, with what happened there. */
export type SheetLine = { date: string; subject: string; marks: { value: string; workType: string }[]; absences: string[]; homework: string[] };
export type WeeklySheet = {
  studentName: string;
  lines: SheetLine[];
  comments: { date: string; subject: string; text: string }[];
  periodMarks: { period: string; subject: string; value: string }[];
};
export type WeeklySheets = { schoolName: string; className: string; from: string; to: string; sheets: WeeklySheet[] };

/**
 * The sheets of a class's students (all, or `studentIds`) for the week from its Monday, Monday to
 * Saturday: a fixed number of statements whatever the number of students (class and group stays;
 * lessons with absences, marks, homework and period marks side by side; the names).
 */
export async function weeklySheets(db: Db, schoolId: string, query: WeeklySheetsQuery): Promise<WeeklySheets> {
  const klass = await referenced(getClass(db, schoolId, query.classId), 'classId');
  const from = query.week;
  const to = addDays(from, 5);
  const [school, year] = await Promise.all([getSchool(db, schoolId), yearOf(db, schoolId, klass.academicYearId)]);
  if (!year || to < year.starts_on || from > year.ends_on) {
    throw badRequest('week.out_of_year', 'Неделя вне учебного года класса', { week: 'Неделя вне учебного года класса' });
  }
  const stays = await classStaysBetween(db, schoolId, klass.id, from, to);
  const inClass = [...new Set(stays.map((s) => s.studentId))];
  const wanted = query.studentIds ?? inClass;
  if (wanted.some((id) => !inClass.includes(id))) {
    throw badRequest('student.not_in_class', 'Обучающийся не учился в классе в эту неделю', { studentIds: 'Обучающийся не учился в классе в эту неделю' });
  }
  const groupStays = await groupStaysOfStudents(db, schoolId, wanted, { from, to });
  const groupIds = [...new Set(groupStays.map((g) => g.groupId))];
  const [students, lessons, marks, homework, periodMarks] = await Promise.all([
    studentsByIds(db, schoolId, wanted),
    lessonsWithAbsences(db, { schoolId, groupIds, studentIds: wanted, from, to }),
    marksOfStudents(db, { schoolId, studentIds: wanted, from, to }),
    homeworkOfGroups(db, { schoolId, groupIds, from, to }),
    periodMarksInRange(db, { schoolId, academicYearId: klass.academicYearId, grade: klass.grade, studentIds: wanted, from, to }),
  ]);
  const names = await subjectNames(db, schoolId, [...new Set(lessons.map((l) => l.subject_id))]);
  const held = new Map<string, { groupId: string; subjectId: string; lessonNumber: number; date: string }>();
  const codes = new Map<string, string>();
  for (const l of lessons) {
    held.set(l.lesson_id, { groupId: l.group_id, subjectId: l.subject_id, lessonNumber: l.lesson_number, date: l.date });
    if (l.student_id !== null && l.code !== null) codes.set(`${l.lesson_id}|${l.student_id}`, l.code);
  }
  const ordered = [...held].sort(([, a], [, b]) => a.date.localeCompare(b.date) || a.lessonNumber - b.lessonNumber);

  const sheets = students.map((s): WeeklySheet => {
    const mine = groupStays.filter((g) => g.studentId === s.id);
    const own = ordered.filter(([, l]) => mine.some((g) => g.groupId === l.groupId && covers(g, l.date)));
    const byDaySubject = new Map<string, SheetLine>();
    const comments: WeeklySheet['comments'] = [];
    for (const [lessonId, l] of own) {
      const subject = names.get(l.subjectId) ?? '';
      const key = `${l.date}|${l.subjectId}`;
      const line = byDaySubject.get(key) ?? { date: l.date, subject, marks: [], absences: [], homework: [] };
      for (const m of marks.filter((m) => m.student_id === s.id && m.lesson_id === lessonId)) {
        line.marks.push({ value: m.value, workType: m.work_type });
        if (m.comment) comments.push({ date: l.date, subject, text: m.comment });
      }
      const code = codes.get(`${lessonId}|${s.id}`);
      if (code) line.absences.push(attendanceLetter(code));
      for (const h of homework.filter((h) => h.lesson_id === lessonId && (h.student_ids === null || h.student_ids.includes(s.id)))) {
        line.homework.push(h.due_date ? `${h.text} (к ${dayMonth(h.due_date)})` : h.text);
      }
      byDaySubject.set(key, line);
    }
    return {
      studentName: fullName(s),
      lines: [...byDaySubject.values()],
      comments,
      periodMarks: periodMarks.filter((p) => p.student_id === s.id).map((p) => ({ period: p.period, subject: p.subject, value: p.value })),
    };
  }).sort((a, b) => a.studentName.localeCompare(b.studentName, 'ru'));
  return { schoolName: school.name, className: classDisplayName(school.kind as SchoolKind, klass.grade, klass.letter), from, to, sheets };
}

const DAYS = ['Вс', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'];
const dayMonth = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;
const fullDate = (date: string) => `${dayMonth(date)}.${date.slice(0, 4)}`;
/** Half of A4 portrait (841.89 pt) less nothing: each sheet is laid out in this height. */
const HALF = 420.9;
const MARGIN = 28;
/** Where a sheet starts below its half's top edge (and the cut line). */
const INSET = 16;

/** Cut to `max` characters with an ellipsis: a row of the sheet keeps to one line. */
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
/** «Контрольная работа» → «Контр.»: the work type shortened when a subject's marks would not fit their column. */
const shortType = (type: string) => {
  const word = type.split(/\s+/)[0] ?? type;
  return word.length > 6 ? `${word.slice(0, 5)}.` : word;
};
const marksText = (marks: { value: string; workType: string }[]) => {
  const full = marks.map((m) => `${m.value} (${m.workType})`).join(', ');
  return full.length <= MARKS_CHARS ? full : cut(marks.map((m) => `${m.value} (${shortType(m.workType)})`).join(', '), MARKS_CHARS);
};
/** What one line of each column holds at the table's font size (Roboto 6 pt). */
const MARKS_CHARS = 40;
const HOMEWORK_CHARS = 104;
/** The most rows a half page holds; a longer week (rare: over six lessons a day) says how many lines are left out. */
const MAX_ROWS = 36;

/** One student's half page: the heading, the week's table (a line per day and subject), comments, period marks, the signature lines. */
function sheetContent(data: WeeklySheets, sheet: WeeklySheet): Content[] {
  const head: TableCell[] = ['День', 'Предмет', 'Отметки (вид работы)', 'Пропуск', 'Домашнее задание']
    .map((text) => ({ text, bold: true, fillColor: '#eeeeee' }));
  const rows: TableCell[][] = [];
  for (let d = 0; d < 6; d++) {
    const date = addDays(data.from, d);
    const lines = sheet.lines.filter((l) => l.date === date);
    const day = `${DAYS[weekday(date)]} ${dayMonth(date)}`;
    if (lines.length === 0) {
      rows.push([{ text: day, color: '#777777' }, { text: '—', color: '#777777', colSpan: 4 }, '', '', '']);
      continue;
    }
    lines.forEach((l, i) => rows.push([
      i === 0 ? { text: day, bold: true } : '',
      cut(l.subject, 22),
      marksText(l.marks),
      { text: l.absences.join(', '), alignment: 'center' },
      cut(l.homework.join('; '), HOMEWORK_CHARS),
    ]));
  }
  const left = rows.length - MAX_ROWS;
  const body: TableCell[][] = [head, ...(left > 0 ? rows.slice(0, MAX_ROWS - 1) : rows)];
  if (left > 0) body.push([{ text: `… ещё строк: ${left + 1} — в электронном дневнике`, colSpan: 5, italics: true }, '', '', '', '']);
  const content: Content[] = [
    { columns: [{ text: 'Недельный лист успеваемости', bold: true, fontSize: 11 }, { text: `${fullDate(data.from)} — ${fullDate(data.to)}`, alignment: 'right', fontSize: 9 }] },
    { text: `${data.schoolName} · ${data.className} класс`, fontSize: 8, margin: [0, 1, 0, 0] },
    { text: `Обучающийся: ${sheet.studentName}`, fontSize: 9.5, bold: true, margin: [0, 1, 0, 3] },
    {
      table: { headerRows: 1, dontBreakRows: true, widths: [30, 72, 122, 26, '*'], body },
      layout: {
        hLineWidth: () => 0.4, vLineWidth: () => 0.4, hLineColor: () => '#999999', vLineColor: () => '#999999',
        paddingTop: () => 0.5, paddingBottom: () => 0.5, paddingLeft: () => 2, paddingRight: () => 2,
      },
      fontSize: 6, lineHeight: 1,
    },
  ];
  if (sheet.comments.length > 0) {
    content.push({ text: cut(`Замечания учителей: ${sheet.comments.map((c) => `${dayMonth(c.date)}, ${c.subject}: ${c.text}`).join('; ')}`, 300), fontSize: 7, margin: [0, 3, 0, 0] });
  }
  if (sheet.periodMarks.length > 0) {
    const byPeriod = new Map<string, string[]>();
    for (const p of sheet.periodMarks) byPeriod.set(p.period, [...(byPeriod.get(p.period) ?? []), `${p.subject} — ${p.value}`]);
    for (const [period, items] of byPeriod) content.push({ text: `Отметки за ${period}: ${items.join('; ')}`, fontSize: 7, bold: true, margin: [0, 3, 0, 0] });
  }
  content.push({
    columns: [
      { text: 'Классный руководитель ______________________', fontSize: 8 },
      { text: 'Родитель (законный представитель) ______________________', fontSize: 8, alignment: 'right' },
    ],
    margin: [0, 8, 0, 0],
  });
  return content;
}

/**
 * The PDF: A4 portrait, two sheets a page, a dashed cut line between them. Each sheet is placed at
 * the top of its half (pdfmake's absolute position), so a page always holds two students.
 */
export function weeklySheetsPdf(data: WeeklySheets, options: { compress: boolean }) {
  const content: Content[] = [];
  if (data.sheets.length === 0) content.push({ text: 'В классе нет обучающихся в эту неделю', fontSize: 10 });
  data.sheets.forEach((sheet, i) => {
    const top = i % 2 === 0;
    if (top && i > 0) content.push({ text: '', pageBreak: 'before' });
    content.push({ stack: sheetContent(data, sheet), absolutePosition: { x: MARGIN, y: (top ? 0 : HALF) + INSET } });
    if (top && i + 1 < data.sheets.length) {
      content.push({
        canvas: [{ type: 'line', x1: 0, y1: HALF, x2: 595.28, y2: HALF, lineWidth: 0.5, dash: { length: 4 }, lineColor: '#888888' }],
        absolutePosition: { x: 0, y: 0 },
      });
    }
  });
  const doc: TDocumentDefinitions = {
    compress: options.compress,
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN, INSET, MARGIN, INSET],
    info: { title: `Недельный лист: ${data.className}, ${fullDate(data.from)}`, creator: 'Klassny' },
    content,
  };
  return streamPdf(doc);
}

/** The sheets as a PDF file: everything that can refuse is read before the first byte. */
export async function weeklySheetsFile(db: Db, schoolId: string, query: WeeklySheetsQuery, options: { compress: boolean }) {
  const data = await weeklySheets(db, schoolId, query);
  return {
    contentType: 'application/pdf',
    disposition: attachment(`Недельный лист — ${data.className} — ${data.from}.pdf`, `weekly-sheets-${data.from}.pdf`),
    stream: weeklySheetsPdf(data, options),
  };
}
