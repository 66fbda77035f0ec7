/**
 * Stand-ins for the Slack Web API and Discord REST API on 127.0.0.1, enough
 * for the digest posters: they record every posted message (the JSON a user's
 * client would render) and answer history reads from what was posted, the
 * way the real platforms do, so crash recovery can find an earlier post.
 * They can fail a post before applying it, apply it and then lose the
 * answer (an error status, or the connection reset), or never answer.
 * Tests point the real @slack/web-api and @discordjs/rest clients at them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PostedMessage {
  channel: string;
  /** The request body as the platform received it (JSON fields parsed). */
  body: Record<string, unknown>;
  id: string;
}

export interface FakePlatform {
  url: string;
  /** Every message posted, in order, across channels. */
  posts: PostedMessage[];
  /** Fail the next `times` posts with this HTTP status (not applied). */
  failPosts(status: number, times: number): void;
  /** Apply the next `times` posts, then answer `status` or reset the connection instead of the real answer. */
  loseAnswers(how: number | 'reset', times: number): void;
  /** Never answer the next `times` posts (not applied). */
  hangPosts(times: number): void;
  /** Requests to the post endpoint that arrived, answered or not. */
  postAttempts(): number;
  close(): Promise<void>;
}

/** What the next post gets: fails before applying, applied with the answer lost, or never answered. */
class PostFaults {
  private queue: Array<{ kind: 'fail' | 'lose' | 'hang'; how: number | 'reset' }> = [];
  attempts = 0;
  add(kind: 'fail' | 'lose' | 'hang', how: number | 'reset', times: number): void {
    for (let i = 0; i < times; i++) this.queue.push({ kind, how });
  }
  next() {
    this.attempts++;
    return this.queue.shift();
  }
}

/** Answer a post whose fault says the answer is lost: an error status, or a reset connection. */
function loseAnswer(res: http.ServerResponse, how: number | 'reset', body: unknown): void {
  if (how === 'reset') {
    res.socket?.destroy();
    return;
  }
  res.writeHead(how, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => resolve(raw));
    req.on('error', reject);
  });
}

function parseMaybeJson(v: string): unknown {
  if (!/^[[{]/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function faultControls(faults: PostFaults): Pick<FakePlatform, 'failPosts' | 'loseAnswers' | 'hangPosts' | 'postAttempts'> {
  return {
    failPosts: (status, times) => faults.add('fail', status, times),
    loseAnswers: (how, times) => faults.add('lose', how, times),
    hangPosts: (times) => faults.add('hang', 0, times),
    postAttempts: () => faults.attempts,
  };
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closer(server: http.Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** Slack: chat.postMessage, conversations.history (with metadata), auth.test. */
export async function startFakeSlack(): Promise<FakePlatform> {
  const posts: PostedMessage[] = [];
  const faults = new PostFaults();
  let ts = Math.floor(Date.now() / 1000);
  const server = http.createServer(async (req, res) => {
    const raw = await readBody(req);
    const [path, query = ''] = (req.url ?? '').split('?');
    const method = path!.replace(/^\/api\//, '');
    const isJson = (req.headers['content-type'] ?? '').includes('json');
    const args: Record<string, unknown> = isJson
      ? (JSON.parse(raw || '{}') as Record<string, unknown>)
      : Object.fromEntries([...new URLSearchParams(raw || query)].map(([k, v]) => [k, parseMaybeJson(v)]));
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    switch (method) {
      case 'auth.test':
        return json(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'briefing' });
      case 'chat.postMessage': {
        const fault = faults.next();
        if (fault?.kind === 'hang') return;
        if (fault?.kind === 'fail') return json(fault.how as number, { ok: false, error: 'fake_failure' });
        ts += 1;
        const id = `${ts}.000100`;
        posts.push({ channel: String(args.channel), body: args, id });
        if (fault?.kind === 'lose') return loseAnswer(res, fault.how, { ok: false, error: 'fake_failure' });
        return json(200, { ok: true, channel: args.channel, ts: id });
      }
      case 'conversations.history': {
        const oldest = Number(args.oldest ?? 0);
        const messages = posts
          .filter((p) => p.channel === String(args.channel) && Number(p.id) >= oldest)
          .reverse()
          .map((p) => ({ type: 'message', ts: p.id, text: p.body.text, metadata: p.body.metadata }));
        return json(200, { ok: true, messages, has_more: false, response_metadata: { next_cursor: '' } });
      }
      default:
        return json(200, { ok: false, error: 'unknown_method' });
    }
  });
  const url = await listen(server);
  return {
    url: `${url}/api/`,
    posts,
    ...faultControls(faults),
    close: closer(server),
  };
}

/** Discord: POST/GET /api/v10/channels/:id/messages, with nonce + enforce_nonce. */
export async function startFakeDiscord(): Promise<FakePlatform> {
  const posts: PostedMessage[] = [];
  const faults = new PostFaults();
  let snowflake = 1_300_000_000_000_000_000n;
  const server = http.createServer(async (req, res) => {
    const raw = await readBody(req);
    const m = /^\/api\/v10\/channels\/([^/]+)\/messages/.exec(req.url ?? '');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!m) return json(404, { message: 'Unknown route', code: 0 });
    const channel = m[1]!;
    const toMessage = (p: PostedMessage) => ({
      id: p.id,
      channel_id: p.channel,
      nonce: p.body.nonce,
      embeds: p.body.embeds,
      content: p.body.content ?? '',
      timestamp: new Date().toISOString(),
    });
    if (req.method === 'GET') {
      // As Discord: newest first, at most 100, `before` an id to page back from.
      const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
      const before = query.get('before');
      const page = posts
        .filter((p) => p.channel === channel && (before === null || BigInt(p.id) < BigInt(before)))
        .reverse()
        .slice(0, Math.min(100, Number(query.get('limit') ?? 50)));
      return json(200, page.map(toMessage));
    }
    const body = JSON.parse(raw) as Record<string, unknown>;
    const fault = faults.next();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'fail') return json(fault.how as number, { message: 'fake failure', code: 0 });
    // enforce_nonce: the same nonce returns the message already created.
    const same = body.enforce_nonce ? posts.find((p) => p.channel === channel && p.body.nonce === body.nonce) : undefined;
    if (same) return json(200, toMessage(same));
    snowflake += 1n;
    const post = { channel, body, id: String(snowflake) };
    posts.push(post);
    if (fault?.kind === 'lose') return loseAnswer(res, fault.how, { message: 'fake failure', code: 0 });
    return json(200, toMessage(post));
  });
  const url = await listen(server);
  return {
    url: `${url}/api`,
    posts,
    ...faultControls(faults),
    close: closer(server),
  };
}
