/**
 * Query-focused extractive summary: the articles' own sentences, chosen for
 * relevance and freed of repetition.
 *
 * 1. Eligible sentences: not boilerplate, at least 6 words, not a question,
 *    not a continuation ("He added: …").
 * 2. Relevance: with a topic, topicMatcher's score (0 = out) lifted by
 *    centrality; without one, centrality alone: how much of the coverage's
 *    shared vocabulary (words used by many documents) the sentence carries.
 *    Specific sentences (amounts, named actors, dates) and ledes gain a
 *    little; bare quotes and weak openers lose a little.
 * 3. Sentences saying the same thing across documents (same words, a shared
 *    quote, or the same amounts and actors) are merged into one item citing
 *    all of them; the best-scored wording speaks, and each further source
 *    lifts the item's score by a quarter.
 * 4. MMR (λ = 0.7) picks up to `maxSentences` (default 8) items, each
 *    trading relevance against similarity to what is already picked (word
 *    overlap, or 0.15 per item already taken from the same document).
 * 5. Output in story order: by earliest document date, then document and
 *    position, so the summary reads chronologically.
 */
import { amountKeys } from './amounts.js';
import { clusterItem, sameHappeningScore, type ClusterItem } from './cluster.js';
import { byDocQuality, byDocumentPosition } from './events.js';
import {
  hasWeakOpener,
  isBareQuote,
  isFragment,
  isQuestion,
  needsPreviousSentence,
} from './sentence-kind.js';
import { contentStemSet, entityKeys, setCosine, words } from './text.js';
import { topicMatcher } from './topic.js';
import type { AnalysisDoc, AnalysisSentence } from './types.js';

export interface SummaryOptions {
  topic?: string;
  /** Default 8. */
  maxSentences?: number;
  /** MMR trade-off between relevance (1) and novelty (0). Default 0.7. */
  lambda?: number;
  /** What is known of texts already seen (a server keeps one across summaries); default: a fresh one. */
  facts?: TextFacts;
}

export interface SummaryItem {
  text: string;
  /** Documents saying the same, best source first. */
  docIds: string[];
}

export const DEFAULT_SUMMARY_SENTENCES = 8;
const LAMBDA = 0.7;
/** Only this many top-scored sentences go on to de-duplication and MMR (keeps it fast at scale). */
const POOL = 400;
/** An item this similar to a picked one is a repeat, whatever MMR says. */
const REDUNDANT = 0.55;

interface Scored {
  s: AnalysisSentence;
  stems: Set<string>;
  score: number;
}

export function summarize(sentences: AnalysisSentence[], opts: SummaryOptions = {}): SummaryItem[] {
  const max = Math.max(1, Math.floor(opts.maxSentences ?? DEFAULT_SUMMARY_SENTENCES));
  const lambda = opts.lambda ?? LAMBDA;
  // Reprinted quotes and wire copy make most candidates repeat another's
  // words (on 10,000 articles ~70% of them): what depends only on the words
  // is worked out once per distinct text.
  const texts = opts.facts ?? new TextFacts();
  texts.trim();
  const eligible = uniqueSentences(sentences).filter((s) => !s.boilerplate && texts.of(s.text).summarisable);
  if (eligible.length === 0) return [];

  const stems = eligible.map((s) => texts.of(s.text).stems);
  const centrality = centralityScores(eligible, stems);
  const match = opts.topic?.trim() ? topicMatcher(opts.topic) : null;
  const matches = new Map<string, number>();

  const scored: Scored[] = [];
  eligible.forEach((s, i) => {
    let score = centrality[i]! * quality(s);
    if (match) {
      const entities = [...s.people, ...s.organisations];
      const key = `${s.text}\u0000${entities.join('\u0001')}`;
      let m = matches.get(key);
      if (m === undefined) matches.set(key, (m = match(s.text, entities, texts.of(s.text).words)));
      if (m <= 0) return;
      score = m * (1 + score);
    }
    if (score > 0) scored.push({ s, stems: stems[i]!, score });
  });
  scored.sort((a, b) => b.score - a.score || byDocumentPosition(a.s, b.s));
  const pool = scored.slice(0, POOL);

  const groups = mergeNearDuplicates(pool, texts).map(corroborated);
  const picked = mmr(groups, max, lambda);
  return picked.sort((a, b) => byStoryOrder(a.lead.s, b.lead.s)).map((g) => ({
    text: g.lead.s.text.trim(),
    docIds: uniqueDocs(g.members.map((m) => m.s.doc)),
  }));
}

