/**
 * Parse one corpus file into documents: the per-document half of ingest.
 * Pure: bytes in, ParsedDocument[] out, no I/O and no corpus knowledge.
 *
 *   decode → mojibake repaired → entities (txt/md/json text) → format reader
 *   (txt/md/html/json) → header/dateline → glued headings split → paragraphs
 *   → furniture removed → speech fragments joined → publication date → ONE compromise pass (sentences,
 *   people, organisations) → per sentence: dates (chrono, pre-filtered),
 *   amounts (regex) → relevance to the topic profile.
 */
import type { DateMention, DocumentFormat, ParsedDocument, ParsedSentence, PublishedFrom } from '../core/model.js';
import { scoreRelevance } from '../topic/relevance.js';
import { loadTopicProfile, type TopicProfile } from '../topic/profile.js';
import { extractAmounts } from './amounts.js';
import { parseIsoDay } from '../core/calendar.js';
import { resolveDateMentions } from './dates.js';
import { documentId, formatOf } from './document-id.js';
import { capText, decodeText, MAX_TEXT_BYTES, TRUNCATED_WARNING } from './decode.js';
import type { RawArticle } from './formats/article.js';
import { readHtml } from './formats/html.js';
import { readJson } from './formats/json.js';
import { readMarkdown } from './formats/markdown.js';
import { readText } from './formats/text.js';
import { isFurnitureSentence, removeFurniture } from './furniture.js';
import { repairMojibake } from './mojibake.js';
import { decodeEntities, separateGluedHeadings } from './repair.js';
import { joinFragments, splitParagraphs } from './paragraphs.js';
import { inferPublishedFromText, normaliseStatedDate, readTextHeader } from './published.js';
import { analyseParagraphs } from './sentences.js';
import { SkipFile } from './skip.js';
import { titleFrom } from './title.js';

export { SkipFile, loadTopicProfile, titleFrom };
export type { TopicProfile };

export interface ParseInput {
  /** Path under the corpus dir, with extension, '/' separators. */
  relPath: string;
  bytes: Buffer;
}

export interface ParseOptions {
  topic: TopicProfile;
  /** Publication date to assume when the text states none (from a dated document sharing its quotes). */
  publishedHint?: string;
}

export interface ParseResult {
  documents: ParsedDocument[];
  /** Every one-line warning for the file (per-item ones prefixed "item N: "). */
  warnings: string[];
}

export function parseDocument(input: ParseInput, options: ParseOptions): ParseResult {
  const format = formatOf(input.relPath);
  if (!format) throw new SkipFile(`unsupported file type: save articles as .txt, .md, .html or .json`);
  const id = documentId(input.relPath);
  const decoded = decodeText(input.bytes);
  const fileWarnings = [...decoded.warnings];
  // Before anything else reads the text: a page mis-decoded on its way here is read back as the UTF-8 it was.
  const repaired = repairMojibake(decoded.text);
  if (repaired.misdecodedAs) {
    fileWarnings.push(
      `the text had been mis-decoded (UTF-8 read as ${repaired.misdecodedAs}: "’" shown as ${repaired.misdecodedAs === 'GBK' ? '"鈥"' : '"â€™"'}): repaired; fetch or save the page as UTF-8 to avoid guessed punctuation`,
    );
  }

  if (format !== 'json') {
    const article = readArticle(format, repaired.text);
    const doc = buildDocument(id, article, options, fileWarnings);
    return { documents: [doc], warnings: doc.warnings };
  }

  const nearCap = input.bytes.length >= MAX_TEXT_BYTES;
  const json = readJson(repaired.text, nearCap);
  const documents: ParsedDocument[] = [];
  const warnings = [...fileWarnings.filter((w) => w !== TRUNCATED_WARNING), ...json.warnings];
  const many = json.items.length > 1;
  json.items.forEach((article, i) => {
    if (!article) return;
    const docId = many ? `${id}#${i + 1}` : id;
    try {
      const doc = buildDocument(docId, article, options, fileWarnings.filter((w) => w !== TRUNCATED_WARNING));
      documents.push(doc);
      warnings.push(...doc.warnings.filter((w) => !warnings.includes(w)).map((w) => (many ? `item ${i + 1}: ${w}` : w)));
    } catch (err) {
      if (!(err instanceof SkipFile) || !many) throw err;
      warnings.push(`item ${i + 1}: ${err.message}`);
    }
  });
  if (documents.length === 0) throw new SkipFile(`JSON holds no usable article (${warnings[0] ?? 'no text'})`);
  return { documents, warnings };
}

