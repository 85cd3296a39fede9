// The people whose card fronts the simulated world prints: the shared fixture persons in
// sim/fixtures/persons/*.json when they exist, and random persons for the benchmark.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SIMULATED_WORLD_START, localDate } from '../../electron/clock';
import { isRealDate, parseIsoDate, type CalendarDate } from '../../electron/card-face/era';
import { loadPerson } from '../card/person';

export interface CardFacePerson {
  id: string;
  name: string;
  address: string;
  birthDate: CalendarDate;
  sex: 'male' | 'female';
  cardExpiry: CalendarDate;
  securityCode: string;
  /** The 16-character code printed beside the security code (a distractor for the reader). */
  manufacturingCode: string;
  /** Foreign residents' cards print the birth date in Western years. */
  birthCalendar: 'era' | 'western';
  /** Absolute path of the card photo, or undefined for a placeholder. */
  photoFile?: string;
}

export const DEFAULT_PERSONS_DIR = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../fixtures/persons',
);

/** A small deterministic PRNG so a seed reproduces a card and its degradations. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashSeed(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619);
  return hash >>> 0;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function randomManufacturingCode(random: () => number): string {
  const alphabet = '0123456789ABCDEF';
  let code = '';
  for (let i = 0; i < 16; i += 1) code += pick(random, [...alphabet]);
  return code;
}

/**
 * Reads one fixture person. Returns undefined for a person without a printed card front
 * (smartphone tokens).
 */
export function personFromFixture(file: string): CardFacePerson | undefined {
  const person = loadPerson(file);
  const birthDate = parseIsoDate(person.birthDate);
  const cardExpiry = parseIsoDate(person.cardExpiry);
  if (person.token !== 'card' || !birthDate || !cardExpiry) return undefined;
  const photoFile = person.photo ? path.resolve(path.dirname(file), person.photo) : undefined;
  return {
    id: person.id,
    name: person.name,
    address: person.address,
    birthDate,
    sex: person.sex,
    cardExpiry,
    securityCode: person.securityCode,
    manufacturingCode: randomManufacturingCode(seededRandom(hashSeed(person.id))),
    birthCalendar: person.foreignResident ? 'western' : 'era',
    photoFile: photoFile && existsSync(photoFile) ? photoFile : undefined,
  };
}

export function loadFixturePersons(dir = DEFAULT_PERSONS_DIR): CardFacePerson[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => personFromFixture(path.join(dir, name)))
    .filter((person): person is CardFacePerson => person !== undefined);
}

const FAMILY = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤'];
const GIVEN = ['太郎', '花子', '一郎', '健', '美智子', '真司', '五郎', '瞳', '陽菜', '蓮', '結衣'];
const PLACES = [
  '東京都千代田区霞が関一丁目',
  '大阪府大阪市北区中之島一丁目',
  '神奈川県横浜市中区日本大通',
  '愛知県名古屋市中区三の丸三丁目',
  '福岡県福岡市中央区天神一丁目',
  '北海道札幌市中央区北一条西二丁目',
];
const FOREIGN = ['GARCIA MARIA', 'NGUYEN VAN AN', 'SILVA JOAO', 'KIM MINJUN', 'WANG FANG'];

/**
 * A random person whose card is valid on `today` (the simulated world's day by default): expiry on the 10th (or, under 18, the 5th) birthday
 * after an issue date within the card's life, as card.md §4 describes.
 */
export function randomPerson(
  random: () => number,
  options: { today?: CalendarDate; foreignShare?: number } = {},
): CardFacePerson {
  const today = options.today ?? parseIsoDate(localDate(Date.parse(SIMULATED_WORLD_START)))!;
  const foreign = random() < (options.foreignShare ?? 0);
  let birthDate: CalendarDate;
  do {
    birthDate = {
      year: today.year - 1 - Math.floor(random() * 95),
      month: 1 + Math.floor(random() * 12),
      day: 1 + Math.floor(random() * 31),
    };
  } while (!isRealDate(birthDate));
  const age = today.year - birthDate.year;
  const lifeYears = age < 23 ? 5 : 10;
  let expiryYear = today.year + Math.floor(random() * lifeYears);
  if (expiryYear - birthDate.year < 5) expiryYear = birthDate.year + 5;
  const cardExpiry = isRealDate({ ...birthDate, year: expiryYear })
    ? { ...birthDate, year: expiryYear }
    : { year: expiryYear, month: 2, day: 28 };
  const id = `random-${Math.floor(random() * 1e9)}`;
  return {
    id,
    name: foreign ? pick(random, FOREIGN) : `${pick(random, FAMILY)}\u3000${pick(random, GIVEN)}`,
    address: `${pick(random, PLACES)}${1 + Math.floor(random() * 30)}番${1 + Math.floor(random() * 20)}号`,
    birthDate,
    sex: random() < 0.5 ? 'male' : 'female',
    cardExpiry,
    securityCode: String(Math.floor(random() * 10_000)).padStart(4, '0'),
    manufacturingCode: randomManufacturingCode(random),
    birthCalendar: foreign ? 'western' : 'era',
  };
}