interface TextFact {
  /** Not a fragment, a question or a continuation (boilerplate is the sentence's own mark). */
  summarisable: boolean;
  words: string[];
  /** Content stems; one set shared by every sentence with these words, read and never changed. */
  stems: Set<string>;
}

/**
 * What a summary needs to know of a text whatever document carries it,
 * worked out once per distinct text. It depends on the words alone, so one
 * instance can serve every summary of a server: successive summaries draw on
 * much the same recent sentences. `max` bounds its memory (plus one
 * summary's worth): when full it starts again before the next summary.
 */
export class TextFacts {
  private readonly byText = new Map<string, TextFact>();
  /** Clustering features by text, actors and amounts. */
  private readonly items = new Map<string, ClusterItem>();

  constructor(private readonly max = Infinity) {}

  /** Called before each summary: when full, start again (never during one, which holds its texts' facts). */
  trim(): void {
    if (this.byText.size < this.max && this.items.size < this.max) return;
    this.byText.clear();
    this.items.clear();
  }

  /** The features summary's near-duplicate test compares (cluster.ts) of a text said with these actors and amounts. */
  clusterItem(text: string, entities: string[], amounts: string[]): ClusterItem {
    const key = `${text}\u0000${entities.join('\u0001')}\u0000${amounts.join('\u0001')}`;
    let item = this.items.get(key);
    if (!item) {
      const { words, stems } = this.of(text);
      item = clusterItem({ date: '', day: null, text, entities, entityKeys: entityKeys(entities), amountKeys: amounts, words, stems });
      this.items.set(key, item);
    }
    return item;
  }

  of(text: string): TextFact {
    let fact = this.byText.get(text);
    if (!fact) {
      const t = text.trim();
      const summarisable = !isFragment(t) && !isQuestion(t) && !needsPreviousSentence(t);
      const ws = summarisable ? words(text) : [];
      fact = { summarisable, words: ws, stems: contentStemSet(ws) };
      this.byText.set(text, fact);
    }
    return fact;
  }
}

