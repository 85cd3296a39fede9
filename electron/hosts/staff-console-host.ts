// The staff console's transport: the staff page (renderer/staff.html) and its API, served by the
// kiosk's trusted side. On 127.0.0.1 over HTTP by default (loopback is a secure context, so the
// Secure cookie holds); on the clinic LAN only when IT enables it, then over HTTPS only, with the
// terminal's certificate.
//   POST /staff/api/login    { name, passcode } → a session cookie and the CSRF token
//   POST /staff/api/logout   ends the session
//   POST /staff/api/invoke/<channel>   a staff channel of the contract, with the session and token
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { StaffResult, StaffSessionView } from '../contract';
import type { Logger } from '../log/logger';
import { toStaffErrorView, type StaffDispatch } from '../ipc/staff-dispatch';
import {
  checkStaffApiRequest,
  checkStaffPageRequest,
  clearedSessionCookieHeader,
  csrfTokenMatches,
  sessionCookie,
  sessionCookieHeader,
  type StaffConsoleIdentity,
} from '../security/staff-console-guard';
import type { StaffAccounts } from '../staff/accounts';
import type { StaffConsoleConfig } from '../staff/config';
import { createStaffSessions, type StaffSession } from '../staff/sessions';
import { answerEarly, readBody, send } from './http-exchange';
import { readRendererAsset } from './renderer-assets';

/** A reservation list of 10 000 rows fits; nothing else the page sends comes close. */
const MAX_BODY_BYTES = 1_500_000;
const SWEEP_MS = 30_000;

const loginSchema = z
  .object({ name: z.string().min(1).max(64), passcode: z.string().min(1).max(64) })
  .strict();

export interface StaffConsoleHost {
  /** e.g. http://127.0.0.1:8740 */
  origin: string;
  close(): Promise<void>;
}

function sendResult(
  response: ServerResponse,
  status: number,
  result: StaffResult<unknown>,
  extra: Record<string, string> = {},
): void {
  send(response, status, JSON.stringify(result), 'application/json', extra);
}

