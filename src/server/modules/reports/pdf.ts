import type { Readable } from 'node:stream';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { pdfPrinter } from '../../documents/pdfPrinter.ts';

/** A report's PDF as a stream of its pages as pdfkit lays them out (piped to the reply, never buffered whole). */
export function streamPdf(doc: TDocumentDefinitions): Readable {
  const pdf = pdfPrinter().createPdfKitDocument({ ...doc, defaultStyle: { font: 'Roboto', fontSize: 8, lineHeight: 1.1, ...doc.defaultStyle } });
  pdf.end();
  return pdf as unknown as Readable;
}
