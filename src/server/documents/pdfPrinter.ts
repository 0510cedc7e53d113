import { createRequire } from 'node:module';

// pdfmake 0.2 is CommonJS: the server-side printer and the Roboto fonts (with Cyrillic) it bundles.
// Loaded on the first document, not at start: pdfmake and its fonts are ~20 MB and a second of start-up.
const require = createRequire(import.meta.url);

let printer: InstanceType<typeof import('pdfmake')> | undefined;

/** The one pdfmake printer of the process (reports, activation slips), made on first use. */
export function pdfPrinter(): InstanceType<typeof import('pdfmake')> {
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
