// The virtual card scanner: the simulated world places a person's card (clean or degraded) on the
// tray and the scanner serves rendered camera frames of it, each frame slightly shifted and with
// its own noise, like two shots of a real camera.
import sharp from 'sharp';
import type { CardScanner } from '../../electron/card-face/scanner';
import path from 'node:path';
import { DEFAULT_PERSONS_DIR, personFromFixture, seededRandom, type CardFacePerson } from './persons';
import {
  SCENE_HEIGHT,
  SCENE_WIDTH,
  photoDataUri,
  renderCardScene,
  variantDegradation,
  type Degradation,
  type VariantName,
} from './render';
import type { CardFrontOptions } from './card-front-svg';
import { existsSync, readdirSync } from 'node:fs';

/** Card photos of the fixture persons, lent to random persons whose style prints a face. */
const STOCK_PHOTO_DIR = path.join(DEFAULT_PERSONS_DIR, 'photos');

export function stockPhotoFile(seed: number): string | undefined {
  if (!existsSync(STOCK_PHOTO_DIR)) return undefined;
  const photos = readdirSync(STOCK_PHOTO_DIR)
    .filter((name) => name.endsWith('.jpg'))
    .sort();
  return photos.length ? path.join(STOCK_PHOTO_DIR, photos[seed % photos.length]!) : undefined;
}

export interface Placement {
  person: CardFacePerson;
  variant?: VariantName;
  /** Overrides the variant's degradation. */
  degradation?: Degradation;
  card?: CardFrontOptions;
  seed?: number;
}

export class VirtualCardScanner implements CardScanner {
  private placement: Placement | undefined;

  /** Puts a card on the tray (replacing any card there). */
  place(placement: Placement): void {
    this.placement = placement;
  }

  /**
   * Puts a fixture person's card (sim/fixtures/persons/<id>.json) on the tray, as the simulated
   * world does when it inserts that person's card in the virtual reader.
   */
  placeFixturePerson(
    id: string,
    variant: VariantName = 'clean',
    seed = 1,
    personsDir = DEFAULT_PERSONS_DIR,
  ): void {
    const person = personFromFixture(path.join(personsDir, `${id}.json`));
    if (!person) throw new Error(`person ${id} has no printed card front`);
    this.place({ person, variant, seed });
  }

  /** Takes the card off the tray: frames then show the empty tray. */
  remove(): void {
    this.placement = undefined;
  }

  async captureFrames(count: number): Promise<Uint8Array[]> {
    const placement = this.placement;
    if (!placement) {
      const tray = await sharp({
        create: { width: SCENE_WIDTH, height: SCENE_HEIGHT, channels: 3, background: '#34383c' },
      })
        .png()
        .toBuffer();
      return Array.from({ length: count }, () => new Uint8Array(tray));
    }
    const seed = placement.seed ?? 1;
    const degradation =
      placement.degradation ?? variantDegradation(placement.variant ?? 'clean', seededRandom(seed));
    const photoFile =
      placement.person.photoFile ??
      (placement.card?.style?.photo === 'face' ? stockPhotoFile(seed) : undefined);
    const card: CardFrontOptions = {
      ...placement.card,
      photoDataUri: placement.card?.photoDataUri ?? (photoFile ? photoDataUri(photoFile) : undefined),
    };
    const frames: Uint8Array[] = [];
    for (let frameIndex = 0; frameIndex < count; frameIndex += 1) {
      const bytes = await renderCardScene(placement.person, { degradation, card, frameIndex, seed });
      frames.push(new Uint8Array(bytes));
    }
    return frames;
  }
}
