/**
 * A small stand-in for Discord's REST API on 127.0.0.1: records every request
 * (method, path, JSON body) and answers the routes the adapter uses the way
 * Discord does, including `enforce_nonce` deduplication. Tests can make a
 * route answer differently (a 429, a 403) for the next N requests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';

export interface Recorded {
  method: string;
  /** Path after /api/v10, decoded: "/channels/42/messages". */
  path: string;
  query: URLSearchParams;
  body: any;
  headers: http.IncomingHttpHeaders;
  /** When it arrived (ms since the epoch). */
  at: number;
}

interface Override {
  match: (r: Recorded) => boolean;
  remaining: number;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  timestamp: string;
  nonce?: string;
  embeds: any[];
  content: string;
}

export interface FakeDiscord {
  /** REST base for `new REST({ api })`: "http://127.0.0.1:PORT/api". */
  api: string;
  requests: Recorded[];
  messages: Map<string, StoredMessage[]>;
  /** Answer the next `times` matching requests with this status (and Retry-After for 429). */
  failNext(match: (r: Recorded) => boolean, status: number, opts?: { times?: number; retryAfter?: number; body?: unknown; headers?: Record<string, string> }): void;
  /** Resolves with the first recorded request (past or future) matching `match`. */
  waitFor(match: (r: Recorded) => boolean): Promise<Recorded>;
  /** Whether GET messages returns nonces (Discord drops them after a few minutes). */
  returnNonces: boolean;
  close(): Promise<void>;
}

let snowflake = 1_300_000_000_000_000_000n;
const nextId = () => String(++snowflake);

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const requests: Recorded[] = [];
  const overrides: Override[] = [];
  const messages = new Map<string, StoredMessage[]>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const fake = { returnNonces: false } as FakeDiscord;

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rec: Recorded = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname.replace(/^\/api\/v10/, '')),
      query: url.searchParams,
      body: raw ? safeJson(raw) : null,
      headers: req.headers,
      at: Date.now(),
    };
    requests.push(rec);
    events.emit('request', rec);

    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      if (body === undefined) {
        res.writeHead(status, headers).end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const override = overrides.find((o) => o.remaining > 0 && o.match(rec));
    if (override) {
      override.remaining -= 1;
      send(override.status, override.body ?? {}, override.headers);
      return;
    }
    const m = (re: RegExp) => re.exec(rec.path);
    let hit: RegExpExecArray | null;
    if (rec.method === 'POST' && (hit = m(/^\/channels\/(\d+)\/messages$/))) {
      const channel = hit[1]!;
      const list = messages.get(channel) ?? [];
      messages.set(channel, list);
      if (rec.body.enforce_nonce && rec.body.nonce !== undefined) {
        const existing = list.find((x) => x.nonce === rec.body.nonce);
        if (existing) return send(200, existing);
      }
      const msg: StoredMessage = {
        id: nextId(),
        channel_id: channel,
        timestamp: new Date().toISOString(),
        nonce: rec.body.nonce,
        embeds: rec.body.embeds ?? [],
        content: rec.body.content ?? '',
      };
      list.push(msg);
      return send(200, msg);
    }
    if (rec.method === 'GET' && (hit = m(/^\/channels\/(\d+)\/messages$/))) {
      // As Discord: newest first, at most 100, `before` an id to page back from.
      const limit = Math.min(100, Number(rec.query.get('limit') ?? 50));
      const before = rec.query.get('before');
      const list = [...(messages.get(hit[1]!) ?? [])]
        .filter((x) => before === null || BigInt(x.id) < BigInt(before))
        .reverse()
        .slice(0, limit);
      return send(200, list.map(({ nonce, ...rest }) => (fake.returnNonces ? { ...rest, nonce } : rest)));
    }
    if (rec.method === 'PATCH' && m(/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/)) {
      return send(200, { id: nextId(), ...rec.body });
    }
    if (rec.method === 'DELETE' && m(/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/)) return send(204);
    if (rec.method === 'POST' && m(/^\/webhooks\/\d+\/[^/]+$/)) {
      return send(200, { id: nextId(), channel_id: '1', timestamp: new Date().toISOString(), ...rec.body });
    }
    if (rec.method === 'POST' && m(/^\/interactions\/\d+\/[^/]+\/callback$/)) return send(204);
    if (rec.method === 'PUT' && m(/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/)) {
      // Discord answers with the stored commands; ids are stable per name, as with a real overwrite.
      return send(200, (rec.body as any[]).map((c) => ({ id: `cmd-${c.name}`, version: '1', ...c })));
    }
    send(404, { message: 'Unknown route in fake Discord', code: 0 });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return Object.assign(fake, {
    api: `http://127.0.0.1:${port}/api`,
    requests,
    messages,
    failNext(match: (r: Recorded) => boolean, status: number, opts: { times?: number; retryAfter?: number; body?: unknown; headers?: Record<string, string> } = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.retryAfter !== undefined) {
        headers['retry-after'] = String(opts.retryAfter);
        headers['x-ratelimit-scope'] = 'user';
      }
      const body = opts.body ?? (status === 429 ? { message: 'You are being rate limited.', retry_after: opts.retryAfter ?? 0, global: false } : { message: 'Missing Access', code: 50001 });
      overrides.push({ match, remaining: opts.times ?? 1, status, headers, body });
    },
    waitFor(match: (r: Recorded) => boolean) {
      const seen = requests.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<Recorded>((resolve) => {
        const listener = (r: Recorded) => {
          if (match(r)) {
            events.off('request', listener);
            resolve(r);
          }
        };
        events.on('request', listener);
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  });
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
