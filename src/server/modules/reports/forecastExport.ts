import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { ForecastNextDto, ForecastReport, ForecastRiskDto } from '../../../shared/contract/reports.ts';
import type { ExportMeta } from './periodResultsExport.ts';
import { footerText, meanText, pageFooter, percentText, TABLE_LAYOUT } from './exportMeta.ts';
import { streamPdf } from './pdf.ts';
import { safeText, streamXlsx } from './xlsx.ts';

// Прогноз as a file: the words of the screen (src/web/features/reports/locales/ru.json), in Russian.

export const FORECAST_TITLE = 'Прогноз отметок за период';
export const FORECAST_SHEET = 'Прогноз';
export const FORECAST_HEADERS = ['Обучающийся', 'Предмет', 'Ср. балл', 'Оценок', 'Прогноз', 'Что нужно для отметки выше', 'Зона риска'];
export const DISTRIBUTION_HEADERS = ['«5»', '«4»', '«3»', '«2»', 'Н/А', '% успев.', '% кач.'];
const LEGEND = 'Прогноз — отметка, которую предложит журнал по правилам школы (веса видов работ, пороги, минимум оценок), если период закончится сегодня. «Что нужно» — наименьшее число новых «5» с весом 1, после которых отметка станет выше. Зона риска: оценок меньше минимума, выходит «2» или Н/А, среднее в пределах 0,1 от порога. % успеваемости и % качества — по прогнозным отметкам, как в итогах успеваемости.';

const VALUE: Record<ForecastReport['cells'][number]['forecast'], string> = { 5: '5', 4: '4', 3: '3', 2: '2', notAssessed: 'Н/А' };
const decimal = (n: number) => String(n).replace('.', ',');

/** The words of «what it takes», as on the screen. */
export function nextText(next: ForecastNextDto): string {
  if (next.code === 'top') return 'высшая отметка';
  if (next.code === 'unreachable') return `выше — недостижимо в этом периоде (больше ${next.max} «5»)`;
  return `ещё ${next.fives} «5» с весом ${next.weight} — будет «${next.value}»`;
}

/** The words of a risk, as on the screen. */
export function riskText(risk: ForecastRiskDto): string {
  switch (risk.code) {
    case 'too_few_marks': return `мало оценок: ${risk.n} при минимуме ${risk.min}`;
    case 'not_assessed': return 'выходит Н/А';
    case 'failing': return 'выходит «2»';
    case 'near_threshold': return `среднее ${decimal(risk.mean)} ${risk.below ? 'чуть ниже' : 'едва достигает'} порога «${risk.mark}» (${decimal(risk.threshold)})`;
  }
}

/** One line per student × subject: those at risk first (as on the screen), then by ФИО and subject. */
function lines(report: ForecastReport) {
  const subjects = new Map(report.subjects.map((s, i) => [s.id, { name: s.name, order: i }]));
  const students = [...report.students].sort((a, b) => Number(b.atRisk) - Number(a.atRisk));
  const order = new Map(students.map((s, i) => [s.id, i]));
  const names = new Map(report.students.map((s) => [s.id, s.left ? `${s.name} (выбыл)` : s.name]));
  return [...report.cells]
    .sort((a, b) => order.get(a.studentId)! - order.get(b.studentId)! || subjects.get(a.subjectId)!.order - subjects.get(b.subjectId)!.order)
    .map((c) => ({
      student: names.get(c.studentId) ?? '', subject: subjects.get(c.subjectId)?.name ?? '', mean: c.mean, count: c.count,
      forecast: VALUE[c.forecast], next: nextText(c.next), risks: c.risks.map(riskText).join('; '),
    }));
}

const subtitle = (report: ForecastReport) => `Класс ${report.class.name}, ${report.period.name}`;
const distribution = (report: ForecastReport) => [
  report.distribution[5], report.distribution[4], report.distribution[3], report.distribution[2], report.distribution.notAssessed,
];

