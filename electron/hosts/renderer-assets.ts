// Serves the built renderer's files to either host. Only files inside the renderer folder are
// served; anything else — traversal, absolute paths, folders — is a 404.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

export interface RendererAsset {
  status: 200 | 404;
  body: Buffer;
  contentType: string;
}

const NOT_FOUND: RendererAsset = { status: 404, body: Buffer.from('not found'), contentType: 'text/plain' };

export async function readRendererAsset(rendererDir: string, urlPath: string): Promise<RendererAsset> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return NOT_FOUND;
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rendererDir);
  const file = resolve(join(root, normalize(relative)));
  if (!file.startsWith(root + sep) || decoded.includes('\0')) return NOT_FOUND;
  try {
    if (!(await stat(file)).isFile()) return NOT_FOUND;
    const body = await readFile(file);
    return { status: 200, body, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
  } catch {
    return NOT_FOUND;
  }
}
