// The simulated tray camera and the reader's card finder together: wherever and however the card
// lies, the finder recovers a card-shaped quadrilateral of the rendered card's size.
import { describe, expect, it } from 'vitest';
import { decodeToGray, locateCard, type Point } from '../../electron/card-face/image-prep';
import { randomPerson, seededRandom } from './persons';
import { CARD_HEIGHT, CARD_WIDTH } from './card-front-svg';
import { renderCardScene, type Degradation } from './render';

const person = randomPerson(seededRandom(11), { today: { year: 2026, month: 11, day: 25 } });
const distance = (p: Point, q: Point): number => Math.hypot(p.x - q.x, p.y - q.y);

describe('finding the card on the tray', () => {
  it.each<[string, Degradation]>([
    ['clean', {}],
    ['rotated 10°', { rotationDeg: 10 }],
    ['rotated −10°', { rotationDeg: -10 }],
    ['in perspective', { perspective: 0.1 }],
    ['under a finger', { finger: 'bottom-right' }],
    ['in low light', { lowLight: 0.6, noise: 6 }],
  ])('%s', async (_name, degradation) => {
    const frame = await renderCardScene(person, { degradation, seed: 5 });
    const quad = locateCard(await decodeToGray(frame));
    expect(quad).toBeDefined();
    const [topLeft, topRight, bottomRight, bottomLeft] = quad!;
    const width = (distance(topLeft, topRight) + distance(bottomLeft, bottomRight)) / 2;
    const height = (distance(topLeft, bottomLeft) + distance(topRight, bottomRight)) / 2;
    // Perspective shrinks the far edge by up to 10 %; otherwise within a few pixels.
    expect(width).toBeGreaterThan(CARD_WIDTH * 0.9);
    expect(width).toBeLessThan(CARD_WIDTH * 1.03);
    expect(height).toBeGreaterThan(CARD_HEIGHT * 0.9);
    expect(height).toBeLessThan(CARD_HEIGHT * 1.03);
  });
});
