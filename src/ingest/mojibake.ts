/**
 * Mojibake: UTF-8 text that was decoded with the wrong codec on its way to
 * us, repaired before anything else reads it.
 *
 * Tell-tales (what a wrong decoder makes of UTF-8's curly quotes, dashes, £
 * and no-break space):
 * - read as GBK: "’s" → "鈥檚", "£" → "拢", a no-break space → "聽"; a
 *   punctuation character followed by a space, a digit or a line end loses
 *   its last byte ("…" at a line end → "鈥", sometimes "鈥�");
 * - read as Windows-1252 or Latin-1: "’" → "â€™", "£" → "Â£", "é" → "Ã©";
 *   a byte Windows-1252 leaves undefined ("”" ends in 0x9D) shows as "�".
 *
 * Repair: each run of non-ASCII characters is encoded back through the codec
 * that broke it and the bytes decoded as UTF-8. The repair is kept only where
 * it removes the tell-tales: the run must come back as valid UTF-8 made of
 * Latin letters, punctuation and currency signs (genuine Chinese text, or a
 * genuine "Ã" in a Portuguese name, does not). A byte the wrong decoder lost
 * is restored as the punctuation mark the context calls for (a line end after
 * speech fragments: "…"; after a space: "–"; closing an open quote: "”";
 * otherwise "’"; a lost second byte of a no-break space: the space). A document is repaired only when it shows a tell-tale and
 * is written in Latin script.
 */
import iconv from 'iconv-lite';
import { CP1252_HIGH } from './decode.js';

export type MisdecodedAs = 'GBK' | 'Windows-1252';

export interface RepairedText {
  text: string;
  /** The codec the text had been read with, when a repair was made. */
  misdecodedAs: MisdecodedAs | null;
}

const GBK_TELLTALE = /鈥|拢|聽/;
const CP1252_TELLTALE = /â€|Â[£\u00a0©®°±·«»]|Ã[\u0080-\u00bf‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/;
/** Share of CJK characters among letters above which a text is taken to be written in Chinese. */
const MAX_CJK_SHARE = 0.25;
/** What a repaired run may hold: Latin letters, punctuation, currency and letterlike signs. */
const WESTERN = /^[\u0000-\u024f\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]*$/u;

/** Marks a byte the wrong decoder dropped or replaced. */
const LOST = -1;

export function repairMojibake(text: string): RepairedText {
  if (GBK_TELLTALE.test(text) && latinScript(text)) {
    const repaired = repairRuns(text, /[^\u0000-\u007f]+/gu, gbkBytes, guessPunctuation);
    if (repaired !== text) return { text: repaired, misdecodedAs: 'GBK' };
  }
  if (CP1252_TELLTALE.test(text)) {
    const repaired = repairRuns(text, /[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\ufffd]+/gu, cp1252Bytes, () => '”');
    if (repaired !== text) return { text: repaired, misdecodedAs: 'Windows-1252' };
  }
  return { text, misdecodedAs: null };
}

function latinScript(text: string): boolean {
  let cjk = 0;
  let letters = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) letters += 1;
    else if (c >= 0x3400 && c <= 0x9fff) {
      cjk += 1;
      letters += 1;
    }
  }
  return letters > 0 && cjk / letters <= MAX_CJK_SHARE;
}

type Guess = (before: string, after: string) => string;

/**
 * Re-decode each run: first the runs that come back whole, then those with a
 * lost byte, guessed from the text around them as already repaired.
 */
function repairRuns(text: string, runs: RegExp, toBytes: (run: string) => number[] | null, guess: Guess): string {
  const pass = (input: string, allowGuess: Guess | null): string => {
    let out = '';
    let last = 0;
    for (const m of input.matchAll(runs)) {
      out += input.slice(last, m.index);
      last = m.index + m[0].length;
      const bytes = toBytes(m[0]);
      // The text before a run as already repaired, so a guess sees the quotes closed so far.
      const decoded = bytes && decodeUtf8(bytes, out, input.slice(last), allowGuess);
      out += decoded && WESTERN.test(decoded) ? decoded : m[0];
    }
    return out + input.slice(last);
  };
  return pass(pass(text, null), guess);
}

