import { createRequire } from 'node:module';
import { PassThrough, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';

// exceljs is CommonJS: its streaming writer keeps only the rows not yet committed in memory.
// Loaded on the first spreadsheet, not at start: exceljs is ~25 MB and two seconds of a busy machine's start-up.
const require = createRequire(import.meta.url);
let excel: typeof ExcelJS | undefined;
const Excel = () => (excel ??= require('exceljs') as typeof ExcelJS);

/** What a spreadsheet program may read as the start of a formula (or a DDE command): `=`, `+`, `-`, `@`, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell's text from user input (a name, a topic) that a spreadsheet never runs as a formula
 * (OWASP "CSV injection"): text starting with `=`, `+`, `-` or `@` gets a leading apostrophe,
 * the way Excel itself shows text typed as «'=1+1». Every text cell of an exported report goes through it.
 */
export function safeText(value: string | null | undefined): string {
  const text = value ?? '';
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type XlsxWorkbook = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * A workbook written straight into the returned stream while `fill` adds (and commits) its rows:
 * the file is never held whole in memory. An error while writing destroys the stream.
 */
export function streamXlsx(fill: (workbook: XlsxWorkbook) => Promise<void> | void, meta: { creator: string; title: string }): Readable {
  const out = new PassThrough();
  const workbook = new (Excel().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = meta.creator;
  workbook.title = meta.title;
  void (async () => {
    await fill(workbook);
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
