/**
 * LeaseKeeper: keeps one lease (the Leases contract, ./leases.ts, on either
 * backend) and says when this instance gains or loses it, so work that must
 * run on one instance at a time (corpus ingest and folder watch, feed
 * polling, the digest sweep) starts and stops with it.
 */
import { DEFAULT_LEASE_RENEW_MS, DEFAULT_LEASE_TTL_MS, type Leases } from './leases.js';

export { DEFAULT_LEASE_RENEW_MS, DEFAULT_LEASE_TTL_MS, type LeaseHolder, type Leases } from './leases.js';

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
