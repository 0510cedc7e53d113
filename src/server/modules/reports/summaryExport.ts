import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { ClassSummary } from '../../../shared/contract/reports.ts';
import type { ExportMeta } from './periodResultsExport.ts';
import { streamPdf } from './pdf.ts';
import type { Summaries, SummaryOfClass } from './summaries.ts';
import { safeText, streamXlsx } from './xlsx.ts';

// Сводная ведомость as a file (one class, or the school by class): the words of the screen
// (src/web/features/reports/locales/ru.json), in Russian. The year-end summary (seed 000) is its
// year variant in PDF with the lines to sign and stamp under each class.

export const SUMMARY_TITLE = 'Сводная ведомость';
export const YEAR_END_TITLE = 'Сводная ведомость итоговых отметок за учебный год';
const MARK_NAMES: Record<string, string> = { pass: 'зачёт', fail: 'незачёт', exempt: 'ОСВ', notAssessed: 'н/а' };
const markText = (value: string | null | undefined) => (value == null ? '' : MARK_NAMES[value] ?? value);
const meanText = (value: number | null) => (value === null ? '' : value.toFixed(2).replace('.', ','));
const LEGEND_PERIOD = 'Ср. — средневзвешенный балл по отметкам за период (с весами видов работ, отброшено до сотых); Итог — отметка за период, если выставлена.';
const LEGEND_YEAR = 'Отметки за каждый период, годовая отметка (Год), экзаменационная (Экз.) и итоговая (Итог), где они выставлены; пусто — отметка не выставлена.';

/** One sub-column under a subject: its header and the cell's value for a student. */
type Column = { header: string; title: string; value: (studentId: string, subjectId: string) => string | number | null; mean?: boolean; strong?: boolean };

/** The sub-columns of each subject: a period's mean and mark; or the year's periods, the year mark, and the exam and final marks when the class has any. */
function columnsOf(summary: ClassSummary): Column[] {
  if (summary.period !== null) {
    const cells = new Map(summary.cells.map((c) => [`${c.studentId}|${c.subjectId}`, c]));
    return [
      { header: 'Ср.', title: 'Средний балл', value: (st, su) => cells.get(`${st}|${su}`)?.mean ?? null, mean: true },
      { header: 'Итог', title: 'Отметка за период', value: (st, su) => markText(cells.get(`${st}|${su}`)?.periodMark), strong: true },
    ];
  }
  const cells = new Map(summary.yearCells.map((c) => [`${c.studentId}|${c.subjectId}`, c]));
  const of = (st: string, su: string) => cells.get(`${st}|${su}`);
  return [
    ...summary.periods.map((p): Column => ({ header: shortPeriod(p.name), title: p.name, value: (st, su) => markText(of(st, su)?.periodMarks[p.id]) })),
    { header: 'Год', title: 'Годовая отметка', value: (st, su) => markText(of(st, su)?.yearMark), strong: true },
    ...(summary.yearCells.some((c) => c.exam !== undefined) ? [{ header: 'Экз.', title: 'Экзаменационная отметка', value: (st: string, su: string) => markText(of(st, su)?.exam) }] : []),
    ...(summary.yearCells.some((c) => c.final !== undefined) ? [{ header: 'Итог', title: 'Итоговая отметка', value: (st: string, su: string) => markText(of(st, su)?.final) }] : []),
  ];
}

/** «1 четверть» → «1 ч.», «2 полугодие» → «2 п.»: narrow columns (the screen's shortening). */
function shortPeriod(name: string): string {
  const match = /^(\d+)\s*(\p{L})/u.exec(name);
  return match ? `${match[1]}\u00a0${match[2]}.` : name;
}

const subtitleOf = (summary: ClassSummary, data: Summaries) => `Класс ${summary.class.name} · ${summary.period?.name ?? `${data.name} (год)`}`;
const footerText = (meta: ExportMeta) => `Сформировано ${meta.generatedAt}${meta.generatedBy ? `, ${meta.generatedBy}` : ''} в Klassny`;
const studentText = (s: ClassSummary['students'][number]) => (s.left ? `${s.name} (выбыл)` : s.name);

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || 'Класс';
  let out = base;
  for (let i = 2; used.has(out.toLowerCase()); i += 1) out = `${base} (${i})`;
  used.add(out.toLowerCase());
  return out;
}

/**
 * The XLSX: a sheet per class; the title, the school and the class with its period over two header
 * rows (the subjects, merged over their columns; then the columns of each), frozen with the names;
 * a row per student with means as numbers and marks as text; the legend and who made it.
 */
