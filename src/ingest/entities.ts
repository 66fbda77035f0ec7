/**
 * Names as the store keeps them. People lose honorifics and job titles
 * ("Sir Keir Starmer" → "Keir Starmer", "Defence Secretary John Healey" →
 * "John Healey") and possessives ("Putin’s" → "Putin"); within one document a
 * short form that matches exactly one full name is written as that name
 * ("Mr Healey", "Healey" → "John Healey"; "Sir Keir" → "Keir Starmer").
 * Organisations lose a leading "the" and possessives.
 */

/** Leading words that are titles, not names. Lower-case; matched word by word. */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'baroness', 'baron',
  'president', 'president-elect', 'vice', 'prime', 'minister', 'pm', 'chancellor', 'secretary', 'defence', 'defense',
  'foreign', 'home', 'health', 'foreign', 'state', 'deputy', 'general', 'gen', 'lt', 'col', 'colonel', 'major',
  'admiral', 'captain', 'capt', 'sgt', 'king', 'queen', 'prince', 'princess', 'pope', 'senator', 'sen', 'rep',
  'governor', 'gov', 'mayor', 'judge', 'justice', 'chief', 'commander', 'ambassador', 'chairman', 'chair', 'ceo',
  'us', 'uk', 'ukrainian', 'russian', 'british', 'french', 'german', 'american', 'treasury', 'shadow', 'mp', 'st',
  'rev', 'reverend', 'father', 'archbishop', 'bishop', 'spokesman', 'spokeswoman', 'spokesperson', 'leader',
]);

const POSSESSIVE = /['’]s?$/;
const EDGE_PUNCT = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$|\.$/gu;

function cleanWords(words: string[]): string[] {
  return words
    .map((w) => w.replace(EDGE_PUNCT, '').replace(POSSESSIVE, ''))
    .filter((w) => w !== '');
}

/** A person's name without titles; null when nothing name-like is left. */
export function normalisePerson(words: string[]): string | null {
  const cleaned = cleanWords(words);
  let start = 0;
  // Keep at least one word: "President" alone is not a name, so it is dropped below.
  while (start < cleaned.length - 1 && TITLES.has(cleaned[start]!.toLowerCase().replace(/\.$/, ''))) start += 1;
  const name = cleaned.slice(start);
  if (name.length === 0) return null;
  if (name.length === 1 && TITLES.has(name[0]!.toLowerCase())) return null;
  if (!name.every((w) => /^\p{Lu}/u.test(w) || /^(?:de|van|von|der|al|bin|la|le|du|da)$/.test(w))) return null;
  if (name.some((w) => /[\d/@]/.test(w))) return null;
  return name.join(' ');
}

const CONNECTORS = new Set(['of', 'for', 'the', 'and', 'on', 'de', 'du', 'des', 'la', 'le', '&']);

export function normaliseOrganisation(words: string[]): string | null {
  const cleaned = cleanWords(words);
  if (cleaned[0]?.toLowerCase() === 'the') cleaned.shift();
  if (cleaned.length === 0) return null;
  // Every word capitalised (bar joining words): "Ukrainian capital", "British army" are not names.
  if (!cleaned.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || CONNECTORS.has(w))) return null;
  if (CONNECTORS.has(cleaned[cleaned.length - 1]!)) return null;
  return cleaned.join(' ');
}

/**
 * Map short forms to the document's full names: a one-word name that is the
 * first or last word of exactly one multi-word name becomes that name.
 */
export function canonicalPeople(names: Iterable<string>): Map<string, string> {
  const full = new Set<string>();
  for (const n of names) if (n.includes(' ')) full.add(n);
  const byWord = new Map<string, Set<string>>();
  for (const n of full) {
    const words = n.split(' ');
    for (const w of [words[0]!, words[words.length - 1]!]) {
      const set = byWord.get(w) ?? new Set<string>();
      set.add(n);
      byWord.set(w, set);
    }
  }
  const canonical = new Map<string, string>();
  for (const n of names) {
    if (n.includes(' ')) {
      canonical.set(n, n);
      continue;
    }
    const candidates = byWord.get(n);
    canonical.set(n, candidates && candidates.size === 1 ? [...candidates][0]! : n);
  }
  return canonical;
}
