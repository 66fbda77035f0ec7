/**
 * Bytes → text, and the rules for input that is not an article at all.
 *
 * Policy (documented here, the one place it lives):
 * - UTF-8 (with or without BOM) is the expected encoding. UTF-16 with a BOM
 *   is decoded as such.
 * - Bytes that are not valid UTF-8 are decoded as Windows-1252 (the usual
 *   culprit: text saved by older Windows tools) with a warning, rather than
 *   skipped: the words are almost always right and the operator is told.
 * - NUL bytes, or more than 10% control characters, mean a binary file: skipped.
 * - Empty or whitespace-only files are skipped.
 * - More than 5 MB: only the first 5 MB are used, cut back to the last
 *   sentence end, with the warning "truncated at 5 MB".
 */
import { SkipFile } from './skip.js';

export const MAX_TEXT_BYTES = 5 * 1024 * 1024;
const SNIFF_BYTES = 64 * 1024;
const MAX_CONTROL_SHARE = 0.1;

export interface DecodedText {
  text: string;
  warnings: string[];
}

export const TRUNCATED_WARNING = 'truncated at 5 MB: only the first 5 MB were ingested; split the file to ingest the rest';

/** Decode a file's bytes to text, or throw SkipFile when it is not text. */
export function decodeText(bytes: Buffer): DecodedText {
  const warnings: string[] = [];
  if (bytes.length === 0) throw new SkipFile('empty file: add article text or remove it');

  const utf16 = utf16Encoding(bytes);
  if (!utf16) {
    const sniff = bytes.subarray(0, SNIFF_BYTES);
    if (sniff.includes(0)) {
      throw new SkipFile('binary file (contains NUL bytes): save the article as UTF-8 text (.txt, .md, .html, .json) or remove it');
    }
  }

  let head = bytes;
  if (bytes.length > MAX_TEXT_BYTES) {
    head = bytes.subarray(0, utf16 ? MAX_TEXT_BYTES - (MAX_TEXT_BYTES % 2) : utf8Boundary(bytes, MAX_TEXT_BYTES));
    warnings.push(TRUNCATED_WARNING);
  }

  let text: string;
  if (utf16) {
    text = new TextDecoder(utf16).decode(head);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(head);
    } catch {
      text = decodeWindows1252(head);
      warnings.push('not valid UTF-8: decoded as Windows-1252; re-save the file as UTF-8 if characters look wrong');
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  if (text.trim() === '') throw new SkipFile('empty file (only whitespace): add article text or remove it');
  const share = controlShare(text.slice(0, SNIFF_BYTES));
  if (share > MAX_CONTROL_SHARE) {
    throw new SkipFile(
      `binary file (${Math.round(share * 100)}% control characters): save the article as UTF-8 text or remove it`,
    );
  }
  if (warnings.includes(TRUNCATED_WARNING)) text = cutAtSentenceEnd(text);
  return { text, warnings };
}

function utf16Encoding(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Largest length ≤ limit that does not split a UTF-8 multi-byte character. */
function utf8Boundary(bytes: Buffer, limit: number): number {
  let end = limit;
  // Step back over continuation bytes (10xxxxxx) to the start of a character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return end;
}

function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) control += 1;
  }
  return control / text.length;
}

/**
 * Cut text back to its last sentence end (., !, ? or a closing quote after
 * one), so a truncated article does not end mid-sentence. Falls back to the
 * last paragraph break, then to the text as is.
 */
export function cutAtSentenceEnd(text: string): string {
  const tail = text.slice(-20_000);
  const offset = text.length - tail.length;
  let best = -1;
  for (const m of tail.matchAll(/[.!?]["'”’)\]]*(?=\s)/g)) best = offset + m.index + m[0].length;
  if (best > 0) return text.slice(0, best);
  const para = text.lastIndexOf('\n\n');
  return para > 0 ? text.slice(0, para) : text;
}

/** Cap an extracted text (a JSON body) at 5 MB of UTF-8, at a sentence end. */
export function capText(text: string): { text: string; truncated: boolean } {
  if (text.length * 3 <= MAX_TEXT_BYTES || Buffer.byteLength(text, 'utf8') <= MAX_TEXT_BYTES) {
    return { text, truncated: false };
  }
  const buf = Buffer.from(text, 'utf8');
  const head = buf.subarray(0, utf8Boundary(buf, MAX_TEXT_BYTES)).toString('utf8');
  return { text: cutAtSentenceEnd(head), truncated: true };
}

/**
 * Windows-1252 by hand: Node's TextDecoder('windows-1252') decodes 0x80–0x9F
 * as C1 control characters (ISO-8859-1) instead of curly quotes, dashes, €.
 */
export const CP1252_HIGH = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes.push(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b);
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}
