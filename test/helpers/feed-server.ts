/** A local HTTP server on 127.0.0.1 (port 0) serving feeds and pages the tests write, recording every request. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** By the test's clock (the one the fetcher is given). */
  at: Date;
}

export interface FeedServer {
  origin: string;
  url(path: string): string;
  route(path: string, handler: Handler): void;
  requests: RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startFeedServer(clock: () => Date = () => new Date()): Promise<FeedServer> {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ path: req.url ?? '/', headers: req.headers, at: clock() });
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => routes.set(path, handler),
    requests,
    requestsTo: (path) => requests.filter((r) => r.path.split('?')[0] === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves `body` with an ETag and Last-Modified, answering 304 to a request that presents them. */
export function conditional(body: () => string, type = 'application/rss+xml; charset=utf-8'): Handler {
  return (req, res) => {
    const text = body();
    const etag = `"${Buffer.from(text).length.toString(16)}-${hashOf(text)}"`;
    const lastModified = 'Mon, 23 Dec 2024 10:00:00 GMT';
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'last-modified': lastModified }).end();
      return;
    }
    res.writeHead(200, { 'content-type': type, etag, 'last-modified': lastModified }).end(text);
  };
}

export function fixed(body: string | Buffer, headers: http.OutgoingHttpHeaders = { 'content-type': 'application/rss+xml; charset=utf-8' }, status = 200): Handler {
  return (_req, res) => {
    res.writeHead(status, headers).end(body);
  };
}

function hashOf(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}
