/**
 * A parse worker thread (see parsers.ts): reads and parses the files (or
 * feed articles) it is sent, one at a time, and answers with the result or why the file cannot
 * be ingested.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TopicProfile } from '../topic/profile.js';
import * as parser from './parse.js';
import { parseJob, type ParseJob, type WorkerAnswer } from './parsers.js';
import { SkipFile } from './skip.js';

const { topic } = workerData as { topic: TopicProfile };

parentPort!.on('message', ({ id, job }: { id: number; job: ParseJob }) => {
  let answer: WorkerAnswer;
  try {
    answer = { id, ok: true, file: parseJob(parser, job, topic) };
  } catch (err) {
    answer = { id, ok: false, skip: err instanceof SkipFile, message: (err as Error).message.split('\n')[0] ?? String(err) };
  }
  parentPort!.postMessage(answer);
});
