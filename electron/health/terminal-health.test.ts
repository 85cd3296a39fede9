// The terminal's health over real parts: the in-process PC/SC reader list, the eligibility simulator
// over real mutual TLS on 127.0.0.1 through the terminal's own HTTPS client, and a camera list as the
// system would give it. Each probe is made to fail in turn.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATED_WORLD_START, simulatedClock } from '../clock';
import { createHttpsUpstream } from '../eligibility/https-upstream';
import type { EligibilityUpstream } from '../eligibility/upstream';
import { VirtualReaders } from '../../sim/card/virtual-readers';
import { startEligibilitySimulator, type EligibilitySimulator } from '../../sim/eligibility/server';
import { createTerminalHealth, type TerminalHealthSources } from './terminal-health';

const TLS = join(import.meta.dirname, '../../sim/fixtures/eligibility/tls');
const PATIENT_CAMERA = 'HD Pro Webcam C920';
const TRAY_CAMERA = 'USB Document Camera';

let simulator: EligibilitySimulator;
let upstream: EligibilityUpstream;

function client(ca = readFileSync(join(TLS, 'test-ca.pem'))): EligibilityUpstream {
  return createHttpsUpstream({
    endpoint: simulator.url,
    tls: {
      ca,
      cert: readFileSync(join(TLS, 'test-terminal.pem')),
      key: readFileSync(join(TLS, 'test-terminal.key.pem')),
    },
    timeouts: { connectMs: 2_000, requestMs: 2_000 },
    retries: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
  });
}

beforeAll(async () => {
  simulator = await startEligibilitySimulator({ clock: simulatedClock(SIMULATED_WORLD_START) });
  upstream = client();
});
afterAll(async () => {
  upstream.close();
  await simulator.close();
});

function terminal(overrides: Partial<TerminalHealthSources> = {}) {
  const readers = new VirtualReaders();
  let cameras: string[] | null = [`${PATIENT_CAMERA} (046d:082d)`, TRAY_CAMERA];
  const health = createTerminalHealth({
    readerNamePattern: 'virtual reader',
    cameraLabels: [PATIENT_CAMERA, TRAY_CAMERA],
    readers,
    listCameras: () => cameras,
    service: upstream,
    readerSettleMs: 200,
    ...overrides,
  });
  return { health, readers, setCameras: (list: string[] | null) => void (cameras = list) };
}

describe('the terminal health check', () => {
  it('finds nothing wrong when the reader, both cameras and the service are there', async () => {
    const { health } = terminal();
    expect(await health.faults()).toEqual([]);
    expect(health.readerUp()).toBe(true);
    expect(health.cameraUp()).toBe(true);
  });

  it('names the reader when it is unplugged, and not once it is back', async () => {
    const { health, readers } = terminal();
    readers.detach();
    expect(await health.faults()).toEqual(['health.reader-missing']);
    expect(health.readerUp()).toBe(false);
    readers.attach();
    expect(await health.faults()).toEqual([]);
    expect(health.readerUp()).toBe(true);
  });

  it('names the reader when pcscd is gone', async () => {
    const { health, readers } = terminal();
    readers.stopService();
    expect(await health.faults()).toEqual(['health.reader-missing']);
    expect(health.readerUp()).toBe(false);
  });

  it('names the reader when only a reader the pattern does not match is attached', async () => {
    const { health } = terminal({ readerNamePattern: 'SONY RC-S380' });
    expect(await health.faults()).toEqual(['health.reader-missing']);
    expect(health.readerUp()).toBe(false);
  });

  it('names the camera when a configured camera is not attached', async () => {
    const { health, setCameras } = terminal();
    setCameras([TRAY_CAMERA]);
    expect(await health.faults()).toEqual(['health.camera-missing']);
    expect(health.cameraUp()).toBe(false);
    setCameras([]);
    expect(await health.faults()).toEqual(['health.camera-missing']);
  });

  it('takes any camera for an unnamed one, and none as missing', async () => {
    const { health, setCameras } = terminal({ cameraLabels: ['', ''] });
    expect(await health.faults()).toEqual([]);
    setCameras([]);
    expect(await health.faults()).toEqual(['health.camera-missing']);
  });

  it('does not report cameras it cannot see (a system that does not list them)', async () => {
    const { health, setCameras } = terminal();
    setCameras(null);
    expect(await health.faults()).toEqual([]);
    expect(health.cameraUp()).toBe(true);
    expect(terminal({ listCameras: () => null }).health.camerasVisible).toBe(false);
    expect(terminal().health.camerasVisible).toBe(true);
  });

  it('names the service when it cannot be reached, and not once it is back', async () => {
    const { health } = terminal();
    simulator.setReachable(false);
    try {
      expect(await health.faults()).toEqual(['health.service-unreachable']);
    } finally {
      simulator.setReachable(true);
    }
    expect(await health.faults()).toEqual([]);
  });

  it('sends the service nothing it would process (no patient request, not even a challenge)', async () => {
    const before = simulator.stats().processed;
    await terminal().health.faults();
    expect(simulator.stats().processed).toBe(before);
  });

  it('names a refused secure channel apart from an unreachable service', async () => {
    const untrusting = client(
      readFileSync(join(import.meta.dirname, '../../sim/fixtures/pki/jpki-root-ca.pem')),
    );
    try {
      const { health } = terminal({ service: untrusting });
      expect(await health.faults()).toEqual(['health.service-refused']);
    } finally {
      untrusting.close();
    }
  });

  it('names every part that is down at once', async () => {
    const { health, readers, setCameras } = terminal();
    readers.detach();
    setCameras([]);
    simulator.setReachable(false);
    try {
      expect(await health.faults()).toEqual([
        'health.reader-missing',
        'health.camera-missing',
        'health.service-unreachable',
      ]);
    } finally {
      simulator.setReachable(true);
    }
  });
});
