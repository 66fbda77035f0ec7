/** Messages between the query pool and its threads. */
import type { CommandArgs, PortableAsker } from '../core/command.js';
import type { Engine } from '../core/engine.js';
import type { DatabaseLocator } from '../store/repositories.js';

/** The queries a thread answers: every read of the Engine interface. */
export type QueryMethod = 'timeline' | 'summary' | 'sources' | 'sourcesOf' | 'explainRelevance' | 'search' | 'events' | 'suggestTopics' | 'stats';

export interface QueryWorkerData {
  corpusDir: string;
  /** The writer's database, opened read-only by each thread. */
  locator: DatabaseLocator;
  topicFile?: string;
}

export type QueryMessage =
  | { kind: 'query'; id: number; method: QueryMethod; args: unknown[] }
  /** A read-only command, run whole; the answer is its chat Reply (core/reply.ts chatReply). */
  | { kind: 'command'; id: number; name: string; args: CommandArgs; asker: PortableAsker };

/** A failure keeps its message and, for errors the asker tells apart (busy database), its name. */
export type QueryAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string; name?: string };

export type QueryResult<M extends QueryMethod> = Awaited<ReturnType<Engine[M]>>;