/**
 * An article that did not come from a file (a feed item: its fields and the
 * text of its content or linked page) through the same pipeline as a file's:
 * furniture, publication date, sentences, dates, entities, relevance.
 */
export function parseArticle(id: string, article: RawArticle, options: ParseOptions): ParseResult {
  const doc = buildDocument(id, article, options, []);
  return { documents: [doc], warnings: doc.warnings };
}

function readArticle(format: Exclude<DocumentFormat, 'json'>, source: string): RawArticle {
  switch (format) {
    case 'txt':
      return readText(decodeEntities(source));
    case 'md':
      return readMarkdown(decodeEntities(source));
    case 'html':
      return readHtml(source);
  }
}

function buildDocument(id: string, article: RawArticle, options: ParseOptions, inherited: string[]): ParsedDocument {
  const warnings = [...inherited, ...article.warnings];
  const capped = capText(article.body);
  if (capped.truncated && !warnings.includes(TRUNCATED_WARNING)) warnings.push(TRUNCATED_WARNING);

  const header = readTextHeader(capped.text);
  const paragraphs = joinFragments(removeFurniture(splitParagraphs(separateGluedHeadings(header.body))).paragraphs);
  if (paragraphs.length === 0) {
    throw new SkipFile('no article text (nothing left after removing page furniture such as banners and captions): check the file holds an article');
  }

  const { published, publishedFrom } = publicationDate(article, header.published, paragraphs, options.publishedHint, warnings);

  const analysed = analyseParagraphs(paragraphs).filter((s) => !isFurnitureSentence(s.text));
  const sentences: ParsedSentence[] = analysed.map((s, index) => ({
    index,
    paragraph: s.paragraph,
    text: s.text,
    dates: resolveDateMentions(s.text, published) satisfies DateMention[],
    people: s.people,
    organisations: s.organisations,
    amounts: extractAmounts(s.text),
  }));
  if (sentences.length === 0) {
    throw new SkipFile('no sentences found in the article text: check the file holds an article');
  }

  const title = article.title ?? header.title ?? titleFrom(sentences[0]!.text);
  const relevance = scoreRelevance(`${title}\n${sentences.map((s) => s.text).join('\n')}`, options.topic);
  return {
    id,
    title,
    outlet: article.outlet ?? header.outlet,
    url: article.url ?? header.url,
    published,
    publishedFrom,
    sentences,
    relevance: relevance.relevance,
    relevant: relevance.relevant,
    warnings,
  };
}

/** Metadata, then header/dateline (stated); then the text, then the hint (inferred); else unknown. */
function publicationDate(
  article: RawArticle,
  headerDate: ReturnType<typeof normaliseStatedDate>,
  paragraphs: string[],
  hint: string | undefined,
  warnings: string[],
): { published: string | null; publishedFrom: PublishedFrom } {
  const meta = normaliseStatedDate(article.published);
  if (meta?.ok) return { published: meta.date, publishedFrom: 'stated' };
  if (meta && !meta.ok) {
    warnings.push(
      `impossible ${article.publishedField ?? 'metadata date'} "${meta.raw}": ignored, publication date taken from the text if it gives one; fix it as YYYY-MM-DD`,
    );
  }
  if (headerDate?.ok) return { published: headerDate.date, publishedFrom: 'stated' };
  if (headerDate && !headerDate.ok) {
    warnings.push(`impossible header date "${headerDate.raw}": ignored; fix the date line (YYYY-MM-DD)`);
  }
  const inferred = inferPublishedFromText(paragraphs.join('\n'));
  if (inferred) return { published: inferred, publishedFrom: 'inferred' };
  if (hint && parseIsoDay(hint)) return { published: hint, publishedFrom: 'inferred' };
  return { published: null, publishedFrom: 'unknown' };
}

