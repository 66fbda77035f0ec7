/**
 * Which addresses a fetch may connect to. Feed URLs come from chat users, so
 * a URL must never make the bot reach inside the network it runs in (SSRF):
 * every address a host name resolves to is checked, and the connection is
 * then made to the checked address itself (`pinnedLookup`), so a DNS answer
 * that changes between the check and the connection (rebinding) cannot
 * slip a private address in.
 *
 * Refused (unless BRIEFING_FETCH_ALLOW_PRIVATE=1, for tests on loopback):
 * - IPv4: 0/8 ("this network"), 10/8, 100.64/10 (CGNAT), 127/8 (loopback),
 *   169.254/16 (link-local, cloud metadata at 169.254.169.254), 172.16/12,
 *   192.0.0/24, 192.168/16, 198.18/15 (benchmarking), 224/4 (multicast),
 *   240/4 (reserved) and 255.255.255.255;
 * - IPv6: ::, ::1, fc00::/7 (unique local, with fd00::/8 metadata
 *   addresses), fe80::/10 (link-local), ff00::/8 (multicast), and any
 *   IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible or NAT64 (64:ff9b::/96)
 *   address whose IPv4 part is refused.
 */
import dns from 'node:dns';
import net from 'node:net';

export class UnsafeAddress extends Error {
  override name = 'UnsafeAddress';
}

export interface SafeAddress {
  address: string;
  family: 4 | 6;
}

const IPV4_REFUSED: Array<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function ipv4Refused(ip: string): boolean {
  const n = ipv4ToNumber(ip);
  return IPV4_REFUSED.some(([base, bits]) => {
    const size = 2 ** (32 - bits);
    const start = ipv4ToNumber(base);
    return n >= start && n < start + size;
  });
}

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail expanded). */
function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = ipv4ToNumber(dotted[1]!);
    text = text.slice(0, -dotted[1]!.length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...fill, ...right];
}

function ipv6Refused(ip: string): boolean {
  const g = ipv6Groups(ip);
  if (g.length !== 8) return true;
  const first = g[0]!;
  const allZeroUpTo = (k: number) => g.slice(0, k).every((x) => x === 0);
  if (allZeroUpTo(8)) return true; // ::
  if (allZeroUpTo(7) && g[7] === 1) return true; // ::1
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10
  if ((first & 0xff00) === 0xff00) return true; // ff00::/8
  const embedded = (hi: number, lo: number) => `${hi >>> 8}.${hi & 0xff}.${lo >>> 8}.${lo & 0xff}`;
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64): judged by their IPv4 part.
  if (allZeroUpTo(5) && (g[5] === 0xffff || g[5] === 0)) return ipv4Refused(embedded(g[6]!, g[7]!));
  if (first === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return ipv4Refused(embedded(g[6]!, g[7]!));
  return false;
}

/** Whether an IP address is loopback, private, link-local, CGNAT, metadata or otherwise not on the public internet. */
export function isPrivateAddress(ip: string): boolean {
  const kind = net.isIP(ip.replace(/%.*$/, ''));
  if (kind === 4) return ipv4Refused(ip);
  if (kind === 6) return ipv6Refused(ip);
  return true;
}

export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolver: Resolver = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/**
 * The address to connect to for `host`: every address it resolves to must
 * be public (one private answer among public ones refuses the host: the
 * resolver could hand either to the connection), unless private ones are allowed.
 */
export async function resolveSafely(
  host: string,
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
  /** Addresses allowed although private (a test's own server), everything else private still refused. */
  allowed: readonly string[] = [],
): Promise<SafeAddress> {
  const bare = host.replace(/^\[|\]$/g, '');
  const answers = net.isIP(bare) ? [{ address: bare, family: net.isIP(bare) }] : await resolve(bare);
  if (answers.length === 0) throw new UnsafeAddress(`${host} does not resolve to any address`);
  if (!allowPrivate) {
    const refused = answers.find((a) => isPrivateAddress(a.address) && !allowed.includes(a.address));
    if (refused) {
      throw new UnsafeAddress(
        `${host} resolves to ${refused.address}, a loopback, private or link-local address: the bot only fetches public addresses`,
      );
    }
  }
  const first = answers[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** A `lookup` for http(s).request that answers with the address already checked, whatever DNS says now. */
export function pinnedLookup(checked: SafeAddress): net.LookupFunction {
  return ((_host: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: checked.address, family: checked.family }]);
    else callback(null, checked.address, checked.family);
  }) as unknown as net.LookupFunction;
}
