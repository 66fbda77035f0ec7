/**
 * A small stand-in for Slack on 127.0.0.1: the Web API (`/api/<method>`) the
 * real WebClient is pointed at, and response URLs (`/respond/<id>`) that
 * Bolt's respond() posts to. It records every call so tests can assert on
 * exactly what a user would have seen.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';

export interface ApiCall {
  method: string;
  /** Form fields with JSON-looking values (blocks, metadata) parsed. */
  args: Record<string, unknown>;
  /** The raw request body, for size assertions. */
  raw: string;
  /** What the fake answered. */
  response?: Record<string, unknown>;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  raw: string;
  /** When it arrived (ms since the epoch). */
  at: number;
  /** The HTTP status the fake answered. */
  status: number;
}

export interface HistoryMessage {
  ts: string;
  text?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface FakeSlack {
  apiUrl: string;
  responseUrl(id: string): string;
  calls: ApiCall[];
  responses: ResponseUrlPost[];
  /** Users for users.info: id → flags. */
  users: Map<string, { is_admin?: boolean; is_owner?: boolean }>;
  /** Messages conversations.history returns, per channel (newest first, as Slack does). */
  history: Map<string, HistoryMessage[]>;
  /** Answer the next `times` calls of `method` with 429 and this Retry-After. */
  rateLimit(method: string, times: number, retryAfterSeconds: number): void;
  /** Answer calls of `method` with `{ ok: false, error }` (null: answer normally again). */
  fail(method: string, error: string | null): void;
  /** Answer calls of `method` with this HTTP status (500), or never answer them ('stall'); null: normally again. */
  breakMethod(method: string, how: number | 'stall' | null): void;
  /**
   * Posts to `channel` are applied (they appear in its history, metadata and
   * all) and then never answered: Slack took the message, the answer was lost.
   */
  applyThenStallPostsTo(channel: string): void;
  /** Answer calls of `method` only after `ms` (a slow Slack); 0: at once again. */
  delayMethod(method: string, ms: number): void;
  /** Answer the next `times` posts to response URL `id` with `status` (and Retry-After seconds). */
  failResponses(id: string, status: number, times: number, retryAfterSeconds?: number): void;
  /** Every post to the response URL `id`, answered or refused. */
  attemptsAt(id: string): ResponseUrlPost[];
  /** Resolves with the n-th (1-based) call of `method` once it has arrived. */
  waitForCall(method: string, n?: number): Promise<ApiCall>;
  /** Resolves with the n-th post to the response URL `id` once it has arrived. */
  waitForResponse(id: string, n?: number): Promise<ResponseUrlPost>;
  callsOf(method: string): ApiCall[];
  responsesTo(id: string): ResponseUrlPost[];
  close(): Promise<void>;
}

function parseForm(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = v === 'true' ? true : v === 'false' ? false : /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const events = new EventEmitter();
  // Many tests (and the bench's load phase) wait on many answers at once.
  events.setMaxListeners(0);
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const users = new Map<string, { is_admin?: boolean; is_owner?: boolean }>();
  const history = new Map<string, HistoryMessage[]>();
  const stalledChannels = new Set<string>();
  const delays = new Map<string, number>();
  const limits = new Map<string, { times: number; retryAfter: number }>();
  const failures = new Map<string, string>();
  const broken = new Map<string, number | 'stall'>();
  const responseFailures = new Map<string, { status: number; times: number; retryAfter?: number }>();
  const attempts: ResponseUrlPost[] = [];
  let ts = 1_700_000_000;

  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const delay = path.startsWith('/api/') ? (delays.get(path.slice('/api/'.length)) ?? 0) : 0;
      if (delay > 0) {
        // Seen on arrival: the test can act while the answer is still to come.
        calls.push({ method: `${path.slice('/api/'.length)}#delayed`, args: {}, raw });
        events.emit('call');
        setTimeout(() => answer(path), delay);
        return;
      }
      answer(path);
    });
    const answer = (path: string) => {
      let call: ApiCall | undefined;
      const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
        if (call) {
          call.response = body;
          events.emit('call');
        }
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (path.startsWith('/respond/')) {
        const post = { id: path.slice('/respond/'.length), body: safeJson(raw) as Record<string, unknown>, raw, at: Date.now(), status: 200 };
        attempts.push(post);
        const failure = responseFailures.get(post.id);
        if (failure && failure.times > 0) {
          failure.times -= 1;
          post.status = failure.status;
          events.emit('attempt');
          return json(failure.status, { ok: false, error: 'failed' }, failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {});
        }
        events.emit('attempt');
        responses.push(post);
        events.emit('response');
        json(200, { ok: true });
        return;
      }
      if (!path.startsWith('/api/')) return json(404, { ok: false, error: 'unknown_path' });
      const method = path.slice('/api/'.length);
      const isJson = (req.headers['content-type'] ?? '').includes('json');
      const args = isJson ? (safeJson(raw) as Record<string, unknown>) : parseForm(raw);
      if (method === 'chat.postMessage' && stalledChannels.has(String(args.channel))) {
        // Stamped now, as Slack does: history is asked for messages since the digest began.
        const messages = history.get(String(args.channel)) ?? [];
        const metadata = args.metadata as HistoryMessage['metadata'] | undefined;
        const stamp = `${(Date.now() / 1000).toFixed(0)}.${String(messages.length).padStart(6, '0')}`;
        history.set(String(args.channel), [{ ts: stamp, text: String(args.text ?? ''), metadata }, ...messages]);
        calls.push({ method: `${method}#applied-stalled`, args, raw });
        events.emit('call');
        return;
      }
      const breakage = broken.get(method);
      if (breakage === 'stall') {
        calls.push({ method: `${method}#stalled`, args, raw });
        return;
      }
      if (breakage !== undefined) {
        calls.push({ method: `${method}#${breakage}`, args, raw });
        return json(breakage, { ok: false, error: 'internal_error' });
      }
      const limit = limits.get(method);
      if (limit && limit.times > 0) {
        limit.times -= 1;
        // Recorded too: the test can see the first attempt was refused.
        calls.push({ method: `${method}#429`, args, raw });
        return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit.retryAfter) });
      }
      call = { method, args, raw };
      calls.push(call);
      const failure = failures.get(method);
      if (failure) return json(200, { ok: false, error: failure });
      switch (method) {
        case 'auth.test':
          return json(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0TEST', user: 'briefing' });
        case 'chat.postMessage':
          ts += 1;
          return json(200, { ok: true, channel: args.channel, ts: `${ts}.000100`, message: { text: args.text } });
        case 'users.info': {
          const user = users.get(String(args.user));
          if (!user) return json(200, { ok: false, error: 'user_not_found' });
          return json(200, { ok: true, user: { id: args.user, ...user } });
        }
        case 'conversations.history': {
          const oldest = Number(args.oldest ?? 0);
          const messages = (history.get(String(args.channel)) ?? []).filter((m) => Number(m.ts) >= oldest);
          // Slack only includes metadata when asked to.
          const shown = messages.map((m) => (args.include_all_metadata === 'true' || args.include_all_metadata === true ? m : { ...m, metadata: undefined }));
          return json(200, { ok: true, messages: shown, has_more: false });
        }
        default:
          return json(200, { ok: true });
      }
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const waitUntil = <T>(event: string, find: () => T | undefined): Promise<T> =>
    new Promise((resolve) => {
      const check = () => {
        const found = find();
        if (found !== undefined) {
          events.off(event, check);
          resolve(found);
        }
      };
      events.on(event, check);
      check();
    });

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/respond/${id}`,
    calls,
    responses,
    users,
    history,
    delayMethod(method, ms) {
      delays.set(method, ms);
    },
    applyThenStallPostsTo(channel) {
      stalledChannels.add(channel);
    },
    rateLimit(method, times, retryAfterSeconds) {
      limits.set(method, { times, retryAfter: retryAfterSeconds });
    },
    fail(method, error) {
      if (error === null) failures.delete(method);
      else failures.set(method, error);
    },
    breakMethod(method, how) {
      if (how === null) broken.delete(method);
      else broken.set(method, how);
    },
    failResponses(id, status, times, retryAfterSeconds) {
      responseFailures.set(id, { status, times, retryAfter: retryAfterSeconds });
    },
    attemptsAt: (id) => attempts.filter((a) => a.id === id),
    waitForCall: (method, n = 1) => waitUntil('call', () => calls.filter((c) => c.method === method)[n - 1]),
    waitForResponse: (id, n = 1) => waitUntil('response', () => responses.filter((r) => r.id === id)[n - 1]),
    callsOf: (method) => calls.filter((c) => c.method === method),
    responsesTo: (id) => responses.filter((r) => r.id === id),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
