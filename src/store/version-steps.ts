/**
 * Versions readers keep copies by (the corpus generation, the events
 * version), each written with what that write changed. A meta value is one
 * step: its id, the id it followed, the ids of the rows it changed (null:
 * unknown or too many), and the few steps before it with theirs. A reader
 * whose copy belongs to one of those drops only the rows changed since; any
 * other reader drops its whole copy. A ten-article feed poll (its documents
 * written, then its events) then costs the next answer ten documents and
 * the events they joined, not every document and event again.
 *
 * A step is written read-modify-write under the meta row's lock
 * (advanceMeta in each backend's meta.ts), so two writers never both claim
 * to follow the same step.
 */
import { randomUUID } from 'node:crypto';

export interface VersionStep {
  id: string;
  /** The step this one followed (null: none known). */
  after: string | null;
  /** What this write changed; null when unknown (a reader drops everything). */
  changed: readonly string[] | null;
  /**
   * The steps before this one, oldest first, each with what it changed: a
   * reader a few steps behind (a poll writes its documents, then its events)
   * drops what those changed instead of everything.
   */
  earlier: ReadonlyArray<{ id: string; changed: readonly string[] | null }>;
}

/** Past this many changed rows a step says "unknown": dropping everything costs less than the list. */
const MAX_CHANGED = 20_000;
/** Steps a value remembers behind it (and no more changed rows than one step may name). */
const MAX_EARLIER = 16;

/** The value to store after `previous` (a stored value, or null) for a write that changed `changed`. */
export function nextStep(previous: string | null, changed: Iterable<string> | null): string {
  const ids = changed === null ? null : [...new Set(changed)];
  const before = previous === null ? null : readStep(previous);
  const earlier = before ? [...before.earlier, { id: before.id, changed: before.changed }] : [];
  const size = () => earlier.reduce((n, e) => n + (e.changed?.length ?? 0), 0);
  while (earlier.length > MAX_EARLIER || (earlier.length > 0 && size() > MAX_CHANGED)) earlier.shift();
  const step: VersionStep = {
    id: randomUUID(),
    after: before?.id ?? null,
    changed: ids !== null && ids.length <= MAX_CHANGED ? ids : null,
    earlier,
  };
  return JSON.stringify(step);
}

/** A stored value read back; a plain value (written before steps) is a step with nothing known. */
export function readStep(value: string): VersionStep {
  if (value.startsWith('{')) {
    try {
      const parsed = JSON.parse(value) as Partial<VersionStep>;
      if (typeof parsed.id === 'string') {
        const after = typeof parsed.after === 'string' ? parsed.after : null;
        return {
          id: parsed.id,
          after,
          changed: changedList(parsed.changed),
          earlier: Array.isArray(parsed.earlier)
            ? parsed.earlier.filter((e) => typeof e?.id === 'string').map((e) => ({ id: e.id, changed: changedList(e.changed) }))
            : after !== null
              ? [{ id: after, changed: null }]
              : [],
        };
      }
    } catch {
      // Not a step: treated as a plain value below.
    }
  }
  return { id: value, after: null, changed: null, earlier: [] };
}

function changedList(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : null;
}

/**
 * What changed since step `at`, by the steps `step` remembers: one list per
 * step after it; null when `at` is not among them (a reader too far
 * behind) or one of those steps named nothing.
 */
function changedSince(step: VersionStep, at: string): Array<readonly string[]> | null {
  const chain = [...step.earlier, { id: step.id, changed: step.changed }];
  const from = chain.findIndex((s) => s.id === at);
  if (from < 0) return null;
  const lists: Array<readonly string[]> = [];
  for (const s of chain.slice(from + 1)) {
    if (s.changed === null) return null;
    lists.push(s.changed);
  }
  return lists;
}

/**
 * A reader's copy (rows by id), kept by the step it was read at: brought to
 * the stored value by dropping the rows changed since, or all of them.
 */
export class SteppedCopy {
  private at: string | null | undefined;

  /** Bring `kept` to `value` (as stored; null when never written). */
  follow(value: string | null, kept: Map<string, unknown>): void {
    const step = value === null ? null : readStep(value);
    const id = step?.id ?? null;
    if (id === this.at) return;
    const since = step && typeof this.at === 'string' ? changedSince(step, this.at) : null;
    if (since) {
      for (const list of since) for (const changed of list) kept.delete(changed);
    } else {
      kept.clear();
    }
    this.at = id;
  }
}
