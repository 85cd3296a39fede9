// The terminal's health, one source for the reception flow (its out-of-service screen) and for the
// metrics (`uketsuke_reader_up`, `uketsuke_camera_up`): the card reader the config names is attached,
// the cameras it names are attached (where the system can list them), and the eligibility service
// answers this terminal. The service check is one bodiless request through the terminal's own
// client: never a patient's request, nothing personal in it.
import type { SmartCardReaders } from '../card/transport';
import type { ServiceReach } from '../eligibility/upstream';
import type { HealthPort } from '../reception/ports';
import { cameraAttached, matchingReaders, settledReaders } from './device-presence';
import type { HealthErrorCode } from './errors';

export interface TerminalHealthSources {
  /** `card.readerNamePattern`. */
  readerNamePattern: string;
  /** The patient and card-tray camera labels; an empty label: any camera will do. */
  cameraLabels: readonly string[];
  readers: SmartCardReaders;
  /** Camera names the system lists, or null where it cannot list them. */
  listCameras: () => readonly string[] | null;
  service: { reachable(): Promise<ServiceReach> };
  /** How long a check waits for the reader list to fill (pcscd reports readers after connecting). */
  readerSettleMs?: number;
}

export interface TerminalHealth extends HealthPort {
  faults(): Promise<HealthErrorCode[]>;
  /** A reader matching the configured pattern is attached now. */
  readerUp(): boolean;
  /** Every configured camera is attached now (true where the system cannot list cameras). */
  cameraUp(): boolean;
  /** The system lists its cameras, so `cameraUp` says something (not on Windows). */
  readonly camerasVisible: boolean;
}

export function createTerminalHealth(sources: TerminalHealthSources): TerminalHealth {
  const cameraUp = (): boolean => {
    const cameras = sources.listCameras();
    return cameras === null || sources.cameraLabels.every((label) => cameraAttached(cameras, label));
  };
  return {
    camerasVisible: sources.listCameras() !== null,
    readerUp: () => matchingReaders(sources.readers, sources.readerNamePattern).length > 0,
    cameraUp,
    async faults() {
      const [readers, service] = await Promise.all([
        settledReaders(sources.readers, sources.readerNamePattern, sources.readerSettleMs),
        sources.service.reachable().catch((): ServiceReach => 'unavailable'),
      ]);
      const faults: HealthErrorCode[] = [];
      if (readers.found.length === 0) faults.push('health.reader-missing');
      if (!cameraUp()) faults.push('health.camera-missing');
      if (service === 'unavailable') faults.push('health.service-unreachable');
      if (service === 'refused') faults.push('health.service-refused');
      return faults;
    },
  };
}
