import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { SlipTarget } from './slipTargets.ts';
import { pdfPrinter } from '../../../documents/pdfPrinter.ts';

export type SlipSheet = {
  school: { name: string; shortName: string };
  slips: (SlipTarget & { code: string })[];
  /** «24.02.2026, 13:00», in the school's time zone. */
  validUntil: string;
  publicUrl: string;
  compress: boolean;
};

/** Two columns by three rows: six slips to an A4 page, cut along the dashed lines. */
const COLUMNS = 2;
const ROWS_PER_PAGE = 3;
const PAGE_MARGIN = 24;
const SLIP_HEIGHT = Math.floor((841.89 - 2 * PAGE_MARGIN) / ROWS_PER_PAGE) - 6;
const GREY = '#555555';

function slipContent(sheet: SlipSheet, slip: SlipSheet['slips'][number]): Content {
  return {
    stack: [
      { text: sheet.school.shortName, bold: true, fontSize: 11 },
      { text: sheet.school.name, fontSize: 7, color: GREY, margin: [0, 1, 0, 0] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 245, y2: 0, lineWidth: 0.5, lineColor: '#999999' }], margin: [0, 4, 0, 4] },
      { text: 'ДОСТУП К ЭЛЕКТРОННОМУ ЖУРНАЛУ И ДНЕВНИКУ', fontSize: 7, bold: true, color: GREY, characterSpacing: 0.5 },
      { text: slip.fullName, bold: true, fontSize: 12.5, margin: [0, 4, 0, 0] },
      { text: slip.roleLabel, fontSize: 8.5, margin: [0, 1, 0, 0] },
      ...slip.children.map((child): Content => ({ text: child, fontSize: 8.5, bold: true })),
      { text: 'Код активации', fontSize: 8, color: GREY, margin: [0, 5, 0, 1] },
      {
        table: { widths: ['*'], body: [[{ text: slip.code, fontSize: 17, bold: true, characterSpacing: 2.5, alignment: 'center', margin: [0, 2, 0, 1] }]] },
        layout: { hLineWidth: () => 1, vLineWidth: () => 1, hLineColor: () => '#333333', vLineColor: () => '#333333' },
      },
      { text: [{ text: 'Действителен до ', color: GREY }, { text: sheet.validUntil, bold: true }, { text: ' · используется один раз', color: GREY }], fontSize: 8, margin: [0, 3, 0, 4] },
      {
        ol: [
          'Откройте в браузере адрес ниже и выберите «Активировать доступ».',
          'Введите код активации с этого листка.',
          'Придумайте логин и пароль (не короче 8 символов) и сохраните их в тайне.',
        ],
        fontSize: 8,
      },
      { text: sheet.publicUrl, bold: true, fontSize: 10, margin: [0, 3, 0, 0] },
    ],
  };
}

/** The credential slips as one PDF, in the order given. */
export function renderSlips(sheet: SlipSheet): Promise<Buffer> {
  const cells: TableCell[] = sheet.slips.map((slip) => ({ ...slipContent(sheet, slip) as object, margin: [12, 9, 12, 6] }) as TableCell);
  while (cells.length % COLUMNS !== 0) cells.push({ text: '' });
  const body: TableCell[][] = [];
  for (let i = 0; i < cells.length; i += COLUMNS) body.push(cells.slice(i, i + COLUMNS));
  const dashed = () => ({ dash: { length: 4, space: 3 } });
  const doc: TDocumentDefinitions = {
    compress: sheet.compress,
    pageSize: 'A4',
    pageMargins: PAGE_MARGIN,
    info: { title: `Коды активации — ${sheet.school.shortName}`, creator: 'Klassny' },
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.1 },
    content: [{
      table: { widths: Array(COLUMNS).fill('*'), heights: SLIP_HEIGHT, body, dontBreakRows: true },
      layout: {
        hLineWidth: () => 0.6, vLineWidth: () => 0.6, hLineColor: () => '#888888', vLineColor: () => '#888888',
        hLineStyle: dashed, vLineStyle: dashed,
        paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 0, paddingBottom: () => 0,
      },
    }],
  };
  return new Promise((resolve, reject) => {
    const pdf = pdfPrinter().createPdfKitDocument(doc);
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}