function uniqueSentences(sentences: AnalysisSentence[]): AnalysisSentence[] {
  const seen = new Set<string>();
  const out: AnalysisSentence[] = [];
  for (const s of [...sentences].sort(byDocumentPosition)) {
    const k = `${s.docId}\u0000${s.index}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(s);
    }
  }
  return out;
}

/**
 * Centrality: each content word weighs the share of documents using it, so
 * words the whole coverage shares count most; normalised by √length so long
 * sentences do not win by size alone; scaled to 0..1.
 */
function centralityScores(sentences: AnalysisSentence[], stems: Set<string>[]): number[] {
  // Documents per stem, counted without a set per stem: `sentences` come from
  // uniqueSentences, sorted by document, so each document's sentences are
  // contiguous and a stem counts a document when it first meets it there.
  const docsPerStem = new Map<string, { docs: number; lastDoc: number }>();
  let docCount = 0;
  let lastDocId: string | null = null;
  sentences.forEach((s, i) => {
    if (s.docId !== lastDocId) {
      lastDocId = s.docId;
      docCount++;
    }
    for (const w of stems[i]!) {
      const d = docsPerStem.get(w);
      if (!d) docsPerStem.set(w, { docs: 1, lastDoc: docCount });
      else if (d.lastDoc !== docCount) {
        d.docs++;
        d.lastDoc = docCount;
      }
    }
  });
  // A sentence's score depends on its stems only: once per distinct stem set.
  const rawOf = new Map<Set<string>, number>();
  const raw = stems.map((set) => {
    let r = rawOf.get(set);
    if (r === undefined) {
      r = 0;
      if (set.size > 0) {
        let sum = 0;
        for (const w of set) sum += docsPerStem.get(w)!.docs / docCount;
        r = sum / Math.sqrt(set.size);
      }
      rawOf.set(set, r);
    }
    return r;
  });
  let top = 1e-9;
  for (const r of raw) if (r > top) top = r;
  return raw.map((r) => r / top);
}

/** Specific beats vague; a lede beats a late aside; a full sentence beats a bare quote. */
function quality(s: AnalysisSentence): number {
  let q = 1;
  if (s.amounts.length) q += 0.4;
  q += Math.min(0.3, 0.1 * (s.people.length + s.organisations.length));
  if (s.dates.length) q += 0.1;
  if (s.index <= 1) q += 0.15;
  if (isBareQuote(s.text)) q *= 0.7;
  if (hasWeakOpener(s.text)) q *= 0.85;
  if (s.text.length > 400) q *= 0.8;
  return q;
}

interface Group {
  lead: Scored;
  members: Scored[];
  /** Lead's score lifted by how many documents say the same. */
  score: number;
}

/** What several outlets report is more central than what one does. */
const PER_EXTRA_SOURCE = 0.25;

function corroborated(g: Group): Group {
  const docs = new Set(g.members.map((m) => m.s.docId)).size;
  return { ...g, score: g.lead.score * (1 + PER_EXTRA_SOURCE * (docs - 1)) };
}

/**
 * The same thing said in several documents → one item citing all of them:
 * the same words (near-duplicate, shared quote) or the same reported fact
 * (same amounts and actors), by the rule events use (cluster.ts).
 */
function mergeNearDuplicates(pool: Scored[], texts: TextFacts): Group[] {
  // The same words, actors and amounts make the same item (a reprint in another outlet): built once.
  const items = pool.map((p) => texts.clusterItem(p.s.text, [...p.s.people, ...p.s.organisations], amountKeys(p.s.amounts)));
  const groups: Array<Group & { at: number }> = [];
  // The group a copy of an item joins is the one the item joined: the groups
  // before it did not take the item, and a group's lead never changes.
  const homeOf = new Map<ClusterItem, Group & { at: number }>();
  pool.forEach((p, i) => {
    const item = items[i]!;
    // Pool is best first, so each group's lead is its best-scored wording.
    const home = homeOf.get(item) ?? groups.find((g) => sameHappeningScore(item, items[g.at]!) !== null);
    if (home) {
      home.members.push(p);
      homeOf.set(item, home);
    } else {
      const group = { lead: p, members: [p], score: p.score, at: i };
      groups.push(group);
      if (sameHappeningScore(item, item) !== null) homeOf.set(item, group);
    }
  });
  return groups;
}

/** Redundancy charged per item already picked from the same document. */
const SAME_DOCUMENT = 0.15;

/** Fewer than this many items only when the corpus has no more distinct ones. */
const MIN_SENTENCES = 5;

function mmr(groups: Group[], max: number, lambda: number): Group[] {
  const top = Math.max(...groups.map((g) => g.score), 1e-9);
  const left = [...groups];
  const picked: Group[] = [];
  const pick = (allowRedundant: boolean): boolean => {
    let best = -1;
    let bestValue = -Infinity;
    left.forEach((g, i) => {
      const redundancy = Math.max(0, ...picked.map((p) => setCosine(g.lead.stems, p.lead.stems)));
      if (!allowRedundant && redundancy >= REDUNDANT) return;
      // A summary should reach across the coverage, not retell one article.
      const sameDoc = SAME_DOCUMENT * picked.filter((p) => p.lead.s.docId === g.lead.s.docId).length;
      const value = lambda * (g.score / top) - (1 - lambda) * Math.max(redundancy, sameDoc);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    if (best < 0) return false;
    picked.push(left.splice(best, 1)[0]!);
    return true;
  };
  while (picked.length < max && left.length && pick(false));
  while (picked.length < Math.min(max, MIN_SENTENCES) && left.length && pick(true));
  return picked;
}

function uniqueDocs(docs: AnalysisDoc[]): string[] {
  const byId = new Map<string, AnalysisDoc>();
  for (const d of docs) if (!byId.has(d.id)) byId.set(d.id, d);
  return [...byId.values()].sort(byDocQuality).map((d) => d.id);
}

function byStoryOrder(a: AnalysisSentence, b: AnalysisSentence): number {
  const da = a.doc.published ?? '\uffff';
  const db = b.doc.published ?? '\uffff';
  return da < db ? -1 : da > db ? 1 : byDocumentPosition(a, b);
}