export function summaryXlsx(data: Summaries, meta: ExportMeta) {
  return streamXlsx((workbook) => {
    const used = new Set<string>();
    if (data.classes.length === 0) {
      const sheet = workbook.addWorksheet(SUMMARY_TITLE);
      sheet.addRow([SUMMARY_TITLE]).font = { bold: true, size: 14 };
      sheet.addRow([safeText(meta.schoolName)]);
      sheet.addRow(['Нет классов']);
      sheet.commit();
      return;
    }
    for (const summary of data.classes) {
      const columns = columnsOf(summary);
      const sheet = workbook.addWorksheet(sheetName(summary.class.name, used), {
        pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '5:6' },
        views: [{ state: 'frozen', xSplit: 2, ySplit: 6 }],
      });
      // The marks' alignment and the means' format as column styles: each new cell takes them, no per-cell styling.
      sheet.columns = [{ width: 5 }, { width: 34 }, ...summary.subjects.flatMap(() => columns.map((c) => ({
        width: c.mean ? 7 : 6.5, style: { alignment: { horizontal: 'center' as const }, ...(c.mean ? { numFmt: '0.00' } : {}) },
      })))];
      sheet.addRow([SUMMARY_TITLE]).font = { bold: true, size: 14 };
      sheet.addRow([safeText(meta.schoolName)]);
      sheet.addRow([safeText(subtitleOf(summary, data))]).font = { bold: true };
      sheet.addRow([]);
      const top = sheet.addRow(['№', 'Обучающийся', ...summary.subjects.flatMap((s) => columns.map((_, i) => (i === 0 ? safeText(s.name) : null)))]);
      const sub = sheet.addRow([null, null, ...summary.subjects.flatMap(() => columns.map((c) => c.header))]);
      for (const row of [top, sub]) {
        row.font = { bold: true };
        row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      }
      top.height = 42;
      sheet.mergeCells(5, 1, 6, 1);
      sheet.mergeCells(5, 2, 6, 2);
      if (columns.length > 1) summary.subjects.forEach((_, i) => sheet.mergeCells(5, 3 + i * columns.length, 5, 2 + (i + 1) * columns.length));
      top.commit();
      sub.commit();
      summary.students.forEach((student, n) => {
        const row = sheet.addRow([n + 1, safeText(studentText(student)), ...summary.subjects.flatMap((subject) => columns.map((c) => {
          const value = c.value(student.id, subject.id);
          return value === '' ? null : value;
        }))]);
        row.commit();
      });
      sheet.addRow([]);
      sheet.addRow([summary.period === null ? LEGEND_YEAR : LEGEND_PERIOD]).font = { size: 9 };
      sheet.addRow([safeText(footerText(meta))]).font = { size: 9, italic: true };
      sheet.commit();
    }
  }, { creator: 'Klassny', title: `${SUMMARY_TITLE}: ${data.name}` });
}

