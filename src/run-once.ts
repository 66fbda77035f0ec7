/**
 * Work that must run on one instance at a time among all that share the
 * database (corpus ingest and the folder watch, the digest sweep): whoever
 * holds its lease (store/leases.ts) does it. Two ways to hold one:
 *
 * - `keep(name)`: a long-lived keeper (serve's corpus watch). It renews
 *   while held and takes the lease when it lapses, so another instance
 *   takes over within one TTL plus one renewal (~40 s) of the holder dying.
 * - `hold(name, work)`: for one piece of work (an ingest, one sweep). When
 *   this instance's keeper holds the lease the work runs under it;
 *   otherwise the lease is taken for the work's duration (renewed while it
 *   runs) and given up after; when another instance holds it the work does
 *   not run and the answer says who does. With `waitForOneOff`, work held
 *   by another one-off (a CLI run ingesting) is waited for, then done here
 *   (it is then quick): only a keeper, which goes on doing it, is left to it.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { LeaseKeeper, type LeaseKeeperOptions, type Leases } from './store/lease.js';

/** The leases of run-once work (feeds are polled under `feed:<id>`, feeds/poll.ts). */
export const CORPUS_LEASE = 'corpus';
export const DIGEST_SWEEP_LEASE = 'digest-sweep';

/** This process's name on leases and outbox rows: which machine and process, unique across restarts. */
export function instanceName(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** The holder-name suffix of one-off work (hold), telling it from a long-lived keeper. */
const ONE_OFF = '/once';
/** How often a waiting one-off looks again. */
const WAIT_POLL_MS = 200;

export type Held<T> = { ran: true; value: T } | { ran: false; holder: string };

export class RunOnce {
  private readonly keepers = new Map<string, LeaseKeeper>();

  constructor(
    private readonly leases: Leases,
    /** This instance's name on the leases it holds. */
    readonly owner: string,
    private readonly timing: Pick<LeaseKeeperOptions, 'ttlMs' | 'renewMs'> = {},
  ) {}

  /** Keep trying to hold `name` until stop(); the callbacks say when this instance gains or loses it. */
  async keep(name: string, options: Pick<LeaseKeeperOptions, 'onAcquired' | 'onLost' | 'onError'> = {}): Promise<LeaseKeeper> {
    const keeper = new LeaseKeeper(this.leases, name, this.owner, { ...this.timing, ...options });
    this.keepers.set(name, keeper);
    await keeper.start();
    return keeper;
  }

  async hold<T>(name: string, work: () => Promise<T>, options: { waitForOneOff?: boolean } = {}): Promise<Held<T>> {
    if (this.keepers.get(name)?.held) return { ran: true, value: await work() };
    // Its own holder name: the long-lived keeper of this instance must not renew what this work holds.
    const once = new LeaseKeeper(this.leases, name, `${this.owner}${ONE_OFF}`, this.timing);
    for (;;) {
      await once.start();
      if (once.held) break;
      await once.stop();
      const holder = (await this.leases.holder(name).catch(() => null))?.holder;
      if (!options.waitForOneOff || (holder && !holder.endsWith(ONE_OFF))) return { ran: false, holder: holder ?? 'another instance' };
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
    try {
      return { ran: true, value: await work() };
    } finally {
      await once.stop();
    }
  }

  /** Give up every kept lease (shutdown): the others take over at once. */
  async stop(): Promise<void> {
    await Promise.all([...this.keepers.values()].map((k) => k.stop()));
    this.keepers.clear();
  }
}
