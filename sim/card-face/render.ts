// Renders a card front lying on the card tray as the tray camera would see it, clean or degraded:
// rotation, perspective, blur, glare, JPEG noise, low light, a finger over a corner.
// The tray around the card may be flat or textured (layouts.ts draws it per card).
// SVG → pixels with resvg (prebuilt binary from the npm registry) and Debian's Noto CJK and IPA
// fonts; pixel degradations in plain JS and sharp.
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import sharp from 'sharp';
import { CARD_HEIGHT, CARD_WIDTH, SVG_DEFS, cardFrontGroup, type CardFrontOptions } from './card-front-svg';
import { ALL_FONT_FILES, CLASSIC_STYLE, type CardStyle } from './layouts';
import { seededRandom, type CardFacePerson } from './persons';

export const SCENE_WIDTH = 1280;
export const SCENE_HEIGHT = 860;

export interface Degradation {
  /** Degrees, clockwise; the tray allows up to ±10. */
  rotationDeg?: number;
  /** Keystone strength 0…0.15: the far edge shrinks by this share. */
  perspective?: number;
  /** Gaussian blur sigma in pixels. */
  blurSigma?: number;
  /** A specular hotspot: centre in card units and strength 0…1. */
  glare?: { x: number; y: number; radius: number; strength: number };
  /** Gaussian pixel noise, standard deviation in grey levels. */
  noise?: number;
  /** Encode as JPEG at this quality instead of PNG. */
  jpegQuality?: number;
  /** Darkening 0…1 (0 = normal light). */
  lowLight?: number;
  /** A finger over this corner of the card. */
  finger?: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
}

export const VARIANT_NAMES = [
  'clean',
  'rotate',
  'perspective',
  'blur',
  'glare',
  'jpeg',
  'low-light',
  'finger',
  'combined',
  'upside-down',
  'unreadable',
] as const;
export type VariantName = (typeof VARIANT_NAMES)[number];

function between(random: () => number, low: number, high: number): number {
  return low + (high - low) * random();
}

/** A named degradation with its parameters drawn from `random` (QA picks these by name). */
export function variantDegradation(variant: VariantName, random: () => number): Degradation {
  const sign = random() < 0.5 ? -1 : 1;
  switch (variant) {
    case 'clean':
      return {};
    case 'rotate':
      return { rotationDeg: sign * between(random, 5, 10) };
    case 'perspective':
      return { perspective: between(random, 0.06, 0.12), rotationDeg: sign * between(random, 0, 3) };
    case 'blur':
      return { blurSigma: between(random, 1.2, 1.8) };
    case 'glare':
      return {
        glare: { x: between(random, 150, 850), y: between(random, 150, 500), radius: 130, strength: 0.9 },
      };
    case 'jpeg':
      return { jpegQuality: Math.round(between(random, 18, 30)), noise: between(random, 6, 12) };
    case 'low-light':
      return { lowLight: between(random, 0.5, 0.65), noise: between(random, 4, 8) };
    case 'finger':
      return {
        finger: (['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const)[Math.floor(random() * 4)],
      };
    case 'combined':
      return {
        rotationDeg: sign * between(random, 2, 8),
        perspective: between(random, 0, 0.08),
        blurSigma: between(random, 0.5, 1.2),
        noise: between(random, 3, 8),
        jpegQuality: Math.round(between(random, 35, 70)),
        lowLight: between(random, 0, 0.4),
      };
    case 'upside-down':
      return { rotationDeg: 180 + sign * between(random, 0, 6) };
    case 'unreadable':
      return { blurSigma: between(random, 5, 7), lowLight: 0.75, noise: 4, jpegQuality: 30 };
  }
}

export interface SceneOptions {
  degradation?: Degradation;
  card?: CardFrontOptions;
  /** Which camera frame: frames differ by a small shift and their noise. */
  frameIndex?: number;
  seed?: number;
}

function sceneSvg(person: CardFacePerson, options: SceneOptions, random: () => number): string {
  const degradation = options.degradation ?? {};
  const shiftX = (random() - 0.5) * 40 + (options.frameIndex ?? 0) * 3;
  const shiftY = (random() - 0.5) * 30 - (options.frameIndex ?? 0) * 2;
  const left = (SCENE_WIDTH - CARD_WIDTH) / 2 + shiftX;
  const top = (SCENE_HEIGHT - CARD_HEIGHT) / 2 + shiftY;
  const rotation = degradation.rotationDeg ?? 0;
  const glare = degradation.glare
    ? `<ellipse cx="${degradation.glare.x}" cy="${degradation.glare.y}" rx="${degradation.glare.radius * 1.5}" ry="${degradation.glare.radius}" fill="url(#glare)" opacity="${degradation.glare.strength}"/>`
    : '';
  const finger = degradation.finger ? fingerSvg(degradation.finger) : '';
  const dark = degradation.lowLight
    ? `<rect width="${SCENE_WIDTH}" height="${SCENE_HEIGHT}" fill="#000" opacity="${degradation.lowLight}"/>`
    : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SCENE_WIDTH}" height="${SCENE_HEIGHT}" font-family="Noto Sans CJK JP">`,
    SVG_DEFS,
    traySvg(options.card?.style ?? CLASSIC_STYLE, random),
    `<g transform="translate(${left} ${top}) rotate(${rotation} ${CARD_WIDTH / 2} ${CARD_HEIGHT / 2})">`,
    cardFrontGroup(person, options.card),
    glare,
    finger,
    `</g>`,
    dark,
    `</svg>`,
  ].join('');
}

