/**
 * `POST /slack/events`: what a request passes before Bolt's HTTPReceiver
 * sees it. The shared server has read the body under its cap; Bolt takes a
 * request that carries `rawBody` as already read (it would otherwise buffer
 * any size before checking the signature). Bolt refuses old timestamps but
 * not ones in the future, and compares the content type exactly, so
 * `application/x-www-form-urlencoded; charset=utf-8` was parsed as JSON and
 * refused: both are settled here, before Bolt verifies the signature.
 */
import type { IncomingMessage, RequestListener } from 'node:http';
import type { BufferedIncomingMessage } from '@slack/bolt';
import { logger } from '../../core/log.js';
import { isFreshTimestamp } from '../request-age.js';
import type { RouteHandler } from '../server.js';

export interface SlackEventsRouteOptions {
  /** Bolt's HTTPReceiver.requestListener. */
  listener: RequestListener;
  now: () => Date;
  /** True once the adapter is stopping: new requests get 503. */
  stopped: () => boolean;
}

/** The media type alone, for Bolt's exact comparison; null for a charset other than UTF-8 (Slack sends only UTF-8). */
function mediaType(contentType: string | undefined): string | null | undefined {
  if (contentType === undefined) return undefined;
  const [type, ...params] = contentType.split(';').map((p) => p.trim());
  for (const param of params) {
    const [name, value] = param.split('=').map((p) => p.trim().toLowerCase());
    if (name === 'charset' && value?.replace(/"/g, '') !== 'utf-8') return null;
  }
  return type!.toLowerCase();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function createSlackEventsRoute(opts: SlackEventsRouteOptions): RouteHandler {
  return (req, res, body) => {
    if (opts.stopped()) {
      res.writeHead(503).end();
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('POST only: this is the Slack events endpoint.');
      return;
    }
    const timestamp = header(req, 'x-slack-request-timestamp');
    if (timestamp !== undefined && !isFreshTimestamp(Number(timestamp), opts.now())) {
      logger.warn({ timestamp }, 'slack request refused: timestamp more than 5 minutes from now');
      res.writeHead(401).end();
      return;
    }
    const type = mediaType(header(req, 'content-type'));
    if (type === null) {
      res.writeHead(415, { 'content-type': 'text/plain' }).end('Slack requests are UTF-8.');
      return;
    }
    if (type !== undefined) req.headers['content-type'] = type;
    const buffered = Object.assign(req, { rawBody: body }) satisfies BufferedIncomingMessage;
    opts.listener(buffered, res);
  };
}
