// The eligibility service simulator: HTTPS with mutual TLS on loopback, the contract of
// docs/eligibility-api.md, a fixture database of insured persons linked to the virtual cards'
// certificates, real certificate / CRL / signature checks, disaster mode and fault injection.
// Requests are processed once per idempotency key; a repeated key gets the stored answer.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { z } from 'zod';
import {
  IDEMPOTENCY_HEADER,
  operations,
  type ErrorAnswer,
  type OperationName,
  type QualificationAnswer,
  type WireErrorCode,
} from '../../electron/eligibility/wire';
import type { Clock } from '../../electron/clock';
import { createFaults, type FaultPlan, type Faults } from './faults';
import {
  DEFAULT_PKI_DIR,
  loadCardCertificates,
  loadFixture,
  type Fixture,
  type FixturePerson,
} from './fixture';
import { createChallengeBook, createJpkiVerifier, verifyPinSignature } from './jpki';

const TLS_DIR = new URL('../fixtures/eligibility/tls/', import.meta.url);
const read = (url: URL) => readFileSync(url, 'utf8');

export interface SimulatorTls {
  caPem: string;
  certPem: string;
  keyPem: string;
}

export function defaultSimulatorTls(): SimulatorTls {
  return {
    caPem: read(new URL('test-ca.pem', TLS_DIR)),
    certPem: read(new URL('test-server.pem', TLS_DIR)),
    keyPem: read(new URL('test-server.key.pem', TLS_DIR)),
  };
}

export interface SimulatorOptions {
  host?: string;
  port?: number;
  tls?: SimulatorTls;
  /** Trusted JPKI roots and their CRLs; default: the simulated world's PKI. */
  jpki?: { rootCaPems: string[]; crlPems: string[] };
  fixture?: Fixture;
  /** Fixture person id → the card certificate linked to that person; default: the PKI's. */
  linkedCertificates?: Map<string, string>;
  faults?: FaultPlan;
  disaster?: boolean;
  /** The simulated world's clock, the same one the kiosk under test reads. */
  clock: Clock;
  challengeLifetimeMs?: number;
  /** How long a consent allows viewing (MYCLINIC fixture: consent time + 24 h). */
  consentLifetimeMs?: number;
  /** Keep every request and answer for contract tests. */
  recordExchanges?: boolean;
}

export interface Exchange {
  operation: OperationName | 'unknown';
  path: string;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
}

export interface KeyStats {
  operation: OperationName;
  /** How many times a request with this key arrived. */
  received: number;
  /** How many times it was processed: never more than once. */
  processed: number;
}

export interface EligibilitySimulator {
  url: string;
  port: number;
  /** The CA the client must trust for this server. */
  caPem: string;
  faults: Faults;
  setDisaster(on: boolean): void;
  /** Off: every connection is cut as it opens, as if the network to the service were down. */
  setReachable(on: boolean): void;
  stats(): { requests: number; processed: number; byKey: ReadonlyMap<string, KeyStats> };
  exchanges: Exchange[];
  /** The verification method (face, pin, smartphone, staff-visual) of each card confirmation processed, in order. */
  confirmationMethods(): string[];
  /** Resolves once a request with this idempotency key has been processed. */
  whenProcessed(key: string): Promise<void>;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
}

const refuse = (status: number, code: WireErrorCode, message: string): Answer => ({
  status,
  body: { error: { code, message } } satisfies ErrorAnswer,
});

const ROUTES: Array<{ operation: OperationName; pattern: RegExp }> = (
  Object.keys(operations) as OperationName[]
).map((operation) => ({
  operation,
  pattern: new RegExp(`^${operations[operation].path.replace(/\{\w+\}/g, '([A-Za-z0-9_-]{1,100})')}$`),
}));