/** The card tray: flat, or a texture (wood grain, woven fabric, speckles, stripes) in the tray's colour. */
function traySvg(style: CardStyle, random: () => number): string {
  const base = `<rect width="${SCENE_WIDTH}" height="${SCENE_HEIGHT}" fill="${style.trayColour}"/>`;
  const marks: string[] = [];
  switch (style.tray) {
    case 'flat':
      break;
    case 'wood':
      for (let i = 0; i < 60; i += 1) {
        const y = random() * SCENE_HEIGHT;
        const tone = random() < 0.5 ? '#000' : '#fff';
        marks.push(
          `<path d="M0 ${y.toFixed(0)} C 400 ${(y + (random() - 0.5) * 60).toFixed(0)}, 800 ${(y + (random() - 0.5) * 60).toFixed(0)}, ${SCENE_WIDTH} ${y.toFixed(0)}" stroke="${tone}" stroke-opacity="${(0.05 + random() * 0.12).toFixed(2)}" stroke-width="${(1 + random() * 5).toFixed(1)}" fill="none"/>`,
        );
      }
      break;
    case 'fabric':
      for (let x = 0; x < SCENE_WIDTH; x += 6) {
        marks.push(
          `<path d="M${x} 0 V ${SCENE_HEIGHT}" stroke="#fff" stroke-opacity="0.07" stroke-width="2"/>`,
        );
      }
      for (let y = 0; y < SCENE_HEIGHT; y += 6) {
        marks.push(
          `<path d="M0 ${y} H ${SCENE_WIDTH}" stroke="#000" stroke-opacity="0.12" stroke-width="2"/>`,
        );
      }
      break;
    case 'speckle':
      for (let i = 0; i < 900; i += 1) {
        marks.push(
          `<circle cx="${(random() * SCENE_WIDTH).toFixed(0)}" cy="${(random() * SCENE_HEIGHT).toFixed(0)}" r="${(1 + random() * 3).toFixed(1)}" fill="${random() < 0.5 ? '#fff' : '#000'}" fill-opacity="${(0.1 + random() * 0.25).toFixed(2)}"/>`,
        );
      }
      break;
    case 'stripes':
      for (let x = -SCENE_HEIGHT; x < SCENE_WIDTH; x += 28) {
        marks.push(
          `<path d="M${x} ${SCENE_HEIGHT} L ${x + SCENE_HEIGHT} 0" stroke="#fff" stroke-opacity="0.1" stroke-width="12"/>`,
        );
      }
      break;
  }
  return base + marks.join('');
}

