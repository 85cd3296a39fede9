// Whether the terminal's devices are attached, as the trusted side can see it: the PC/SC reader list
// matched against the configured reader name pattern, and the system's camera list matched against
// the configured camera labels. `uketsuke doctor` and the kiosk's health check read these same probes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReaderState, SmartCardReaders } from '../card/transport';

export interface ReaderPresence {
  /** The readers whose name matches the configured pattern. */
  found: readonly ReaderState[];
  /** Every reader the PC/SC service lists. */
  all: readonly ReaderState[];
  /** The PC/SC service (pcscd) went away while we looked. */
  serviceLost: boolean;
}

export function matchingReaders(readers: SmartCardReaders, pattern: string): readonly ReaderState[] {
  const matcher = new RegExp(pattern, 'i');
  return readers.readers().filter((reader) => matcher.test(reader.name));
}

/**
 * The readers matching `pattern`, waiting up to `settleMs` for the list to fill: pcscd reports its
 * readers a moment after the connection opens. Polls counted, not clock time: the list settles in
 * real time whatever the clock says.
 */
export async function settledReaders(
  readers: SmartCardReaders,
  pattern: string,
  settleMs = 1_500,
): Promise<ReaderPresence> {
  let serviceLost = false;
  const stop = readers.onEvent((event) => {
    if (event.type === 'service-lost') serviceLost = true;
  });
  try {
    for (let poll = 0; poll < Math.ceil(settleMs / 100); poll++) {
      if (matchingReaders(readers, pattern).length > 0 || serviceLost) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    stop();
  }
  return { found: matchingReaders(readers, pattern), all: readers.readers(), serviceLost };
}

/** Camera names as Linux lists them (the renderer's labels start with these). */
export function linuxCameras(root = '/sys/class/video4linux'): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((entry) => join(root, entry, 'name'))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file, 'utf8').trim());
}

/**
 * The cameras this system can list, or null where the trusted side cannot see them (only Linux
 * lists them without the renderer): an unknown camera is then not reported as missing.
 */
export function systemCameras(): string[] | null {
  return process.platform === 'linux' ? linuxCameras() : null;
}

/** The renderer's label is the system name, often with "(vvvv:pppp)" appended. */
export function cameraAttached(cameras: readonly string[], label: string): boolean {
  return cameras.some((name) => label.includes(name) || name.includes(label));
}
