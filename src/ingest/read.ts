/**
 * Reading a corpus file for ingest: its bytes (at most the parser's cap plus
 * a margin) and the hash of all of it, so any change is seen.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { contentHash } from './corpus.js';

/** Bytes read for parsing; the parser ingests at most its own cap (5 MB) of them. */
const READ_CAP = 6 * 1024 * 1024;

export function readForIngest(absPath: string, size: number): { bytes: Buffer; hash: string } {
  if (size <= READ_CAP) {
    const bytes = fs.readFileSync(absPath);
    return { bytes, hash: contentHash(bytes) };
  }
  // Huge file: hash all of it but keep only the head in memory.
  const fd = fs.openSync(absPath, 'r');
  try {
    const hasher = createHash('sha256');
    const chunk = Buffer.alloc(1024 * 1024);
    let read: number;
    let offset = 0;
    while ((read = fs.readSync(fd, chunk, 0, chunk.length, offset)) > 0) {
      hasher.update(chunk.subarray(0, read));
      offset += read;
    }
    const headBytes = Buffer.alloc(READ_CAP);
    const got = fs.readSync(fd, headBytes, 0, READ_CAP, 0);
    return { bytes: headBytes.subarray(0, got), hash: hasher.digest('hex') };
  } finally {
    fs.closeSync(fd);
  }
}
