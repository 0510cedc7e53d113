import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { ReportFormat } from '../../../shared/contract/reports.ts';
import { streamPdf } from './pdf.ts';
import { safeText, streamXlsx } from './xlsx.ts';

// A report that is one or more plain tables (the табель, the control figures, the municipal summary)
// as an XLSX (a sheet per table) or a PDF (the tables one under another, headers repeated on each page).

/** A cell: text (from people or the product), a number, or none («—»). */
export type Cell = string | number | null;
export type ExportTable = {
  /** The sheet's name (at most 31 characters) and the heading above the table in the PDF. */
  title: string;
  headers: string[];
  rows: { cells: Cell[]; bold?: boolean }[];
  /** PDF column widths (pt); the first column takes the rest when omitted. */
  widths?: (number | '*')[];
};
export type TableReport = {
  title: string;
  /** Lines under the title: the school or municipality, the dates. */
  subtitle: string[];
  tables: ExportTable[];
  notes: string[];
  /** «Сформировано 07.12.2026, 00:15, Иванова А. П. в Klassny». */
  footer: string;
  landscape?: boolean;
};

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

const number = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });
const cellText = (value: Cell) => (value === null ? '—' : typeof value === 'number' ? number.format(value) : value);

function tableXlsx(report: TableReport) {
  return streamXlsx((workbook) => {
    for (const table of report.tables) {
      const sheet = workbook.addWorksheet(table.title.slice(0, 31), { pageSetup: { orientation: report.landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
      sheet.columns = table.headers.map((_, i) => ({ width: i === 0 ? 34 : 13 }));
      sheet.addRow([report.title]).font = { bold: true, size: 14 };
      for (const line of report.subtitle) sheet.addRow([safeText(line)]);
      sheet.addRow([safeText(table.title)]).font = { bold: true };
      const header = sheet.addRow(table.headers);
      header.font = { bold: true };
      header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      for (const line of table.rows) {
        const row = sheet.addRow(line.cells.map((c) => (c === null ? '—' : typeof c === 'number' ? c : safeText(c))));
        if (line.bold) row.font = { bold: true };
        row.commit();
      }
      sheet.addRow([]);
      for (const note of report.notes) sheet.addRow([note]).font = { size: 9 };
      sheet.addRow([safeText(report.footer)]).font = { size: 9, italic: true };
      sheet.commit();
    }
  }, { creator: 'Klassny', title: report.title });
}

function tablePdf(report: TableReport, options: { compress: boolean }) {
  const content: Content[] = [
    { text: report.title, fontSize: 15, bold: true },
    ...report.subtitle.map((text, i): Content => ({ text, fontSize: 10, margin: [0, 2, 0, i === report.subtitle.length - 1 ? 6 : 0] })),
  ];
  for (const table of report.tables) {
    const head: TableCell[] = table.headers.map((text, i) => ({ text, bold: true, fontSize: 7.5, alignment: i === 0 ? 'left' : 'center', fillColor: '#eeeeee' }));
    const body: TableCell[][] = [head, ...table.rows.map((row) => row.cells.map((c, i): TableCell => ({
      text: cellText(c), alignment: i === 0 ? 'left' : 'right', bold: row.bold ?? false, ...(row.bold ? { fillColor: '#f5f5f5' } : {}),
    })))];
    content.push(
      { text: table.title, fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      {
        table: { headerRows: 1, dontBreakRows: true, widths: table.widths ?? ['*', ...table.headers.slice(1).map(() => 'auto' as const)], body },
        layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#999999', vLineColor: () => '#999999' },
        fontSize: 8.5,
      },
    );
  }
  content.push(...report.notes.map((text): Content => ({ text, fontSize: 7.5, color: '#333333', margin: [0, 5, 0, 0] })));
  const doc: TDocumentDefinitions = {
    compress: options.compress,
    pageSize: 'A4',
    pageOrientation: report.landscape ? 'landscape' : 'portrait',
    pageMargins: [32, 28, 32, 36],
    info: { title: report.title, creator: 'Klassny' },
    content,
    footer: (page, pages) => ({
      columns: [
        { text: report.footer, fontSize: 7, color: '#555555' },
        { text: `Стр. ${page} из ${pages}`, fontSize: 7, color: '#555555', alignment: 'right', width: 70 },
      ],
      margin: [32, 10, 32, 0],
    }),
  };
  return streamPdf(doc);
}

/** The report as a stream in the format asked. */
export const tableReportStream = (report: TableReport, format: ReportFormat, options: { compress: boolean }) =>
  (format === 'xlsx' ? tableXlsx(report) : tablePdf(report, options));

/** «Сформировано 07.12.2026, 00:15, Иванова А. П. в Klassny», in a time zone. */
export function signedFooter(now: Date, timeZone: string, by: string | null | undefined) {
  const at = new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(now);
  return `Сформировано ${at}${by ? `, ${by}` : ''} в Klassny`;
}

/** 2026-11-01 → 01.11.2026. */
export const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
