// Benchmark of the card-face reader, per layout family and in total.
//   flock /tmp/uketsuke-bench.lock npm run bench:card-face -- --count N [--seed S] [--families dev|held-out|all|NAME,…]
//       [--variant NAME] [--foreign-share 0.05] [--engine paddle|tesseract] [--verbose] [--dump DIR]
//     N generated card faces (random persons, layout families in turn, random degradations, two
//     camera frames each).
//   npm run bench:card-face -- --images DIR
//     Card-face images made elsewhere: DIR/labels.csv with file,birth_yymmdd,expiry_yyyy,security_code[,readable]
//     (one image per card, so the two reads are two differently prepared reads of it; the chip's
//     expiry year for the gate is the label's; readable=0 marks a face a correct reader must refuse).
// Every figure is a share of the row's cards: correct (read right), wrong_verify (read wrong, of any
// kind: it would spend a try), policy_refused (Western-dated, refused under the default policy),
// unreadable (made unreadable on purpose and refused), refused (every other refusal). The rows add
// up to 1. era_readable_correct is the share of readable era-dated cards read right at the first
// placement. ms_per_card is the reader's time (decode, flatten, OCR, gate; not rendering);
// ms_unreadable the same for the unreadable cards alone. The last line is one JSON object.
// --dump DIR writes the camera frames of every era-dated readable card not read right, for looking
// at while developing; it refuses held-out families, which must stay unseen, and --images (photos
// made elsewhere may show real cards: this tool copies none).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SIMULATED_WORLD_START, simulatedClock, systemClock } from '../electron/clock';
import { birthYymmdd } from '../electron/card-face/collation-number';
import { cardFaceConfigSchema, defaultCardFaceConfig } from '../electron/card-face/config';
import { toEraDate, type CalendarDate } from '../electron/card-face/era';
import { japanToday, startOcrEngine } from '../electron/card-face/index';
import { CardFaceReader } from '../electron/card-face/reader';
import { DEV_FAMILIES, HELD_OUT_FAMILIES, LAYOUT_FAMILIES, drawCardStyle } from '../sim/card-face/layouts';
import { randomPerson, seededRandom, type CardFacePerson } from '../sim/card-face/persons';
import { VARIANT_NAMES, type VariantName } from '../sim/card-face/render';
import { VirtualCardScanner } from '../sim/card-face/virtual-scanner';

type Kind = 'era' | 'western' | 'unreadable';

interface BenchCard {
  family: string;
  variant: string;
  kind: Kind;
  frames: () => Promise<Uint8Array[]>;
  expected: string | undefined;
  chipExpiryYear: number;
}

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
    families: { type: 'string', default: 'all' },
    variant: { type: 'string' },
    images: { type: 'string' },
    engine: { type: 'string', default: 'paddle' },
    'foreign-share': { type: 'string', default: '0.05' },
    verbose: { type: 'boolean', default: false },
    dump: { type: 'string' },
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

function selectedFamilies(spec: string): string[] {
  if (spec === 'all') return LAYOUT_FAMILIES.map((family) => family.name);
  if (spec === 'dev') return DEV_FAMILIES;
  if (spec === 'held-out') return HELD_OUT_FAMILIES;
  return spec.split(',').map((name) => name.trim());
}

function expectedDigits(person: CardFacePerson): string | undefined {
  const birth =
    person.birthCalendar === 'era'
      ? { calendar: 'era' as const, ...toEraDate(person.birthDate)! }
      : { calendar: 'western' as const, ...person.birthDate };
  const yymmdd = birthYymmdd(birth, defaultCardFaceConfig.westernBirthDate);
  return yymmdd && `${yymmdd}${person.cardExpiry.year}${person.securityCode}`;
}

