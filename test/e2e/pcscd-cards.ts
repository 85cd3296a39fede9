// The simulated world's cards on the real PC/SC stack for the end-to-end tests: pcscd (started in
// its network namespace, or the one already running — test/integration/pcscd.ts), the kiosk reading
// it through pcsclite, and each person's virtual card run by `scripts/sim-card.ts` in vpcd. The
// card's APDU log is its stdout (VERIFY as header and length only: the PIN is never printed).
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../electron/browser-main';
import { PcscliteReaders } from '../../electron/card/pcsclite-readers';
import { SIMULATED_WORLD_START, simulatedClock } from '../../electron/clock';
import { createLogger, memorySink } from '../../electron/log/logger';
import { startPcscd, startSimCard, type PcscdHandle, type SimCardProcess } from '../integration/pcscd';
import type { TestKiosk } from './harness';

export interface PcscdCards {
  readonly readers: PcscliteReaders;
  /** Places the person's card in vpcd and shows the tray camera its printed face. */
  place(kiosk: TestKiosk, personId: string): Promise<SimCardProcess>;
  /** Takes the current card out of vpcd. */
  remove(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPcscdCards(): Promise<PcscdCards> {
  const pcscd: PcscdHandle = await startPcscd();
  const readers = new PcscliteReaders({
    logger: createLogger(memorySink(), { clock: simulatedClock(SIMULATED_WORLD_START) }),
  });
  await readers.ready();
  let current: SimCardProcess | null = null;
  const remove = async (): Promise<void> => {
    const card = current;
    current = null;
    if (!card) return;
    const from = card.lines.length;
    card.command('remove');
    await card.waitFor(/^removed$/, 5_000, from).catch(() => undefined);
    await card.stop();
  };
  return {
    readers,
    async place(kiosk, personId) {
      await remove();
      kiosk.world.controls.showCardFace(personId);
      const person = join(PROJECT_ROOT, 'sim/fixtures/persons', `${personId}.json`);
      const card = await startSimCard(['--person', person, '--removed'], pcscd.netns);
      current = card;
      const from = card.lines.length;
      card.command('insert');
      await card.waitFor(/^inserted$/, 10_000, from);
      return card;
    },
    remove,
    async stop() {
      await remove();
      await pcscd.stop();
    },
  };
}

/** VERIFY commands that carried data (a PIN or 照合番号B), from the card's APDU log. */
export const verifiesSent = (card: SimCardProcess): string[] =>
  card.lines.filter((line) => {
    const match = /^apdu 0020[0-9A-F]{4} \+(\d+) /.exec(line);
    return match !== null && Number(match[1]) > 1;
  });
