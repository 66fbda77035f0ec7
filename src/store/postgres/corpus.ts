/**
 * The corpus on PostgreSQL (files, documents, sentences with a generated
 * tsvector column and its GIN index, quotes; migrations 1, 2 and 4,
 * corpus-schema.ts), for several instances sharing one database. The contract is
 * ../corpus.ts. Each write method is one transaction, and one that changes
 * documents marks the events stale in it (events.ts markEvents).
 */
import type pg from 'pg';
import type { AnalysisDoc, AnalysisSentence } from '../../analysis/types.js';
import type { SearchHit, SourceDocument, StoredDocument } from '../../core/model.js';
import type {
  CorpusRepository,
  CorpusStats,
  CurrentMarks,
  DocumentText,
  FileRecord,
  FileWrite,
  HashHolders,
  ParagraphHash,
  ParagraphRow,
  RepetitionMarks,
  RepetitionRank,
  RepetitionState,
  SentenceQuery,
} from '../corpus.js';
import type { DatabaseLocator } from '../repositories.js';
import { SOURCE_COLUMNS, toAnalysisSentence, toDocument, toSourceDocument, type Row } from '../rows.js';
import { quotedTerms, type SearchQuery } from '../search-query.js';
import { query, transaction, type Queryable } from './database.js';
import { markEvents } from './events.js';
import { readMeta, writeMeta } from './meta.js';
import type { PlannerStatistics } from './planner-statistics.js';
import { TSQUERY } from './tsquery.js';

/** Search ranks at most this many matches of a query: the most recently added ones (as on SQLite). */
const SEARCH_SCOPE = 50_000;
/** hashHolders' "every holder": the largest upper bound an array slice takes (an int). */
const MAX_ARRAY_SLICE = 2_147_483_647;
/** Best-ranked matches a search first joins and filters, per hit asked for (widened when the filters leave too few; as on SQLite). */
const SEARCH_CANDIDATES_PER_HIT = 20;

/** What a large load dropped, recorded in meta so a killed run is finished by the next endLargeLoad. */
type BulkDropped = Array<{ name: string; sql: string }>;

/** The meta key recording what a large load in progress dropped. */
const BULK_LOAD_KEY = 'bulk_load_indexes';
/** The second half of a sentence insert whose CTE `s` returned (id, text): their search vectors (migration 6). */
const INSERT_SEARCH_VECTORS = "INSERT INTO sentence_search (id, search) SELECT id, to_tsvector('english', text) FROM s";

/**
 * maintenance_work_mem for building the indexes a large load dropped: the
 * full-text GIN index of 1.4 million sentences (100,000 articles) is built
 * in fewer passes with its entries sorted in memory. Only that transaction
 * takes it (SET LOCAL).
 */
const LARGE_LOAD_INDEX_MEMORY = '256MB';

