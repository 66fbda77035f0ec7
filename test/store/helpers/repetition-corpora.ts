/**
 * Small random corpora whose sentences recur the ways repetition judges:
 * banners carried by more documents than HOLDERS_RANKED, by about
 * REPRINT_MAX_DOCS and by a few; wire paragraphs run by up to two dozen
 * outlets; single quoted sentences; a sentence said twice in one
 * paragraph; and later documents copying an older one's own words (a
 * sentence only it carried becomes shared), some of them published before
 * it (the later arrival is the original); one wire story about as many
 * carry as REPRINT_MAX_DOCS.
 */
import { mulberry32 } from '../../../bench/synth/prng.js';
import type { DocumentWrite } from '../../../src/store/corpus.js';
import { docWrite, type SentenceSpec } from './corpus-fixtures.js';

export interface RepetitionCorpus {
  older: DocumentWrite[];
  newer: DocumentWrite[];
}

const specsOf = (paragraphs: string[][]): SentenceSpec[] => paragraphs.flatMap((lines, paragraph) => lines.map((text) => ({ text, paragraph })));

export function repetitionCorpus(seed: number, sizes = { older: 90, newer: 14 }): RepetitionCorpus {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const sentences = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} line ${i + 1} of ${n}.`);
  // Banners, each with the share of documents carrying it at an edge.
  const banners = [
    { lines: sentences('Support our newsroom', 3), share: 0.8 },
    { lines: sentences('Read the morning briefing', 3), share: 0.22 },
    { lines: sentences('Follow us for updates', 4), share: 0.05 },
  ];
  const wires = Array.from({ length: 12 }, (_, i) => sentences(`Wire story ${i}`, 3 + (i % 3)));
  const quotes = Array.from({ length: 15 }, (_, i) => `"We will keep going," said speaker ${i}.`);
  const own: string[][] = [];
  const written: string[][][] = [];

  const doc = (id: string): DocumentWrite => {
    const published = chance(0.1) ? null : `2024-12-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    if (written.length > 0 && chance(0.08)) return docWrite(id, published, specsOf(pick(written)));
    const paragraphs: string[][] = [];
    const top = banners.filter((b) => chance(b.share / 2));
    const bottom = banners.filter((b) => !top.includes(b) && chance(b.share / 2));
    for (const b of top) paragraphs.push(b.lines);
    // A closing line said twice beside a quote: one shared sentence that is most of a block.
    if (chance(0.06)) paragraphs.push(((q) => [q, q, pick(quotes)])(pick(quotes)));
    const mine: string[] = [];
    const body = 1 + Math.floor(rnd() * 4);
    for (let p = 0; p < body; p++) {
      // The first wire story runs about as widely as reprint evidence goes.
      if (chance(0.3)) paragraphs.push(chance(0.3) ? wires[0]! : pick(wires));
      else if (own.length > 0 && chance(0.12)) paragraphs.push(pick(own).slice(0, 1 + Math.floor(rnd() * 3)));
      else {
        const lines = sentences(`Report ${id} paragraph ${p}`, 2 + Math.floor(rnd() * 3));
        if (chance(0.25)) lines.push(pick(quotes));
        if (chance(0.08)) lines.push(lines[0]!);
        mine.push(...lines);
        paragraphs.push(lines);
      }
    }
    for (const b of bottom) paragraphs.push(b.lines);
    if (mine.length > 0) own.push(mine);
    written.push(paragraphs);
    return docWrite(id, published, specsOf(paragraphs));
  };
  const older = Array.from({ length: sizes.older }, (_, i) => doc(`d${seed}-${String(i).padStart(3, '0')}`));
  const newer = Array.from({ length: sizes.newer }, (_, i) => doc(`n${seed}-${String(i).padStart(3, '0')}`));
  return { older, newer };
}
