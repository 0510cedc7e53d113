import type { z } from 'zod';
import type { ControlFigures, LessonFigures, MunicipalSummary, SchoolControlFigures } from '../../../shared/contract/oversight.ts';
import type { ZTimesheet } from '../../../shared/contract/timetable.ts';
import { fullName } from '../../../shared/domain/person.ts';
import { type Cell, type ExportTable, ruDate, type TableReport } from './tableExport.ts';

// The words of the screens (src/web/features/reports/locales/ru.json), in Russian, for the files.

export const TIMESHEET_TITLE = 'Табель учёта проведённых уроков';
export const TIMESHEET_HEADERS = ['Учитель', 'Проведено по расписанию', 'Проведено заменой', 'Заменён другим учителем', 'Отменено', 'Всего проведено'];

/** The табель: a line per teacher and the total. */
export function timesheetReport(sheet: z.infer<typeof ZTimesheet>, schoolName: string, footer: string): TableReport {
  const rows: ExportTable['rows'] = sheet.items.map((i) => ({ cells: [fullName(i), i.given, i.asSubstitute, i.substituted, i.cancelled, i.given + i.asSubstitute] }));
  const sum = (pick: (i: (typeof sheet.items)[number]) => number) => sheet.items.reduce((n, i) => n + pick(i), 0);
  if (sheet.items.length > 1) {
    rows.push({ cells: ['Итого', sum((i) => i.given), sum((i) => i.asSubstitute), sum((i) => i.substituted), sum((i) => i.cancelled), sum((i) => i.given + i.asSubstitute)], bold: true });
  }
  return {
    title: TIMESHEET_TITLE,
    subtitle: [schoolName, `${ruDate(sheet.from)} — ${ruDate(sheet.to)}`],
    tables: [{ title: 'Табель', headers: TIMESHEET_HEADERS, rows, widths: ['*', 70, 70, 70, 60, 60] }],
    notes: [
      'Замена учитывается у обоих учителей: у заменявшего — «проведено заменой», у заменённого — «заменён другим учителем». Всего проведено = по расписанию + заменой. Уроки считаются по сегодняшний день.',
    ],
    footer,
  };
}

export const LESSON_HEADERS = ['Проведено уроков', 'С темой', '% с темой', 'С отметками', '% с отметками', 'С посещаемостью', '% с посещаемостью', 'С домашним заданием', '% с д/з'];
const lessonCells = (l: LessonFigures): Cell[] => [
  l.given, l.withTopic, l.topicPercent, l.withMarks, l.marksPercent, l.withAttendance, l.attendancePercent, l.withHomework, l.homeworkPercent,
];

/** The school's figures as lines «показатель — количество — из — %». */
function figureLines(f: SchoolControlFigures, weeks: number): { cells: Cell[] }[] {
  const line = (label: string, part: number, whole: number, percent: number | null) => ({ cells: [label, part, whole, percent] as Cell[] });
  return [
    line('Уроки с темой', f.lessons.withTopic, f.lessons.given, f.lessons.topicPercent),
    line('Уроки с отметками', f.lessons.withMarks, f.lessons.given, f.lessons.marksPercent),
    line('Уроки с отмеченной посещаемостью', f.lessons.withAttendance, f.lessons.given, f.lessons.attendancePercent),
    line('Уроки с домашним заданием', f.lessons.withHomework, f.lessons.given, f.lessons.homeworkPercent),
    line('Учителя, записавшие темы всех уроков', f.teachers.allTopics, f.teachers.active, f.teachers.allTopicsPercent),
    line('Учителя, отметившие посещаемость на всех уроках', f.teachers.allAttendance, f.teachers.active, f.teachers.allAttendancePercent),
    line(`Обучающиеся без отметок по предмету за ${weeks} нед.`, f.withoutMarks.withoutMarks, f.withoutMarks.students, f.withoutMarks.percent),
    line('Обучающиеся, открывавшие дневник за 7 дней', f.diary.students7, f.diary.students, f.diary.students7Percent),
    line('Обучающиеся, открывавшие дневник за 30 дней', f.diary.students30, f.diary.students, f.diary.students30Percent),
    line('Родители, открывавшие дневник за 7 дней', f.diary.guardians7, f.diary.guardians, f.diary.guardians7Percent),
    line('Родители, открывавшие дневник за 30 дней', f.diary.guardians30, f.diary.guardians, f.diary.guardians30Percent),
    line('Учётные записи активированы', f.usage.activated, f.usage.accounts, f.usage.activatedPercent),
    line('Входили в систему за 30 дней', f.usage.signedIn30, f.usage.accounts, f.usage.signedIn30Percent),
  ];
}
export const FIGURE_HEADERS = ['Показатель', 'Количество', 'Из', '%'];

