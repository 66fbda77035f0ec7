/**
 * Counted nouns, in one place: "1 event", "2 events", "1 matching sentence".
 * English plurals of the nouns the bot counts; `plural` for the irregular ones.
 */
/** Made once: toLocaleString builds a formatter per call, which showed in the main thread's profile under load. */
const EN_GB = new Intl.NumberFormat('en-GB');

export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${EN_GB.format(n)} ${n === 1 ? singular : plural}`;
}
