// The printed front of a My Number card as SVG, with the fields card.md §4 names: name, address,
// era birth date + 「生」, sex, expiry + 「まで有効」, the issuer, the photo area with the
// 16-character code and the 4-digit security code under it, and the distractors a real card carries
// (the e-certificate expiry write-in, era dates in the 追記欄, the pearl-ink mark top right).
// Where the fields sit, fonts, sizes and background come from a CardStyle (layouts.ts): the real
// layout is not published, so the simulator varies it.
import { toEraDate, ERA_KANJI, type CalendarDate } from '../../electron/card-face/era';
import { CLASSIC_STYLE, type CardStyle, type Padding } from './layouts';
import type { CardFacePerson } from './persons';

/** Card size in SVG units: ID-1 (85.60 × 53.98 mm) at about 11.7 px/mm. */
export const CARD_WIDTH = 1000;
export const CARD_HEIGHT = 630;

export interface CardFrontOptions {
  /** Data URI of the photo (JPEG/PNG); without it a face style prints a silhouette. */
  photoDataUri?: string;
  /** A date written in the e-certificate expiry box (a Western-year distractor). */
  certificateExpiry?: CalendarDate;
  /** An entry in the 追記欄 (an era-date distractor without 「生」). */
  endorsement?: { date: CalendarDate; text: string };
  /** The layout and look; the simulated world's classic front by default. */
  style?: CardStyle;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.codePointAt(0)};`);
}

function fullWidth(text: string): string {
  return text.replace(/[0-9]/g, (digit) => String.fromCodePoint(0xff10 + Number(digit)));
}

function padded(value: number, padding: Padding): string {
  if (value >= 10 || padding === 'none') return String(value);
  return padding === 'zero' ? `0${value}` : ` ${value}`;
}

export interface DateLook {
  padding: Padding;
  fullWidthDigits: boolean;
}

const DEFAULT_LOOK: DateLook = { padding: 'space', fullWidthDigits: false };

export function printedEraDate(date: CalendarDate, look: DateLook = DEFAULT_LOOK): string {
  const eraDate = toEraDate(date);
  if (!eraDate) throw new Error('a date before the Meiji era cannot be printed');
  const year =
    eraDate.eraYear === 1 ? '元' : padded(eraDate.eraYear, look.padding === 'zero' ? 'none' : look.padding);
  const text = `${ERA_KANJI[eraDate.era]}${year}年${padded(date.month, look.padding)}月${padded(date.day, look.padding)}日`;
  return look.fullWidthDigits ? fullWidth(text) : text;
}

export function printedWesternDate(date: CalendarDate, look: DateLook = DEFAULT_LOOK): string {
  const text = `${date.year}年${padded(date.month, look.padding)}月${padded(date.day, look.padding)}日`;
  return look.fullWidthDigits ? fullWidth(text) : text;
}

export function printedBirthDate(person: CardFacePerson, look: DateLook = DEFAULT_LOOK): string {
  if (person.birthCalendar === 'western') return `${printedWesternDate(person.birthDate, look)}生`;
  return `${printedEraDate(person.birthDate, look)}生`;
}

function guilloche(style: CardStyle): string {
  const colour = style.guillocheColour;
  const parts: string[] = [];
  switch (style.guilloche) {
    case 'waves':
      for (let i = 0; i < 14; i += 1) {
        const y = 40 + i * 42;
        parts.push(
          `<path d="M0 ${y} C 250 ${y - 30}, 500 ${y + 30}, 1000 ${y}" stroke="${colour}" stroke-width="1.2" fill="none"/>`,
        );
      }
      break;
    case 'rosette':
      for (let i = 0; i < 18; i += 1) {
        parts.push(
          `<ellipse cx="500" cy="315" rx="${120 + i * 22}" ry="${60 + i * 14}" transform="rotate(${i * 10} 500 315)" stroke="${colour}" stroke-width="1" fill="none"/>`,
        );
      }
      break;
    case 'mesh':
      for (let i = -10; i < 30; i += 1) {
        parts.push(
          `<path d="M${i * 40} 0 L ${i * 40 + 300} 630" stroke="${colour}" stroke-width="0.8" fill="none"/>`,
        );
        parts.push(
          `<path d="M${i * 40} 630 L ${i * 40 + 300} 0" stroke="${colour}" stroke-width="0.8" fill="none"/>`,
        );
      }
      break;
    case 'none':
      break;
  }
  return parts.join('');
}

interface Text {
  x: number;
  y: number;
  size: number;
  content: string;
  anchor?: 'start' | 'middle' | 'end';
  fill?: string;
  font?: string;
  /** More text on the same line, `dx` after the end of `content` as the font prints it. */
  then?: { dx: number; size: number; content: string };
}

function text(t: Text): string {
  const anchor = t.anchor && t.anchor !== 'start' ? ` text-anchor="${t.anchor}"` : '';
  const font = t.font ? ` font-family="${t.font}"` : '';
  const then = t.then
    ? `<tspan dx="${t.then.dx.toFixed(1)}" font-size="${t.then.size.toFixed(1)}">${escapeXml(t.then.content)}</tspan>`
    : '';
  return `<text x="${t.x.toFixed(1)}" y="${t.y.toFixed(1)}" font-size="${t.size.toFixed(1)}" fill="${t.fill ?? '#1a1a1a'}"${anchor}${font} xml:space="preserve">${escapeXml(t.content)}${then}</text>`;
}

/** Splits the address into lines of at most `perLine` characters (CJK: about one em each). */
function wrap(content: string, perLine: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < content.length && lines.length < 2; i += perLine)
    lines.push(content.slice(i, i + perLine));
  return lines;
}

const PHOTO = { width: 240, height: 300 };

/** The card front alone, CARD_WIDTH × CARD_HEIGHT, as an SVG fragment (a <g>). */
export function cardFrontGroup(person: CardFacePerson, options: CardFrontOptions = {}): string {
  const style = options.style ?? CLASSIC_STYLE;
  const s = style.scale;
  const look: DateLook = { padding: style.padding, fullWidthDigits: style.fullWidthDigits };
  const out: string[] = [];
  const sex = person.sex === 'female' ? '女' : '男';

  // Photo area and, under it, the 16-character code with the security code.
  const photoTop = style.issuer === 'above-photo' ? 140 : 110;
  const photoX = style.photoSide === 'right' ? CARD_WIDTH - 40 - PHOTO.width : 40;
  const codeSize = 24 * Math.min(s, 1.1);
  const digitsSize = 28 * Math.min(s, 1.1);
  // The code and security code side by side, from the card's edge under the photo (an upper bound:
  // a proportional font's letters run up to about 0.65 em).
  const besideWidth = 16 * 0.65 * codeSize + 0.8 * codeSize + 4 * 0.62 * digitsSize;
  // With the photo on the left, the code pair under it reaches past the photo: the text starts further
  // right, clear of the pair (large type made them overlap: no printed card does).
  const columnX0 =
    style.photoSide === 'right'
      ? 40
      : Math.max(photoX + PHOTO.width + 80, style.code === 'beside' ? 30 + besideWidth + 40 : 0);
  const columnX1 = style.photoSide === 'right' ? photoX - 30 : CARD_WIDTH - 40;
  if (style.photo === 'face' && options.photoDataUri) {
    out.push(
      `<image x="${photoX}" y="${photoTop}" width="${PHOTO.width}" height="${PHOTO.height}" preserveAspectRatio="xMidYMid slice" href="${options.photoDataUri}"/>`,
    );
  } else if (style.photo !== 'none') {
    const cx = photoX + PHOTO.width / 2;
    out.push(
      `<rect x="${photoX}" y="${photoTop}" width="${PHOTO.width}" height="${PHOTO.height}" fill="#b9b4b4"/>`,
      `<ellipse cx="${cx}" cy="${photoTop + 115}" rx="66" ry="84" fill="#8f8a8a"/>`,
      `<rect x="${cx - 95}" y="${photoTop + 205}" width="190" height="95" rx="55" fill="#8f8a8a"/>`,
    );
  }
  if (style.issuer === 'above-photo') {
    out.push(
      text({
        x: photoX + PHOTO.width / 2,
        y: photoTop - 14,
        size: 22 * s,
        content: '霞が関区長',
        anchor: 'middle',
      }),
    );
  }
  const codeY = photoTop + PHOTO.height + 16 + codeSize;
  const codeFont = style.codeFont.family;
  // The code block sits under the photo, flush with the photo's outer edge when the pair is wide.
  const outerRight = style.photoSide === 'right';
  if (style.code === 'beside') {
    // One text element: the group follows the code's own printed width (fonts differ), a gap after it.
    out.push(
      text({
        x: outerRight ? CARD_WIDTH - 30 : 30,
        y: codeY,
        size: codeSize,
        content: person.manufacturingCode,
        anchor: outerRight ? 'end' : 'start',
        font: codeFont,
        then: { dx: 0.8 * codeSize, size: digitsSize, content: person.securityCode },
      }),
    );
  } else {
    const codeWidth = 16 * 0.6 * codeSize;
    const left = outerRight ? Math.min(photoX, CARD_WIDTH - 30 - codeWidth) : photoX;
    out.push(text({ x: left, y: codeY, size: codeSize, content: person.manufacturingCode, font: codeFont }));
    const digitsY = codeY + 1.35 * digitsSize;
    out.push(
      style.code === 'below-left'
        ? text({ x: left, y: digitsY, size: digitsSize, content: person.securityCode, font: codeFont })
        : text({
            x: left + codeWidth,
            y: digitsY,
            size: digitsSize,
            content: person.securityCode,
            anchor: 'end',
            font: codeFont,
          }),
    );
  }

  // The label and the pearl-ink mark (a sheen hotspot there is normal).
  const label = { size: 26 * s, content: '個人番号カード', fill: '#b23a48' };
  const labelAt: Record<CardStyle['label'], Text> = {
    'top-left': { x: 40, y: 56, ...label },
    'top-right': { x: 880, y: 60, anchor: 'end', ...label },
    'top-centre': { x: 500, y: 56, anchor: 'middle', ...label },
    'bottom-right': { x: 965, y: 612, anchor: 'end', ...label },
    'bottom-left': { x: 40, y: 612, ...label },
  };
  out.push(text(labelAt[style.label]), `<circle cx="930" cy="62" r="38" fill="url(#pearl)"/>`);

  // The text column, top to bottom; shrunk to fit when the type is large.
  const columnTop = style.label.startsWith('top') && columnX0 < 500 ? 86 : 70;
  const columnBottom =
    CARD_HEIGHT -
    (style.label === 'bottom-left' || (style.label === 'bottom-right' && columnX1 > 700) ? 48 : 14);
  const columnWidth = columnX1 - columnX0;
  const birth = printedBirthDate(person, look);
  const sexText = `性別 ${sex}`;
  type Row = { height: number; draw: (y: number, k: number) => string };
  const rows: Row[] = [];
  rows.push({
    height: 58,
    draw: (y, k) =>
      text({ x: columnX0, y: y + 40 * k, size: 18 * k, content: '氏名' }) +
      text({ x: columnX0 + 56 * k, y: y + 44 * k, size: 40 * k, content: person.name }),
  });
  const addressPerLine = Math.floor((columnWidth - 56 * s) / (26 * s));
  const addressLines = wrap(person.address, Math.max(8, addressPerLine));
  rows.push({
    height: 12 + 34 * addressLines.length,
    draw: (y, k) =>
      text({ x: columnX0, y: y + 30 * k, size: 18 * k, content: '住所' }) +
      addressLines
        .map((line, i) =>
          text({ x: columnX0 + 56 * k, y: y + (32 + 34 * i) * k, size: 26 * k, content: line }),
        )
        .join(''),
  });
  // Sex after the date only where both fit on the line (full-width digits in large type do not):
  // otherwise a typesetter gives it a line of its own; no printed card overlaps them.
  const emWidth = (content: string) => [...content].reduce((sum, char) => sum + (char <= '~' ? 0.6 : 1), 0);
  const sexAfterFits = 56 * s + emWidth(birth) * 30 * s + 24 + emWidth(sexText) * 26 * s + 10 <= columnWidth;
  const birthSex = style.birthSex === 'after' && !sexAfterFits ? 'own-line' : style.birthSex;
  const birthRow: Row = {
    height: 46,
    draw: (y, k) => {
      const base = y + 36 * k;
      if (birthSex === 'after') {
        return (
          text({ x: columnX0 + 56 * k, y: base, size: 30 * k, content: birth }) +
          text({ x: columnX1 - 10, y: base, size: 26 * k, content: sexText, anchor: 'end' })
        );
      }
      if (birthSex === 'before') {
        return (
          text({ x: columnX0, y: base, size: 26 * k, content: sexText }) +
          text({ x: columnX0 + 130 * k, y: base, size: 30 * k, content: birth })
        );
      }
      return text({ x: columnX0 + 56 * k, y: base, size: 30 * k, content: birth });
    },
  };
  const sexRow: Row = {
    height: 38,
    draw: (y, k) => text({ x: columnX0 + 56 * k, y: y + 30 * k, size: 26 * k, content: sexText }),
  };
  const expiryRow: Row = {
    height: style.expiryBoxed ? 62 : 46,
    draw: (y, k) => {
      const content = `${printedWesternDate(person.cardExpiry, look)}まで有効`;
      const box = style.expiryBoxed
        ? `<rect x="${columnX0 - 4}" y="${y + 4}" width="${columnWidth}" height="${56 * k}" fill="#f7d6d9" stroke="#c46d77" stroke-width="2"/>`
        : '';
      return (
        box + text({ x: columnX0 + 20 * k, y: y + (style.expiryBoxed ? 44 : 36) * k, size: 30 * k, content })
      );
    },
  };
  const certRow: Row = {
    height: 84,
    draw: (y, k) => {
      const write = options.certificateExpiry
        ? text({
            x: columnX0 + 12,
            y: y + 62 * k,
            size: 22 * k,
            content: printedWesternDate(options.certificateExpiry, look),
          })
        : '';
      return (
        `<rect x="${columnX0 - 4}" y="${y + 4}" width="${Math.min(columnWidth, 400)}" height="${76 * k}" fill="none" stroke="#c46d77" stroke-width="1.5"/>` +
        text({ x: columnX0 + 6, y: y + 24 * k, size: 15 * k, content: '電子証明書の有効期限' }) +
        write
      );
    },
  };
  const issuerRow: Row = {
    height: 36,
    draw: (y, k) =>
      text({ x: columnX1 - 20, y: y + 28 * k, size: 24 * k, content: '霞が関区長', anchor: 'end' }),
  };
  const endorsementRow: Row = {
    height: 52,
    draw: (y, k) => {
      const entry = options.endorsement
        ? text({
            x: columnX0 + 10,
            y: y + 40 * k,
            size: 18 * k,
            content: `${printedEraDate(options.endorsement.date, look)} ${options.endorsement.text}`,
          })
        : '';
      return (
        `<rect x="${columnX0 - 4}" y="${y + 2}" width="${columnWidth}" height="${48 * k}" fill="none" stroke="#c46d77" stroke-width="1" stroke-dasharray="4 4"/>` +
        text({ x: columnX0 + 6, y: y + 16 * k, size: 12 * k, content: '追記欄' }) +
        entry
      );
    },
  };
  const organRow: Row = {
    height: 22,
    draw: (y, k) =>
      text({
        x: columnX0,
        y: y + 16 * k,
        size: 13 * k,
        content: '臓器提供意思　1. 2. 3. 《1.心臓 2.肺 3.肝臓 4.腎臓》',
      }),
  };
  const dated = style.expiryFirst ? [expiryRow, birthRow] : [birthRow, expiryRow];
  if (birthSex === 'own-line') dated.splice(dated.indexOf(birthRow) + 1, 0, sexRow);
  rows.push(...dated, certRow);
  if (style.issuer === 'column') rows.push(issuerRow);
  rows.push(endorsementRow, organRow);
  const available = columnBottom - columnTop;
  const natural = rows.reduce((sum, row) => sum + row.height * s, 0);
  const k = natural > available ? (s * available) / natural : s;
  const gap = Math.max(
    0,
    (available - rows.reduce((sum, row) => sum + row.height * k, 0)) / (rows.length + 1),
  );
  let y = columnTop + gap / 2;
  for (const row of rows) {
    out.push(row.draw(y, k));
    y += row.height * k + gap;
  }
  if (style.issuer === 'bottom-right') {
    const x = style.label === 'bottom-right' ? 700 : 965;
    out.push(text({ x, y: 612, size: 22 * s, content: '霞が関区長', anchor: 'end' }));
  }

  return [
    `<g font-family="${style.font.family}">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" rx="34" fill="${style.tint}"/>`,
    guilloche(style),
    ...out,
    `</g>`,
  ].join('');
}

export const SVG_DEFS = `<defs>
<radialGradient id="pearl"><stop offset="0" stop-color="#ffffff"/><stop offset="0.6" stop-color="#e9d9f5"/><stop offset="1" stop-color="#c8e7f2"/></radialGradient>
<radialGradient id="glare"><stop offset="0" stop-color="#ffffff" stop-opacity="0.97"/><stop offset="0.55" stop-color="#ffffff" stop-opacity="0.6"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/></radialGradient>
</defs>`;