/** The XLSX: the forecast marks' distribution and figures, then a line per student × subject. */
export function forecastXlsx(report: ForecastReport, meta: ExportMeta) {
  return streamXlsx((workbook) => {
    const sheet = workbook.addWorksheet(FORECAST_SHEET, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    sheet.columns = [{ width: 34 }, { width: 28 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 40 }, { width: 48 }];
    sheet.addRow([FORECAST_TITLE]).font = { bold: true, size: 14 };
    sheet.addRow([safeText(meta.schoolName)]);
    sheet.addRow([safeText(subtitle(report))]);
    sheet.addRow([]);
    sheet.addRow(DISTRIBUTION_HEADERS).font = { bold: true };
    const figures = sheet.addRow([...distribution(report), report.figures.progressPercent ?? '—', report.figures.qualityPercent ?? '—']);
    figures.getCell(6).numFmt = '0.0';
    figures.getCell(7).numFmt = '0.0';
    sheet.addRow([]);
    const header = sheet.addRow(FORECAST_HEADERS);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle' };
    for (const line of lines(report)) {
      const row = sheet.addRow([safeText(line.student), safeText(line.subject), line.mean ?? '—', line.count, line.forecast, line.next, line.risks]);
      row.getCell(3).numFmt = '0.00';
      row.commit();
    }
    sheet.addRow([]);
    sheet.addRow([LEGEND]).font = { size: 9 };
    sheet.addRow([safeText(footerText(meta))]).font = { size: 9, italic: true };
    sheet.commit();
  }, { creator: 'Klassny', title: `${FORECAST_TITLE}: ${subtitle(report)}` });
}

/** The PDF: A4 landscape, the distribution, the lines with the header repeated on every page, who and when in the footer. */
export function forecastPdf(report: ForecastReport, meta: ExportMeta, options: { compress: boolean }) {
  const headCell = (text: string, i: number): TableCell => ({ text, bold: true, fontSize: 7.5, alignment: i < 2 || i > 4 ? 'left' : 'center', fillColor: '#eeeeee' });
  let previous = '';
  const body: TableCell[][] = [FORECAST_HEADERS.map(headCell), ...lines(report).map((line): TableCell[] => {
    const first = line.student !== previous;
    previous = line.student;
    const risky = line.risks !== '';
    return [
      { text: first ? line.student : '', bold: first },
      line.subject,
      { text: meanText(line.mean), alignment: 'right' },
      { text: String(line.count), alignment: 'right' },
      { text: line.forecast, alignment: 'center', bold: true, ...(line.forecast === '2' || line.forecast === 'Н/А' ? { color: '#b00020' } : {}) },
      line.next,
      { text: line.risks, ...(risky ? { color: '#8a4b00' } : {}) },
    ];
  })];
  const figures = [...distribution(report).map(String), percentText(report.figures.progressPercent), percentText(report.figures.qualityPercent)];
  const content: Content[] = [
    { text: FORECAST_TITLE, fontSize: 15, bold: true },
    { text: meta.schoolName, fontSize: 10, margin: [0, 2, 0, 0] },
    { text: subtitle(report), fontSize: 10, bold: true, margin: [0, 2, 0, 8] },
    {
      table: { headerRows: 1, widths: DISTRIBUTION_HEADERS.map(() => 52), body: [DISTRIBUTION_HEADERS.map(headCell).map((c) => ({ ...(c as object), alignment: 'center' }) as TableCell), figures.map((text): TableCell => ({ text, alignment: 'center' }))] },
      layout: TABLE_LAYOUT,
      fontSize: 8.5,
      margin: [0, 0, 0, 10],
    },
    { table: { headerRows: 1, dontBreakRows: true, widths: [130, 110, 40, 36, 44, 170, '*'], body }, layout: TABLE_LAYOUT, fontSize: 8 },
    { text: LEGEND, fontSize: 7.5, color: '#333333', margin: [0, 6, 0, 0] },
  ];
  const doc: TDocumentDefinitions = {
    compress: options.compress,
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [32, 28, 32, 36],
    info: { title: `${FORECAST_TITLE}: ${subtitle(report)}`, ...(meta.generatedBy ? { author: meta.generatedBy } : {}), creator: 'Klassny' },
    content,
    footer: pageFooter(meta),
  };
  return streamPdf(doc);
}