/** At most this many narrow columns beside the names on an A4 landscape page: wider classes continue in a second table. */
const MAX_COLUMNS = 30;
const thin = { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#999999', vLineColor: () => '#999999', paddingLeft: () => 2, paddingRight: () => 2 };

/** The subjects in groups whose columns fit a page's width. */
function subjectChunks(summary: ClassSummary, perSubject: number) {
  const most = Math.max(1, Math.floor(MAX_COLUMNS / perSubject));
  // As even as may be: 16 subjects in two tables of 8, not 15 and 1.
  const size = Math.ceil(summary.subjects.length / Math.max(1, Math.ceil(summary.subjects.length / most)));
  const chunks: ClassSummary['subjects'][] = [];
  for (let i = 0; i < summary.subjects.length; i += size) chunks.push(summary.subjects.slice(i, i + size));
  return chunks.length === 0 ? [[]] : chunks;
}

/** One class's table(s): two header rows repeated on every page, a row per student that never breaks. */
function classTables(summary: ClassSummary): Content[] {
  const columns = columnsOf(summary);
  if (summary.students.length === 0) return [{ text: 'В классе нет обучающихся за этот период.', italics: true }];
  return subjectChunks(summary, columns.length).map((subjects, chunk): Content => {
    const head: TableCell[] = [
      { text: '№', rowSpan: 2, bold: true, alignment: 'center', fillColor: '#eeeeee' },
      // The class's name in the header repeated on every page: a continued table still says whose it is.
      { text: `Обучающийся · ${summary.class.name}`, rowSpan: 2, bold: true, fillColor: '#eeeeee' },
      ...subjects.flatMap((s) => columns.map((_, i): TableCell => (i === 0
        ? { text: s.name, colSpan: columns.length, bold: true, alignment: 'center', fontSize: 6.5, fillColor: '#eeeeee' }
        : {}))),
    ];
    const sub: TableCell[] = [{}, {}, ...subjects.flatMap(() => columns.map((c): TableCell => ({ text: c.header, alignment: 'center', fontSize: 6.5, fillColor: '#eeeeee' })))];
    const rows = summary.students.map((student, n): TableCell[] => [
      { text: String(n + 1), alignment: 'right' },
      { text: studentText(student), color: student.left ? '#666666' : undefined },
      ...subjects.flatMap((subject) => columns.map((c): TableCell => {
        const value = c.value(student.id, subject.id);
        return { text: typeof value === 'number' ? meanText(value) : value ?? '', alignment: 'center', bold: c.strong === true };
      })),
    ]);
    const width = Math.min(22, Math.floor((786 - 14 - 130) / Math.max(1, subjects.length * columns.length)) - 4);
    return {
      table: { headerRows: 2, dontBreakRows: true, widths: [14, 130, ...subjects.flatMap(() => columns.map(() => width))], body: [head, sub, ...rows] },
      layout: thin,
      fontSize: 7,
      margin: [0, chunk === 0 ? 0 : 8, 0, 0],
    };
  });
}

/** The lines to sign and stamp under a class's year-end ведомость (seed 000). */
function signatures(summary: SummaryOfClass, director: string | null, date: string, archiveKey: string | undefined): Content {
  const line = (role: string, name: string | null): Content => ({
    columns: [
      { text: role, width: 140 },
      { text: '______________________', width: 130 },
      { text: `/ ${name ?? '______________________'} /`, width: '*' },
    ],
    margin: [0, 14, 0, 0],
    fontSize: 9,
  });
  return {
    stack: [
      line('Директор', director),
      line('Классный руководитель', summary.classTeacher),
      { columns: [{ text: 'М.П.', width: 140 }, { text: `Дата: ${date}`, width: '*' }], margin: [0, 16, 0, 0], fontSize: 9 },
      // Issue 14: the paper vouches for the key that signs the year archive (records/archiveKey.ts).
      ...(archiveKey ? [{ text: `Отпечаток ключа архива учебного года (SHA-256): ${archiveKey}`, margin: [0, 10, 0, 0], fontSize: 8 } as Content] : []),
    ],
    unbreakable: true,
    margin: [0, 10, 0, 0],
  };
}

/** `archiveKey`: the grouped fingerprint of the school's archive key, printed under the signatures. */
export type YearEnd = { director: string | null; date: string; archiveKey?: string };

/**
 * The PDF: A4 landscape, each class from a new page; its title, school, class and period over its
 * table (split across pages with the header rows repeated, wide classes in a second table); the
 * legend; who made it and the page in the footer. With `yearEnd`: the year-end summary — the lines
 * for the director's and the class teacher's signatures, the stamp and the date under each class.
 */
export function summaryPdf(data: Summaries, meta: ExportMeta, options: { compress: boolean; yearEnd?: YearEnd }) {
  const title = options.yearEnd ? YEAR_END_TITLE : SUMMARY_TITLE;
  const content: Content[] = data.classes.length === 0 ? [{ text: title, fontSize: 14, bold: true }, { text: 'Нет классов', margin: [0, 8, 0, 0] }]
    : data.classes.map((summary, i): Content => ({
      stack: [
        { text: title, fontSize: 14, bold: true },
        { text: meta.schoolName, fontSize: 10, margin: [0, 2, 0, 0] },
        { text: subtitleOf(summary, data), fontSize: 10, bold: true, margin: [0, 2, 0, 2] },
        ...(summary.classTeacher ? [{ text: `Классный руководитель: ${summary.classTeacher}`, fontSize: 8.5, margin: [0, 0, 0, 6] } as Content] : [{ text: '', margin: [0, 0, 0, 4] } as Content]),
        ...classTables(summary),
        { text: summary.period === null ? LEGEND_YEAR : LEGEND_PERIOD, fontSize: 7, color: '#333333', margin: [0, 4, 0, 0] },
        ...(options.yearEnd ? [signatures(summary, options.yearEnd.director, options.yearEnd.date, options.yearEnd.archiveKey)] : []),
      ],
      ...(i > 0 ? { pageBreak: 'before' as const } : {}),
    }));
  const doc: TDocumentDefinitions = {
    compress: options.compress,
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 24, 28, 34],
    info: { title: `${title}: ${data.name}`, ...(meta.generatedBy ? { author: meta.generatedBy } : {}), creator: 'Klassny' },
    content,
    footer: (page, pages) => ({
      columns: [
        { text: `${meta.schoolName} · ${footerText(meta)}`, fontSize: 7, color: '#555555' },
        { text: `Стр. ${page} из ${pages}`, fontSize: 7, color: '#555555', alignment: 'right', width: 70 },
      ],
      margin: [28, 10, 28, 0],
    }),
  };
  return streamPdf(doc);
}