function generatedCards(count: number, seed: number, families: string[], today: CalendarDate) {
  const random = seededRandom(seed);
  const scanner = new VirtualCardScanner();
  const foreignShare = Number(values['foreign-share']);
  return Array.from({ length: count }, (_, index): BenchCard => {
    const family = families[index % families.length]!;
    const person = randomPerson(random, { foreignShare, today });
    const variant = (values.variant as VariantName | undefined) ?? weightedVariant(random);
    const cardSeed = seed * 100_003 + index;
    const distractors = seededRandom(cardSeed);
    const card = {
      style: drawCardStyle(family, cardSeed),
      certificateExpiry:
        distractors() < 0.6 ? { ...person.cardExpiry, year: person.cardExpiry.year - 5 } : undefined,
      endorsement:
        distractors() < 0.4 ? { date: { year: 2021, month: 6, day: 1 }, text: '住所変更' } : undefined,
    };
    return {
      family,
      variant,
      kind: variant === 'unreadable' ? 'unreadable' : person.birthCalendar === 'western' ? 'western' : 'era',
      expected: expectedDigits(person),
      chipExpiryYear: person.cardExpiry.year,
      frames: () => {
        scanner.place({ person, variant, seed: cardSeed, card });
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
  const readable = header.indexOf('readable');
  const family = header.indexOf('family');
  return lines.map((line) => {
    const cells = line.split(',');
    const western = cells[file!]!.includes('western') || cells[file!]!.startsWith('garcia');
    const unreadable = readable >= 0 && cells[readable]?.trim() === '0';
    return {
      family: family >= 0 && cells[family] ? cells[family]! : 'images',
      variant: 'image',
      kind: unreadable ? 'unreadable' : western ? 'western' : 'era',
      expected: `${cells[birth!]}${cells[expiry!]}${cells[code!]}`,
      chipExpiryYear: Number(cells[expiry!]),
      frames: async () => [new Uint8Array(readFileSync(path.join(dir, cells[file!]!)))],
    };
  });
}

interface Tally {
  cards: number;
  correct: number;
  refused: number;
  wrong: number;
  policy: number;
  unreadable: number;
  eraReadable: number;
  eraCorrect: number;
  ms: number;
  unreadableMs: number;
}

const emptyTally = (): Tally => ({
  cards: 0,
  correct: 0,
  refused: 0,
  wrong: 0,
  policy: 0,
  unreadable: 0,
  eraReadable: 0,
  eraCorrect: 0,
  ms: 0,
  unreadableMs: 0,
});

// Generated cards live on the simulated world's day; images made elsewhere on today's.
const clock = values.images ? systemClock() : simulatedClock(SIMULATED_WORLD_START);
const today = japanToday(clock);
const cards = values.images
  ? imageCards(values.images)
  : generatedCards(Number(values.count), Number(values.seed), selectedFamilies(values.families), today());

if (values.dump && values.images) {
  // Images made elsewhere may be photos of real cards: never copied anywhere by this tool.
  console.error('--dump is for generated cards; the --images files are already where you keep them');
  process.exit(2);
}
if (values.dump) {
  const seen = [...new Set(cards.map((card) => card.family))].filter((family) =>
    HELD_OUT_FAMILIES.includes(family),
  );
  if (seen.length) {
    console.error(`--dump would show held-out families (${seen.join(', ')}); pick dev families`);
    process.exit(2);
  }
  mkdirSync(values.dump, { recursive: true });
}

const config = cardFaceConfigSchema.parse({ ocrEngine: values.engine });
const ocr = await startOcrEngine(config);
const reader = new CardFaceReader(ocr, config, today);
const rows = new Map<string, Tally>();
const total = emptyTally();
const loadBefore = loadavg();
const heldOut = new Set(HELD_OUT_FAMILIES);
for (const [index, card] of cards.entries()) {
  const frames = await card.frames();
  const started = performance.now();
  const result = await reader.read(frames, { expiryYear: card.chipExpiryYear });
  const ms = performance.now() - started;
  const group = values.images ? undefined : heldOut.has(card.family) ? 'held-out (all)' : 'dev (all)';
  const targets = [
    total,
    ...[card.family, group]
      .filter((key): key is string => !!key)
      .map((key) => {
        const row = rows.get(key) ?? emptyTally();
        rows.set(key, row);
        return row;
      }),
  ];
  const read = result.ok ? result.collationNumber.reveal() : undefined;
  if (result.ok) result.collationNumber.drop();
  for (const row of targets) {
    row.cards += 1;
    row.ms += ms;
    if (card.kind === 'era') row.eraReadable += 1;
    if (read !== undefined && read === card.expected) {
      row.correct += 1;
      if (card.kind === 'era') row.eraCorrect += 1;
    } else if (read !== undefined) row.wrong += 1;
    else if (card.kind === 'western' && !result.ok && result.refusal === 'western-date-unsupported')
      row.policy += 1;
    else if (card.kind === 'unreadable') {
      row.unreadable += 1;
      row.unreadableMs += ms;
    } else row.refused += 1;
  }
  if (values.dump && card.kind === 'era' && read !== card.expected) {
    for (const [n, frame] of frames.entries()) {
      const extension = frame[0] === 0xff ? 'jpg' : 'png';
      writeFileSync(
        path.join(values.dump, `${index}-${card.family}-${card.variant}-${n}.${extension}`),
        frame,
      );
    }
  }
  if (values.verbose) {
    const outcome = result.ok ? (read === card.expected ? 'read' : 'WRONG') : result.refusal;
    console.log(
      index,
      card.family,
      card.variant,
      card.kind,
      outcome,
      result.readsMade,
      (result.readOutcomes ?? []).join(','),
      Math.round(ms),
    );
  }
}
await ocr.terminate();
const loadAfter = loadavg();

const share = (value: number, of: number): number => (of ? Math.round((value / of) * 1000) / 1000 : 0);
function figures(row: Tally) {
  return {
    cards: row.cards,
    correct: share(row.correct, row.cards),
    refused: share(row.refused, row.cards),
    wrong_verify: share(row.wrong, row.cards),
    policy_refused: share(row.policy, row.cards),
    unreadable: share(row.unreadable, row.cards),
    era_readable_correct: share(row.eraCorrect, row.eraReadable),
    ms_per_card: row.cards ? Math.round(row.ms / row.cards) : 0,
    ms_unreadable: row.unreadable ? Math.round(row.unreadableMs / row.unreadable) : 0,
  };
}
const families = [...rows.keys()].sort((a, b) => {
  const rank = (name: string) => (name.endsWith('(all)') ? 2 : heldOut.has(name) ? 1 : 0);
  return rank(a) - rank(b) || a.localeCompare(b);
});
console.log(`engine ${values.engine}; held out of development: ${HELD_OUT_FAMILIES.join(', ')}`);
for (const name of families) {
  const f = figures(rows.get(name)!);
  console.log(
    `${name.padEnd(22)} cards ${String(f.cards).padStart(4)}  correct ${f.correct.toFixed(3)}  refused ${f.refused.toFixed(3)}  wrong_verify ${f.wrong_verify.toFixed(3)}  policy_refused ${f.policy_refused.toFixed(3)}  unreadable ${f.unreadable.toFixed(3)}  era_readable_correct ${f.era_readable_correct.toFixed(3)}  ms_per_card ${f.ms_per_card}  ms_unreadable ${f.ms_unreadable}`,
  );
}
const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');
console.log(`load average before ${load(loadBefore)}, after ${load(loadAfter)}`);
console.log(JSON.stringify({ ...figures(total), engine: values.engine, load_average: loadAfter[0] }));
