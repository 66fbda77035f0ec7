/**
 * Leases: work that must run on one instance at a time (corpus ingest and
 * folder watch, feed polling, the digest sweep) is done by whoever holds its
 * lease. A lease is a row (name, holder, expiry) in the shared database; the
 * expiry is reckoned by the database's clock, so instances whose clocks
 * disagree still agree on who holds it. A holder renews well before expiry;
 * one that dies stops renewing and another instance takes over once it
 * expires. LeaseKeeper (lease.ts) keeps one lease on top of this contract.
 */

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
   * time). One atomic statement: of several callers at most one holds it
   * after. True when `holder` holds the lease after the call.
   */
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Give the lease up now, if `holder` has it (nothing otherwise). */
  release(name: string, holder: string): Promise<void>;
  /** Who holds `name`, if anyone does now (a lapsed lease is held by nobody). */
  holder(name: string): Promise<LeaseHolder | null>;
}
