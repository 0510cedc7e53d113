/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / 5987): the Russian name, and an ASCII one for old clients. */
export function attachment(name: string, asciiName: string): string {
  const clean = name.replace(/[\\/:*?"<>|\p{Cc}]/gu, ' ').replace(/\s+/g, ' ').trim();
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}
