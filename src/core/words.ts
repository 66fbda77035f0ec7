/**
 * Plain words: lower case, accents dropped ("Zelenskyy" = "zelenskyy",
 * "Kyïv" = "kyiv"), split on anything that is not a letter or digit. The
 * one rule for "the same words" where text is compared or searched as words:
 * sentence hashes and quote keys at ingest, and the terms of a search (which
 * must agree with the full-text index's unicode61 tokenizer, accents removed).
 * The analysis has its own, richer tokens (src/analysis/text.ts: stems,
 * hyphen splits), built for similarity rather than identity.
 */
export function plainWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
