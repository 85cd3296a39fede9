// The printed front of a My Number card as SVG, in the real card's layout (card.md §4): name,
// address, era birth date + 「生」, sex, expiry + 「まで有効」, the issuer, the photo area with the
// 16-character code and the 4-digit security code under it, and the distractors a real card carries
// (the e-certificate expiry write-in, era dates in the 追記欄, the pearl-ink mark top right).
import { formatEraDate, formatWesternDate, toEraDate, type CalendarDate } from '../../electron/card-face/era';
import type { CardFacePerson } from './persons';

/** Card size in SVG units: ID-1 (85.60 × 53.98 mm) at about 11.7 px/mm. */
export const CARD_WIDTH = 1000;
export const CARD_HEIGHT = 630;

export interface CardFrontOptions {
  /** Data URI of the photo (JPEG/PNG), or undefined for a grey placeholder. */
  photoDataUri?: string;
  /** A date written in the e-certificate expiry box (a Western-year distractor). */
  certificateExpiry?: CalendarDate;
  /** An entry in the 追記欄 (an era-date distractor without 「生」). */
  endorsement?: { date: CalendarDate; text: string };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.codePointAt(0)};`);
}

export function printedBirthDate(person: CardFacePerson): string {
  if (person.birthCalendar === 'western') return `${formatWesternDate(person.birthDate)}生`;
  const eraDate = toEraDate(person.birthDate);
  if (!eraDate) throw new Error('birth date before the Meiji era cannot be printed');
  return `${formatEraDate(eraDate)}生`;
}

function guilloche(): string {
  const lines: string[] = [];
  for (let i = 0; i < 14; i += 1) {
    const y = 40 + i * 42;
    lines.push(
      `<path d="M0 ${y} C 250 ${y - 30}, 500 ${y + 30}, 1000 ${y}" stroke="#efc9cc" stroke-width="1.2" fill="none"/>`,
    );
  }
  return lines.join('');
}

/** The card front alone, CARD_WIDTH × CARD_HEIGHT, as an SVG fragment (a <g>). */
export function cardFrontGroup(person: CardFacePerson, options: CardFrontOptions = {}): string {
  const text = (x: number, y: number, size: number, content: string, extra = ''): string =>
    `<text x="${x}" y="${y}" font-size="${size}" ${extra.includes('fill=') ? extra : `fill="#1a1a1a" ${extra}`}>${escapeXml(content)}</text>`;
  const sex = person.sex === 'female' ? '女' : '男';
  const photo = options.photoDataUri
    ? `<image x="700" y="120" width="255" height="320" preserveAspectRatio="xMidYMid slice" href="${options.photoDataUri}"/>`
    : `<rect x="700" y="120" width="255" height="320" fill="#b9b4b4"/><ellipse cx="827" cy="240" rx="70" ry="88" fill="#8f8a8a"/><rect x="727" y="330" width="200" height="110" rx="60" fill="#8f8a8a"/>`;
  const certificate = options.certificateExpiry
    ? text(60, 486, 24, formatWesternDate(options.certificateExpiry))
    : '';
  const endorsement = options.endorsement
    ? (() => {
        const eraDate = toEraDate(options.endorsement.date);
        return eraDate ? text(60, 560, 20, `${formatEraDate(eraDate)} ${options.endorsement.text}`) : '';
      })()
    : '';
  return [
    `<g>`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" rx="34" fill="#fbeaea"/>`,
    guilloche(),
    text(40, 56, 26, '個人番号カード', 'fill="#b23a48"'),
    // The pearl-ink mark top right: a sheen hotspot is normal there.
    `<circle cx="930" cy="62" r="38" fill="url(#pearl)"/>`,
    text(40, 120, 20, '氏名'),
    text(100, 124, 44, person.name),
    text(40, 186, 20, '住所'),
    text(100, 188, 28, person.address.slice(0, 20)),
    person.address.length > 20 ? text(100, 226, 28, person.address.slice(20)) : '',
    text(100, 290, 32, printedBirthDate(person)),
    text(470, 290, 20, '性別'),
    text(520, 290, 32, sex),
    `<rect x="36" y="318" width="610" height="64" fill="#f7d6d9" stroke="#c46d77" stroke-width="2"/>`,
    text(60, 362, 32, `${formatWesternDate(person.cardExpiry)}まで有効`),
    `<rect x="36" y="400" width="400" height="100" fill="none" stroke="#c46d77" stroke-width="1.5"/>`,
    text(46, 424, 16, '電子証明書の有効期限'),
    certificate,
    text(470, 470, 26, '霞が関区長'),
    `<rect x="36" y="520" width="610" height="56" fill="none" stroke="#c46d77" stroke-width="1" stroke-dasharray="4 4"/>`,
    text(46, 536, 12, '追記欄'),
    endorsement,
    text(40, 604, 14, '臓器提供意思　1. 2. 3. 《1.心臓 2.肺 3.肝臓 4.腎臓》'),
    photo,
    text(666, 488, 26, person.manufacturingCode, 'font-family="Noto Sans Mono CJK JP"'),
    text(908, 488, 30, person.securityCode, 'font-family="Noto Sans Mono CJK JP"'),
    `</g>`,
  ].join('');
}

export const SVG_DEFS = `<defs>
<radialGradient id="pearl"><stop offset="0" stop-color="#ffffff"/><stop offset="0.6" stop-color="#e9d9f5"/><stop offset="1" stop-color="#c8e7f2"/></radialGradient>
<radialGradient id="glare"><stop offset="0" stop-color="#ffffff" stop-opacity="0.97"/><stop offset="0.55" stop-color="#ffffff" stop-opacity="0.6"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/></radialGradient>
</defs>`;
