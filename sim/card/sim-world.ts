// The simulated world's card side in one place: load a person, build their virtual card, put it in
// an in-process reader, and the trust anchors a terminal in the simulated world uses.
//
//   const { readers, card } = createInProcessCard('yamada-taro');
//   const service = new CardReaderService({ readers, config: simCardConfig(), surfaceCaKeys: loadSimSurfaceCaKeys(), logger });
//   ... card.apduLog holds every command APDU the card received (and its status word).
import path from 'node:path';
import { cardConfigSchema, type CardConfig } from '../../electron/card/config';
import type { SurfaceCaKey } from '../../electron/card/cvc';
import { loadSurfaceCaKeys } from '../../electron/card/surface-ca-keys';
import { defaultSimWorldPaths, type CardBuildOptions, type SimWorldPaths } from './card-image';
import { loadPerson, type Person } from './person';
import { VirtualMyNumberCard } from './virtual-card';
import { DEFAULT_VIRTUAL_READER, VirtualReaders } from './virtual-readers';

export function loadSimPerson(id: string, paths: SimWorldPaths = defaultSimWorldPaths()): Person {
  return loadPerson(path.join(paths.personsDir, `${id}.json`));
}

/** The test card-surface CA, the only card-surface trust anchor of the simulated world. */
export function loadSimSurfaceCaKeys(paths: SimWorldPaths = defaultSimWorldPaths()): SurfaceCaKey[] {
  return loadSurfaceCaKeys(paths.pkiDir);
}

/** Card configuration for the simulated world: its certificates come from a test hierarchy. */
export function simCardConfig(overrides: Partial<CardConfig> = {}): CardConfig {
  return cardConfigSchema.parse({ allowTestHierarchy: true, ...overrides });
}

export function createVirtualCard(
  personId: string,
  options: CardBuildOptions = {},
  paths: SimWorldPaths = defaultSimWorldPaths(),
): VirtualMyNumberCard {
  return VirtualMyNumberCard.fromPerson(loadSimPerson(personId, paths), paths, options);
}

/** An in-process reader with the person's card already inserted. */
export function createInProcessCard(
  personId: string,
  options: CardBuildOptions = {},
): { readers: VirtualReaders; card: VirtualMyNumberCard; reader: string } {
  const readers = new VirtualReaders();
  const card = createVirtualCard(personId, options);
  readers.insert(card);
  return { readers, card, reader: DEFAULT_VIRTUAL_READER };
}
