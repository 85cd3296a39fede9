// Serves /metrics for Prometheus: on 127.0.0.1 unless IT enables the LAN (`metrics.listen: lan`).
// Read-only, no other path, nothing personal in it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(options: {
  registry: Registry;
  listen: 'loopback' | 'lan';
  port: number;
}): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    options.registry.metrics().then(
      (body) => res.writeHead(200, { 'Content-Type': options.registry.contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  const host = options.listen === 'lan' ? '0.0.0.0' : '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.listen === 'lan' ? '127.0.0.1' : host}:${port}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
