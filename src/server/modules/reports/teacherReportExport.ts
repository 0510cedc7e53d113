import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { TeacherReport } from '../../../shared/contract/teacherReport.ts';
import { type ExportMeta, footer, meanText, percentText } from './periodResultsExport.ts';
import { streamPdf } from './pdf.ts';
import { safeText, streamXlsx } from './xlsx.ts';

// Отчёт учителя as a file: the words of the screen (src/web/features/reports/locales/ru.json), in Russian.

export const TEACHER_REPORT_TITLE = 'Отчёт учителя';
export const TEACHER_REPORT_SHEETS = ['Отчёт учителя', 'Отметки по видам работ', 'Без темы и ДЗ'] as const;
export const TEACHER_REPORT_HEADERS = [
  'Группа', 'Предмет', 'По расписанию', 'Проведено', 'По нагрузке', 'Часов в КТП', 'По темам КТП', 'Отметок',
  'Итоговых отметок', 'На «5»', 'На «4»', 'На «3»', 'Неусп.', 'Н/А', '% успев.', '% кач.', 'СОУ', 'Ср. балл', 'Без темы', 'Без ДЗ',
];
const NOTES = [
  'По расписанию — уроки группы по предмету в периоде, кроме отменённых; проведено — из них проведённые учителем (без замены) по дату подсчёта; по нагрузке — часов в неделю по нагрузке × недель периода; часов в КТП — по тематическому плану на год; по темам КТП — проведённых уроков с темой из КТП.',
  'Итоговые отметки за период: на «5», «4», «3» — обучающиеся с такой отметкой по предмету; неуспевающие — «2» или «незачёт»; Н/А — не аттестованы; «ОСВ» не учитывается. % успеваемости = (аттестовано − неуспевающие − не аттестованы) ÷ аттестовано × 100; % качества = («5» + «4») ÷ аттестовано × 100; СОУ — по отметкам 2–5.',
];

const dayText = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
const subtitle = (report: TeacherReport) =>
  `${report.teacher.name} · ${report.period.name} (${dayText(report.period.startsOn)}.${report.period.startsOn.slice(0, 4)}–${dayText(report.period.endsOn)}.${report.period.endsOn.slice(0, 4)}), уроки по ${dayText(report.countedTo)}.${report.countedTo.slice(0, 4)}`;

function cells(row: TeacherReport['rows'][number]) {
  const f = row.figures;
  return {
    counts: [row.scheduled, row.given, row.loadHours ?? '—', row.planHours, row.planned, row.marks, row.students, f.excellent, f.good, f.oneThree, f.failing, f.notAssessed],
    rates: [f.progressPercent, f.qualityPercent, f.sou, f.meanMark] as const,
    tail: [row.noTopic.length, row.noHomework.length],
  };
}

