/**
 * The corpus in SQLite (files, documents, sentences with their FTS5 index
 * sentences_fts, quotes; migrations in corpus-schema.ts). The contract is
 * ../corpus.ts. Synchronous driver behind the async contract; each write
 * method is one transaction, and one that changes documents marks the
 * events stale in it (events.ts markEvents).
 */
import type Database from 'better-sqlite3';
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
import { markEvents } from './events.js';
import { filters } from './filters.js';
import { deleteMeta, readMeta, writeMeta } from './meta.js';

/** A term matching more sentences than this many times a query's cap is common (see analysisSentences). */
const COMMON_TERM_CAP_MULTIPLE = 3;

/**
 * Search scores (bm25) at most this many matches of a query: the most
 * recently added ones. FTS5 computes bm25 for every row it ranks, even under
 * `ORDER BY rank LIMIT n` (~1 µs a row here), so without a scope a word in
 * half the corpus costs in proportion to the corpus.
 */
const SEARCH_SCOPE = 50_000;
/** Best-ranked matches a search first joins and filters, per hit asked for (widened when the filters leave too few). */
const SEARCH_CANDIDATES_PER_HIT = 20;

/** Schema objects a large load dropped, to be created again by its end. */
type BulkDropped = Array<{ type?: 'trigger' | 'index'; name: string; sql: string }>;

/** The meta key recording what a large load in progress dropped (its name from when it was called a bulk load). */
const BULK_LOAD_KEY = 'bulk_load_triggers';

export class SqliteCorpus implements CorpusRepository {
  constructor(readonly db: Database.Database) {}

  /** Documents' arrival ranks, with the database state they were read at (see arrivalRanks). */
  private ranksKept: RanksKept | null = null;

