// The browser host's transport: the same handler table as Electron's IPC, served over HTTP on
// 127.0.0.1 to the one page we opened. POST /api/invoke/<channel> runs a handler; POST /api/events
// streams events as newline-delimited JSON. Static GETs serve the built renderer.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kiosk } from '../compose';
import type { KioskResult } from '../contract';
import { toErrorView } from '../errors/kiosk-error';
import { RENDERER_SECURITY_HEADERS } from '../security/csp';
import { checkApiRequest, checkPageRequest, type LoopbackIdentity } from '../security/loopback-guard';
import { readRendererAsset } from './renderer-assets';

const MAX_BODY_BYTES = 4 * 1024 * 1024; // camera frames for the face check are the largest requests
const KEEPALIVE_MS = 15_000;

export interface LoopbackHost extends LoopbackIdentity {
  /** The URL to open: carries the secret in the fragment, which browsers never send to a server. */
  pageUrl: string;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: string | Buffer, type: string): void {
  response.writeHead(status, { 'Content-Type': type, ...RENDERER_SECURITY_HEADERS });
  response.end(body);
}

export async function startLoopbackHost(options: {
  kiosk: Kiosk;
  rendererDir: string;
  port?: number;
  secret?: string;
}): Promise<LoopbackHost> {
  const { kiosk } = options;
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const identity: LoopbackIdentity = { origin: '', secret };
  const streams = new Set<ServerResponse>();

  const handleApi = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    const verdict = checkApiRequest(request.headers, identity);
    if (!verdict.allowed) {
      kiosk.log.warn('loopback.refused', { path, reason: verdict.reason });
      send(response, verdict.status, 'refused', 'text/plain');
      return;
    }
    if (path === '/api/events') {
      response.writeHead(200, { 'Content-Type': 'application/x-ndjson', ...RENDERER_SECURITY_HEADERS });
      response.write('\n');
      streams.add(response);
      const unsubscribe = kiosk.events.subscribe((name, payload) => {
        response.write(`${JSON.stringify({ name, payload })}\n`);
      });
      const keepalive = setInterval(() => response.write('\n'), KEEPALIVE_MS);
      response.on('close', () => {
        clearInterval(keepalive);
        unsubscribe();
        streams.delete(response);
      });
      return;
    }
    const channel = decodeURIComponent(path.slice('/api/invoke/'.length));
    const body = await readBody(request);
    if (body === null) {
      send(response, 413, 'too large', 'text/plain');
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
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
