// Reads slips back in tests; no vitest import, so scripts can use it too.

/**
 * The text of an uncompressed pdfmake/pdfkit PDF: every `TJ` string decoded through the
 * ToUnicode map of the font selected before it; words of one line joined, lines on lines.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const objects = new Map<string, string>();
  for (const m of source.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(m[1]!, m[2]!);
  const cmaps = new Map<string, Map<number, string>>();
  const unicodeOf = (fontObject: string) => {
    if (!cmaps.has(fontObject)) {
      const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObject) ?? '')?.[1];
      const map = new Map<number, string>();
      for (const range of (objects.get(ref ?? '') ?? '').matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
        let code = parseInt(range[1]!, 16);
        for (const u of range[2]!.matchAll(/<([0-9a-f]+)>/gi)) map.set(code++, String.fromCodePoint(parseInt(u[1]!, 16)));
      }
      cmaps.set(fontObject, map);
    }
    return cmaps.get(fontObject)!;
  };
  const fontNames = new Map<string, string>();
  for (const m of source.matchAll(/\/(F\d+) (\d+) 0 R/g)) fontNames.set(m[1]!, m[2]!);
  const lines: string[] = [];
  let font = new Map<number, string>();
  for (const m of source.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]\n]*)\] TJ/g)) {
    if (m[1]) { font = unicodeOf(fontNames.get(m[1])!); continue; }
    let line = '';
    for (const hex of m[2]!.matchAll(/<([0-9a-f]*)>/gi)) {
      for (let i = 0; i < hex[1]!.length; i += 4) line += font.get(parseInt(hex[1]!.slice(i, i + 4), 16)) ?? '?';
    }
    lines.push(line);
  }
  // pdfmake writes word by word: a word that ends in a space, a dash or a slash goes on in the next one.
  return lines.map((l) => (/[\s/-]$/.test(l) ? l : `${l}\n`)).join('');
}

export const codesIn = (text: string) => text.match(/\b[A-Z2-9]{5}-[A-Z2-9]{5}\b/g) ?? [];
