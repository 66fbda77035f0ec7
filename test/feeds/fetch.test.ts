/** The fetcher against a local server: what is refused, what is sent, what is read, and when it waits. */
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fetcher } from '../../src/feeds/fetch.js';
import { isPrivateAddress, resolveSafely } from '../../src/feeds/safe-address.js';
import { fixed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

let server: FeedServer;
let clock: Date;

beforeEach(async () => {
  clock = new Date('2025-03-12T12:00:00Z');
  server = await startFeedServer(() => clock);
});
afterEach(() => server.close());

/** Only the test server's own address is let through; every other private address is refused. */
const fetcher = (extra: Partial<ConstructorParameters<typeof Fetcher>[0]> = {}) =>
  new Fetcher({ allowPrivate: false, allowedAddresses: ['127.0.0.1'], now: () => clock, ...extra });

describe('safe addresses', () => {
  it('refuses loopback, private, link-local, CGNAT, metadata and mapped addresses, allows public ones', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a9fe:a9fe']) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ['93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8', '151.101.0.81']) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it('refuses a host when any of its addresses is private (a DNS answer mixing both)', async () => {
    const resolve = async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }];
    await expect(resolveSafely('mixed.example', false, resolve)).rejects.toThrow(/10\.0\.0\.7.*public addresses/);
    await expect(resolveSafely('mixed.example', true, resolve)).resolves.toEqual({ address: '93.184.216.34', family: 4 });
  });

  it('does not connect to a private address (ALLOW_PRIVATE off), nor follow a redirect to the metadata address', async () => {
    server.route('/feed.xml', fixed('<rss/>'));
    const strict = new Fetcher({ allowPrivate: false, now: () => clock });
    const refused = await strict.fetch(server.url('/feed.xml'));
    expect(refused).toMatchObject({ kind: 'failed', permanent: true });
    expect(refused.kind === 'failed' && refused.message).toMatch(/127\.0\.0\.1, a loopback, private or link-local address/);
    expect(server.requests).toHaveLength(0);

    // A host name resolving to a private address is refused the same way.
    const named = new Fetcher({ allowPrivate: false, now: () => clock, resolve: async () => [{ address: '192.168.0.10', family: 4 }] });
    expect(await named.fetch('http://intranet.example/feed.xml')).toMatchObject({ kind: 'failed', permanent: true });

    server.route('/moved', fixed('', { location: 'http://169.254.169.254/latest/meta-data/' }, 302));
    const redirected = await fetcher().fetch(server.url('/moved'));
    expect(redirected.kind === 'failed' && redirected.message).toMatch(/169\.254\.169\.254/);
  });

  it('fetches only http and https', async () => {
    for (const url of ['ftp://example.org/feed.xml', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      const r = await fetcher().fetch(url);
      expect(r, url).toMatchObject({ kind: 'failed', permanent: true });
    }
  });

  it('sends credentials in the URL to its host only, and never shows them', async () => {
    server.route('/private.xml', fixed('<rss version="2.0"><channel><title>x</title></channel></rss>', {}, 500));
    const r = await fetcher().fetch(`http://reader:s3cret@127.0.0.1:${new URL(server.origin).port}/private.xml`);
    expect(server.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('reader:s3cret').toString('base64')}`);
    expect(r.kind === 'failed' && r.message).toMatch(/answered 500/);
    expect(JSON.stringify(r)).not.toMatch(/s3cret|reader:/);
  });
});

describe('politeness', () => {
  it('names the bot and its contact, asks for compressed bodies and sends validators back', async () => {
    server.route('/feed.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { etag: '"v1"', 'last-modified': 'Tue, 11 Mar 2025 08:00:00 GMT' }).end('<rss/>');
    });
    const f = fetcher({ contact: 'ops@example.org' });
    const first = await f.fetch(server.url('/feed.xml'));
    expect(first).toMatchObject({ kind: 'ok', etag: '"v1"', lastModified: 'Tue, 11 Mar 2025 08:00:00 GMT' });
    const second = await f.fetch(server.url('/feed.xml'), { etag: '"v1"', lastModified: 'Tue, 11 Mar 2025 08:00:00 GMT' });
    expect(second.kind).toBe('not-modified');
    const headers = server.requests[1]!.headers;
    expect(headers['user-agent']).toMatch(/^briefing-bot\/\S+ \(.*ops@example\.org\)$/);
    expect(headers['accept-encoding']).toMatch(/gzip.*br/);
    expect(headers['if-modified-since']).toBe('Tue, 11 Mar 2025 08:00:00 GMT');
  });

  it('waits for a Retry-After on 429/503 before asking that host again, by the injected clock', async () => {
    server.route('/busy.xml', fixed('slow down', { 'retry-after': '120' }, 503));
    server.route('/other.xml', fixed('<rss/>'));
    const f = fetcher();
    const first = await f.fetch(server.url('/busy.xml'));
    expect(first).toMatchObject({ kind: 'failed', status: 503, retryAfter: new Date('2025-03-12T12:02:00Z') });
    clock = new Date('2025-03-12T12:01:00Z');
    const early = await f.fetch(server.url('/other.xml'));
    expect(early.kind === 'failed' && early.message).toMatch(/Retry-After.*12:02:00/);
    expect(server.requests).toHaveLength(1);
    clock = new Date('2025-03-12T12:02:01Z');
    expect((await f.fetch(server.url('/other.xml'))).kind).toBe('ok');
    expect(server.requests.map((r) => [r.path, r.at.toISOString()])).toEqual([
      ['/busy.xml', '2025-03-12T12:00:00.000Z'],
      ['/other.xml', '2025-03-12T12:02:01.000Z'],
    ]);
  });

  it('has at most two requests in flight to one host', async () => {
    let active = 0;
    let most = 0;
    server.route('/slow.xml', (_req, res) => {
      active += 1;
      most = Math.max(most, active);
      setTimeout(() => {
        active -= 1;
        res.writeHead(200).end('<rss/>');
      }, 80);
    });
    const f = fetcher();
    const results = await Promise.all(Array.from({ length: 6 }, () => f.fetch(server.url('/slow.xml'))));
    expect(results.every((r) => r.kind === 'ok')).toBe(true);
    expect(most).toBe(2);
  });
});

describe('redirects, gone, caps', () => {
  it('reports a chain of permanent redirects as the new address, not a temporary one', async () => {
    server.route('/old.xml', fixed('', { location: '/older.xml' }, 301));
    server.route('/older.xml', fixed('', { location: '/feed.xml' }, 308));
    server.route('/feed.xml', fixed('<rss/>'));
    server.route('/temp.xml', fixed('', { location: '/feed.xml' }, 302));
    server.route('/mixed.xml', fixed('', { location: '/temp.xml' }, 301));
    expect(await fetcher().fetch(server.url('/old.xml'))).toMatchObject({ kind: 'ok', permanentUrl: server.url('/feed.xml') });
    expect(await fetcher().fetch(server.url('/temp.xml'))).toMatchObject({ kind: 'ok', permanentUrl: null, url: server.url('/feed.xml') });
    expect(await fetcher().fetch(server.url('/mixed.xml'))).toMatchObject({ kind: 'ok', permanentUrl: null });
  });

  it('names a redirect loop and stops after five redirects', async () => {
    server.route('/a', fixed('', { location: '/b' }, 302));
    server.route('/b', fixed('', { location: '/a' }, 302));
    const loop = await fetcher().fetch(server.url('/a'));
    expect(loop.kind === 'failed' && loop.message).toMatch(/redirect loop/);
    for (let i = 0; i < 7; i++) server.route(`/r${i}`, fixed('', { location: `/r${i + 1}` }, 307));
    const long = await fetcher().fetch(server.url('/r0'));
    expect(long.kind === 'failed' && long.message).toMatch(/more than 5 redirects/);
    expect(server.requestsTo('/r6')).toHaveLength(0);
  });

  it('reports 410 as gone', async () => {
    server.route('/gone.xml', fixed('', {}, 410));
    expect(await fetcher().fetch(server.url('/gone.xml'))).toEqual({ kind: 'gone', status: 410 });
  });

  it('stops a body past 10 MB, declared or decompressed (a gzip bomb), and a server that trickles past the deadline', async () => {
    const eleven = Buffer.alloc(11 * 1024 * 1024, 0x20);
    server.route('/big.xml', fixed(eleven, { 'content-type': 'application/rss+xml' }));
    server.route('/bomb.xml', fixed(zlib.gzipSync(eleven), { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }));
    const big = await fetcher().fetch(server.url('/big.xml'));
    expect(big.kind === 'failed' && big.message).toMatch(/larger than the 10 MB cap/);
    const bomb = await fetcher().fetch(server.url('/bomb.xml'));
    expect(bomb.kind === 'failed' && bomb.message).toMatch(/10 MB cap once decompressed/);

    server.route('/slow.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const slow = await fetcher({ timeoutMs: 400 }).fetch(server.url('/slow.xml'));
    expect(slow.kind === 'failed' && slow.message).toMatch(/no complete answer within/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('decoding', () => {
  it('decompresses gzip and brotli and takes the charset from the BOM, the header, then the XML declaration', async () => {
    const text = '<rss><channel><title>Café Økonomi — €5</title></channel></rss>';
    server.route('/gz', fixed(zlib.gzipSync(text), { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml; charset=utf-8' }));
    server.route('/br', fixed(zlib.brotliCompressSync(text), { 'content-encoding': 'br', 'content-type': 'application/rss+xml' }));
    server.route('/header', fixed(iconv.encode(text, 'windows-1252'), { 'content-type': 'text/xml; charset=windows-1252' }));
    server.route('/declared', fixed(iconv.encode(`<?xml version="1.0" encoding="windows-1252"?>${text}`, 'windows-1252'), { 'content-type': 'application/xml' }));
    server.route('/bom', fixed(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]), { 'content-type': 'text/xml; charset=iso-8859-1' }));
    for (const path of ['/gz', '/br', '/header', '/declared', '/bom']) {
      const r = await fetcher().fetch(server.url(path));
      expect(r.kind === 'ok' && r.text.includes('Café Økonomi — €5'), path).toBe(true);
    }
  });
});
