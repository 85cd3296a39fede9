// Benchmark of the card-face reader.
//   npm run bench:card-face -- --count N [--seed S] [--variant NAME] [--foreign-share 0.05]
//     N generated card faces (random persons, random degradations, two camera frames each).
//   npm run bench:card-face -- --images DIR
//     Card-face images made elsewhere: DIR/labels.csv with file,birth_yymmdd,expiry_yyyy,security_code
//     (one image per card, so the two reads are two differently prepared reads of it; the chip's
//     expiry year for the gate is the label's).
// Prints one line per card class, then one JSON line: {"cards","correct","refused","wrong_verify","ms_per_card"}
// (shares of the cards; ms_per_card is the reader's time — decode, flatten, OCR, gate — not rendering).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { birthYymmdd } from '../electron/card-face/collation-number';
import { defaultCardFaceConfig } from '../electron/card-face/config';
import { toEraDate, todayUtc } from '../electron/card-face/era';
import { createTesseractCardFaceOcr } from '../electron/card-face/ocr';
import { CardFaceReader } from '../electron/card-face/reader';
import { randomPerson, seededRandom, type CardFacePerson } from '../sim/card-face/persons';
import { VARIANT_NAMES, type VariantName } from '../sim/card-face/render';
import { VirtualCardScanner } from '../sim/card-face/virtual-scanner';

interface BenchCard {
  label: string;
  frames: () => Promise<Uint8Array[]>;
  expected: string | undefined;
  chipExpiryYear: number;
}

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    variant: { type: 'string' },
    images: { type: 'string' },
    'foreign-share': { type: 'string', default: '0.05' },
    verbose: { type: 'boolean', default: false },
  },
});

// How often each degradation appears among generated cards ('unreadable' checks refusals).
const VARIANT_WEIGHTS: Record<VariantName, number> = {
  clean: 1,
  rotate: 1,
  perspective: 1,
  blur: 1,
  glare: 1,
  jpeg: 1,
  'low-light': 1,
  finger: 1,
  combined: 2,
  'upside-down': 0.5,
  unreadable: 0.5,
};

function weightedVariant(random: () => number): VariantName {
  const total = Object.values(VARIANT_WEIGHTS).reduce((sum, weight) => sum + weight, 0);
  let point = random() * total;
  for (const name of VARIANT_NAMES) {
    point -= VARIANT_WEIGHTS[name];
    if (point <= 0) return name;
  }
  return 'clean';
}

function expectedDigits(person: CardFacePerson): string | undefined {
  const birth =
    person.birthCalendar === 'era'
      ? { calendar: 'era' as const, ...toEraDate(person.birthDate)! }
      : { calendar: 'western' as const, ...person.birthDate };
  const yymmdd = birthYymmdd(birth, defaultCardFaceConfig.westernBirthDate);
  return yymmdd && `${yymmdd}${person.cardExpiry.year}${person.securityCode}`;
}

function generatedCards(count: number, seed: number, variant: VariantName | undefined): BenchCard[] {
  const random = seededRandom(seed);
  const scanner = new VirtualCardScanner();
  const foreignShare = Number(values['foreign-share']);
  return Array.from({ length: count }, (_, index) => {
    const person = randomPerson(random, { foreignShare });
    const chosen = variant ?? weightedVariant(random);
    const cardSeed = seed * 100_003 + index;
    const distractors = seededRandom(cardSeed);
    const card = {
      certificateExpiry:
        distractors() < 0.5 ? { ...person.cardExpiry, year: person.cardExpiry.year - 5 } : undefined,
      endorsement:
        distractors() < 0.3 ? { date: { year: 2021, month: 6, day: 1 }, text: '住所変更' } : undefined,
    };
    return {
      label: person.birthCalendar === 'western' ? `${chosen} (western)` : chosen,
      expected: expectedDigits(person),
      chipExpiryYear: person.cardExpiry.year,
      frames: () => {
        scanner.place({ person, variant: chosen, seed: cardSeed, card });
        return scanner.captureFrames(defaultCardFaceConfig.framesPerScan);
      },
    };
  });
}

function imageCards(dir: string): BenchCard[] {
  const lines = readFileSync(path.join(dir, 'labels.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines.shift()?.split(',') ?? [];
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`labels.csv lacks the column ${name}`);
    return index;
  };
  const [file, birth, expiry, code] = ['file', 'birth_yymmdd', 'expiry_yyyy', 'security_code'].map(column);
  return lines.map((line) => {
    const cells = line.split(',');
    const expiryYear = Number(cells[expiry!]);
    return {
      label: 'images',
      expected: `${cells[birth!]}${cells[expiry!]}${cells[code!]}`,
      chipExpiryYear: expiryYear,
      frames: async () => [new Uint8Array(readFileSync(path.join(dir, cells[file!]!)))],
    };
  });
}

const cards = values.images
  ? imageCards(values.images)
  : generatedCards(Number(values.count), Number(values.seed), values.variant as VariantName | undefined);

const ocr = await createTesseractCardFaceOcr();
const reader = new CardFaceReader(ocr, defaultCardFaceConfig, todayUtc);
const tally = new Map<string, { cards: number; correct: number; refused: number; wrong: number }>();
let correct = 0;
let refused = 0;
let wrong = 0;
let readerMs = 0;
for (const card of cards) {
  const frames = await card.frames();
  const started = performance.now();
  const result = await reader.read(frames, { expiryYear: card.chipExpiryYear });
  readerMs += performance.now() - started;
  const row = tally.get(card.label) ?? { cards: 0, correct: 0, refused: 0, wrong: 0 };
  tally.set(card.label, row);
  row.cards += 1;
  if (values.verbose)
    console.log(cards.indexOf(card), card.label, result.ok ? 'read' : result.refusal, result.readsMade);
  if (!result.ok) {
    refused += 1;
    row.refused += 1;
  } else if (result.collationNumber.reveal() === card.expected) {
    correct += 1;
    row.correct += 1;
  } else {
    wrong += 1;
    row.wrong += 1;
  }
}
await ocr.terminate();

for (const [label, row] of [...tally.entries()].sort()) {
  console.log(
    `${label.padEnd(20)} cards ${String(row.cards).padStart(4)}  correct ${String(row.correct).padStart(4)}  refused ${String(row.refused).padStart(4)}  wrong_verify ${row.wrong}`,
  );
}
const share = (value: number): number =>
  cards.length ? Math.round((value / cards.length) * 1000) / 1000 : 0;
console.log(
  JSON.stringify({
    cards: cards.length,
    correct: share(correct),
    refused: share(refused),
    wrong_verify: share(wrong),
    ms_per_card: cards.length ? Math.round(readerMs / cards.length) : 0,
  }),
);
