import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { AttendanceReport, AttendanceWeek, SchoolAttendance } from '../../../shared/contract/attendanceReports.ts';
import { missedPercent } from '../../../shared/domain/attendance.ts';
import type { ExportMeta } from './periodResultsExport.ts';
import { footerText, pageFooter, percentText, ruDate, TABLE_LAYOUT } from './exportMeta.ts';
import { streamPdf } from './pdf.ts';
import { safeText, streamXlsx, type XlsxWorkbook } from './xlsx.ts';

// Посещаемость as a file, a class with its students or the school by class: the words of the screen
// (src/web/features/reports/locales/ru.json), in Russian.

export const ATTENDANCE_TITLE = 'Посещаемость';
export const ATTENDANCE_SHEET = 'Посещаемость';
export const ATTENDANCE_WEEKS_SHEET = 'По неделям';
const FIGURES = [
  ['lessons', 'Уроков'], ['absent', 'н'], ['ill', 'б'], ['excused', 'у'], ['missedLessons', 'Пропущено уроков'], ['late', 'оп'], ['fullDays', 'Дней целиком'],
] as const;
export const CLASS_HEADERS = ['Обучающийся', ...FIGURES.map(([, label]) => label), '% пропусков'];
export const SCHOOL_HEADERS = ['Класс', 'Обучающихся', ...FIGURES.map(([, label]) => label), '% пропусков'];
export const WEEKS_HEADING = 'Пропуски по неделям';
export const WEEK_HEADERS = ['Неделя с', 'н', 'б', 'у', 'Пропущено уроков', 'оп'];
const LEGEND = 'Уроков — уроков обучающегося за эти даты (отменённые не считаются); н — без уважительной причины, б — по болезни, у — по уважительной причине; оп — опоздания (урок не пропущен); дней целиком — дни, когда пропущены все его уроки; % пропусков — пропущенные уроки (н + б + у) от всех его уроков.';
const SCHOOL_NOTE = 'Обучающихся — в классе в любой из этих дней; в итоге обучающийся, сменивший класс, считается один раз.';

type Totals = Record<(typeof FIGURES)[number][0], number>;
type Line = { cells: (string | number)[]; totals: Totals; percent: number | null; total: boolean };

/** The file's words and lines: a class with its students, or the school by class. */
export type AttendanceSheet = { subtitle: string; headers: string[]; lines: Line[]; weeks: AttendanceWeek[]; notes: string[]; fileTitle: string };

const range = (from: string, to: string) => `${ruDate(from)} – ${ruDate(to)}`;

export function classSheet(report: AttendanceReport): AttendanceSheet {
  return {
    subtitle: `Класс ${report.class.name}, ${range(report.from, report.to)}`,
    fileTitle: `${ATTENDANCE_TITLE} — ${report.class.name}`,
    headers: CLASS_HEADERS,
    lines: [
      ...report.students.map((s) => ({ cells: [s.left ? `${s.name} (выбыл)` : s.name], totals: s, percent: missedPercent(s), total: false })),
      { cells: ['Итого'], totals: report.total, percent: missedPercent(report.total), total: true },
    ],
    weeks: report.weeks,
    notes: [LEGEND],
  };
}

export function schoolSheet(report: SchoolAttendance): AttendanceSheet {
  return {
    subtitle: `${report.reach === 'school' ? 'Школа по классам' : 'Классы'}, ${range(report.from, report.to)}`,
    fileTitle: `${ATTENDANCE_TITLE} — ${report.reach === 'school' ? 'школа' : 'классы'}`,
    headers: SCHOOL_HEADERS,
    lines: [
      ...report.classes.map((c) => ({ cells: [c.name, c.students], totals: c, percent: c.missedPercent, total: false })),
      { cells: [report.reach === 'school' ? 'Итого по школе' : 'Итого', report.total.students], totals: report.total, percent: report.total.missedPercent, total: true },
    ],
    weeks: report.weeks,
    notes: [LEGEND, SCHOOL_NOTE],
  };
}

function addWeeksSheet(workbook: XlsxWorkbook, weeks: readonly AttendanceWeek[]) {
  const sheet = workbook.addWorksheet(ATTENDANCE_WEEKS_SHEET);
  sheet.columns = WEEK_HEADERS.map((_, i) => ({ width: i === 0 ? 14 : 12 }));
  sheet.addRow(WEEK_HEADERS).font = { bold: true };
  for (const w of weeks) sheet.addRow([ruDate(w.week), w.absent, w.ill, w.excused, w.missedLessons, w.late]).commit();
  sheet.commit();
}

