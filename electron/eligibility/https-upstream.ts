// HTTPS + JSON with mutual TLS. Every request carries its request id as the idempotency key, so
// a retry (or a resend from the outbox after a crash) is processed by the service at most once.
// Transient failures are retried with exponential backoff and full jitter; answers are checked
// against the contract before anyone sees them.
import { readFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import type { z } from 'zod';
import type { EligibilityConfig } from './config';
import { UpstreamError, type EligibilityUpstream, type ServiceReach } from './upstream';
import { errorAnswerSchema, IDEMPOTENCY_HEADER, operations, type OperationName } from './wire';

export interface HttpsUpstreamOptions {
  endpoint: string;
  tls: { ca: string | Buffer; cert: string | Buffer; key: string | Buffer };
  timeouts: { connectMs: number; requestMs: number };
  retries: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  /** Sockets kept per host; at least the batch concurrency. */
  maxSockets?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

/** Reads the TLS files named in the config. */
export function readTlsFiles(files: {
  caFile: string;
  certFile: string;
  keyFile: string;
}): HttpsUpstreamOptions['tls'] {
  return {
    ca: readFileSync(files.caFile),
    cert: readFileSync(files.certFile),
    key: readFileSync(files.keyFile),
  };
}

const TLS_ERROR = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/;

class Attempt {
  constructor(
    readonly retryable: boolean,
    readonly error: UpstreamError,
  ) {}
}

/** Delay before retry number `retry` (1-based): uniform in [0, min(max, base·2^(retry−1))]. */
export function backoffDelay(
  retry: number,
  retries: HttpsUpstreamOptions['retries'],
  random: () => number,
): number {
  const ceiling = Math.min(retries.maxDelayMs, retries.baseDelayMs * 2 ** (retry - 1));
  return Math.round(random() * ceiling);
}

export function createHttpsUpstream(options: HttpsUpstreamOptions): EligibilityUpstream {
  const base = new URL(options.endpoint);
  const agent = new Agent({
    ca: options.tls.ca,
    cert: options.tls.cert,
    key: options.tls.key,
    keepAlive: true,
    maxSockets: options.maxSockets ?? 16,
  });
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  function once(path: string, body: unknown, requestId: string, schema: z.ZodType): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body), 'utf8');
      let settled = false;
      const fail = (retryable: boolean, error: UpstreamError) => {
        if (settled) return;
        settled = true;
        clearTimeout(overall);
        reject(new Attempt(retryable, error));
      };
      const req = httpsRequest(
        {
          protocol: 'https:',
          hostname: base.hostname,
          port: base.port || 443,
          path: base.pathname.replace(/\/$/, '') + path,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': payload.length,
            accept: 'application/json',
            [IDEMPOTENCY_HEADER]: requestId,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_ANSWER_BYTES) {
              req.destroy();
              fail(false, new UpstreamError('bad-answer', `answer larger than ${MAX_ANSWER_BYTES} bytes`));
            } else chunks.push(chunk);
          });
          res.on('error', (error) =>
            fail(true, new UpstreamError('unavailable', `answer interrupted: ${error.message}`)),
          );
          res.on('end', () => {
            if (settled) return;
            const status = res.statusCode ?? 0;
            if (!res.complete)
              return fail(true, new UpstreamError('unavailable', `answer cut short (HTTP ${status})`));
            if (status >= 500 || status === 408 || status === 429) {
              return fail(true, new UpstreamError('unavailable', `HTTP ${status}`));
            }
            let json: unknown;
            try {
              json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              return fail(false, new UpstreamError('bad-answer', `HTTP ${status} body is not JSON`));
            }
            if (status >= 400) {
              const parsed = errorAnswerSchema.safeParse(json);
              if (!parsed.success)
                return fail(
                  false,
                  new UpstreamError('bad-answer', `HTTP ${status} without a contract error`),
                );
              return fail(
                false,
                new UpstreamError(
                  'refused',
                  `HTTP ${status} ${parsed.data.error.code}`,
                  parsed.data.error.code,
                ),
              );
            }
            if (status !== 200)
              return fail(false, new UpstreamError('bad-answer', `unexpected HTTP ${status}`));
            const parsed = schema.safeParse(json);
            if (!parsed.success) {
              const where = parsed.error.issues[0]?.path.join('.') ?? '';
              return fail(
                false,
                new UpstreamError('bad-answer', `answer does not match the contract at '${where}'`),
              );
            }
            settled = true;
            clearTimeout(overall);
            resolve(parsed.data);
          });
        },
      );
      const overall = setTimeout(() => {
        req.destroy();
        fail(true, new UpstreamError('unavailable', `no answer within ${options.timeouts.requestMs} ms`));
      }, options.timeouts.requestMs);
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        const connectTimer = setTimeout(() => {
          req.destroy();
          fail(
            true,
            new UpstreamError('unavailable', `no connection within ${options.timeouts.connectMs} ms`),
          );
        }, options.timeouts.connectMs);
        socket.once('secureConnect', () => clearTimeout(connectTimer));
        socket.once('close', () => clearTimeout(connectTimer));
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        const code = error.code ?? '';
        if (TLS_ERROR.test(code) || /alert|certificate/i.test(error.message)) {
          return fail(false, new UpstreamError('tls', `${code || 'TLS'}: ${error.message.slice(0, 120)}`));
        }
        fail(true, new UpstreamError('unavailable', `${code || 'network'}: ${error.message.slice(0, 120)}`));
      });
      req.end(payload);
    });
  }

  async function call<N extends OperationName>(
    name: N,
    body: unknown,
    requestId: string,
    pathParams: Record<string, string> = {},
  ): Promise<z.infer<(typeof operations)[N]['response']>> {
    const operation = operations[name];
    const path = operation.path.replace(/\{(\w+)\}/g, (_, key: string) =>
      encodeURIComponent(pathParams[key] ?? ''),
    );
    let last: UpstreamError | undefined;
    for (let attempt = 1; attempt <= options.retries.maxAttempts; attempt++) {
      if (attempt > 1) await sleep(backoffDelay(attempt - 1, options.retries, random));
      try {
        return (await once(path, body, requestId, operation.response)) as z.infer<
          (typeof operations)[N]['response']
        >;
      } catch (error) {
        if (!(error instanceof Attempt)) throw error;
        if (!error.retryable) throw error.error;
        last = error.error;
      }
    }
    throw new UpstreamError(
      'unavailable',
      `${last?.detail ?? 'no answer'} after ${options.retries.maxAttempts} attempts`,
    );
  }

  /** A GET of the service's base path over the same agent: any answer but 401/403 means it is there. */
  function reachable(): Promise<ServiceReach> {
    return new Promise((resolve) => {
      const req = httpsRequest(
        {
          protocol: 'https:',
          hostname: base.hostname,
          port: base.port || 443,
          path: base.pathname,
          method: 'GET',
          agent,
          timeout: options.timeouts.connectMs,
        },
        (res) => {
          res.resume();
          resolve(res.statusCode === 401 || res.statusCode === 403 ? 'refused' : 'reachable');
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error: NodeJS.ErrnoException) =>
        resolve(TLS_ERROR.test(error.code ?? '') ? 'refused' : 'unavailable'),
      );
      req.end();
    });
  }

  return {
    reachable,
    createChallenge: (requestId) => call('createChallenge', {}, requestId),
    confirmByCard: (request, requestId) => call('confirmByCard', request, requestId),
    lookupByInsuranceCard: (request, requestId) => call('lookupByInsuranceCard', request, requestId),
    medication: (confirmationId, requestId) => call('medication', {}, requestId, { confirmationId }),
    healthCheck: (confirmationId, requestId) => call('healthCheck', {}, requestId, { confirmationId }),
    disasterMedication: (request, requestId) => call('disasterMedication', request, requestId),
    close: () => agent.destroy(),
  };
}

/** The upstream the config describes: endpoint, TLS files, timeouts, retries, batch sockets. */
export function createEligibilityUpstream(
  config: EligibilityConfig,
  endpoint: string = config.endpoint,
): EligibilityUpstream {
  return createHttpsUpstream({
    endpoint,
    tls: readTlsFiles(config.tls),
    timeouts: config.timeouts,
    retries: config.retries,
    maxSockets: config.batchConcurrency,
  });
}
