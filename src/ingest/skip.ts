/**
 * Thrown when a file cannot be ingested at all. The message is one line that
 * says what is wrong and how to fix it ("empty file: add article text or
 * remove it"); the ingest run shows it to the operator as is.
 */
export class SkipFile extends Error {
  override name = 'SkipFile';
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, ' '));
  }
}
