// What both hosts (the kiosk's loopback host, the staff console) do with a request and an answer:
// read a body up to a limit, and answer with the renderer's security headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RENDERER_SECURITY_HEADERS } from '../security/csp';

/** A body over the limit is read and dropped up to this much, so the client gets its 413. */
export const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/** The body, or null when it is over `maxBytes` (the rest is then drained, not kept). */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
      resolve(null);
      return;
    }
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) request.destroy();
      else if (size > maxBytes) {
        chunks.length = 0;
        resolve(null);
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': type, ...RENDERER_SECURITY_HEADERS, ...headers });
  response.end(body);
}

/** Answers before the body is read: the rest of it is drained (bounded) so the client sees the answer. */
export function answerEarly(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  text: string,
): void {
  send(response, status, text, 'text/plain', { Connection: 'close' });
  let drained = 0;
  request.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAIN_BYTES) request.destroy();
  });
  request.resume();
}
