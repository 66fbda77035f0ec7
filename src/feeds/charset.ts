/**
 * Fetched bytes → text. The charset is taken from, in order: a byte-order
 * mark (it cannot lie about itself), the Content-Type header's `charset`,
 * then the document's own declaration (`<?xml … encoding="…"?>`, or an HTML
 * `<meta charset>` / `http-equiv` in its first kilobytes); UTF-8 when none
 * says. An unknown charset name falls back to UTF-8 rather than failing the
 * feed. Decoding is iconv-lite's (every charset feeds are served in).
 */
import iconv from 'iconv-lite';

const DECLARATION_BYTES = 2048;

function fromBom(bytes: Buffer): { charset: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

function fromDeclaration(bytes: Buffer): string | null {
  const head = bytes.subarray(0, DECLARATION_BYTES).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  return meta ? meta[1]!.toLowerCase() : null;
}

export function decodeBody(bytes: Buffer, contentType: string | null): { text: string; charset: string } {
  const bom = fromBom(bytes);
  const wanted = bom?.charset ?? charsetFromContentType(contentType) ?? fromDeclaration(bytes) ?? 'utf-8';
  const charset = iconv.encodingExists(wanted) ? wanted : 'utf-8';
  const text = iconv.decode(bom ? bytes.subarray(bom.skip) : bytes, charset, { stripBOM: true });
  return { text, charset };
}
