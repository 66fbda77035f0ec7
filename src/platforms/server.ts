/**
 * The one HTTP server of `briefing serve`: platform adapters mount their
 * request listeners on fixed paths (`POST /slack/events`,
 * `POST /discord/interactions`) and `GET /health` reports readiness.
 *
 * Every request body is read here, under a cap, before any handler sees it:
 * a library that buffers the whole body before checking its signature (Bolt
 * does) would otherwise hold whatever an unsigned client sends. Over the cap
 * the answer is 413 at once (from Content-Length when declared), nothing
 * more is kept, and the connection is closed a moment later, so memory
 * stays flat and `/health` keeps answering.
 *
 * Shutting down (SIGTERM) drains: `drain` answers new requests 503 and
 * waits for the work already accepted — a route handler's promise (the
 * Discord endpoint's whole interaction), or work a handler hands to `track`
 * (Slack commands, which Bolt runs after its ack) — so an acked command
 * still gets its answer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Slack's and Discord's payloads are a few kilobytes (Discord's own limit
 * for an interaction is far below this); a megabyte leaves room for the
 * largest block_actions state and still bounds what a request may cost.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** `body` is the whole request body, already read (empty for a request without one). */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void | Promise<void>;

export interface HttpServer {
  server: http.Server;
  /** Mount a handler for every method on an exact path. */
  route(path: string, handler: RouteHandler): void;
  listen(port: number, host?: string): Promise<number>;
  /** Count `work` as in flight until it settles: `drain` waits for it. */
  track<T>(work: Promise<T>): Promise<T>;
  /**
   * Refuse new requests (503, /health too) and wait for the work in flight,
   * at most `timeoutMs`; resolves with how many were still running then.
   */
  drain(timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  /** Largest request body accepted on any route (tests lower it). */
  maxBodyBytes?: number;
}

/**
 * How long a refused request's connection stays open after the answer: long
 * enough for a client still sending to read the 413 (closing a socket with
 * unread data resets it, and the client may lose the answer), short enough
 * that a flood holds nothing for long.
 */
const LINGER_MS = 1_000;

/** Answer without reading the rest of the body, then close the connection. */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, text: string): void {
  req.pause();
  const close = setTimeout(() => req.socket.destroy(), LINGER_MS);
  close.unref();
  req.socket.once('close', () => clearTimeout(close));
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(text);
}

/** The body, or null when it exceeded `max` (the request was answered with 413). */
function readCapped(req: http.IncomingMessage, res: http.ServerResponse, max: number): Promise<Buffer | null> {
  const tooLarge = `request body over ${max} bytes`;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    refuse(req, res, 413, tooLarge);
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        refuse(req, res, 413, tooLarge);
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(size > max ? null : Buffer.concat(chunks, size)));
    // A client that hangs up mid-body: nothing to answer.
    req.once('error', () => resolve(null));
    req.once('close', () => {
      if (!req.complete) resolve(null);
    });
  });
}

export function createHttpServer(
  health: () => { ready: boolean; [k: string]: unknown },
  options: HttpServerOptions = {},
): HttpServer {
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const routes = new Map<string, RouteHandler>();
  const inFlight = new Set<Promise<unknown>>();
  let draining = false;
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const done = () => inFlight.delete(work);
    work.then(done, done);
    return work;
  };
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (draining) {
      // A load balancer takes this instance out; Slack and Discord retry elsewhere or later.
      refuse(req, res, 503, 'shutting down');
      return;
    }
    if (path === '/health' && req.method === 'GET') {
      const body = health();
      res.writeHead(body.ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
      return;
    }
    const handler = routes.get(path);
    if (!handler) {
      refuse(req, res, 404, 'not found');
      return;
    }
    const body = await readCapped(req, res, maxBody);
    if (!body) return;
    void track(
      Promise.resolve()
        .then(() => handler(req, res, body))
        .catch(() => {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        }),
    );
  });
  return {
    server,
    route(path, handler) {
      routes.set(path, handler);
    },
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    track,
    async drain(timeoutMs) {
      draining = true;
      const deadline = Date.now() + timeoutMs;
      // Work may start more work (an answer's follow-up): wait until none is left.
      while (inFlight.size > 0 && Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadline - Date.now())));
        await Promise.race([Promise.allSettled([...inFlight]), timeout]);
        clearTimeout(timer);
      }
      return inFlight.size;
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
