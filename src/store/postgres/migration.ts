/** One step of the PostgreSQL schema (applied by migrate.ts, listed by schema.ts): its version means the same step on SQLite. */
export interface PostgresMigration {
  version: number;
  name: string;
  up: string;
}
