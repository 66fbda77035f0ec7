/**
 * SQLite's clock in milliseconds since the epoch, as an SQL expression: the
 * database's time (not a process's) for expiries every process on the file
 * agrees on (leases, seen requests).
 */
export const SQLITE_NOW_MS = `CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)`;