export class PostgresCorpus implements CorpusRepository {
  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly statistics: PlannerStatistics,
  ) {}

  private q<R extends pg.QueryResultRow = Row>(text: string, values: unknown[] = []) {
    return query<R>(this.pool, text, values);
  }

  async hasFiles(): Promise<boolean> {
    return (await this.q('SELECT 1 FROM files LIMIT 1')).rows.length > 0;
  }

  async fileRecords(paths?: readonly string[]): Promise<Map<string, FileRecord>> {
    const columns = 'SELECT path, content_hash, size, mtime_ms, status, message FROM files';
    const { rows } = paths ? await this.q(`${columns} WHERE path = ANY($1::text[])`, [paths]) : await this.q(columns);
    return new Map(
      rows.map((r) => [
        r.path as string,
        {
          path: r.path as string,
          contentHash: r.content_hash as string,
          size: r.size as number,
          mtimeMs: (r.mtime_ms as number | null) ?? null,
          status: r.status as FileRecord['status'],
          message: (r.message as string | null) ?? null,
        },
      ]),
    );
  }

  async updateFileTimes(files: Array<{ path: string; mtimeMs: number }>): Promise<void> {
    if (files.length === 0) return;
    await this.q(
      `UPDATE files f SET mtime_ms = u.mtime FROM unnest($1::text[], $2::float8[]) AS u(path, mtime) WHERE f.path = u.path`,
      [files.map((f) => f.path), files.map((f) => f.mtimeMs)],
    );
  }

  async writeFile(write: FileWrite): Promise<void> {
    await transaction(this.pool, (c) => this.writeOne(c, write));
  }

  async rewriteKeepingRepetition(write: FileWrite): Promise<boolean> {
    const ids = write.documents.map((d) => d.doc.id);
    return transaction(this.pool, async (c) => {
      const before = await repetitionState(c, ids);
      await this.writeOne(c, write);
      const after = await repetitionState(c, ids);
      let kept = true;
      for (const id of ids) {
        const was = before.get(id);
        if (!was || was.sentences !== after.get(id)?.sentences) {
          kept = false;
          continue;
        }
        if (was.banners.length) {
          await c.query('UPDATE sentences SET boilerplate = true WHERE doc_id = $1 AND idx = ANY($2::int[])', [id, was.banners]);
        }
        if (was.duplicateOf) await c.query('UPDATE documents SET duplicate_of = $1 WHERE id = $2', [was.duplicateOf, id]);
      }
      return kept;
    });
  }

  /**
   * Many files in one transaction, each atomic on its own. The batch is
   * written set-wise first, a handful of statements for all its files
   * (files, documents, sentences and quotes each as one INSERT … SELECT
   * FROM unnest): a cold ingest made ~8 round trips per file before, and
   * was 5× slower than SQLite. Only when that fails (a file the store
   * refuses, two files of the batch giving one document id) is the batch
   * written again file by file, each in a savepoint, so a file that fails
   * rolls back alone and the others keep their last-one-wins order.
   */
  async writeFiles(items: FileWrite[]): Promise<Array<Error | null>> {
    if (items.length === 0) return [];
    return transaction(this.pool, async (c) => {
      await c.query('SAVEPOINT batch');
      try {
        await this.writeBatch(c, items);
        await c.query('RELEASE SAVEPOINT batch');
        return items.map(() => null);
      } catch {
        await c.query('ROLLBACK TO SAVEPOINT batch');
      }
      const out: Array<Error | null> = [];
      for (const item of items) {
        await c.query('SAVEPOINT file');
        try {
          await this.writeOne(c, item);
          await c.query('RELEASE SAVEPOINT file');
          out.push(null);
        } catch (err) {
          await c.query('ROLLBACK TO SAVEPOINT file');
          out.push(err as Error);
        }
      }
      return out;
    });
  }

  /**
   * The files of a batch and all their documents in five statements plus
   * the events' mark. The same rows as writeOne file after file, provided
   * no two files of the batch share a path or a document id: those make an
   * INSERT fail (a key or "affect row a second time"), and writeFiles falls
   * back to writing file by file.
   */
  private async writeBatch(c: Queryable, items: FileWrite[]): Promise<void> {
    const updatedAt = new Date().toISOString();
    await c.query(
      `INSERT INTO files (path, content_hash, size, mtime_ms, status, message, updated_at)
       SELECT f.path, f.hash, f.size, f.mtime, 'ingested', f.message, $6
       FROM unnest($1::text[], $2::text[], $3::int[], $4::float8[], $5::text[]) AS f(path, hash, size, mtime, message)
       ON CONFLICT (path) DO UPDATE SET content_hash = excluded.content_hash, size = excluded.size,
         mtime_ms = excluded.mtime_ms, status = excluded.status, message = excluded.message, updated_at = excluded.updated_at`,
      [
        items.map((i) => i.file.path),
        items.map((i) => i.file.contentHash),
        items.map((i) => i.file.size),
        items.map((i) => i.file.mtimeMs ?? null),
        items.map((i) => i.file.message),
        updatedAt,
      ],
    );
    const docs = items.flatMap((item) => item.documents.map((d) => ({ ...d, item })));
    // What the files held, and documents of other files with the ids they now give (last one wins, as in writeOne).
    await c.query('DELETE FROM documents WHERE path = ANY($1::text[]) OR id = ANY($2::text[])', [
      items.map((i) => i.file.path),
      docs.map((d) => d.doc.id),
    ]);
    if (docs.length) {
      await c.query(
        `INSERT INTO documents (id, path, format, content_hash, title, outlet, url, published, published_from,
           relevance, relevant, duplicate_of, warnings, ingested_at)
         SELECT d.id, d.path, d.format, d.content_hash, d.title, d.outlet, d.url, d.published, d.published_from,
           d.relevance, d.relevant, NULL, d.warnings, d.ingested_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
           $10::float8[], $11::bool[], $12::text[], $13::text[])
           AS d(id, path, format, content_hash, title, outlet, url, published, published_from, relevance, relevant, warnings, ingested_at)`,
        [
          docs.map((d) => d.doc.id),
          docs.map((d) => d.item.file.path),
          docs.map((d) => d.item.file.format),
          docs.map((d) => d.item.file.contentHash),
          docs.map((d) => d.doc.title),
          docs.map((d) => d.doc.outlet),
          docs.map((d) => d.doc.url),
          docs.map((d) => d.doc.published),
          docs.map((d) => d.doc.publishedFrom),
          docs.map((d) => d.doc.relevance),
          docs.map((d) => d.doc.relevant),
          docs.map((d) => JSON.stringify(d.doc.warnings)),
          docs.map((d) => d.item.ingestedAt),
        ],
      );
    }
    const sentences = docs.flatMap((d) => d.doc.sentences.map((s, i) => ({ s, docId: d.doc.id, hash: d.sentenceHashes[i] ?? '' })));
    if (sentences.length) {
      await c.query(
        `WITH s AS (
           INSERT INTO sentences (doc_id, idx, paragraph, text, hash, dates, people, organisations, amounts)
           SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           RETURNING id, text)
         ${INSERT_SEARCH_VECTORS}`,
        [
          sentences.map((x) => x.docId),
          sentences.map((x) => x.s.index),
          sentences.map((x) => x.s.paragraph),
          sentences.map((x) => x.s.text),
          sentences.map((x) => x.hash),
          sentences.map((x) => JSON.stringify(x.s.dates)),
          sentences.map((x) => JSON.stringify(x.s.people)),
          sentences.map((x) => JSON.stringify(x.s.organisations)),
          sentences.map((x) => JSON.stringify(x.s.amounts)),
        ],
      );
    }
    const quotes = docs.flatMap((d) => d.quoteKeys.map((key) => ({ docId: d.doc.id, key })));
    if (quotes.length) {
      await c.query('INSERT INTO quotes (doc_id, key) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING', [
        quotes.map((q) => q.docId),
        quotes.map((q) => q.key),
      ]);
    }
    await markEvents(c, false);
    this.statistics.wrote(sentences.length);
  }

  /** One file's documents, replacing what the file held; one round trip per table per document. */
  private async writeOne(c: Queryable, { file, documents, ingestedAt }: FileWrite): Promise<void> {
    await upsertFile(c, { ...file, status: 'ingested' });
    await c.query('DELETE FROM documents WHERE path = $1', [file.path]);
    for (const { doc, sentenceHashes, quoteKeys } of documents) {
      this.statistics.wrote(doc.sentences.length);
      // Ids are paths, so two files can only collide as "a.txt" and "a.md": last one wins, loudly.
      await c.query('DELETE FROM documents WHERE id = $1', [doc.id]);
      await c.query(
        `INSERT INTO documents (id, path, format, content_hash, title, outlet, url, published, published_from,
           relevance, relevant, duplicate_of, warnings, ingested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, $12, $13)`,
        [
          doc.id,
          file.path,
          file.format,
          file.contentHash,
          doc.title,
          doc.outlet,
          doc.url,
          doc.published,
          doc.publishedFrom,
          doc.relevance,
          doc.relevant,
          JSON.stringify(doc.warnings),
          ingestedAt,
        ],
      );
      if (doc.sentences.length) {
        const s = doc.sentences;
        await c.query(
          `WITH s AS (
             INSERT INTO sentences (doc_id, idx, paragraph, text, hash, dates, people, organisations, amounts)
             SELECT $1::text, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
             RETURNING id, text)
           ${INSERT_SEARCH_VECTORS}`,
          [
            doc.id,
            s.map((x) => x.index),
            s.map((x) => x.paragraph),
            s.map((x) => x.text),
            s.map((_x, i) => sentenceHashes[i] ?? ''),
            s.map((x) => JSON.stringify(x.dates)),
            s.map((x) => JSON.stringify(x.people)),
            s.map((x) => JSON.stringify(x.organisations)),
            s.map((x) => JSON.stringify(x.amounts)),
          ],
        );
      }
      if (quoteKeys.length) {
        await c.query('INSERT INTO quotes (doc_id, key) SELECT $1, k FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING', [
          doc.id,
          quoteKeys,
        ]);
      }
    }
    await markEvents(c, false);
  }

  /**
   * A large load: the secondary indexes of sentences and quotes (full-text,
   * hash, quote key) are dropped and built once at endLargeLoad, recorded in
   * the same transaction so a killed run is finished by the next one.
   */
  async beginLargeLoad(): Promise<void> {
    await transaction(this.pool, async (c) => {
      if ((await bulkDropped(c)) !== null) return;
      const { rows } = await c.query<{ name: string; sql: string }>(
        `SELECT indexname AS name, indexdef AS sql FROM pg_indexes
         WHERE schemaname = current_schema() AND tablename IN ('sentences', 'sentence_search', 'quotes')
           AND indexname NOT IN (SELECT conname FROM pg_constraint
             WHERE conrelid IN ('sentences'::regclass, 'sentence_search'::regclass, 'quotes'::regclass))
         ORDER BY indexname`,
      );
      await writeMeta(c, BULK_LOAD_KEY, JSON.stringify(rows));
      for (const d of rows) await c.query(`DROP INDEX "${d.name}"`);
    });
  }

  async endLargeLoad(): Promise<void> {
    await transaction(this.pool, async (c) => {
      const dropped = await bulkDropped(c);
      if (dropped === null) return;
      // The GIN build sorts its entries in this much memory before spilling (the server's default is 64 MB).
      await c.query(`SET LOCAL maintenance_work_mem = '${LARGE_LOAD_INDEX_MEMORY}'`);
      for (const d of dropped) await c.query(d.sql);
      await c.query('DELETE FROM meta WHERE key = $1', [BULK_LOAD_KEY]);
    });
    await this.statistics.analyze();
  }

  async writeSkipped(file: FileRecord): Promise<void> {
    await transaction(this.pool, async (c) => {
      await upsertFile(c, { ...file, status: 'skipped' });
      const removed = await c.query('DELETE FROM documents WHERE path = $1', [file.path]);
      if ((removed.rowCount ?? 0) > 0) await markEvents(c, false);
    });
  }

  async retireFile(filePath: string): Promise<void> {
    await transaction(this.pool, async (c) => {
      await c.query('DELETE FROM documents WHERE path = $1', [filePath]);
      await c.query('DELETE FROM files WHERE path = $1', [filePath]);
      await markEvents(c, false);
    });
  }

  async documents(): Promise<StoredDocument[]> {
    const { rows } = await this.q('SELECT * FROM documents ORDER BY published IS NULL, published, id');
    return rows.map(toDocument);
  }

  async sourceDocuments(ids?: readonly string[]): Promise<SourceDocument[]> {
    const { rows } = ids
      ? await this.q(`SELECT ${SOURCE_COLUMNS} FROM documents WHERE id = ANY($1::text[])`, [ids])
      : await this.q(`SELECT ${SOURCE_COLUMNS} FROM documents ORDER BY published IS NULL, published, id`);
    return rows.map(toSourceDocument);
  }

  async document(id: string): Promise<StoredDocument | null> {
    const { rows } = await this.q('SELECT * FROM documents WHERE id = $1', [id]);
    return rows[0] ? toDocument(rows[0]) : null;
  }

  async quoteNeighbours(minShared = 1, maxHolders = Infinity) {
    // As on SQLite: only undated documents take a date from a neighbour, and
    // passages quoted by more than maxHolders documents are left out.
    const capped = Number.isFinite(maxHolders);
    const { rows } = await this.q<{ docId: string; neighbourPublished: string; shared: number }>(
      `${capped ? 'WITH narrow AS (SELECT key FROM quotes GROUP BY key HAVING COUNT(*) <= $2)' : ''}
       SELECT u.doc_id AS "docId", d.published AS "neighbourPublished", COUNT(*)::int AS shared
       FROM documents ud
       JOIN quotes u ON u.doc_id = ud.id
       ${capped ? 'JOIN narrow n ON n.key = u.key' : ''}
       JOIN quotes q ON q.key = u.key AND q.doc_id <> u.doc_id
       JOIN documents d ON d.id = q.doc_id
       WHERE ud.published_from = 'unknown' AND d.published_from = 'stated'
       GROUP BY u.doc_id, d.id
       HAVING COUNT(*) >= $1`,
      capped ? [minShared, maxHolders] : [minShared],
    );
    return rows;
  }

  async quoteNeighboursNear(docIds: string[], minShared: number, maxHolders: number) {
    if (docIds.length === 0) return [];
    // As on SQLite: these documents and those sharing a passage with them that
    // was narrow before they came; each passage counted once.
    const { rows } = await this.q<{ docId: string; neighbourPublished: string; shared: number }>(
      `WITH mine_keys AS MATERIALIZED (SELECT DISTINCT key FROM quotes WHERE doc_id = ANY($1::text[])),
       widened AS MATERIALIZED (SELECT key FROM mine_keys k WHERE (SELECT COUNT(*) FROM quotes c WHERE c.key = k.key) <= $2),
       near AS (SELECT unnest($1::text[]) AS id UNION SELECT o.doc_id FROM widened w JOIN quotes o ON o.key = w.key),
       undated AS MATERIALIZED (
         SELECT u.doc_id, u.key FROM near JOIN documents ud ON ud.id = near.id JOIN quotes u ON u.doc_id = ud.id
         WHERE ud.published_from = 'unknown'),
       narrow AS MATERIALIZED (
         SELECT key FROM (SELECT DISTINCT key FROM undated) k WHERE (SELECT COUNT(*) FROM quotes c WHERE c.key = k.key) <= $3)
       SELECT u.doc_id AS "docId", d.published AS "neighbourPublished", COUNT(*)::int AS shared
       FROM undated u JOIN narrow n ON n.key = u.key
       JOIN quotes q ON q.key = u.key AND q.doc_id <> u.doc_id
       JOIN documents d ON d.id = q.doc_id
       WHERE d.published_from = 'stated'
       GROUP BY u.doc_id, d.id
       HAVING COUNT(*) >= $4`,
      [docIds, maxHolders + docIds.length, maxHolders, minShared],
    );
    return rows;
  }

  async paragraphHashes(docIds: string[]): Promise<ParagraphHash[]> {
    if (docIds.length === 0) return [];
    const { rows } = await this.q<ParagraphHash>(
      'SELECT doc_id AS "docId", paragraph, hash FROM sentences WHERE doc_id = ANY($1::text[]) ORDER BY doc_id, paragraph, idx',
      [docIds],
    );
    return rows;
  }

  async hashHolders(hashes: string[], first: number): Promise<Map<string, HashHolders>> {
    const out = new Map<string, HashHolders>();
    if (hashes.length === 0) return out;
    const unique = [...new Set(hashes)];
    // Holders by arrival (ingested_at, id), as repetitionOrder ranks them; only the first `first` leave the server.
    const { rows } = await this.q<{ hash: string; count: number; ids: string[] }>(
      `SELECT h.hash, COUNT(*)::int AS count, (array_agg(h.doc_id ORDER BY d.ingested_at, d.id))[1:$2] AS ids
       FROM (SELECT DISTINCT hash, doc_id FROM sentences WHERE hash = ANY($1::text[])) h
       JOIN documents d ON d.id = h.doc_id
       GROUP BY h.hash`,
      [unique, Math.min(first, MAX_ARRAY_SLICE)],
    );
    for (const r of rows) out.set(r.hash, { count: r.count, first: r.ids });
    for (const hash of unique) if (!out.has(hash)) out.set(hash, { count: 0, first: [] });
    return out;
  }

  async holdersRepeating(hashes: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (hashes.length === 0) return out;
    const { rows } = await this.q<{ hash: string; docId: string }>(
      'SELECT hash, doc_id AS "docId" FROM sentences WHERE hash = ANY($1::text[]) GROUP BY hash, doc_id HAVING COUNT(*) > 1',
      [[...new Set(hashes)]],
    );
    for (const r of rows) {
      const ids = out.get(r.hash);
      if (ids) ids.push(r.docId);
      else out.set(r.hash, [r.docId]);
    }
    return out;
  }

  async repetitionStates(docIds: string[]): Promise<Map<string, RepetitionState>> {
    if (docIds.length === 0) return new Map();
    const { rows } = await this.q<{ id: string; published: string | null; ingested_at: string; duplicate_of: string | null; banners: number[] | null }>(
      `SELECT d.id, d.published, d.ingested_at, d.duplicate_of,
         (SELECT array_agg(DISTINCT s.paragraph ORDER BY s.paragraph) FROM sentences s WHERE s.doc_id = d.id AND s.boilerplate) AS banners
       FROM documents d WHERE d.id = ANY($1::text[])`,
      [docIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { order: `${r.published ?? '9999'}|${r.ingested_at}|${r.id}`, banners: r.banners ?? [], duplicateOf: r.duplicate_of },
      ]),
    );
  }

  async repetitionOrder(): Promise<Map<string, RepetitionRank>> {
    const { rows } = await this.q<{ id: string; published: string | null; ingested_at: string }>(
      'SELECT id, published, ingested_at FROM documents ORDER BY ingested_at, id',
    );
    return new Map(rows.map((r, arrival) => [r.id, { order: `${r.published ?? '9999'}|${r.ingested_at}|${r.id}`, arrival }]));
  }

  async sharedParagraphs(): Promise<Iterable<ParagraphRow>> {
    // Only documents carrying a sentence some other document also carries can repeat.
    const { rows } = await this.q<ParagraphRow>(
      `WITH shared AS (SELECT hash FROM sentences GROUP BY hash HAVING COUNT(DISTINCT doc_id) >= 2)
       SELECT s.doc_id AS "docId", s.paragraph, COUNT(*)::int AS n, string_agg(sh.hash, ' ') AS shared
       FROM sentences s LEFT JOIN shared sh ON sh.hash = s.hash
       WHERE s.doc_id IN (SELECT DISTINCT doc_id FROM sentences WHERE hash IN (SELECT hash FROM shared))
       GROUP BY s.doc_id, s.paragraph
       ORDER BY s.doc_id, s.paragraph`,
    );
    return rows;
  }

  async currentMarks(): Promise<CurrentMarks> {
    return {
      banners: (await this.q<{ docId: string; paragraph: number }>('SELECT DISTINCT doc_id AS "docId", paragraph FROM sentences WHERE boilerplate')).rows,
      duplicates: (await this.q('SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL')).rows.map(
        (r): [string, string] => [r.id as string, r.duplicate_of as string],
      ),
    };
  }

  /** Three statements for all the documents (a cold ingest of 100,000 articles marks tens of thousands). */
  async writeMarks(changed: Map<string, RepetitionMarks>): Promise<void> {
    if (changed.size === 0) return;
    const ids = [...changed.keys()];
    const banners = [...changed].flatMap(([id, want]) => want.paragraphs.map((paragraph) => ({ id, paragraph })));
    await transaction(this.pool, async (c) => {
      await c.query('UPDATE sentences SET boilerplate = false WHERE doc_id = ANY($1::text[]) AND boilerplate', [ids]);
      if (banners.length) {
        await c.query(
          `UPDATE sentences s SET boilerplate = true FROM unnest($1::text[], $2::int[]) AS w(doc_id, paragraph)
           WHERE s.doc_id = w.doc_id AND s.paragraph = w.paragraph`,
          [banners.map((b) => b.id), banners.map((b) => b.paragraph)],
        );
      }
      await c.query('UPDATE documents d SET duplicate_of = w.original FROM unnest($1::text[], $2::text[]) AS w(id, original) WHERE d.id = w.id', [
        ids,
        ids.map((id) => changed.get(id)!.original),
      ]);
    });
    // A cold ingest marks its banners after the large load's ANALYZE, which saw
    // none: with "no sentence is boilerplate" the planner chose a plan for the
    // documents with banners (the titles step) that ran for minutes at 100,000
    // articles (1 s with statistics taken after the marks).
    this.statistics.wrote(ids.length + banners.length);
    await this.statistics.analyzeIfMuchChanged();
  }

  async documentsWithBanners(ids?: Iterable<string>): Promise<DocumentText[]> {
    return this.readDocumentTexts(ids, true);
  }

  async documentTexts(ids?: Iterable<string>): Promise<DocumentText[]> {
    return this.readDocumentTexts(ids, false);
  }

  private async readDocumentTexts(ids: Iterable<string> | undefined, withBannersOnly: boolean) {
    const only = ids ? [...ids] : null;
    const { rows } = await this.q<{ id: string; title: string; relevant: boolean; text: string; boilerplate: boolean }>(
      `SELECT d.id, d.title, d.relevant, s.text, s.boilerplate FROM documents d JOIN sentences s ON s.doc_id = d.id
       WHERE ${withBannersOnly ? 'EXISTS (SELECT 1 FROM sentences b WHERE b.doc_id = d.id AND b.boilerplate)' : 'TRUE'}
       ${only ? 'AND d.id = ANY($1::text[])' : ''}
       ORDER BY d.id, s.idx`,
      only ? [only] : [],
    );
    const docs = new Map<string, { id: string; title: string; relevant: boolean; sentences: Array<{ text: string; boilerplate: boolean }> }>();
    for (const r of rows) {
      let d = docs.get(r.id);
      if (!d) docs.set(r.id, (d = { id: r.id, title: r.title, relevant: r.relevant, sentences: [] }));
      d.sentences.push({ text: r.text, boilerplate: r.boilerplate });
    }
    return [...docs.values()];
  }

  async updateVerdict(id: string, verdict: { title: string; relevance: number; relevant: boolean }): Promise<void> {
    await this.q('UPDATE documents SET title = $1, relevance = $2, relevant = $3 WHERE id = $4', [
      verdict.title,
      verdict.relevance,
      verdict.relevant,
      id,
    ]);
  }

  async analysisSentences(query: SentenceQuery = {}): Promise<AnalysisSentence[]> {
    const params: unknown[] = [];
    const where = ['NOT s.boilerplate', 'd.relevant', 'd.duplicate_of IS NULL'];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (query.from) add((p) => `d.published >= ${p}`, query.from);
    if (query.to) add((p) => `d.published <= ${p}`, query.to);
    if (query.match) add((p) => `s.id IN (SELECT id FROM sentence_search WHERE search @@ ${TSQUERY(p)})`, quotedTerms(query.match));
    if (query.docIds) add((p) => `d.id = ANY(${p}::text[])`, query.docIds);
    const cap = query.limit ? Math.floor(query.limit) : Infinity;
    const docs = new Map<string, AnalysisDoc>();
    const out: AnalysisSentence[] = [];
    // Dated documents in publication order, then undated ones; under a cap, newest first (as on SQLite).
    const direction = Number.isFinite(cap) ? ' DESC' : '';
    for (const dated of [true, false]) {
      if (out.length >= cap) break;
      if (!dated && (query.from || query.to)) break;
      const limit = Number.isFinite(cap) ? `LIMIT ${cap - out.length}` : '';
      const { rows } = await this.q(
        `SELECT s.doc_id, s.idx, s.paragraph, s.text, s.hash, s.boilerplate, s.dates, s.people, s.organisations, s.amounts,
           d.title, d.outlet, d.url, d.published, d.published_from, d.relevance, d.ingested_at
         FROM documents d JOIN sentences s ON s.doc_id = d.id
         WHERE ${[...where, dated ? 'd.published IS NOT NULL' : 'd.published IS NULL'].join(' AND ')}
         ORDER BY ${dated ? `d.published${direction}, ` : ''}d.id${direction}, s.idx ${limit}`,
        params,
      );
      for (const r of rows) out.push(toAnalysisSentence(r, docs));
    }
    return out;
  }

  async sentenceTexts(sentences: Array<{ docId: string; index: number }>) {
    if (sentences.length === 0) return [];
    const { rows } = await this.q<{ docId: string; index: number; text: string }>(
      `SELECT s.doc_id AS "docId", s.idx AS "index", s.text
       FROM unnest($1::text[], $2::int[]) AS w(doc_id, idx)
       JOIN sentences s ON s.doc_id = w.doc_id AND s.idx = w.idx`,
      [sentences.map((s) => s.docId), sentences.map((s) => s.index)],
    );
    return rows;
  }

  locator(): DatabaseLocator {
    return { kind: 'postgres', url: this.url };
  }

  async analysisDocumentIds(): Promise<string[]> {
    const { rows } = await this.q<{ id: string }>(
      'SELECT id FROM documents WHERE relevant AND duplicate_of IS NULL ORDER BY published IS NULL, published, id',
    );
    return rows.map((r) => r.id);
  }

  async searchSentences(query: SearchQuery, limit: number, scope = SEARCH_SCOPE): Promise<SearchHit[]> {
    const match = quotedTerms(query);
    const want = Math.max(0, Math.floor(limit));
    if (want === 0) return [];
    // As on SQLite: the `scope` most recently added matches are ranked, and
    // only the best `n` of them (ties: the most recently added) are joined to
    // their documents and filtered, widened when the filters leave too few.
    // The rank is taken in the same pass as the match (no second visit of
    // each row), and the query is written out, not a CTE, so the planner
    // knows how common its words are: for a word in half the sentences it
    // walks them newest first and stops at `scope` (100,000 articles:
    // "ukraine" matches ~600,000 sentences), for a rare one it reads the
    // GIN index.
    let rows: Row[] = [];
    for (let n = Math.min(scope, want * SEARCH_CANDIDATES_PER_HIT); ; n = Math.min(scope, n * 4)) {
      ({ rows } = await this.q(
        `WITH m AS (
           SELECT v.id, ts_rank(v.search, ${TSQUERY('$1')}) AS rank FROM sentence_search v
           WHERE v.search @@ ${TSQUERY('$1')} ORDER BY v.id DESC LIMIT $3),
         best AS (SELECT id, rank FROM m ORDER BY rank DESC, id DESC LIMIT $4)
         SELECT c.n AS candidates, h.* FROM (SELECT COUNT(*)::int AS n FROM best) c
         LEFT JOIN LATERAL (
           SELECT s.text, s.dates, d.id, d.title, d.outlet, d.url, d.published
           FROM best b JOIN sentences s ON s.id = b.id JOIN documents d ON d.id = s.doc_id
           WHERE NOT s.boilerplate AND d.relevant AND d.duplicate_of IS NULL
           ORDER BY b.rank DESC, d.published DESC NULLS LAST, s.id DESC
           LIMIT $2) h ON true`,
        [match, want, scope, n],
      ));
      const candidates = (rows[0]?.candidates as number | undefined) ?? 0;
      rows = rows.filter((r) => r.id !== null);
      // Banners, off-topic and duplicate documents took some places: look further, never answer short.
      if (rows.length >= want || candidates < n || n >= scope) break;
    }
    return rows.map((r) => {
      const dates = JSON.parse(r.dates as string) as Array<{ date: string; precision: string }>;
      const best = dates.find((d) => d.precision === 'day') ?? dates[0];
      return {
        text: r.text as string,
        date: best?.date ?? ((r.published as string | null) ?? null),
        source: {
          id: r.id as string,
          title: r.title as string,
          outlet: (r.outlet as string | null) ?? null,
          published: (r.published as string | null) ?? null,
          url: (r.url as string | null) ?? null,
        },
      };
    });
  }

  async stats(): Promise<CorpusStats> {
    const { rows } = await this.q<{ documents: number; relevant: number; firstPublished: string | null; lastPublished: string | null }>(
      `SELECT COUNT(*)::int AS documents, COALESCE(SUM(relevant::int), 0)::int AS relevant,
         MIN(CASE WHEN relevant THEN published END) AS "firstPublished",
         MAX(CASE WHEN relevant THEN published END) AS "lastPublished"
       FROM documents`,
    );
    const sentences = (await this.q<{ n: number }>('SELECT COUNT(*)::int AS n FROM sentences WHERE NOT boilerplate')).rows[0]!.n;
    return { ...rows[0]!, sentences };
  }
}

