/**
 * How this process's V8 heap grows. The bot's corpus-wide steps (repetition,
 * event building) allocate hundreds of MB of short-lived objects; by default
 * V8 lets the heap grow up to 4× what survived the last full collection
 * before collecting again, so garbage, not live data, set the peak memory
 * (10,000 articles: ~12 MB live between steps, 400+ MB resident). A bot
 * shares a small machine with its database, so it trades a little speed for
 * memory. Called once by each entry point (the CLI, the benchmark), before
 * the engine opens.
 *
 * The young generation (new objects) is sized on the command line instead,
 * `--max-semi-space-size` in package.json's scripts and the CLI's shebang:
 * V8 fixes it when the process starts.
 */
import v8 from 'node:v8';

/** The heap may grow to 1.3× what survived a full collection (V8: up to 4×). */
export const HEAP_GROWING_PERCENT = 30;

export function limitHeapGrowth(): void {
  // Read by V8 at every full collection, so it applies when set at run time.
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