  async hasFiles(): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM files LIMIT 1').get() !== undefined;
  }

  async fileRecords(paths?: readonly string[]): Promise<Map<string, FileRecord>> {
    const columns = 'SELECT path, content_hash, size, mtime_ms, status, message FROM files';
    const rows = (
      paths
        ? this.db.prepare(`${columns} WHERE path IN (SELECT value FROM json_each(?))`).all(JSON.stringify(paths))
        : this.db.prepare(columns).all()
    ) as Row[];
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

  /** Statements of the ingest's write path, prepared once (preparing them per file cost 3% of a cold ingest). */
  private writeStatements: ReturnType<SqliteCorpus['prepareWriteStatements']> | null = null;

  private prepareWriteStatements() {
    return {
      upsertFile: this.db.prepare(
        `INSERT INTO files (path, content_hash, size, mtime_ms, status, message, updated_at)
         VALUES (@path, @contentHash, @size, @mtimeMs, @status, @message, @updatedAt)
         ON CONFLICT(path) DO UPDATE SET content_hash = excluded.content_hash, size = excluded.size,
           mtime_ms = excluded.mtime_ms, status = excluded.status, message = excluded.message, updated_at = excluded.updated_at`,
      ),
      deleteByPath: this.db.prepare('DELETE FROM documents WHERE path = ?'),
      deleteById: this.db.prepare('DELETE FROM documents WHERE id = ?'),
      insertDoc: this.db.prepare(
        `INSERT INTO documents (id, path, format, content_hash, title, outlet, url, published, published_from,
           relevance, relevant, duplicate_of, warnings, ingested_at)
         VALUES (@id, @path, @format, @contentHash, @title, @outlet, @url, @published, @publishedFrom,
           @relevance, @relevant, NULL, @warnings, @ingestedAt)`,
      ),
      insertSentence: this.db.prepare(
        `INSERT INTO sentences (doc_id, idx, paragraph, text, hash, dates, people, organisations, amounts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertQuote: this.db.prepare('INSERT OR IGNORE INTO quotes (doc_id, key) VALUES (?, ?)'),
    };
  }

  private get w() {
    this.writeStatements ??= this.prepareWriteStatements();
    return this.writeStatements;
  }

  private upsertFile = (file: FileRecord) =>
    this.w.upsertFile.run({ ...file, mtimeMs: file.mtimeMs ?? null, updatedAt: new Date().toISOString() });

  async updateFileTimes(files: Array<{ path: string; mtimeMs: number }>): Promise<void> {
    const update = this.db.prepare('UPDATE files SET mtime_ms = ? WHERE path = ?');
    this.db.transaction(() => {
      for (const f of files) update.run(f.mtimeMs, f.path);
    }).immediate();
  }

  async writeFile(write: FileWrite): Promise<void> {
    this.writeFileSync(write);
  }

  async rewriteKeepingRepetition(write: FileWrite): Promise<boolean> {
    const ids = write.documents.map((d) => d.doc.id);
    return this.db.transaction(() => {
      const before = this.repetitionState(ids);
      this.writeFileSync(write);
      const after = this.repetitionState(ids);
      const markBanner = this.db.prepare('UPDATE sentences SET boilerplate = 1 WHERE doc_id = ? AND idx = ?');
      const markDuplicate = this.db.prepare('UPDATE documents SET duplicate_of = ? WHERE id = ?');
      let kept = true;
      for (const id of ids) {
        const was = before.get(id);
        if (!was || was.sentences !== after.get(id)?.sentences) {
          kept = false;
          continue;
        }
        for (const idx of was.banners) markBanner.run(id, idx);
        if (was.duplicateOf) markDuplicate.run(was.duplicateOf, id);
      }
      return kept;
    }).immediate();
  }

  /** Per document: its sentences as repetition sees them (paragraph and hash, in order) and the marks it carries. */
  private repetitionState(ids: string[]): Map<string, { sentences: string; banners: number[]; duplicateOf: string | null }> {
    const rows = this.db
      .prepare(
        `SELECT d.id, d.duplicate_of AS duplicateOf,
           group_concat(s.paragraph || ':' || s.hash, ' ' ORDER BY s.idx) AS sentences,
           group_concat(CASE WHEN s.boilerplate = 1 THEN s.idx END, ' ') AS banners
         FROM documents d LEFT JOIN sentences s ON s.doc_id = d.id
         WHERE d.id IN (SELECT value FROM json_each(?))
         GROUP BY d.id`,
      )
      .all(JSON.stringify(ids)) as Array<{ id: string; duplicateOf: string | null; sentences: string | null; banners: string | null }>;
    return new Map(
      rows.map((r) => [
        r.id,
        { sentences: r.sentences ?? '', banners: r.banners ? r.banners.split(' ').map(Number) : [], duplicateOf: r.duplicateOf },
      ]),
    );
  }

  /**
   * Many files in one transaction, each in its own savepoint: a file that
   * fails rolls back alone (its error is returned in its place), a crash
   * loses the whole batch (its files are parsed again next run). One commit
   * per batch instead of per file: commits, with their full-text index
   * flushes, were 13% of a cold ingest.
   */
  async writeFiles(items: FileWrite[]): Promise<Array<Error | null>> {
    return this.db.transaction(() =>
      items.map((item) => {
        try {
          this.writeFileSync(item);
          return null;
        } catch (err) {
          return err as Error;
        }
      }),
    ).immediate();
  }

  /** One file's documents, replacing what the file held (a savepoint when a batch is open). */
  private writeFileSync({ file, documents, ingestedAt }: FileWrite): void {
    const w = this.w;
    this.db.transaction(() => {
      this.upsertFile({ ...file, status: 'ingested' });
      w.deleteByPath.run(file.path);
      for (const { doc, sentenceHashes, quoteKeys } of documents) {
        // Ids are paths, so two files can only collide as "a.txt" and "a.md": last one wins, loudly.
        w.deleteById.run(doc.id);
        w.insertDoc.run({
          id: doc.id,
          path: file.path,
          format: file.format,
          contentHash: file.contentHash,
          title: doc.title,
          outlet: doc.outlet,
          url: doc.url,
          published: doc.published,
          publishedFrom: doc.publishedFrom,
          relevance: doc.relevance,
          relevant: doc.relevant ? 1 : 0,
          warnings: JSON.stringify(doc.warnings),
          ingestedAt,
        });
        doc.sentences.forEach((s, i) => {
          w.insertSentence.run(
            doc.id,
            s.index,
            s.paragraph,
            s.text,
            sentenceHashes[i] ?? '',
            JSON.stringify(s.dates),
            JSON.stringify(s.people),
            JSON.stringify(s.organisations),
            JSON.stringify(s.amounts),
          );
        });
        for (const key of quoteKeys) w.insertQuote.run(doc.id, key);
      }
      markEvents(this.db, false);
    }).immediate();
  }

  /**
   * A large load of new text: the sentence search index and the secondary
   * indexes of sentences and quotes (hash, quote key) are dropped, and built
   * once at endLargeLoad instead of row by row (sorted builds, and fewer pages
   * written per batch while the parse threads need the CPU). What was dropped
   * is recorded in the same transaction, so a run killed half-way is
   * finished by the next run's endLargeLoad.
   */
  async beginLargeLoad(): Promise<void> {
    this.db.transaction(() => {
      if (this.bulkDropped() !== null) return;
      // As the schema defines them, kept to be put back as they were.
      const dropped = this.db
        .prepare(
          `SELECT type, name, sql FROM sqlite_master
           WHERE (type = 'trigger' AND tbl_name = 'sentences' AND sql LIKE '%sentences_fts%')
              OR (type = 'index' AND tbl_name IN ('sentences', 'quotes') AND sql IS NOT NULL)
           ORDER BY type, name`,
        )
        .all() as BulkDropped;
      writeMeta(this.db, BULK_LOAD_KEY, JSON.stringify(dropped));
      for (const d of dropped) this.db.exec(`DROP ${d.type === 'index' ? 'INDEX' : 'TRIGGER'} "${d.name}"`);
    }).immediate();
  }

  async endLargeLoad(): Promise<void> {
    this.db.transaction(() => {
      const dropped = this.bulkDropped();
      if (dropped === null) return;
      this.db.exec(`INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild')`);
      // A rebuilt index is left as many segments FTS5 merges a little at every
      // later write: a 1,000-item poll into 100,000 articles spent 3 s of its
      // sentence writes (four times their cost) on that. Merged once here.
      this.db.exec(`INSERT INTO sentences_fts(sentences_fts) VALUES ('optimize')`);
      for (const d of dropped) this.db.exec(d.sql);
      deleteMeta(this.db, BULK_LOAD_KEY);
    }).immediate();
  }

  /** What a large load in progress dropped (an entry without a type, from an older version, is a trigger). */
  private bulkDropped(): BulkDropped | null {
    const value = readMeta(this.db, BULK_LOAD_KEY);
    return value !== null ? (JSON.parse(value) as BulkDropped) : null;
  }

  async writeSkipped(file: FileRecord): Promise<void> {
    this.db.transaction(() => {
      this.upsertFile({ ...file, status: 'skipped' });
      const removed = this.db.prepare('DELETE FROM documents WHERE path = ?').run(file.path);
      if (removed.changes > 0) markEvents(this.db, false);
    }).immediate();
  }

  async retireFile(filePath: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM documents WHERE path = ?').run(filePath);
      this.db.prepare('DELETE FROM files WHERE path = ?').run(filePath);
      markEvents(this.db, false);
    }).immediate();
  }

  async documents(): Promise<StoredDocument[]> {
    const rows = this.db
      .prepare('SELECT * FROM documents ORDER BY published IS NULL, published, id')
      .all() as Row[];
    return rows.map(toDocument);
  }

  async sourceDocuments(ids?: readonly string[]): Promise<SourceDocument[]> {
    const rows = (
      ids
        ? this.db.prepare(`SELECT ${SOURCE_COLUMNS} FROM documents WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids))
        : this.db.prepare(`SELECT ${SOURCE_COLUMNS} FROM documents ORDER BY published IS NULL, published, id`).all()
    ) as Row[];
    return rows.map(toSourceDocument);
  }

  async document(id: string): Promise<StoredDocument | null> {
    const row = this.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as Row | undefined;
    return row ? toDocument(row) : null;
  }

  async quoteNeighbours(
    minShared = 1,
    maxHolders = Infinity,
  ): Promise<Array<{ docId: string; neighbourPublished: string; shared: number }>> {
    // Only undated documents can take a date from a neighbour; counting pairs for
    // every inferred-date document too made millions of rows on 10,000 articles.
    // Passages quoted by more than `maxHolders` documents are left out: every
    // pair through them was counted (407 million rows on 100,000 articles).
    const capped = Number.isFinite(maxHolders);
    const rows = this.db
      .prepare(
        `${capped ? 'WITH narrow AS (SELECT key FROM quotes GROUP BY key HAVING COUNT(*) <= @maxHolders)' : ''}
         SELECT u.doc_id AS docId, d.published AS neighbourPublished, COUNT(*) AS shared
         FROM documents ud
         JOIN quotes u ON u.doc_id = ud.id
         ${capped ? 'JOIN narrow n ON n.key = u.key' : ''}
         JOIN quotes q ON q.key = u.key AND q.doc_id <> u.doc_id
         JOIN documents d ON d.id = q.doc_id
         WHERE ud.published_from = 'unknown' AND d.published_from = 'stated'
         GROUP BY u.doc_id, d.id
         HAVING shared >= @minShared`,
      )
      .all(capped ? { minShared, maxHolders } : { minShared }) as Array<{ docId: string; neighbourPublished: string; shared: number }>;
    return rows;
  }

  async quoteNeighboursNear(
    docIds: string[],
    minShared: number,
    maxHolders: number,
  ): Promise<Array<{ docId: string; neighbourPublished: string; shared: number }>> {
    if (docIds.length === 0) return [];
    // The documents whose neighbours these can change: themselves, and those sharing
    // a passage with them that was narrow before they came (one quoted more widely
    // now may have stopped counting). Each passage is counted once (counted for
    // every document quoting it, a passage thousands quote was counted thousands
    // of times), and only narrow ones are joined with their holders (CROSS JOIN
    // keeps that order: joined first, a wide passage brought all its holders).
    return this.db
      .prepare(
        `WITH mine AS (SELECT value AS id FROM json_each(@ids)),
         mine_keys AS MATERIALIZED (SELECT DISTINCT key FROM quotes WHERE doc_id IN (SELECT id FROM mine)),
         widened AS MATERIALIZED (SELECT key FROM mine_keys k WHERE (SELECT COUNT(*) FROM quotes c WHERE c.key = k.key) <= @widest),
         near AS (SELECT id FROM mine UNION SELECT o.doc_id FROM widened w JOIN quotes o ON o.key = w.key),
         undated AS MATERIALIZED (
           SELECT u.doc_id, u.key FROM near JOIN documents ud ON ud.id = near.id JOIN quotes u ON u.doc_id = ud.id
           WHERE ud.published_from = 'unknown'),
         narrow AS MATERIALIZED (
           SELECT key FROM (SELECT DISTINCT key FROM undated) k WHERE (SELECT COUNT(*) FROM quotes c WHERE c.key = k.key) <= @maxHolders)
         SELECT u.doc_id AS docId, d.published AS neighbourPublished, COUNT(*) AS shared
         FROM narrow n CROSS JOIN undated u ON u.key = n.key
         CROSS JOIN quotes q ON q.key = u.key AND q.doc_id <> u.doc_id
         CROSS JOIN documents d ON d.id = q.doc_id
         WHERE d.published_from = 'stated'
         GROUP BY u.doc_id, d.id
         HAVING shared >= @minShared`,
      )
      .all({ ids: JSON.stringify(docIds), widest: maxHolders + docIds.length, maxHolders, minShared }) as Array<{
      docId: string;
      neighbourPublished: string;
      shared: number;
    }>;
  }

  async paragraphHashes(docIds: string[]): Promise<ParagraphHash[]> {
    if (docIds.length === 0) return [];
    return this.db
      .prepare(
        `SELECT doc_id AS docId, paragraph, hash FROM sentences
         WHERE doc_id IN (SELECT value FROM json_each(?)) ORDER BY doc_id, paragraph, idx`,
      )
      .all(JSON.stringify(docIds)) as ParagraphHash[];
  }

  async hashHolders(hashes: string[], first: number): Promise<Map<string, HashHolders>> {
    // Queries per hash: a single query over all of them (IN, a window per
    // hash) sorted every holder row of every hash together.
    const count = this.db.prepare('SELECT COUNT(DISTINCT doc_id) FROM sentences WHERE hash = ?').pluck();
    // Every holder looked up, then sorted by arrival: for a hash few documents hold.
    const sorted = this.db
      .prepare(
        `SELECT d.id FROM (SELECT DISTINCT doc_id FROM sentences WHERE hash = @hash) h CROSS JOIN documents d ON d.id = h.doc_id
         ORDER BY d.ingested_at, d.id LIMIT @limit`,
      )
      .pluck();
    // Documents walked in arrival order until `limit` of them hold it: for a
    // banner thousands hold, whose first holders come within a few documents
    // (100,000 articles, a hash 41,000 hold: 0.5 ms walked, 78 ms sorted; a
    // hash 30 hold: 0.6 ms sorted, 60 ms walked).
    const walked = this.db
      .prepare(
        `SELECT d.id FROM documents d INDEXED BY documents_arrival
         WHERE EXISTS (SELECT 1 FROM sentences s WHERE s.hash = @hash AND s.doc_id = d.id)
         ORDER BY d.ingested_at, d.id LIMIT @limit`,
      )
      .pluck();
    const out = new Map<string, HashHolders>();
    const unique = [...new Set(hashes)];
    if (unique.length === 0) return out;
    const documents = this.db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number;
    const plans = unique.map((hash) => {
      const n = count.get(hash) as number;
      const limit = Math.min(n, first);
      // Holders spread over the corpus: a walk meets `limit` of them after about limit × documents / n documents.
      return { hash, n, limit, walk: limit > 0 && (limit * documents) / n < n };
    });
    // Sorting holders in SQL looks each one's arrival up in documents (~4 µs a
    // row); their ids from the index, ranked here by a map of every document's
    // arrival (~1.3 µs a row, the map ~3 µs a document, kept until a write),
    // is cheaper once the map is kept or the rows outnumber the documents.
    const sortedRows = plans.reduce((sum, p) => sum + (p.walk || p.limit === 0 ? 0 : p.n), 0);
    const ranks = this.arrivalRanks(sortedRows >= documents);
    const holders = this.db.prepare('SELECT DISTINCT doc_id FROM sentences WHERE hash = ?').pluck();
    for (const { hash, n, limit, walk } of plans) {
      let ids: string[];
      if (limit === 0) ids = [];
      else if (walk) ids = walked.all({ hash, limit }) as string[];
      else if (ranks) ids = firstByArrival(holders.all(hash) as string[], ranks, limit);
      else ids = sorted.all({ hash, limit }) as string[];
      out.set(hash, { count: n, first: ids });
    }
    return out;
  }

  async holdersRepeating(hashes: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (hashes.length === 0) return out;
    const rows = this.db
      .prepare(
        `SELECT s.hash, s.doc_id AS docId FROM (SELECT DISTINCT value AS hash FROM json_each(?)) h CROSS JOIN sentences s ON s.hash = h.hash
         GROUP BY s.hash, s.doc_id HAVING COUNT(*) > 1`,
      )
      .all(JSON.stringify(hashes)) as Array<{ hash: string; docId: string }>;
    for (const r of rows) {
      const ids = out.get(r.hash);
      if (ids) ids.push(r.docId);
      else out.set(r.hash, [r.docId]);
    }
    return out;
  }

  /**
   * Every document's rank by arrival (ingested_at, id): kept while nothing is
   * written, extended when a write only added documents arriving after all
   * of them (a feed poll: reading 100,000 ids again cost a 10-item poll
   * 0.3 s), built when `build` (else null).
   */
  private arrivalRanks(build: boolean): Map<string, number> | null {
    // Another connection's commit changes data_version, this connection's writes total_changes().
    const state = `${this.db.pragma('data_version', { simple: true })}:${this.db.prepare('SELECT total_changes()').pluck().get()}`;
    const kept = this.ranksKept;
    if (kept?.state === state) return kept.ranks;
    if (kept && this.extendRanks(kept)) {
      kept.state = state;
      return kept.ranks;
    }
    this.ranksKept = null;
    if (!build) return null;
    const ranks = new Map<string, number>();
    const ids = this.db.prepare('SELECT id FROM documents INDEXED BY documents_arrival ORDER BY ingested_at, id').pluck().all() as string[];
    for (const [i, id] of ids.entries()) ranks.set(id, i);
    const last = (this.db.prepare('SELECT rowid AS n, id, ingested_at AS at FROM documents INDEXED BY documents_arrival ORDER BY ingested_at DESC, id DESC LIMIT 1').get() as ArrivalRow | undefined) ?? null;
    const maxRowid = (this.db.prepare('SELECT MAX(rowid) FROM documents').pluck().get() as number | null) ?? 0;
    this.ranksKept = { state, ranks, last, maxRowid };
    return ranks;
  }

  /**
   * The documents that arrived after the last ranked one, ranked after it;
   * false when anything else changed (a document removed, or one added that
   * arrived earlier: the rows are not those ranked plus the new ones).
   */
  private extendRanks(kept: RanksKept): boolean {
    const appended = (
      kept.last
        ? this.db
            .prepare('SELECT rowid AS n, id, ingested_at AS at FROM documents INDEXED BY documents_arrival WHERE (ingested_at, id) > (?, ?) ORDER BY ingested_at, id')
            .all(kept.last.at, kept.last.id)
        : this.db.prepare('SELECT rowid AS n, id, ingested_at AS at FROM documents INDEXED BY documents_arrival ORDER BY ingested_at, id').all()
    ) as ArrivalRow[];
    const count = this.db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number;
    const newRows = this.db.prepare('SELECT COUNT(*) FROM documents WHERE rowid > ?').pluck().get(kept.maxRowid) as number;
    if (count !== kept.ranks.size + appended.length || newRows !== appended.length) return false;
    for (const r of appended) {
      kept.ranks.set(r.id, kept.ranks.size);
      kept.maxRowid = Math.max(kept.maxRowid, r.n);
    }
    kept.last = appended.at(-1) ?? kept.last;
    return true;
  }

  async repetitionStates(docIds: string[]): Promise<Map<string, RepetitionState>> {
    if (docIds.length === 0) return new Map();
    const rows = this.db
      .prepare(
        `SELECT d.id, d.published, d.ingested_at, d.duplicate_of,
           (SELECT group_concat(DISTINCT s.paragraph) FROM sentences s WHERE s.doc_id = d.id AND s.boilerplate = 1) AS banners
         FROM documents d WHERE d.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(docIds)) as Array<{ id: string; published: string | null; ingested_at: string; duplicate_of: string | null; banners: string | null }>;
    return new Map(
      rows.map((r) => [
        r.id,
        {
          order: `${r.published ?? '9999'}|${r.ingested_at}|${r.id}`,
          banners: r.banners ? r.banners.split(',').map(Number).sort((a, b) => a - b) : [],
          duplicateOf: r.duplicate_of,
        },
      ]),
    );
  }

  async repetitionOrder(): Promise<Map<string, RepetitionRank>> {
    const rows = this.db.prepare('SELECT id, published, ingested_at FROM documents ORDER BY ingested_at, id').all() as Array<{
      id: string;
      published: string | null;
      ingested_at: string;
    }>;
    return new Map(rows.map((r, arrival) => [r.id, { order: `${r.published ?? '9999'}|${r.ingested_at}|${r.id}`, arrival }]));
  }

  async sharedParagraphs(): Promise<Iterable<ParagraphRow>> {
    // Only documents carrying a sentence some other document also carries can repeat. Streamed:
    // one row per paragraph of most of a large corpus.
    return this.db
      .prepare(
        `WITH shared AS (SELECT hash FROM sentences GROUP BY hash HAVING COUNT(DISTINCT doc_id) >= 2)
         SELECT s.doc_id AS docId, s.paragraph, COUNT(*) AS n,
           group_concat(sh.hash, ' ') AS shared
         FROM sentences s LEFT JOIN shared sh ON sh.hash = s.hash
         WHERE s.doc_id IN (SELECT DISTINCT doc_id FROM sentences WHERE hash IN (SELECT hash FROM shared))
         GROUP BY s.doc_id, s.paragraph
         ORDER BY s.doc_id, s.paragraph`,
      )
      .iterate() as IterableIterator<ParagraphRow>;
  }

  async currentMarks(): Promise<CurrentMarks> {
    return {
      banners: this.db
        .prepare('SELECT DISTINCT doc_id AS docId, paragraph FROM sentences WHERE boilerplate = 1')
        .all() as Array<{ docId: string; paragraph: number }>,
      duplicates: (this.db.prepare('SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL').all() as Row[]).map(
        (r): [string, string] => [r.id as string, r.duplicate_of as string],
      ),
    };
  }

  async writeMarks(changed: Map<string, RepetitionMarks>): Promise<void> {
    const clearBanners = this.db.prepare('UPDATE sentences SET boilerplate = 0 WHERE doc_id = ? AND boilerplate = 1');
    const markBanner = this.db.prepare('UPDATE sentences SET boilerplate = 1 WHERE doc_id = ? AND paragraph = ?');
    const markDuplicate = this.db.prepare('UPDATE documents SET duplicate_of = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const [id, want] of changed) {
        clearBanners.run(id);
        for (const p of want.paragraphs) markBanner.run(id, p);
        markDuplicate.run(want.original, id);
      }
    }).immediate();
  }

  async documentsWithBanners(ids?: Iterable<string>): Promise<DocumentText[]> {
    return this.readDocumentTexts(ids, true);
  }

  async documentTexts(ids?: Iterable<string>): Promise<DocumentText[]> {
    return this.readDocumentTexts(ids, false);
  }

  private readDocumentTexts(ids: Iterable<string> | undefined, withBannersOnly: boolean) {
    const only = ids ? JSON.stringify([...ids]) : null;
    const rows = this.db
      .prepare(
        `SELECT d.id, d.title, d.relevant, s.text, s.boilerplate FROM documents d JOIN sentences s ON s.doc_id = d.id
         WHERE ${withBannersOnly ? 'EXISTS (SELECT 1 FROM sentences b WHERE b.doc_id = d.id AND b.boilerplate = 1)' : '1'}
         ${only ? 'AND d.id IN (SELECT value FROM json_each(@only))' : ''}
         ORDER BY d.id, s.idx`,
      )
      .all(only ? { only } : {}) as Array<{ id: string; title: string; relevant: number; text: string; boilerplate: number }>;
    const docs = new Map<
      string,
      { id: string; title: string; relevant: boolean; sentences: Array<{ text: string; boilerplate: boolean }> }
    >();
    for (const r of rows) {
      let d = docs.get(r.id);
      if (!d) docs.set(r.id, (d = { id: r.id, title: r.title, relevant: r.relevant === 1, sentences: [] }));
      d.sentences.push({ text: r.text, boilerplate: r.boilerplate === 1 });
    }
    return [...docs.values()];
  }

  async updateVerdict(id: string, verdict: { title: string; relevance: number; relevant: boolean }): Promise<void> {
    this.db
      .prepare('UPDATE documents SET title = ?, relevance = ?, relevant = ? WHERE id = ?')
      .run(verdict.title, verdict.relevance, verdict.relevant ? 1 : 0, id);
  }

  async analysisSentences(query: SentenceQuery = {}): Promise<AnalysisSentence[]> {
    const match = query.match && quotedTerms(query.match);
    const { where, params } = filters(
      [
        [query.from, 'd.published >= @from', 'from'],
        [query.to, 'd.published <= @to', 'to'],
        [match, 's.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH @match)', 'match'],
        [query.docIds && JSON.stringify(query.docIds), 'd.id IN (SELECT value FROM json_each(@docIds))', 'docIds'],
      ],
      ['s.boilerplate = 0', 'd.relevant = 1', 'd.duplicate_of IS NULL'],
    );
    const cap = query.limit ? Math.floor(query.limit) : Infinity;
    // A common term matches much of the corpus: walking documents in order and
    // testing membership stops at the cap. A rare one is cheaper to take from
    // the full-text index and sort. SQLite's planner always picks the latter.
    const byDocuments =
      Number.isFinite(cap) &&
      (!match || this.ftsMatches(match) > cap * COMMON_TERM_CAP_MULTIPLE);
    // Streamed, and one document object shared by its sentences: the whole
    // corpus passes through here when events are rebuilt.
    const docs = new Map<string, AnalysisDoc>();
    const out: AnalysisSentence[] = [];
    // Dated documents in publication order, then undated ones. Two plain
    // orders (not "published IS NULL, published") let SQLite walk the
    // documents(published, id) index and stop at the cap instead of sorting
    // every sentence of the corpus. Under a cap, newest first: a briefing
    // over a large corpus should draw on the latest reporting, not the oldest.
    const direction = Number.isFinite(cap) ? ' DESC' : '';
    for (const dated of [true, false]) {
      if (out.length >= cap) break;
      if (!dated && (query.from || query.to)) break;
      const limit = Number.isFinite(cap) ? `LIMIT ${cap - out.length}` : '';
      const statement = this.db.prepare(
        `SELECT s.*, d.title, d.outlet, d.url, d.published, d.published_from, d.relevance, d.ingested_at
         FROM documents d ${byDocuments ? 'CROSS JOIN' : 'JOIN'} sentences s ON s.doc_id = d.id
         WHERE ${[...where, dated ? 'd.published IS NOT NULL' : 'd.published IS NULL'].join(' AND ')}
         ORDER BY ${dated ? `d.published${direction}, ` : ''}d.id${direction}, s.idx ${limit}`,
      );
      for (const r of statement.iterate(params) as IterableIterator<Row>) out.push(toAnalysisSentence(r, docs));
    }
    return out;
  }

  async sentenceTexts(sentences: Array<{ docId: string; index: number }>) {
    if (sentences.length === 0) return [];
    return this.db
      .prepare(
        `SELECT s.doc_id AS docId, s.idx AS "index", s.text FROM json_each(?) j
         JOIN sentences s ON s.doc_id = j.value ->> '$.docId' AND s.idx = j.value ->> '$.index'`,
      )
      .all(JSON.stringify(sentences)) as Array<{ docId: string; index: number; text: string }>;
  }

  private ftsMatches(match: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM sentences_fts WHERE sentences_fts MATCH ?').get(match) as { n: number }).n;
  }

  locator(): DatabaseLocator | null {
    return this.db.memory ? null : { kind: 'sqlite', file: this.db.name };
  }

  async analysisDocumentIds(): Promise<string[]> {
    const rows = this.db
      .prepare('SELECT id FROM documents WHERE relevant = 1 AND duplicate_of IS NULL ORDER BY published IS NULL, published, id')
      .all() as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  async searchSentences(query: SearchQuery, limit: number, scope = SEARCH_SCOPE): Promise<SearchHit[]> {
    const match = quotedTerms(query);
    const want = Math.max(0, Math.floor(limit));
    if (want === 0) return [];
    // The best `n` matches by bm25 (ties: the most recently added), among the
    // `scope` most recently added; only they are joined and filtered. Ordering
    // every match joined to its document cost in proportion to the matches
    // ("ukraine" matches half the corpus).
    const best = this.db.prepare(
      `SELECT rowid AS id, rank FROM (
         SELECT rowid, rank FROM sentences_fts WHERE sentences_fts MATCH @match ORDER BY rowid DESC LIMIT @scope)
       ORDER BY rank, rowid DESC LIMIT @n`,
    );
    const hits = this.db.prepare(
      `SELECT s.text, s.dates, d.id, d.title, d.outlet, d.url, d.published
       FROM json_each(@candidates) c
       JOIN sentences s ON s.id = c.value ->> 0
       JOIN documents d ON d.id = s.doc_id
       WHERE s.boilerplate = 0 AND d.relevant = 1 AND d.duplicate_of IS NULL
       ORDER BY c.value ->> 1, d.published DESC, c.key
       LIMIT @limit`,
    );
    let rows: Row[] = [];
    for (let n = Math.min(scope, want * SEARCH_CANDIDATES_PER_HIT); ; n = Math.min(scope, n * 4)) {
      const candidates = best.all({ match, scope, n }) as Array<{ id: number; rank: number }>;
      // Equal scores share a tier (newest publication first within it), numbered here: no float goes through JSON.
      let tier = 0;
      const ranked = candidates.map((c, i) => [c.id, i > 0 && c.rank !== candidates[i - 1]!.rank ? ++tier : tier]);
      rows = hits.all({ candidates: JSON.stringify(ranked), limit: want }) as Row[];
      // Banners, off-topic and duplicate documents took some places: look further, never answer short.
      if (rows.length >= want || candidates.length < n || n >= scope) break;
    }
    return rows.map((r) => {
      const dates = JSON.parse(r.dates as string) as Array<{ date: string; precision: string }>;
      const best = dates.find((d) => d.precision === 'day') ?? dates[0];
      return {
        text: r.text as string,
        date: best?.date ?? (r.published as string | null),
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
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS documents, COALESCE(SUM(relevant), 0) AS relevant,
           MIN(CASE WHEN relevant = 1 THEN published END) AS firstPublished,
           MAX(CASE WHEN relevant = 1 THEN published END) AS lastPublished
         FROM documents`,
      )
      .get() as { documents: number; relevant: number; firstPublished: string | null; lastPublished: string | null };
    const sentences = (this.db.prepare('SELECT COUNT(*) AS n FROM sentences WHERE boilerplate = 0').get() as {
      n: number;
    }).n;
    return { ...row, sentences };
  }
}

interface ArrivalRow {
  n: number;
  id: string;
  at: string;
}

/** Arrival ranks kept between repetition passes, with what tells whether a write only appended. */
interface RanksKept {
  state: string;
  ranks: Map<string, number>;
  last: ArrivalRow | null;
  maxRowid: number;
}

/** The first `limit` of `ids` by arrival rank (a document without one, written since, last). */
function firstByArrival(ids: string[], ranks: Map<string, number>, limit: number): string[] {
  const rankOf = (id: string) => ranks.get(id) ?? Number.MAX_SAFE_INTEGER;
  return ids
    .map((id) => ({ id, rank: rankOf(id) }))
    .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit)
    .map((x) => x.id);
}
