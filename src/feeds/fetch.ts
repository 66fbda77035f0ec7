/**
 * The one way the bot fetches a URL from outside (feeds and the pages their
 * items link to): safe and polite. Every rule lives here.
 *
 * Safe:
 * - only http and https; every host (and every redirect's host) is resolved
 *   and refused when any of its addresses is loopback, private, link-local,
 *   CGNAT or metadata (safe-address.ts), unless `allowPrivate`
 *   (BRIEFING_FETCH_ALLOW_PRIVATE=1, for tests on 127.0.0.1); the
 *   connection is pinned to the checked address (no DNS rebinding);
 * - credentials in a URL are sent (as Basic auth, to that URL's own host
 *   only) but never shown: `displayUrl` is what messages and lists print;
 * - at most 5 redirects, a loop is named as such; a 20 s deadline for the
 *   whole exchange (a server trickling bytes is cut off too); at most 10 MB
 *   of body after decompression (gzip, deflate, brotli), counted as it
 *   streams, so a compression bomb stops at the cap;
 * - nothing fetched is executed: the body is returned as text.
 *
 * Polite:
 * - a User-Agent naming the bot and, when set, BRIEFING_CONTACT;
 * - validators sent back (If-None-Match / If-Modified-Since) so an unchanged
 *   feed costs the server a 304;
 * - at most 2 requests at a time to one host; a 429 or 503 with Retry-After
 *   keeps every request to that host waiting until then (the fetcher answers
 *   "retry after …" without connecting);
 * - the permanent redirects of a chain (301, 308, all of them) are reported
 *   so the caller can update the stored URL; 302, 303 and 307 are not.
 *
 * Back-off between polls of a failing feed is the poller's (poll.ts): the
 * fetcher tells what happened and when the server asked to be left alone.
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { decodeBody } from './charset.js';
import { pinnedLookup, resolveSafely, UnsafeAddress, type Resolver } from './safe-address.js';

export const FETCH_TIMEOUT_MS = 20_000;
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
export const MAX_REDIRECTS = 5;
export const MAX_PER_HOST = 2;
const BOT_NAME = 'briefing-bot/0.1 (news briefing feed reader)';

export interface FetcherOptions {
  allowPrivate: boolean;
  /** BRIEFING_CONTACT: an address or URL a site's operator can reach the bot's operator at. */
  contact?: string;
  now?: () => Date;
  timeoutMs?: number;
  maxBytes?: number;
  /** Host name resolution (tests answer with addresses of their choosing). */
  resolve?: Resolver;
  /** Private addresses allowed all the same (a test's server on 127.0.0.1 while every other private address is refused). */
  allowedAddresses?: string[];
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchOutcome =
  | {
      kind: 'ok';
      status: number;
      /** Where the body came from, after redirects. */
      url: string;
      /** Set when every redirect on the way was permanent (301/308): the URL to store from now on. */
      permanentUrl: string | null;
      text: string;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    }
  | { kind: 'not-modified'; permanentUrl: string | null }
  | { kind: 'gone'; status: number }
  | {
      kind: 'failed';
      /** One line a person can act on; never holds credentials. */
      message: string;
      status: number | null;
      /** The server (or an earlier answer from the same host) asked not to be asked before this. */
      retryAfter: Date | null;
      /** Refused for safety or by its form (private address, not http): trying again will not help. */
      permanent: boolean;
    };

/** The URL as it may be shown: without user name and password. */
export function displayUrl(url: string | URL): string {
  try {
    const u = new URL(String(url));
    if (!u.username && !u.password) return u.href;
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return String(url).replace(/\/\/[^/@]*@/, '//');
  }
}

/** A URL the fetcher will try, or one line saying why not. */
export function checkFetchableUrl(raw: string): { url: URL } | { error: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { error: `"${displayUrl(raw).slice(0, 200)}" is not a URL: give the feed's full address, starting with https://` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: `${url.protocol.replace(/:$/, '')} URLs are not fetched: give an http or https address` };
  }
  url.hash = '';
  return { url };
}

class HostGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Not before this time (ms), from a Retry-After. */
  notBefore = 0;

  async enter(): Promise<void> {
    if (this.active < MAX_PER_HOST) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

interface Exchange {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer | null;
}

export class Fetcher {
  private readonly hosts = new Map<string, HostGate>();
  private readonly now: () => Date;
  private readonly userAgent: string;

  constructor(private readonly options: FetcherOptions) {
    this.now = options.now ?? (() => new Date());
    this.userAgent = options.contact ? `${BOT_NAME.replace(/\)$/, `; ${options.contact})`)}` : BOT_NAME;
  }

  /** Requests to this host may start again at this time (a Retry-After seen), or null. */
  waitingUntil(host: string): Date | null {
    const gate = this.hosts.get(host.toLowerCase());
    return gate && gate.notBefore > this.now().getTime() ? new Date(gate.notBefore) : null;
  }

  async fetch(rawUrl: string, validators: Validators = {}, accept = FEED_ACCEPT): Promise<FetchOutcome> {
    const checked = checkFetchableUrl(rawUrl);
    if ('error' in checked) return failed(checked.error, null, null, true);
    let url = checked.url;
    const origin = url.host;
    const auth = url.username || url.password ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : null;
    let permanent = true;
    let redirected = false;
    const seen = new Set<string>([stripAuth(url)]);
    for (let hop = 0; ; hop++) {
      const gate = this.gate(url.hostname);
      if (gate.notBefore > this.now().getTime()) {
        const until = new Date(gate.notBefore);
        return failed(`${url.hostname} asked to wait (Retry-After) until ${until.toISOString()}`, null, until, false);
      }
      let exchange: Exchange;
      await gate.enter();
      try {
        exchange = await this.exchange(url, url.host === origin ? auth : null, validators, accept);
      } catch (err) {
        const message = err instanceof UnsafeAddress ? err.message : (err as Error).message;
        return failed(`${displayUrl(url)}: ${message}`, null, null, err instanceof UnsafeAddress);
      } finally {
        gate.leave();
      }
      const { status, headers } = exchange;
      if ([301, 302, 303, 307, 308].includes(status) && headers.location) {
        if (hop >= MAX_REDIRECTS) return failed(`more than ${MAX_REDIRECTS} redirects from ${displayUrl(rawUrl)}: fix the feed address`, status, null, true);
        let next: URL;
        try {
          next = new URL(headers.location, url);
        } catch {
          return failed(`${displayUrl(url)} redirects to an invalid address`, status, null, true);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return failed(`${displayUrl(url)} redirects to a ${next.protocol} URL, which is not fetched`, status, null, true);
        }
        next.hash = '';
        if (seen.has(stripAuth(next))) return failed(`redirect loop at ${displayUrl(next)}: fix the feed address`, status, null, true);
        seen.add(stripAuth(next));
        if (status !== 301 && status !== 308) permanent = false;
        redirected = true;
        url = next;
        continue;
      }
      const permanentUrl = redirected && permanent ? displayUrl(url) : null;
      if (status === 304) return { kind: 'not-modified', permanentUrl };
      if (status === 410) return { kind: 'gone', status };
      if (status === 429 || status === 503) {
        const retryAfter = parseRetryAfter(headerText(headers['retry-after']), this.now());
        if (retryAfter) gate.notBefore = Math.max(gate.notBefore, retryAfter.getTime());
        return failed(`${displayUrl(url)} answered ${status}${retryAfter ? `, retry after ${retryAfter.toISOString()}` : ''}`, status, retryAfter, false);
      }
      if (status < 200 || status >= 300) return failed(`${displayUrl(url)} answered ${status}`, status, null, false);
      if (!exchange.body) return failed(`${displayUrl(url)}: empty answer`, status, null, false);
      const contentType = headerText(headers['content-type']);
      return {
        kind: 'ok',
        status,
        url: displayUrl(url),
        permanentUrl,
        text: decodeBody(exchange.body, contentType).text,
        contentType,
        etag: headerText(headers.etag),
        lastModified: headerText(headers['last-modified']),
      };
    }
  }

  private gate(host: string): HostGate {
    const key = host.toLowerCase();
    let gate = this.hosts.get(key);
    if (!gate) this.hosts.set(key, (gate = new HostGate()));
    return gate;
  }

  private async exchange(url: URL, auth: string | null, validators: Validators, accept: string): Promise<Exchange> {
    const address = await resolveSafely(url.hostname, this.options.allowPrivate, this.options.resolve, this.options.allowedAddresses);
    const timeoutMs = this.options.timeoutMs ?? FETCH_TIMEOUT_MS;
    const maxBytes = this.options.maxBytes ?? MAX_BODY_BYTES;
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      accept,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<Exchange>((resolve, reject) => {
      let settled = false;
      const finish = (err: Error | null, value?: Exchange) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        if (err) reject(err);
        else resolve(value!);
      };
      const req = transport.request(
        url,
        {
          method: 'GET',
          headers,
          auth: auth ?? undefined,
          lookup: pinnedLookup(address),
          // No connection pooling across requests: each is pinned to its own checked address.
          agent: false,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const hasBody = status >= 200 && status < 300;
          if (!hasBody) {
            res.resume();
            res.on('end', () => finish(null, { status, headers: res.headers, body: null }));
            res.on('error', (err) => finish(err));
            return;
          }
          const declared = Number(res.headers['content-length']);
          const encoding = headerText(res.headers['content-encoding'])?.toLowerCase() ?? 'identity';
          if (encoding === 'identity' && Number.isFinite(declared) && declared > maxBytes) {
            req.destroy();
            finish(new Error(`larger than the ${Math.round(maxBytes / 1048576)} MB cap (${declared} bytes)`));
            return;
          }
          let stream: Readable = res;
          if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(zlib.createGunzip());
          else if (encoding === 'deflate') stream = res.pipe(zlib.createInflate());
          else if (encoding === 'br') stream = res.pipe(zlib.createBrotliDecompress());
          else if (encoding !== 'identity') {
            req.destroy();
            finish(new Error(`served with an unknown content encoding "${encoding}"`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              req.destroy();
              stream.destroy();
              finish(new Error(`larger than the ${Math.round(maxBytes / 1048576)} MB cap once decompressed`));
              return;
            }
            chunks.push(chunk);
          });
          stream.on('end', () => finish(null, { status, headers: res.headers, body: Buffer.concat(chunks) }));
          stream.on('error', (err) => finish(new Error(`could not read the answer (${err.message})`)));
          res.on('error', (err) => finish(new Error(`connection lost (${err.message})`)));
        },
      );
      const deadline = setTimeout(() => {
        req.destroy();
        finish(new Error(`no complete answer within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      req.on('error', (err) => finish(new Error(connectionMessage(err))));
      req.end();
    });
  }
}

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5';
export const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

function failed(message: string, status: number | null, retryAfter: Date | null, permanent: boolean): FetchOutcome {
  return { kind: 'failed', message, status, retryAfter, permanent };
}

function stripAuth(url: URL): string {
  return displayUrl(url);
}

function headerText(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function connectionMessage(err: Error & { code?: string }): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
      return 'connection reset';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `TLS certificate not trusted (${err.code})`;
    default:
      return err.message.split('\n')[0] ?? 'request failed';
  }
}

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): Date | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return new Date(now.getTime() + Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? new Date(Math.max(at, now.getTime())) : null;
}
