// The browser host's transport: the same handler table as Electron's IPC, served over HTTP on
// 127.0.0.1 to the one page we opened. POST /api/invoke/<channel> runs a handler; POST /api/events
// streams events as newline-delimited JSON. Static GETs serve the built renderer.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../clock';
import type { Kiosk } from '../compose';
import type { KioskResult } from '../contract';
import { toErrorView } from '../errors/kiosk-error';
import { RENDERER_SECURITY_HEADERS } from '../security/csp';
import { checkApiRequest, checkPageRequest, type LoopbackIdentity } from '../security/loopback-guard';
import { answerEarly, readBody, send } from './http-exchange';
import { createRefusalLimiter, DEFAULT_REFUSAL_LIMITS, type RefusalLimits } from './refusal-limiter';
import { readRendererAsset } from './renderer-assets';

const MAX_BODY_BYTES = 4 * 1024 * 1024; // camera frames for the face check are the largest requests
const KEEPALIVE_MS = 15_000;
/** The page holds one event stream (two while it reconnects); older ones are ended. */
const MAX_EVENT_STREAMS = 4;
/** Events a stream's reader has not taken yet; past this the stream is ended (the page reconnects
 *  and fetches the view again), instead of buffering without bound. */
const MAX_STREAM_BACKLOG_BYTES = 1024 * 1024;

export interface LoopbackHost extends LoopbackIdentity {
  /** The URL to open: carries the secret in the fragment, which browsers never send to a server. */
  pageUrl: string;
  close(): Promise<void>;
}

export async function startLoopbackHost(options: {
  kiosk: Kiosk;
  rendererDir: string;
  port?: number;
  secret?: string;
  /** The process's one clock: windows of the refusal limits. */
  clock: Clock;
  refusalLimits?: RefusalLimits;
}): Promise<LoopbackHost> {
  const { kiosk } = options;
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const identity: LoopbackIdentity = { origin: '', secret };
  const streams = new Set<ServerResponse>();
  const refusals = createRefusalLimiter(
    options.clock,
    kiosk.log,
    options.refusalLimits ?? DEFAULT_REFUSAL_LIMITS,
  );

  const handleApi = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    const verdict = checkApiRequest(request.headers, identity);
    if (!verdict.allowed) {
      const answer = refusals.refused({ path: path.slice(0, 100), reason: verdict.reason });
      if (answer === 'throttle') answerEarly(request, response, 429, 'too many refused requests');
      else answerEarly(request, response, verdict.status, 'refused');
      return;
    }
    if (path === '/api/events') {
      response.writeHead(200, { 'Content-Type': 'application/x-ndjson', ...RENDERER_SECURITY_HEADERS });
      response.write('\n');
      streams.add(response);
      // Bounded: the oldest streams end first (a page that reconnects leaves its old one behind).
      for (const old of [...streams].slice(0, Math.max(0, streams.size - MAX_EVENT_STREAMS))) old.end();
      const write = (text: string) => {
        if (response.writableLength > MAX_STREAM_BACKLOG_BYTES) {
          kiosk.log.warn('loopback.event-stream-stalled', { backlogBytes: response.writableLength });
          response.destroy();
          return;
        }
        response.write(text);
      };
      const unsubscribe = kiosk.events.subscribe((name, payload) => {
        write(`${JSON.stringify({ name, payload })}\n`);
      });
      const keepalive = setInterval(() => write('\n'), KEEPALIVE_MS);
      response.on('close', () => {
        clearInterval(keepalive);
        unsubscribe();
        streams.delete(response);
      });
      return;
    }
    let channel: string;
    try {
      channel = decodeURIComponent(path.slice('/api/invoke/'.length));
    } catch {
      answerEarly(request, response, 400, 'bad channel name');
      return;
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === null) {
      answerEarly(request, response, 413, 'too large');
      return;
    }
    let result: KioskResult<unknown>;
    try {
      const payload: unknown = body.length ? JSON.parse(body.toString('utf8')) : {};
      result = await kiosk.dispatch(channel, payload);
    } catch {
      result = { ok: false, error: toErrorView('kiosk.bad-request') };
    }
    send(response, 200, JSON.stringify(result), 'application/json');
  };

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const work = async () => {
      if (request.method === 'POST' && (path === '/api/events' || path.startsWith('/api/invoke/'))) {
        await handleApi(request, response, path);
        return;
      }
      const page = checkPageRequest(request.headers, identity);
      if (!page.allowed) {
        send(response, page.status, 'refused', 'text/plain');
        return;
      }
      if (request.method !== 'GET' || path.startsWith('/api/')) {
        send(response, 405, 'method not allowed', 'text/plain');
        return;
      }
      const asset = await readRendererAsset(options.rendererDir, path);
      send(response, asset.status, asset.body, asset.contentType);
    };
    work().catch((error: unknown) => {
      kiosk.log.error('loopback.failed', { path, error: error instanceof Error ? error.name : 'unknown' });
      if (!response.headersSent) send(response, 500, 'error', 'text/plain');
      else response.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  identity.origin = `http://127.0.0.1:${port}`;
  kiosk.log.info('loopback.listening', { origin: identity.origin });

  return {
    origin: identity.origin,
    secret,
    pageUrl: `${identity.origin}/#k=${secret}`,
    close: () =>
      new Promise<void>((resolve) => {
        refusals.flush();
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