const CONTROL_NOTES = (weeks: number) => [
  'Проведённые уроки — не отменённые, по сегодняшний день; урок заменявшего учителя считается у заменявшего. Посещаемость отмечена — учитель подтвердил перекличку или внёс отметку об отсутствии.',
  `Без отметок — обучающиеся, у которых были уроки предмета за последние ${weeks} нед. периода, но нет ни одной отметки по нему за это время. Открывали дневник — обучающиеся (зачисленные на последний день периода) и их родители, чья учётная запись была активна в эти дни.`,
];

export const CONTROL_TITLE = 'Контроль ведения журнала';

/** The control figures: the school's figures, then a line per teacher. */
export function controlFiguresExport(figures: ControlFigures, schoolName: string, footer: string): TableReport {
  const teachers: ExportTable = {
    title: 'По учителям',
    headers: ['Учитель', ...LESSON_HEADERS],
    rows: [
      ...figures.teachers.map((t) => ({ cells: [t.name, ...lessonCells(t.lessons)] })),
      { cells: ['Итого по школе', ...lessonCells(figures.school.lessons)], bold: true },
    ],
  };
  return {
    title: CONTROL_TITLE,
    subtitle: [schoolName, `${ruDate(figures.from)} — ${ruDate(figures.to)}`],
    tables: [{ title: 'По школе', headers: FIGURE_HEADERS, rows: figureLines(figures.school, figures.weeks), widths: ['*', 70, 70, 60] }, teachers],
    notes: CONTROL_NOTES(figures.weeks),
    footer,
    landscape: true,
  };
}

export const SUMMARY_TITLE = 'Сводный отчёт муниципалитета';
/** The summary's two tables per school: results with attendance, and journal keeping (percentages). */
export const SUMMARY_HEADERS = ['Школа', 'Обучающихся', 'Аттестовано', '% успев.', '% кач.', 'СОУ', 'Пропущено уроков', 'б', 'у', 'н', '% пропусков', 'Опозданий'];
export const SUMMARY_CONTROL_HEADERS = ['Школа', '% уроков с темой', '% с отметками', '% с посещаемостью', '% с д/з', '% без отметок', '% обучающихся в дневнике (30 дн.)', '% родителей в дневнике (30 дн.)'];

/** The municipal summary: per school and the municipality's total — counts and percentages only. */
export function municipalSummaryExport(summary: MunicipalSummary, footer: string): TableReport {
  type Line = Omit<MunicipalSummary['schools'][number], 'schoolId' | 'name' | 'periods'>;
  const results = (label: string, l: Line): Cell[] => [
    label, l.students, l.results.assessed, l.results.progressPercent, l.results.qualityPercent, l.results.sou,
    l.attendance.missed, l.attendance.ill, l.attendance.excused, l.attendance.absent, l.attendance.missedPercent, l.attendance.late,
  ];
  const control = (label: string, l: Line): Cell[] => [
    label, l.control.lessons.topicPercent, l.control.lessons.marksPercent, l.control.lessons.attendancePercent, l.control.lessons.homeworkPercent,
    l.control.withoutMarks.percent, l.control.diary.students30Percent, l.control.diary.guardians30Percent,
  ];
  const lines = (cells: (label: string, l: Line) => Cell[]) => [
    ...summary.schools.map((s) => ({ cells: cells(s.name, s) })), { cells: cells('Итого по муниципалитету', summary.total), bold: true },
  ];
  return {
    title: SUMMARY_TITLE,
    subtitle: [summary.municipality.name, `${ruDate(summary.from)} — ${ruDate(summary.to)}`],
    tables: [
      { title: 'Итоги и посещаемость', headers: SUMMARY_HEADERS, rows: lines(results), widths: ['*', ...SUMMARY_HEADERS.slice(1).map(() => 52)] },
      { title: 'Ведение журнала', headers: SUMMARY_CONTROL_HEADERS, rows: lines(control), widths: ['*', ...SUMMARY_CONTROL_HEADERS.slice(1).map(() => 62)] },
      { title: 'Показатели ведения журнала', headers: FIGURE_HEADERS, rows: figureLines(summary.total.control, summary.weeks), widths: ['*', 70, 70, 60] },
    ],
    notes: [
      'Итоги — по итоговым отметкам последнего периода каждой школы (по каждой ступени), закончившегося в эти даты: '
        + summary.schools.map((s) => `${s.name}: ${s.periods.join(', ') || 'нет'}`).join('; ') + '.',
      '% успеваемости = (аттестовано − неуспевающие − не аттестованы) ÷ аттестовано × 100; % качества = (отличники + хорошисты) ÷ аттестовано × 100; СОУ — по всем отметкам.',
      'Пропуски: б — по болезни, у — по уважительной причине, н — без уважительной причины; % пропусков — от уроков, на которых обучающиеся должны были быть. Без персональных данных: только количества и проценты.',
      ...CONTROL_NOTES(summary.weeks),
    ],
    footer,
    landscape: true,
  };
}
