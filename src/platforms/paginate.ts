/**
 * Split reply items into pages that each fit a platform's limits. The
 * platform supplies `fits` (its own limits file decides); pagination itself is
 * one greedy rule shared by every adapter.
 */
export function paginate<T>(items: readonly T[], fits: (page: readonly T[]) => boolean): T[][] {
  const pages: T[][] = [];
  let current: T[] = [];
  for (const item of items) {
    const candidate = [...current, item];
    if (current.length > 0 && !fits(candidate)) {
      pages.push(current);
      current = [item];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0 || pages.length === 0) pages.push(current);
  return pages;
}
