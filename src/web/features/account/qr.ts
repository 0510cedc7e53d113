// qr.js by Kang Seonghoon (public domain / CC0), as shipped inside pdfmake: no extra package.
import qrEnc from 'pdfmake/src/qrEnc.js';

type Rect = { type: 'rect'; x: number; y: number; w: number; h: number };

/**
 * A QR code of `text` (ECC level M) as one SVG path in module units, with the 4-module quiet zone
 * the standard asks for: `<svg viewBox="0 0 size size"><path d={path} /></svg>`.
 */
export function qrPath(text: string): { size: number; path: string } {
  const node = qrEnc.measure({ qr: text, eccLevel: 'M', fit: 0 }) as { _canvas: Rect[] };
  const [background, ...modules] = node._canvas;
  const unit = modules[0]?.w ?? 1;
  const quiet = 4;
  const size = Math.round(background!.w / unit) + quiet * 2;
  const path = modules.map((m) => `M${Math.round(m.x / unit) + quiet} ${Math.round(m.y / unit) + quiet}h1v1h-1z`).join('');
  return { size, path };
}