function fingerSvg(corner: NonNullable<Degradation['finger']>): string {
  const x = corner.endsWith('left') ? -10 : CARD_WIDTH + 10;
  const y = corner.startsWith('top') ? -10 : CARD_HEIGHT + 10;
  const angle = corner === 'top-left' || corner === 'bottom-right' ? 45 : -45;
  return `<ellipse cx="${x}" cy="${y}" rx="150" ry="70" fill="#c99478" transform="rotate(${angle} ${x} ${y})"/>`;
}

/** Keystone: the top edge of the scene shrinks towards the centre by `strength`. */
function applyPerspective(rgba: Buffer, width: number, height: number, strength: number): Buffer {
  const out = Buffer.alloc(rgba.length);
  const cx = width / 2;
  for (let y = 0; y < height; y += 1) {
    // Scale of this row: 1 - strength at the top, 1 at the bottom; rows squeeze a little too.
    const rowScale = 1 - strength * (1 - y / height);
    const sourceY = Math.min(
      height - 1,
      Math.round(y * (1 - strength / 4) + (strength / 4) * height * (y / height)),
    );
    for (let x = 0; x < width; x += 1) {
      const sourceX = Math.round(cx + (x - cx) / rowScale);
      const target = (y * width + x) * 4;
      if (sourceX < 0 || sourceX >= width) {
        out[target] = 0x34;
        out[target + 1] = 0x38;
        out[target + 2] = 0x3c;
        out[target + 3] = 255;
        continue;
      }
      const source = (sourceY * width + sourceX) * 4;
      out[target] = rgba[source]!;
      out[target + 1] = rgba[source + 1]!;
      out[target + 2] = rgba[source + 2]!;
      out[target + 3] = 255;
    }
  }
  return out;
}

function addNoise(rgba: Buffer, sigma: number, random: () => number): void {
  for (let i = 0; i < rgba.length; i += 4) {
    // Box–Muller; the same noise on the three channels, like sensor luminance noise.
    const gaussian = Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());
    const delta = gaussian * sigma;
    for (let c = 0; c < 3; c += 1) {
      rgba[i + c] = Math.max(0, Math.min(255, rgba[i + c]! + delta));
    }
  }
}

/** Renders the tray scene as an encoded image (PNG, or JPEG when the degradation asks for it). */
export async function renderCardScene(person: CardFacePerson, options: SceneOptions = {}): Promise<Buffer> {
  const seed = options.seed ?? 1;
  const random = seededRandom(seed * 7919 + (options.frameIndex ?? 0));
  const geometryRandom = seededRandom(seed);
  const degradation = options.degradation ?? {};
  const svg = sceneSvg(person, options, geometryRandom);
  const rendered = new Resvg(svg, {
    // fontFiles, not fontBuffers: buffers are passed through JSON and cost seconds per render.
    font: { fontFiles: ALL_FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK JP' },
  }).render();
  let rgba: Buffer = Buffer.from(rendered.pixels);
  const { width, height } = rendered;
  if (degradation.perspective) rgba = applyPerspective(rgba, width, height, degradation.perspective);
  let image = sharp(rgba, { raw: { width, height, channels: 4 } });
  if (degradation.blurSigma && degradation.blurSigma >= 0.3) image = image.blur(degradation.blurSigma);
  if (degradation.noise) {
    const blurred = await image.raw().toBuffer();
    addNoise(blurred, degradation.noise, random);
    image = sharp(blurred, { raw: { width, height, channels: 4 } });
  }
  image = image.removeAlpha();
  return degradation.jpegQuality
    ? image.jpeg({ quality: degradation.jpegQuality, chromaSubsampling: '4:2:0' }).toBuffer()
    : image.png({ compressionLevel: 3 }).toBuffer();
}

/** The photo as a data URI for the card's photo area. */
export function photoDataUri(file: string): string {
  const bytes = readFileSync(file);
  const type = bytes[0] === 0x89 ? 'image/png' : 'image/jpeg';
  return `data:${type};base64,${bytes.toString('base64')}`;
}
