/**
 * A floor pass in a process of its own, JSON on stdout:
 *   tsx bench/lib/floor-child.ts raw CORPUS_DIR [EXCLUDE]
 *   tsx bench/lib/floor-child.ts kept DB_FILE
 *   tsx bench/lib/floor-child.ts kept-tagger DB_FILE   (full nlp() tagger, for comparison)
 * A fresh heap, so neither the ingest's garbage slows the floor nor the
 * floor's memory counts in the ingest's peak RSS. compromise is loaded
 * before timing starts (the ingest's time includes its load: stricter).
 */
import { measureFloor, measureKeptFloor, taggerPass } from './floor.js';

const [mode, target, exclude] = process.argv.slice(2);
if (!['raw', 'kept', 'kept-tagger'].includes(mode ?? '') || !target) {
  process.stderr.write('floor-child: usage: floor-child.ts raw CORPUS_DIR [EXCLUDE] | kept DB_FILE | kept-tagger DB_FILE\n');
  process.exit(2);
}
const cpu0 = process.cpuUsage();
const result =
  mode === 'raw' ? measureFloor(target, exclude) : measureKeptFloor(target, mode === 'kept-tagger' ? taggerPass : undefined);
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ ...result, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
