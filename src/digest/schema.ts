/** Tables of the daily digest (subscriptions, outbox). Filled in by the digest module. */
import type { Migration } from '../store/migrations.js';

export const digestMigrations: Migration[] = [];