/** The XLSX: the table, the marks per work type, the dates of lessons without topic or homework. */
export function teacherReportXlsx(report: TeacherReport, meta: ExportMeta) {
  return streamXlsx((workbook) => {
    const sheet = workbook.addWorksheet(TEACHER_REPORT_SHEETS[0], { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    sheet.columns = TEACHER_REPORT_HEADERS.map((_, i) => ({ width: i < 2 ? 20 : 10 }));
    sheet.addRow([TEACHER_REPORT_TITLE]).font = { bold: true, size: 14 };
    sheet.addRow([safeText(meta.schoolName)]);
    sheet.addRow([safeText(subtitle(report))]);
    sheet.addRow([]);
    const header = sheet.addRow(TEACHER_REPORT_HEADERS);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    for (const line of report.rows) {
      const c = cells(line);
      const row = sheet.addRow([safeText(line.group), safeText(line.subject), ...c.counts, ...c.rates.map((v) => v ?? '—'), ...c.tail]);
      c.rates.forEach((_, i) => { row.getCell(2 + c.counts.length + i + 1).numFmt = i === 3 ? '0.00' : '0.0'; });
      row.commit();
    }
    sheet.addRow([]);
    for (const note of NOTES) sheet.addRow([note]).font = { size: 9 };
    sheet.addRow([safeText(footer(meta))]).font = { size: 9, italic: true };
    sheet.commit();

    const types = workbook.addWorksheet(TEACHER_REPORT_SHEETS[1]);
    types.columns = [{ width: 20 }, { width: 20 }, { width: 28 }, { width: 10 }];
    types.addRow(['Группа', 'Предмет', 'Вид работы', 'Отметок']).font = { bold: true };
    for (const line of report.rows) {
      for (const t of line.marksByType) types.addRow([safeText(line.group), safeText(line.subject), safeText(t.workType), t.count]).commit();
    }
    types.commit();

    const gaps = workbook.addWorksheet(TEACHER_REPORT_SHEETS[2]);
    gaps.columns = [{ width: 20 }, { width: 20 }, { width: 16 }, { width: 60 }];
    gaps.addRow(['Группа', 'Предмет', 'Нет', 'Даты уроков']).font = { bold: true };
    for (const line of report.rows) {
      if (line.noTopic.length > 0) gaps.addRow([safeText(line.group), safeText(line.subject), 'темы', line.noTopic.map(dayText).join(', ')]).commit();
      if (line.noHomework.length > 0) gaps.addRow([safeText(line.group), safeText(line.subject), 'домашнего задания', line.noHomework.map(dayText).join(', ')]).commit();
    }
    gaps.commit();
  }, { creator: 'Klassny', title: `${TEACHER_REPORT_TITLE}: ${report.teacher.name}, ${report.period.name}` });
}

const PDF_WIDTHS = [52, 62, 42, 36, 34, 30, 32, 32, 34, 24, 24, 24, 28, 22, 38, 38, 38, 28, 28, 28];

/** The PDF: A4 landscape, the table (header repeated), then per group × subject the marks by work type and the dates without topic or homework. */
export function teacherReportPdf(report: TeacherReport, meta: ExportMeta, options: { compress: boolean }) {
  const head: TableCell[] = TEACHER_REPORT_HEADERS.map((text, i) => ({ text, bold: true, fontSize: 6.5, alignment: i < 2 ? 'left' : 'center', fillColor: '#eeeeee' }));
  const body: TableCell[][] = [head, ...report.rows.map((line): TableCell[] => {
    const c = cells(line);
    const right = (v: string | number): TableCell => ({ text: String(v), alignment: 'right' });
    const [progress, quality, sou, mean] = c.rates;
    return [
      { text: line.group }, { text: line.subject }, ...c.counts.map(right),
      right(percentText(progress)), right(percentText(quality)), right(percentText(sou)), right(meanText(mean)), ...c.tail.map(right),
    ];
  })];
  const details: Content[] = report.rows.flatMap((line): Content[] => {
    const parts = [
      line.marksByType.length > 0 ? `отметки: ${line.marksByType.map((t) => `${t.workType} — ${t.count}`).join('; ')}` : '',
      line.noTopic.length > 0 ? `без темы: ${line.noTopic.map(dayText).join(', ')}` : '',
      line.noHomework.length > 0 ? `без домашнего задания: ${line.noHomework.map(dayText).join(', ')}` : '',
    ].filter((p) => p !== '');
    return parts.length === 0 ? [] : [{ text: [{ text: `${line.group} · ${line.subject}: `, bold: true }, parts.join('; ')], fontSize: 7.5, margin: [0, 3, 0, 0] }];
  });
  const content: Content[] = [
    { text: TEACHER_REPORT_TITLE, fontSize: 15, bold: true },
    { text: meta.schoolName, fontSize: 10, margin: [0, 2, 0, 0] },
    { text: subtitle(report), fontSize: 10, bold: true, margin: [0, 2, 0, 8] },
    report.rows.length === 0
      ? { text: 'В этом периоде у учителя нет групп и уроков.', fontSize: 9 }
      : {
        table: { headerRows: 1, dontBreakRows: true, widths: PDF_WIDTHS, body },
        layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#999999', vLineColor: () => '#999999', paddingLeft: () => 2, paddingRight: () => 2 },
        fontSize: 7.5,
      },
    ...(details.length > 0 ? [{ text: 'Отметки по видам работ, уроки без темы и без домашнего задания', fontSize: 9, bold: true, margin: [0, 8, 0, 0] } as Content] : []),
    ...details,
    ...NOTES.map((text): Content => ({ text, fontSize: 7, color: '#333333', margin: [0, 5, 0, 0] })),
  ];
  const doc: TDocumentDefinitions = {
    compress: options.compress,
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 28, 28, 36],
    info: { title: `${TEACHER_REPORT_TITLE}: ${report.teacher.name}, ${report.period.name}`, ...(meta.generatedBy ? { author: meta.generatedBy } : {}), creator: 'Klassny' },
    content,
    footer: (page, pages) => ({
      columns: [
        { text: `${meta.schoolName} · ${footer(meta)}`, fontSize: 7, color: '#555555' },
        { text: `Стр. ${page} из ${pages}`, fontSize: 7, color: '#555555', alignment: 'right', width: 70 },
      ],
      margin: [28, 10, 28, 0],
    }),
  };
  return streamPdf(doc);
}