export async function startStaffConsoleHost(options: {
  config: StaffConsoleConfig;
  log: Logger;
  clock: Clock;
  accounts: StaffAccounts;
  audit: AuditLog;
  dispatch: StaffDispatch;
  rendererDir: string;
}): Promise<StaffConsoleHost> {
  const { config, log, audit, accounts } = options;
  const sessions = createStaffSessions({ clock: options.clock, idleTimeoutMs: config.idleTimeoutMs });
  const lan = config.lan.enabled;
  const identity: StaffConsoleIdentity = { scheme: lan ? 'https' : 'http', hosts: [] };

  const sessionView = (session: StaffSession): StaffSessionView => ({
    name: session.actor.name,
    role: session.actor.role,
    idleTimeoutMs: config.idleTimeoutMs,
    csrfToken: session.csrfToken,
  });
  const idleLogout = (session: StaffSession) =>
    audit.record({ actor: session.actor.name, action: 'staff.idle-logout', outcome: 'ok' });

  /** The request's active session, or an answer already sent. CSRF is checked on every call. */
  function authorised(request: IncomingMessage, response: ServerResponse): StaffSession | null {
    const found = sessions.resume(sessionCookie(request.headers));
    if (found.state === 'expired') idleLogout(found.session);
    if (found.state !== 'active') {
      sendResult(
        response,
        401,
        { ok: false, error: toStaffErrorView('staff.not-signed-in') },
        {
          'Set-Cookie': clearedSessionCookieHeader(),
        },
      );
      return null;
    }
    if (!csrfTokenMatches(request.headers, found.session.csrfToken)) {
      log.warn('staff.csrf-refused', { staff: found.session.actor.name });
      sendResult(response, 403, { ok: false, error: toStaffErrorView('staff.csrf') });
      return null;
    }
    return found.session;
  }

  async function login(request: IncomingMessage, response: ServerResponse, body: Buffer) {
    let parsed: z.infer<typeof loginSchema>;
    try {
      parsed = loginSchema.parse(JSON.parse(body.toString('utf8')));
    } catch {
      sendResult(response, 400, { ok: false, error: toStaffErrorView('kiosk.bad-request') });
      return;
    }
    const result = await accounts.authenticate(parsed.name, parsed.passcode);
    if (!result.ok) {
      // The typed name is not recorded for unknown accounts: it may be a passcode typed in the wrong box.
      audit.record({
        actor: result.account?.name ?? '(unknown)',
        action: 'staff.login-refused',
        outcome: 'refused',
        detail: { code: result.code, where: 'console' },
      });
      sendResult(response, 200, { ok: false, error: toStaffErrorView(result.code) });
      return;
    }
    const previous = sessions.resume(sessionCookie(request.headers));
    if (previous.state === 'active') sessions.end(previous.session.id);
    const { account } = result;
    const session = sessions.create({ accountId: account.id, name: account.name, role: account.role });
    audit.record({ actor: account.name, action: 'staff.login', outcome: 'ok', detail: { where: 'console' } });
    sendResult(
      response,
      200,
      { ok: true, value: sessionView(session) },
      {
        'Set-Cookie': sessionCookieHeader(session.id),
      },
    );
  }

  async function api(request: IncomingMessage, response: ServerResponse, path: string) {
    const verdict = checkStaffApiRequest(request.headers, identity);
    if (!verdict.allowed) {
      log.warn('staff.refused', { path, reason: verdict.reason });
      send(response, verdict.status, 'refused', 'text/plain');
      return;
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === null) {
      answerEarly(request, response, 413, 'too large');
      return;
    }
    if (path === '/staff/api/login') {
      await login(request, response, body);
      return;
    }
    const session = authorised(request, response);
    if (!session) return;
    if (path === '/staff/api/logout') {
      sessions.end(session.id);
      audit.record({ actor: session.actor.name, action: 'staff.logout', outcome: 'ok' });
      sendResult(response, 200, { ok: true, value: null }, { 'Set-Cookie': clearedSessionCookieHeader() });
      return;
    }
    if (!path.startsWith('/staff/api/invoke/')) {
      send(response, 404, 'not found', 'text/plain');
      return;
    }
    const channel = decodeURIComponent(path.slice('/staff/api/invoke/'.length));
    let payload: unknown;
    try {
      payload = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      sendResult(response, 400, { ok: false, error: toStaffErrorView('kiosk.bad-request') });
      return;
    }
    const result = await options.dispatch(channel, payload, {
      actor: session.actor,
      session: sessionView(session),
    });
    sendResult(response, 200, result);
  }

  async function page(request: IncomingMessage, response: ServerResponse, path: string) {
    const verdict = checkStaffPageRequest(request.headers, identity);
    if (!verdict.allowed) {
      send(response, verdict.status, 'refused', 'text/plain');
      return;
    }
    if (request.method !== 'GET') {
      send(response, 405, 'method not allowed', 'text/plain');
      return;
    }
    // Only the staff page and its assets: the kiosk page is not served here.
    const file = path === '/' ? '/staff.html' : path;
    if (file !== '/staff.html' && !file.startsWith('/assets/')) {
      send(response, 404, 'not found', 'text/plain');
      return;
    }
    const asset = await readRendererAsset(options.rendererDir, file);
    send(response, asset.status, asset.body, asset.contentType);
  }

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const work =
      request.method === 'POST' && path.startsWith('/staff/api/')
        ? api(request, response, path)
        : page(request, response, path);
    work.catch((error: unknown) => {
      log.error('staff.console-failed', { path, error: error instanceof Error ? error.name : 'unknown' });
      if (!response.headersSent) send(response, 500, 'error', 'text/plain');
      else response.end();
    });
  };

  const server = lan
    ? createHttpsServer(
        { cert: readFileSync(config.lan.certFile!), key: readFileSync(config.lan.keyFile!) },
        handle,
      )
    : createHttpServer(handle);
  const address = lan ? config.lan.address : '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, address, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  identity.hosts = [
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    ...(lan ? config.lan.hostnames.map((name) => `${name.toLowerCase()}:${port}`) : []),
  ];
  const sweep = setInterval(() => sessions.sweep().forEach(idleLogout), SWEEP_MS);
  sweep.unref();
  const origin = `${identity.scheme}://127.0.0.1:${port}`;
  log.info('staff.console-listening', { origin, lan });

  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
