import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

// pdfmake 0.2 is CommonJS: the server-side printer and the Roboto fonts (with Cyrillic) it bundles.
const require = createRequire(import.meta.url);
const PdfPrinter = require('pdfmake') as typeof import('pdfmake');
const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;

// pdfkit parses each font anew for every document (fontkit.create on the same Buffer): most of a
// small report's time and garbage. The parsed font holds no per-document state (the subset and
// the widths are the document's), so the fonts of the printer are parsed once per process.
type Fontkit = { create(buffer: Buffer, postscriptName?: string): unknown };
const fontkit = require(require.resolve('@foliojs-fork/fontkit', { paths: [require.resolve('@foliojs-fork/pdfkit', { paths: [require.resolve('pdfmake')] })] })) as Fontkit;
const parse = fontkit.create.bind(fontkit);
const parsed = new WeakMap<Buffer, Map<string, unknown>>();
fontkit.create = (buffer, postscriptName) => {
  let fonts = parsed.get(buffer);
  if (!fonts) parsed.set(buffer, fonts = new Map());
  const key = postscriptName ?? '';
  if (!fonts.has(key)) fonts.set(key, parse(buffer, postscriptName));
  return fonts.get(key);
};

let printer: InstanceType<typeof PdfPrinter> | undefined;
function printerOnce() {
  const font = (file: string) => Buffer.from(vfs[file]!, 'base64');
  printer ??= new PdfPrinter({
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