async function upsertFile(c: Queryable, file: FileRecord): Promise<void> {
  await c.query(
    `INSERT INTO files (path, content_hash, size, mtime_ms, status, message, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (path) DO UPDATE SET content_hash = excluded.content_hash, size = excluded.size,
       mtime_ms = excluded.mtime_ms, status = excluded.status, message = excluded.message, updated_at = excluded.updated_at`,
    [file.path, file.contentHash, file.size, file.mtimeMs ?? null, file.status, file.message, new Date().toISOString()],
  );
}

async function bulkDropped(c: Queryable): Promise<BulkDropped | null> {
  const value = await readMeta(c, BULK_LOAD_KEY);
  return value !== null ? (JSON.parse(value) as BulkDropped) : null;
}

/** Per document: its sentences as repetition sees them (paragraph and hash, in order) and the marks it carries. */
async function repetitionState(c: Queryable, ids: string[]) {
  const { rows } = await c.query<{ id: string; duplicate_of: string | null; sentences: string | null; banners: number[] | null }>(
    `SELECT d.id, d.duplicate_of,
       string_agg(s.paragraph || ':' || s.hash, ' ' ORDER BY s.idx) AS sentences,
       array_agg(s.idx ORDER BY s.idx) FILTER (WHERE s.boilerplate) AS banners
     FROM documents d LEFT JOIN sentences s ON s.doc_id = d.id
     WHERE d.id = ANY($1::text[])
     GROUP BY d.id`,
    [ids],
  );
  return new Map(
    rows.map((r) => [r.id, { sentences: r.sentences ?? '', banners: r.banners ?? [], duplicateOf: r.duplicate_of }]),
  );
}