export async function startEligibilitySimulator(options: SimulatorOptions): Promise<EligibilitySimulator> {
  const tls = options.tls ?? defaultSimulatorTls();
  const fixture = options.fixture ?? loadFixture();
  const linked = options.linkedCertificates ?? loadCardCertificates(fixture, DEFAULT_PKI_DIR);
  const jpki = await createJpkiVerifier(
    options.jpki ?? {
      rootCaPems: [read(new URL('jpki-root-ca.pem', DEFAULT_PKI_DIR))],
      crlPems: [read(new URL('jpki-crl.pem', DEFAULT_PKI_DIR))],
    },
  );
  const now = () => options.clock.date();
  const faults = createFaults(options.faults);
  const challenges = createChallengeBook({ lifetimeMs: options.challengeLifetimeMs ?? 5 * 60_000 });
  const consentLifetimeMs = options.consentLifetimeMs ?? 24 * 3_600_000;
  let disaster = options.disaster ?? false;

  const personsById = new Map(fixture.persons.map((person) => [person.id, person]));
  const personByCertificate = new Map<string, FixturePerson>();
  for (const [personId, pem] of linked) {
    const person = personsById.get(personId);
    if (person) personByCertificate.set(jpki.keyOf(pem), person);
  }
  const methods: string[] = [];
  const confirmations = new Map<
    string,
    { person: FixturePerson | undefined; consent: QualificationAnswer['consent']; validUntil: number }
  >();
  const answered = new Map<string, { operation: OperationName; bodyHash: string; answer: Answer }>();
  const byKey = new Map<string, KeyStats>();
  const usedChallenges = new Set<string>();
  const waiters = new Map<string, Array<() => void>>();
  const exchanges: Exchange[] = [];
  let requests = 0;
  let processedCount = 0;

  function qualification(
    requestId: string,
    person: FixturePerson | undefined,
    extra: Partial<QualificationAnswer> = {},
  ): QualificationAnswer {
    return {
      requestId,
      processedAt: now().toISOString(),
      status: person?.status ?? 'not-found',
      records: person?.records ?? [],
      notes: [],
      ...extra,
    };
  }

  /** 'wrong-person' fault: the records of someone with another birth date. */
  function someoneElse(person: FixturePerson | undefined): FixturePerson | undefined {
    return fixture.persons.find((other) => other.records.length > 0 && other.birthDate !== person?.birthDate);
  }

  function process(
    operation: OperationName,
    body: unknown,
    requestId: string,
    pathParam: string | undefined,
    wrongPerson: boolean,
  ): Answer {
    const at = now();
    switch (operation) {
      case 'createChallenge':
        return { status: 200, body: challenges.issue(at) };
      case 'confirmByCard': {
        const request = operations.confirmByCard.request.parse(body);
        const verdict = jpki.check(request.authCertificate, at);
        if (!verdict.ok) return refuse(403, verdict.code, verdict.reason);
        // The PIN path and the smartphone (the phone verified its holder) both prove it with a signature.
        if (request.method === 'pin' || request.method === 'smartphone') {
          if (!request.pinSignature)
            return refuse(403, 'signature-required', 'this path needs the card signature');
          if (
            !challenges.isCurrent(request.pinSignature.challenge, at) ||
            usedChallenges.has(request.pinSignature.challenge)
          ) {
            return refuse(403, 'challenge-invalid', 'challenge unknown or expired');
          }
          if (
            !verifyPinSignature(
              request.authCertificate,
              request.pinSignature.challenge,
              request.pinSignature.signature,
            )
          ) {
            return refuse(403, 'signature-invalid', 'signature does not verify with the certificate key');
          }
          // One challenge, one confirmation: a captured signature cannot be replayed under a new key.
          usedChallenges.add(request.pinSignature.challenge);
        }
        const linkedPerson = personByCertificate.get(verdict.key);
        const person = wrongPerson ? someoneElse(linkedPerson) : linkedPerson;
        const confirmationId = randomUUID();
        const validUntil = at.getTime() + consentLifetimeMs;
        confirmations.set(confirmationId, { person, consent: request.consent, validUntil });
        methods.push(request.method);
        return {
          status: 200,
          body: qualification(requestId, person, {
            confirmationId,
            consent: request.consent,
            consentValidUntil: new Date(validUntil).toISOString(),
            notes: verdict.inGrace
              ? [
                  '利用者証明用電子証明書の有効期限が切れています（期限後3か月まで資格確認できます）。更新してください。',
                ]
              : [],
            ...(linkedPerson ? {} : { status: 'not-found', records: [] }),
          }),
        };
      }
      case 'lookupByInsuranceCard': {
        const query = operations.lookupByInsuranceCard.request.parse(body);
        const matches = fixture.persons.filter((person) =>
          person.records.some(
            (record) =>
              record.insurerNumber === query.insurerNumber &&
              record.number === query.number &&
              record.birthDate === query.birthDate &&
              (query.symbol === undefined || record.symbol === query.symbol) &&
              (query.branch === undefined || record.branch === query.branch),
          ),
        );
        if (matches.length > 1) {
          return {
            status: 200,
            body: qualification(requestId, undefined, {
              status: 'multiple',
              records: matches.flatMap((p) => p.records),
            }),
          };
        }
        const person = wrongPerson ? someoneElse(matches[0]) : matches[0];
        return { status: 200, body: qualification(requestId, person) };
      }
      case 'medication':
      case 'healthCheck': {
        const confirmation = confirmations.get(pathParam ?? '');
        if (!confirmation) return refuse(404, 'unknown-confirmation', 'no such confirmation');
        const item = operation === 'medication' ? 'medication' : 'healthCheck';
        if (!confirmation.consent?.[item] || confirmation.validUntil < at.getTime()) {
          return refuse(403, 'consent-required', `no current consent for ${item}`);
        }
        const items =
          operation === 'medication'
            ? (confirmation.person?.medication ?? [])
            : (confirmation.person?.healthChecks ?? []);
        return { status: 200, body: { confirmationId: pathParam, items } };
      }
      case 'disasterMedication': {
        if (!disaster) return refuse(403, 'not-in-disaster', 'no disaster is declared');
        const query = operations.disasterMedication.request.parse(body);
        const plain = (text: string) => text.replace(/[\s\u3000]/g, '');
        const matches = fixture.persons.filter(
          (person) =>
            plain(person.name) === plain(query.name) &&
            person.birthDate === query.birthDate &&
            person.sex === query.sex &&
            plain(person.address) === plain(query.address),
        );
        return {
          status: 200,
          body: {
            matches: matches.map((person) => ({
              name: person.name,
              birthDate: person.birthDate,
              items: person.medication,
            })),
          },
        };
      }
    }
  }

  function send(res: ServerResponse, answer: Answer, raw?: string) {
    const text = raw ?? JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  // Unref'd: an answer held back by a fault never keeps the process alive after close().
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

  async function handle(req: IncomingMessage, res: ServerResponse) {
    requests++;
    const path = (req.url ?? '').split('?')[0] ?? '';
    const route = ROUTES.map((r) => ({ ...r, match: r.pattern.exec(path) })).find((r) => r.match);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 64 * 1024) return send(res, refuse(413, 'bad-request', 'body too large'));
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const record = (status: number, requestBody: unknown, responseBody: unknown) => {
      if (options.recordExchanges)
        exchanges.push({ operation: route?.operation ?? 'unknown', path, requestBody, status, responseBody });
    };

    if (!(req.socket as TLSSocket).authorized) {
      return send(res, refuse(401, 'client-certificate-required', 'a terminal certificate is required'));
    }
    if (req.method !== 'POST' || !route) {
      const answer = refuse(404, 'bad-request', 'no such operation');
      record(answer.status, undefined, answer.body);
      return send(res, answer);
    }
    const { operation } = route;
    const key = req.headers[IDEMPOTENCY_HEADER];
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const parsed = (operations[operation].request as z.ZodType).safeParse(body);
    if (typeof key !== 'string' || key.length < 8 || key.length > 100 || !parsed.success) {
      const answer = refuse(
        400,
        'bad-request',
        typeof key !== 'string' ? 'idempotency key missing' : 'request does not match the contract',
      );
      record(answer.status, body, answer.body);
      return send(res, answer);
    }

    const stats = byKey.get(key) ?? { operation, received: 0, processed: 0 };
    stats.received++;
    byKey.set(key, stats);

    const fault = faults.take(operation);
    const latency = faults.latencyMs();
    if (fault?.kind === 'status') {
      await sleep(latency);
      return send(res, refuse(fault.status ?? 503, 'internal', 'injected failure'));
    }
    if (fault?.kind === 'drop') return req.socket.destroy();
    if (fault?.kind === 'timeout') return; // never answers; the client's timeout must fire

    const bodyHash = createHash('sha256').update(text).digest('hex');
    const earlier = answered.get(key);
    let answer: Answer;
    if (earlier) {
      if (earlier.operation !== operation || earlier.bodyHash !== bodyHash) {
        answer = refuse(400, 'bad-request', 'idempotency key reused for another request');
      } else answer = earlier.answer;
    } else {
      answer = process(operation, parsed.data, key, route.match?.[1], fault?.kind === 'wrong-person');
      // Challenges are not stored: each request for one gets a fresh one.
      if (operation !== 'createChallenge') answered.set(key, { operation, bodyHash, answer });
      stats.processed++;
      processedCount++;
      for (const wake of waiters.get(key) ?? []) wake();
      waiters.delete(key);
    }

    if (fault?.kind === 'hold-after') await sleep(fault.ms ?? 30_000);
    if (fault?.kind === 'drop-after') return req.socket.destroy();
    await sleep(latency);
    record(answer.status, parsed.data, answer.body);
    if (fault?.kind === 'malformed') return send(res, answer, '{"requestId": "' + key + '", "status": "val');
    send(res, answer);
  }

  const server: Server = createServer(
    {
      ca: tls.caPem,
      cert: tls.certPem,
      key: tls.keyPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent) send(res, refuse(500, 'internal', 'simulator error'));
      });
    },
  );
  server.keepAliveTimeout = 30_000;
  let reachable = true;
  server.on('connection', (socket: Socket) => {
    if (!reachable) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `https://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    caPem: tls.caPem,
    faults,
    setDisaster: (on) => void (disaster = on),
    setReachable(on) {
      reachable = on;
      if (!on) server.closeAllConnections();
    },
    stats: () => ({ requests, processed: processedCount, byKey }),
    exchanges,
    confirmationMethods: () => [...methods],
    whenProcessed(key) {
      if ((byKey.get(key)?.processed ?? 0) > 0) return Promise.resolve();
      return new Promise((resolve) => waiters.set(key, [...(waiters.get(key) ?? []), resolve]));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
