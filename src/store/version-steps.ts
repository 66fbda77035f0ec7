/**
 * Versions readers keep copies by (the corpus generation, the events
 * version), each written with what that write changed. A meta value is one
 * step: its id, the id it followed, and the ids of the rows it changed
 * (null: unknown or too many). A reader whose copy belongs to the step
 * before drops only those rows; any other reader drops its whole copy. A
 * ten-article feed poll then costs the next answer ten documents and the
 * events they joined, not every document and event again.
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
}

/** Past this many changed rows a step says "unknown": dropping everything costs less than the list. */
const MAX_CHANGED = 20_000;

/** The value to store after `previous` (a stored value, or null) for a write that changed `changed`. */
export function nextStep(previous: string | null, changed: Iterable<string> | null): string {
  const ids = changed === null ? null : [...new Set(changed)];
  const step: VersionStep = {
    id: randomUUID(),
    after: previous === null ? null : readStep(previous).id,
    changed: ids !== null && ids.length <= MAX_CHANGED ? ids : null,
  };
  return JSON.stringify(step);
}

/** A stored value read back; a plain value (written before steps) is a step with nothing known. */
export function readStep(value: string): VersionStep {
  if (value.startsWith('{')) {
    try {
      const parsed = JSON.parse(value) as Partial<VersionStep>;
      if (typeof parsed.id === 'string') {
        return {
          id: parsed.id,
          after: typeof parsed.after === 'string' ? parsed.after : null,
          changed: Array.isArray(parsed.changed) ? parsed.changed.filter((x): x is string => typeof x === 'string') : null,
        };
      }
    } catch {
      // Not a step: treated as a plain value below.
    }
  }
  return { id: value, after: null, changed: null };
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
    if (step && this.at !== undefined && this.at !== null && step.after === this.at && step.changed) {
      for (const changed of step.changed) kept.delete(changed);
    } else {
      kept.clear();
    }
    this.at = id;
  }
}