/** The XLSX: the table (numbers as numbers) with the title lines and the notes; a second sheet of the weeks. */
export function attendanceXlsx(data: AttendanceSheet, meta: ExportMeta) {
  return streamXlsx((workbook) => {
    const sheet = workbook.addWorksheet(ATTENDANCE_SHEET, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    sheet.columns = data.headers.map((_, i) => ({ width: i === 0 ? 34 : 12 }));
    sheet.addRow([ATTENDANCE_TITLE]).font = { bold: true, size: 14 };
    sheet.addRow([safeText(meta.schoolName)]);
    sheet.addRow([safeText(data.subtitle)]);
    sheet.addRow([]);
    const header = sheet.addRow(data.headers);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    for (const line of data.lines) {
      const row = sheet.addRow([
        ...line.cells.map((c) => (typeof c === 'string' ? safeText(c) : c)), ...FIGURES.map(([key]) => line.totals[key]), line.percent ?? '—',
      ]);
      row.getCell(line.cells.length + FIGURES.length + 1).numFmt = '0.0';
      if (line.total) row.font = { bold: true };
      row.commit();
    }
    sheet.addRow([]);
    for (const note of data.notes) sheet.addRow([note]).font = { size: 9 };
    sheet.addRow([safeText(footerText(meta))]).font = { size: 9, italic: true };
    sheet.commit();
    addWeeksSheet(workbook, data.weeks);
  }, { creator: 'Klassny', title: `${data.fileTitle}: ${data.subtitle}` });
}

/** The PDF: A4 landscape, the header row repeated on every page, the notes, the weeks' table, who and when in the footer. */
export function attendancePdf(data: AttendanceSheet, meta: ExportMeta, options: { compress: boolean }) {
  const first = data.headers.length - FIGURES.length - 1;
  const head: TableCell[] = data.headers.map((text, i) => ({ text, bold: true, fontSize: 7.5, alignment: i === 0 ? 'left' : 'center', fillColor: '#eeeeee' }));
  const body: TableCell[][] = [head, ...data.lines.map((line): TableCell[] => {
    const fill = line.total ? { fillColor: '#f5f5f5' } : {};
    const cell = (text: string | number, alignment: 'left' | 'right' = 'right'): TableCell => ({ text: String(text), alignment, bold: line.total, ...fill });
    return [
      ...line.cells.map((c, i) => cell(c, i === 0 ? 'left' : 'right')), ...FIGURES.map(([key]) => cell(line.totals[key])), cell(percentText(line.percent)),
    ];
  })];
  // The heading is the table's first header row: never left alone at the foot of a page, repeated on each.
  const weeksBody: TableCell[][] = [
    [{ text: WEEKS_HEADING, colSpan: WEEK_HEADERS.length, fontSize: 11, bold: true, border: [false, false, false, true], margin: [0, 12, 0, 4] }, ...WEEK_HEADERS.slice(1).map((): TableCell => ({}))],
    WEEK_HEADERS.map((text, i): TableCell => ({ text, bold: true, fontSize: 7.5, alignment: i === 0 ? 'left' : 'center', fillColor: '#eeeeee' })),
    ...data.weeks.map((w): TableCell[] => [ruDate(w.week), ...[w.absent, w.ill, w.excused, w.missedLessons, w.late].map((n): TableCell => ({ text: String(n), alignment: 'right' }))]),
  ];
  const content: Content[] = [
    { text: ATTENDANCE_TITLE, fontSize: 15, bold: true },
    { text: meta.schoolName, fontSize: 10, margin: [0, 2, 0, 0] },
    { text: data.subtitle, fontSize: 10, bold: true, margin: [0, 2, 0, 8] },
    {
      table: { headerRows: 1, dontBreakRows: true, widths: ['*', ...Array.from({ length: data.headers.length - 1 }, (_, i) => (i < first - 1 ? 60 : 52))], body },
      layout: TABLE_LAYOUT,
      fontSize: 8.5,
    },
    ...data.notes.map((text): Content => ({ text, fontSize: 7.5, color: '#333333', margin: [0, 5, 0, 0] })),
    { table: { headerRows: 2, keepWithHeaderRows: 1, dontBreakRows: true, widths: [80, 50, 50, 50, 80, 50], body: weeksBody }, layout: { ...TABLE_LAYOUT, hLineWidth: (i: number) => (i === 0 ? 0 : 0.5) }, fontSize: 8.5 },
  ];
  const doc: TDocumentDefinitions = {
    compress: options.compress,
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [32, 28, 32, 36],
    info: { title: `${data.fileTitle}: ${data.subtitle}`, ...(meta.generatedBy ? { author: meta.generatedBy } : {}), creator: 'Klassny' },
    content,
    footer: pageFooter(meta),
  };
  return streamPdf(doc);
}
