// The staff side of a running kiosk: its staff database (accounts, audit log) and the staff
// console host, wired to the kiosk's own eligibility service, database and key. Both composition
// roots (electron/main.ts, electron/browser-main.ts) call startStaffConsole.
import type { Clock } from '../clock';
import type { Kiosk } from '../compose';
import { startStaffConsoleHost, type StaffConsoleHost } from '../hosts/staff-console-host';
import { createStaffDispatch } from '../ipc/staff-dispatch';
import type { World } from '../world/world';
import { createBatchJobs } from './batch-jobs';
import { createStaffConsoleHandlers } from './console-handlers';
import { openStaffServices, type StaffServices } from './index';
import { createKioskDesk, terminalKioskHealth } from './kiosk-desk';
import { createVisualCheckDesk } from './visual-check';
import { visualCheckPort } from './visual-check-port';

export interface StaffConsole {
  readonly staff: StaffServices;
  /** Absent when the console is disabled in the config. */
  readonly host?: StaffConsoleHost;
  close(): Promise<void>;
}

export async function startStaffConsole(options: {
  kiosk: Kiosk;
  world: World;
  clock: Clock;
  rendererDir: string;
}): Promise<StaffConsole> {
  const { kiosk, world, clock } = options;
  const { config, log } = kiosk;
  const { eligibility, masterKey } = world.services;
  const staff = openStaffServices({ dataDir: config.eligibility.dataDir, clock, masterKey });
  // The kiosk's own staff control (目視確認) checks passcodes against the same accounts.
  kiosk.attachVisualCheck(visualCheckPort(createVisualCheckDesk(staff)));

  // 端末の状態: the terminal health module's probes, as the out-of-service screen uses them.
  const desk = createKioskDesk({
    terminalId: config.terminal.id,
    reception: kiosk.reception,
    eligibility,
    health: terminalKioskHealth({ health: world.health, services: world.services }),
  });
  const handlers = createStaffConsoleHandlers({
    eligibility,
    audit: staff.audit,
    batches: createBatchJobs({ eligibility, concurrency: config.eligibility.batchConcurrency, clock }),
    desk,
  });
  let host: StaffConsoleHost | undefined;
  if (config.staffConsole.enabled) {
    try {
      host = await startStaffConsoleHost({
        config: config.staffConsole,
        log,
        clock,
        accounts: staff.accounts,
        audit: staff.audit,
        dispatch: createStaffDispatch(handlers, log),
        rendererDir: options.rendererDir,
      });
    } catch (error) {
      // The patients' kiosk keeps running without the desk's console (port taken, certificate missing).
      log.error('staff.console-unavailable', {
        error: error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.name) : 'unknown',
      });
    }
  }
  return {
    staff,
    ...(host ? { host } : {}),
    async close() {
      await host?.close();
      staff.close();
    },
  };
}
