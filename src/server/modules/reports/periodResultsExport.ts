import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { PeriodResults, ResultsFiguresDto } from '../../../shared/contract/reports.ts';
import { streamPdf } from './pdf.ts';
import { safeText, streamXlsx } from './xlsx.ts';

// Итоги успеваемости as a file: the words of the screen (src/web/features/reports/locales/ru.json), in Russian.

/** Who, where and when: printed above and under the table. */
export type ExportMeta = {
  schoolName: string;
  /** «07.12.2026, 00:15» in the school's time zone. */
  generatedAt: string;
  /** The caller's name; none for an account without one. */
  generatedBy: string | null;
};

const TITLE = 'Итоги успеваемости';
const COUNT_COLUMNS = [
  ['assessed', 'Аттестовано'], ['excellent', 'На «5»'], ['good', 'На «4» и «5»'], ['oneFour', 'С одной «4»'],
  ['oneThree', 'С одной «3»'], ['failing', 'Неуспевающие'], ['notAssessed', 'Н/А'],
] as const;
const RATE_COLUMNS = [['progressPercent', '% успев.'], ['qualityPercent', '% кач.'], ['sou', 'СОУ'], ['meanMark', 'Ср. балл']] as const;
export const PERIOD_RESULTS_HEADERS = ['Класс', 'Всего', ...COUNT_COLUMNS.map(([, label]) => label), ...RATE_COLUMNS.map(([, label]) => label)];
export const PERIOD_RESULTS_SHEET = 'Итоги успеваемости';

const NOTES = [
  'Всего — обучающихся в классе за период; на «5» — отличники; на «4» и «5» — хорошисты; Н/А — не аттестованы.',
  '% успеваемости = (аттестовано − неуспевающие − не аттестованы) ÷ аттестовано × 100; % качества = (отличники + хорошисты) ÷ аттестовано × 100; СОУ = (n5 + 0,64·n4 + 0,36·n3 + 0,16·n2) ÷ (n5 + n4 + n3 + n2) × 100 по всем отметкам; средний балл — по отметкам 2–5.',
  'Зачёт и незачёт, ОСВ: «зачёт» — положительный результат (не мешает быть отличником или хорошистом), «незачёт» считается как «2» (неуспевающий), «ОСВ» (освобождён) не учитывается; ни одна из них не входит в СОУ и средний балл. Обучающийся с «Н/А» считается один раз — среди не аттестованных. Аттестован — есть хотя бы одна итоговая отметка, кроме «ОСВ».',
];

/** A line of a results table: a class (subject, teacher), a grade's subtotal, or the total; `detail` what it covers. */
export type ResultsLine = { label: string; detail?: string; students: number; figures: ResultsFiguresDto; kind: 'class' | 'grade' | 'total' };
type Line = ResultsLine;

/** A results table to print: the class view below, or a breakdown (resultsBreakdownExport.ts). */
export type ResultsTable = {
  /** The period's or the year's name, and what the table is by («по предметам»). */
  subtitle: string;
  /** The first column's header («Класс», «Предмет», «Учитель») and, with details, the second's. */
  firstHeader: string;
  detailHeader?: string;
  lines: ResultsLine[];
  /** Said under the table in place of the class view's legend (what a line counts), before the formulas and the policy. */
  notes?: string[];
};

/** The table's lines as on the screen: each class, a grade's subtotal under its last class (when it has several), the total. */
function lines(results: PeriodResults): Line[] {
  const out: Line[] = [];
  results.classes.forEach((row, i) => {
    out.push({ label: row.name, students: row.students, figures: row.figures, kind: 'class' });
    const grade = results.grades.find((g) => g.grade === row.grade);
    if (results.classes[i + 1]?.grade !== row.grade && grade && grade.classes > 1) {
      out.push({ label: `${grade.grade}-е классы`, students: grade.students, figures: grade.figures, kind: 'grade' });
    }
  });
  out.push({ label: results.reach === 'school' ? 'Итого по школе' : 'Итого', students: results.total.students, figures: results.total.figures, kind: 'total' });
  return out;
}

const notesOf = (table: ResultsTable) => (table.notes ? [...table.notes, ...NOTES.slice(1)] : NOTES);
const subtitle = (results: PeriodResults) => `${results.name}`;
export const footer = (meta: ExportMeta) => `Сформировано ${meta.generatedAt}${meta.generatedBy ? `, ${meta.generatedBy}` : ''} в Klassny`;

/** The XLSX: one sheet, the title lines, the header row, the lines (numbers as numbers), the notes. */
export function periodResultsXlsx(results: PeriodResults, meta: ExportMeta) {
  return resultsTableXlsx({ subtitle: subtitle(results), firstHeader: PERIOD_RESULTS_HEADERS[0]!, lines: lines(results) }, meta);
}