/** A run back to the bytes GBK decoding made it from; U+FFFD is a lost byte. */
function gbkBytes(run: string): number[] | null {
  const out: number[] = [];
  for (const ch of run) {
    if (ch === '\ufffd') {
      out.push(LOST);
      continue;
    }
    const b = iconv.encode(ch, 'gbk');
    // iconv-lite writes "?" for a character GBK cannot hold: not GBK mojibake.
    if (b.length === 1 && b[0] === 0x3f) return null;
    out.push(...b);
  }
  return out;
}

const CP1252_BYTE = new Map<number, number>(CP1252_HIGH.map((code, i) => [code, 0x80 + i] as [number, number]).filter(([code]) => code !== 0xfffd));

/** A run back to Windows-1252 bytes (Latin-1's C1 controls pass as the bytes they were); U+FFFD is a lost byte. */
function cp1252Bytes(run: string): number[] | null {
  const out: number[] = [];
  for (const ch of run) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd) out.push(LOST);
    else if (c <= 0xff) out.push(c);
    else {
      const b = CP1252_BYTE.get(c);
      if (b === undefined) return null;
      out.push(b);
    }
  }
  return out;
}

/**
 * Strict UTF-8 decoding of a run's bytes. A three-byte punctuation sequence
 * (E2 80 xx) whose last byte was lost is restored by guessing from context;
 * any other invalid sequence means the run was not mojibake (null).
 */
function decodeUtf8(bytes: number[], before: string, after: string, guess: Guess | null): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b === LOST) return null;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i += 1;
      continue;
    }
    const len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0;
    if (len === 0) return null;
    const seq = bytes.slice(i, i + len);
    if (seq.length === len && seq.slice(1).every((x) => x >= 0x80 && x <= 0xbf)) {
      out += Buffer.from(seq).toString('utf8');
      i += len;
      continue;
    }
    // E2 80 with its third byte lost (dropped at the run's end, or replaced by U+FFFD).
    if (guess && b === 0xe2 && bytes[i + 1] === 0x80 && (i + 2 === bytes.length || bytes[i + 2] === LOST)) {
      out += guess(before + out, i + 2 === bytes.length ? after : bytesAfterLost(bytes, i + 3, after));
      i += i + 2 === bytes.length ? 2 : 3;
      continue;
    }
    // C2 with its second byte lost: at a run's end that was a no-break space.
    if (guess && b === 0xc2 && i + 1 === bytes.length) {
      out += '\u00a0';
      i += 1;
      continue;
    }
    return null;
  }
  return out;
}

function bytesAfterLost(bytes: number[], from: number, after: string): string {
  const rest = bytes.slice(from).filter((b) => b !== LOST);
  return (rest.length && rest.every((b) => b < 0x80) ? String.fromCharCode(...rest) : '') + after;
}

/** The General Punctuation mark a lost byte most likely was, from the text around it. */
function guessPunctuation(before: string, after: string): string {
  const line = before.slice(before.lastIndexOf('\n') + 1);
  const prev = line.slice(-1);
  const next = after.charAt(0);
  const openQuote = (line.match(/“/g)?.length ?? 0) > (line.match(/”/g)?.length ?? 0);
  if (openQuote && (next === '' || /[\s.,;:!?)]/.test(next))) return '”';
  if (/\s/.test(prev)) return '–';
  if (next === '' || next === '\n' || next === '\r') return '…';
  if (/[.,;:!?]/.test(next) && /[\p{L}\p{N}]/u.test(prev)) return '’';
  return /[\p{L}\p{N}]/u.test(prev) ? '’' : '–';
}
