/**
 * Counted nouns, in one place: "1 event", "2 events", "1 matching sentence".
 * English plurals of the nouns the bot counts; `plural` for the irregular ones.
 */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? singular : plural}`;
}
