// The hardware world's composition end to end on the real stack that exists here: the virtual card
// in the real pcscd (vpcd), read through pcsclite; the card-tray camera answered the way the
// renderer answers (frames of the printed card face over the `card-face:frames` channel); the
// eligibility service at a configured endpoint over mutual TLS. The visit goes from the card on
// the reader to the face capture: certificate, chip expiry, OCR, gate, one VERIFY over pcscd, and
// the card-face record authenticated with the CA key from `card.surfaceCaDir`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SIMULATED_WORLD_START, simulatedClock } from '../../electron/clock';
import { RendererFrameBroker } from '../../electron/card-face/frame-broker';
import { composeKiosk, type Kiosk } from '../../electron/compose';
import { parseConfig } from '../../electron/config/load-config';
import type { ReceptionView } from '../../electron/contract';
import { createFileKeyStore } from '../../electron/eligibility/key-store';
import { createEventHub } from '../../electron/ipc/event-hub';
import { createLogger } from '../../electron/log/logger';
import { startHardwareWorld } from '../../electron/world/hardware-world';
import type { World } from '../../electron/world/world';
import { defaultSimWorldPaths } from '../../sim/card/card-image';
import { VirtualCardScanner } from '../../sim/card-face/virtual-scanner';
import { startEligibilitySimulator, type EligibilitySimulator } from '../../sim/eligibility/server';
import { startSimCard, type SimCardProcess } from './pcscd';

const netns = inject('pcscNetns');
const paths = defaultSimWorldPaths();
const TRAY_CAMERA = 'Card tray camera';

let simulator: EligibilitySimulator;
let card: SimCardProcess;
let world: World;
let kiosk: Kiosk;
const views: ReceptionView[] = [];
const logLines: string[] = [];

beforeAll(async () => {
  // The terminal under test lives on the simulated world's day: the virtual card's certificates
  // and the simulator's records are made for it.
  const clock = simulatedClock(SIMULATED_WORLD_START);
  simulator = await startEligibilitySimulator({ clock });
  const dir = mkdtempSync(path.join(tmpdir(), 'uketsuke-hardware-'));
  const config = parseConfig({
    world: 'hardware',
    card: { allowTestHierarchy: true, surfaceCaDir: paths.pkiDir },
    cardFace: { cameraDeviceLabel: TRAY_CAMERA },
    eligibility: { endpoint: simulator.url, dataDir: path.join(dir, 'eligibility') },
    clinic: { folder: path.join(dir, 'clinic') },
  });
  const sink = { write: (line: string) => void logLines.push(line) };
  const log = createLogger(sink, { minLevel: 'debug', clock });
  const events = createEventHub();
  const cardTray = new RendererFrameBroker((request) => events.publish('card-face:capture', request));
  world = await startHardwareWorld({
    config,
    log,
    clock,
    cardTray,
    keyStore: createFileKeyStore(path.join(dir, 'eligibility.key')),
    // No camera exists on this machine: the system's list as a terminal with its tray camera gives it.
    listCameras: () => [TRAY_CAMERA],
  });
  kiosk = composeKiosk({ config, log, clock, version: 'test', devices: world.devices, events, cardTray });
  kiosk.events.subscribe((name, payload) => {
    if (name === 'reception:view') views.push(payload as ReceptionView);
  });

  // The renderer's part: the tray camera sees yamada-taro's card; frames go back over the channel.
  const tray = new VirtualCardScanner();
  tray.placeFixturePerson('yamada-taro');
  events.subscribe((name, payload) => {
    if (name !== 'card-face:capture') return;
    const request = payload as { requestId: string; deviceLabel: string; count: number };
    expect(request.deviceLabel).toBe(TRAY_CAMERA);
    void tray.captureFrames(request.count).then((frames) =>
      kiosk.dispatch('card-face:frames', {
        requestId: request.requestId,
        frames: frames.map((frame) => Buffer.from(frame).toString('base64')),
      }),
    );
  });
}, 120_000);

afterAll(async () => {
  kiosk?.dispose();
  await card?.stop();
  await world?.close();
  await simulator?.close();
});

async function screen(name: ReceptionView['screen'], timeoutMs = 60_000): Promise<ReceptionView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = kiosk.reception.view();
    if (view.screen === name) return view;
    if (Date.now() > deadline)
      throw new Error(`no ${name} screen; screens: ${views.map((v) => v.screen).join(' → ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the hardware world over pcscd', () => {
  it('finds its reader in pcscd, its camera and the service: nothing down, so not out of service', async () => {
    expect(await world.health.faults()).toEqual([]);
    expect(world.health.readerUp()).toBe(true);
    expect(kiosk.reception.view().screen).toBe('idle');
  });

  it('reads the card through pcscd and offers face or the PIN on the on-screen keypad (no PIN pad)', async () => {
    card = await startSimCard(['--person', path.join(paths.personsDir, 'yamada-taro.json')], netns);
    await card.waitFor(/^inserted$/, 10_000, 0);
    const view = await screen('choose-method');
    // 職員を呼ぶ is a footer action, not a method; without a PIN pad the PIN is typed on the screen.
    expect(view).toMatchObject({ methods: ['face', 'pin'], pinTriesLeft: 3 });
  });

  it('reads 照合番号B from the tray camera frames, unlocks the card once and starts the face check', async () => {
    kiosk.reception.chooseMethod('face');
    await screen('face-capture');
    const verifies = card.lines.filter(
      (line) => /^apdu 002000[0-9A-F]{2} \+\d+/.test(line) && !/ \+0 /.test(line),
    );
    expect(verifies).toHaveLength(1);
    expect(logLines.join('')).not.toMatch(/card.no-surface-ca/);
  });
});
