/**
 * Documents as answers cite them (title, outlet, date, link, verdict), kept
 * between queries by the corpus generation (corpus-generation.ts). An answer
 * reads only the documents it cites and keeps them, and a corpus change that
 * names what it changed (a feed poll bringing ten articles) costs the next
 * answer those documents, not a read of all 100,000.
 *
 * What it hands out is shared by every caller until the corpus changes, so
 * it is frozen: a caller that wants to change one copies it.
 */
import type { SourceDocument } from '../core/model.js';
import type { CorpusRepository } from './corpus.js';
import { corpusGeneration } from './corpus-generation.js';
import type { MetaRepository } from './meta.js';
import { SteppedCopy } from './version-steps.js';

/** Documents kept at most; emptied when full (a timeline cites a few thousand). */
const DOCUMENTS_KEPT = 200_000;

export class DocumentCache {
  private readonly generation = new SteppedCopy();
  private readonly kept = new Map<string, Readonly<SourceDocument>>();

  constructor(
    private readonly corpus: Pick<CorpusRepository, 'sourceDocuments'>,
    private readonly meta: MetaRepository,
  ) {}

  /** The documents of `ids` that are in the corpus now, by id. */
  async of(ids: Iterable<string>): Promise<Map<string, Readonly<SourceDocument>>> {
    // Only the documents a feed poll wrote or changed are read again, when this copy is of a step the stored one remembers.
    this.generation.follow(await corpusGeneration(this.meta), this.kept);
    const wanted = new Set(ids);
    let missing = [...wanted].filter((id) => !this.kept.has(id));
    if (this.kept.size + missing.length > DOCUMENTS_KEPT) {
      this.kept.clear();
      missing = [...wanted];
    }
    if (missing.length) for (const d of await this.corpus.sourceDocuments(missing)) this.kept.set(d.id, Object.freeze(d));
    const out = new Map<string, Readonly<SourceDocument>>();
    for (const id of wanted) {
      const d = this.kept.get(id);
      // Not in the corpus (removed since the events citing it were written): left out, as a later read would.
      if (d) out.set(id, d);
    }
    return out;
  }
}
