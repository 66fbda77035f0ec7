/**
 * Leases: work that must run on one instance at a time (corpus ingest and
 * folder watch, feed polling, the digest sweep) is done by whoever holds its
 * lease. A lease is a row (name, holder, expiry) in the shared database; the
 * expiry is reckoned by the database's clock, so instances whose clocks
 * disagree still agree on who holds it. A holder renews well before expiry;
 * one that dies stops renewing and another instance takes over once it
 * expires.
 *
 * SQLite (one machine) and PostgreSQL (several) implement the same Leases
 * contract; LeaseKeeper on top of either keeps one lease and says when this
 * instance gains or loses it.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './migrations.js';

/** Leases last this long unless renewed: another instance takes over within it when the holder dies. */
export const DEFAULT_LEASE_TTL_MS = 30_000;
/** A keeper renews (or tries to take) its lease this often: three tries within one TTL. */
export const DEFAULT_LEASE_RENEW_MS = 10_000;

export interface LeaseHolder {
  holder: string;
  /** ISO time (database clock) the lease lapses unless renewed. */
  expiresAt: string;
}

export interface Leases {
  /**
   * Take `name` for `holder` when it is free or lapsed, or renew it when
   * `holder` has it; either way it then lasts `ttlMs` from now (database
   * time). True when `holder` holds the lease after the call.
   */
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Give the lease up now, if `holder` has it (nothing otherwise). */
  release(name: string, holder: string): Promise<void>;
  /** Who holds `name`, if anyone does now. */
  holder(name: string): Promise<LeaseHolder | null>;
}

/** SQLite's lease table (core 90: between the core's versions and the digest's 100). */
export const leaseMigrations: Migration[] = [
  {
    version: 90,
    name: 'leases for run-once work',
    up: `CREATE TABLE leases (
      name TEXT PRIMARY KEY,
      holder TEXT NOT NULL,
      -- Milliseconds since the epoch by SQLite's clock.
      expires_at INTEGER NOT NULL
    );`,
    presentIn: (db) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'leases'").get() !== undefined,
  },
];

/** SQLite's clock in milliseconds since the epoch. */
const SQLITE_NOW_MS = `CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)`;

/** Leases in an SQLite file: every process on the machine sharing it sees the same holder. */
export class SqliteLeases implements Leases {
  constructor(private readonly db: Database.Database) {}

  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const row = this.db
      .prepare(
        `INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, ${SQLITE_NOW_MS} + @ttl)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
           WHERE leases.holder = excluded.holder OR leases.expires_at <= ${SQLITE_NOW_MS}
         RETURNING holder`,
      )
      .get({ name, holder, ttl: Math.max(1, Math.round(ttlMs)) }) as { holder: string } | undefined;
    return row?.holder === holder;
  }

  async release(name: string, holder: string): Promise<void> {
    this.db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
  }

  async holder(name: string): Promise<LeaseHolder | null> {
    const row = this.db
      .prepare(`SELECT holder, expires_at AS expiresAt FROM leases WHERE name = ? AND expires_at > ${SQLITE_NOW_MS}`)
      .get(name) as { holder: string; expiresAt: number } | undefined;
    return row ? { holder: row.holder, expiresAt: new Date(row.expiresAt).toISOString() } : null;
  }
}

export interface LeaseKeeperOptions {
  ttlMs?: number;
  renewMs?: number;
  /** This instance now holds the lease: start the work. */
  onAcquired?: () => void;
  /** It no longer does (lost to a lapse, or the database could not be reached): stop the work. */
  onLost?: () => void;
  /** A renewal could not reach the database (the lease is treated as lost until one succeeds). */
  onError?: (err: Error) => void;
}

/**
 * Keeps trying to hold one lease: renews it while held, takes it when it
 * lapses. `held` is what the work checks before acting.
 */
export class LeaseKeeper {
  private timer: NodeJS.Timeout | null = null;
  private isHeld = false;
  private tick: Promise<void> | null = null;
  private stopped = false;
  private readonly ttlMs: number;
  private readonly renewMs: number;

  constructor(
    private readonly leases: Leases,
    readonly name: string,
    readonly holder: string,
    private readonly options: LeaseKeeperOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.renewMs = options.renewMs ?? Math.min(DEFAULT_LEASE_RENEW_MS, Math.floor(this.ttlMs / 3));
  }

  get held(): boolean {
    return this.isHeld;
  }

  /** Try now, then every renewal interval. Resolves after the first try. */
  start(): Promise<void> {
    this.stopped = false;
    const first = this.renew();
    this.timer = setInterval(() => void this.renew(), this.renewMs);
    this.timer.unref();
    return first;
  }

  /** Stop renewing and give the lease up, so another instance takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.tick;
    if (this.isHeld) {
      this.setHeld(false);
      await this.leases.release(this.name, this.holder).catch(() => {});
    }
  }

  /** One try to take or renew; overlapping calls share it. */
  renew(): Promise<void> {
    this.tick ??= (async () => {
      try {
        const held = await this.leases.acquire(this.name, this.holder, this.ttlMs);
        if (!this.stopped) this.setHeld(held);
      } catch (err) {
        this.setHeld(false);
        this.options.onError?.(err as Error);
      } finally {
        this.tick = null;
      }
    })();
    return this.tick;
  }

  private setHeld(held: boolean): void {
    if (held === this.isHeld) return;
    this.isHeld = held;
    (held ? this.options.onAcquired : this.options.onLost)?.();
  }
}