/** Any results table as the XLSX above; with details, a column for them after the first. */
export function resultsTableXlsx(table: ResultsTable, meta: ExportMeta) {
  const withDetail = table.detailHeader !== undefined;
  const headers = [table.firstHeader, ...(withDetail ? [table.detailHeader!] : []), ...PERIOD_RESULTS_HEADERS.slice(1)];
  const offset = withDetail ? 1 : 0;
  return streamXlsx((workbook) => {
    const sheet = workbook.addWorksheet(PERIOD_RESULTS_SHEET, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    sheet.columns = headers.map((_, i) => ({ width: i === 0 ? (withDetail ? 24 : 16) : i === 1 && withDetail ? 30 : 12 }));
    sheet.addRow([TITLE]).font = { bold: true, size: 14 };
    sheet.addRow([safeText(meta.schoolName)]);
    sheet.addRow([safeText(table.subtitle)]);
    sheet.addRow([]);
    const header = sheet.addRow(headers);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    for (const line of table.lines) {
      const f = line.figures;
      const row = sheet.addRow([
        safeText(line.label), ...(withDetail ? [safeText(line.detail)] : []), line.students, ...COUNT_COLUMNS.map(([key]) => f[key]),
        ...RATE_COLUMNS.map(([key]) => (f[key] === null ? '—' : f[key])),
      ]);
      RATE_COLUMNS.forEach(([key], i) => { row.getCell(offset + 2 + COUNT_COLUMNS.length + i + 1).numFmt = key === 'meanMark' ? '0.00' : '0.0'; });
      if (line.kind !== 'class') row.font = { bold: true };
      row.commit();
    }
    sheet.addRow([]);
    for (const note of notesOf(table)) sheet.addRow([note]).font = { size: 9 };
    sheet.addRow([safeText(footer(meta))]).font = { size: 9, italic: true };
    sheet.commit();
  }, { creator: 'Klassny', title: `${TITLE}: ${table.subtitle}` });
}

const number = (digits: number) => new Intl.NumberFormat('ru-RU', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const percentText = (value: number | null) => (value === null ? '—' : `${number(1).format(value)}\u00a0%`);
export const meanText = (value: number | null) => (value === null ? '—' : number(2).format(value));

/** Column widths (pt, without padding) that fit A4 landscape with every header word on one line. */
const PDF_WIDTHS = [76, 34, 54, 42, 52, 52, 52, 60, 34, 50, 50, 50, 46];
/** The same with a wide first column for a name and what it covers, in the same width of page. */
const PDF_WIDTHS_WITH_DETAIL = [150, 30, 54, 36, 50, 50, 50, 60, 28, 40, 40, 40, 44];

/** The PDF: A4 landscape, the header row repeated on every page, the notes under the table, who and when in the footer. */
export function periodResultsPdf(results: PeriodResults, meta: ExportMeta, options: { compress: boolean }) {
  return resultsTablePdf({ subtitle: subtitle(results), firstHeader: PERIOD_RESULTS_HEADERS[0]!, lines: lines(results) }, meta, options);
}

/** Any results table as the PDF above; a line's detail is printed small under its label. */
export function resultsTablePdf(table: ResultsTable, meta: ExportMeta, options: { compress: boolean }) {
  const headers = [table.firstHeader, ...PERIOD_RESULTS_HEADERS.slice(1)];
  const widths = table.detailHeader !== undefined ? PDF_WIDTHS_WITH_DETAIL : PDF_WIDTHS;
  const head: TableCell[] = headers.map((text, i) => ({ text, bold: true, fontSize: 7.5, alignment: i === 0 ? 'left' : 'center', fillColor: '#eeeeee' }));
  const body: TableCell[][] = [head, ...table.lines.map((line): TableCell[] => {
    const f = line.figures;
    const bold = line.kind !== 'class';
    const fill = line.kind === 'class' ? undefined : '#f5f5f5';
    const cell = (text: string | number, alignment: 'left' | 'right' = 'right'): TableCell => ({ text: String(text), alignment, bold, ...(fill ? { fillColor: fill } : {}) });
    const label: TableCell = line.detail
      ? { stack: [{ text: line.label, bold }, { text: line.detail, fontSize: 6.5, color: '#555555' }], ...(fill ? { fillColor: fill } : {}) }
      : cell(line.label, 'left');
    return [
      label, cell(line.students), ...COUNT_COLUMNS.map(([key]) => cell(f[key])),
      cell(percentText(f.progressPercent)), cell(percentText(f.qualityPercent)), cell(percentText(f.sou)), cell(meanText(f.meanMark)),
    ];
  })];
  const content: Content[] = [
    { text: TITLE, fontSize: 15, bold: true },
    { text: meta.schoolName, fontSize: 10, margin: [0, 2, 0, 0] },
    { text: table.subtitle, fontSize: 10, bold: true, margin: [0, 2, 0, 8] },
    {
      table: { headerRows: 1, dontBreakRows: true, widths, body },
      layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#999999', vLineColor: () => '#999999' },
      fontSize: 8.5,
    },
    ...notesOf(table).map((text): Content => ({ text, fontSize: 7.5, color: '#333333', margin: [0, 5, 0, 0] })),
  ];
  const doc: TDocumentDefinitions = {
    compress: options.compress,
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [32, 28, 32, 36],
    info: { title: `${TITLE}: ${table.subtitle}`, ...(meta.generatedBy ? { author: meta.generatedBy } : {}), creator: 'Klassny' },
    content,
    footer: (page, pages) => ({
      columns: [
        { text: `${meta.schoolName} · ${footer(meta)}`, fontSize: 7, color: '#555555' },
        { text: `Стр. ${page} из ${pages}`, fontSize: 7, color: '#555555', alignment: 'right', width: 70 },
      ],
      margin: [32, 10, 32, 0],
    }),
  };
  return streamPdf(doc);
}
