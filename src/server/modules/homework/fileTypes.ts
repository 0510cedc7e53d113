import { fileTypeFromBuffer } from 'file-type';

/**
 * What a homework file may be, judged by its CONTENT (the client's name and type are not
 * trusted): documents, pictures, sound and video a school hands out (seed 002: audio, video,
 * files). Executables, scripts, HTML, SVG and anything unrecognised are refused.
 */
const ALLOWED: Record<string, { mime: string; names: string[] }> = {
  pdf: { mime: 'application/pdf', names: ['pdf'] },
  png: { mime: 'image/png', names: ['png'] },
  jpg: { mime: 'image/jpeg', names: ['jpg', 'jpeg'] },
  gif: { mime: 'image/gif', names: ['gif'] },
  webp: { mime: 'image/webp', names: ['webp'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', names: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', names: ['xlsx'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', names: ['pptx'] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', names: ['odt'] },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', names: ['ods'] },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', names: ['odp'] },
  mp3: { mime: 'audio/mpeg', names: ['mp3'] },
  ogg: { mime: 'audio/ogg', names: ['ogg', 'oga'] },
  oga: { mime: 'audio/ogg', names: ['ogg', 'oga'] },
  opus: { mime: 'audio/ogg', names: ['opus', 'ogg'] },
  m4a: { mime: 'audio/mp4', names: ['m4a'] },
  wav: { mime: 'audio/wav', names: ['wav'] },
  mp4: { mime: 'video/mp4', names: ['mp4'] },
  webm: { mime: 'video/webm', names: ['webm'] },
  txt: { mime: 'text/plain; charset=utf-8', names: ['txt'] },
};

export type AllowedType = { ext: string; mime: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Markup a browser would render, or a script with an interpreter line: never "plain text".
const MARKUP = /^\s*</;
const TAGS = /<\s*(script|html|body|head|svg|iframe|object|embed|meta|\?xml|!doctype)\b/i;

/** Text a person wrote: valid UTF-8, no control bytes but tab and line breaks, no markup, no `#!`. */
function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return false;
  }
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return false;
  const body = text.replace(/^\uFEFF/, '');
  return !MARKUP.test(body) && !body.startsWith('#!') && !TAGS.test(body);
}

/** The allowed type of these bytes, or undefined when they are not one the school accepts. */
export async function detectAllowedType(bytes: Buffer): Promise<AllowedType | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    const allowed = ALLOWED[found.ext];
    return allowed ? { ext: found.ext, mime: allowed.mime } : undefined;
  }
  return isPlainText(bytes) ? { ext: 'txt', mime: ALLOWED.txt!.mime } : undefined;
}

/**
 * The name shown and offered on download: the client's base name without path or control
 * characters, given the detected extension when its own does not match (so «doc.pdf» that is a
 * PNG becomes «doc.pdf.png»). It never reaches the disk: files are stored under server-made keys.
 */
export function displayName(raw: string | undefined, type: AllowedType): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  let name = base.normalize('NFC').replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '').replace(/^[\s.]+/, '').trim().slice(0, 150);
  if (name === '') name = 'файл';
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!ALLOWED[type.ext]!.names.includes(ext)) name = `${name}.${type.ext}`;
  return name;
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / 5987): any name, never inline. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
