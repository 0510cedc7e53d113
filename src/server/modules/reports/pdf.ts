import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

// pdfmake 0.2 is CommonJS: the server-side printer and the Roboto fonts (with Cyrillic) it bundles.
// Loaded on the first document, not at start: pdfmake and its fonts are ~20 MB and a second of start-up.
const require = createRequire(import.meta.url);

let printer: InstanceType<typeof import('pdfmake')> | undefined;
function printerOnce() {
  if (printer) return printer;
  const PdfPrinter = require('pdfmake') as typeof import('pdfmake');
  const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
  const font = (file: string) => Buffer.from(vfs[file]!, 'base64');
  printer = new PdfPrinter({
    Roboto: {
      normal: font('Roboto-Regular.ttf'),
      bold: font('Roboto-Medium.ttf'),
      italics: font('Roboto-Italic.ttf'),
      bolditalics: font('Roboto-MediumItalic.ttf'),
    },
  });
  return printer;
}

/** A report's PDF as a stream of its pages as pdfkit lays them out (piped to the reply, never buffered whole). */
export function streamPdf(doc: TDocumentDefinitions): Readable {
  const pdf = printerOnce().createPdfKitDocument({ ...doc, defaultStyle: { font: 'Roboto', fontSize: 8, lineHeight: 1.1, ...doc.defaultStyle } });
  pdf.end();
  return pdf as unknown as Readable;
}
