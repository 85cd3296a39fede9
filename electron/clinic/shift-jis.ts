// Shift_JIS (code page 932, as the eligibility terminal writes it) for files read by clinic
// systems. A character the code page cannot hold becomes ● — what the national service itself
// sends for characters outside JIS levels 1–2 (eligibility.md §5.2) — and is counted, so staff
// can be told a name was substituted.
import iconv from 'iconv-lite';

export const SHIFT_JIS = 'Shift_JIS';
const SUBSTITUTE = '●';

export function fitShiftJis(text: string): { text: string; substituted: number } {
  let substituted = 0;
  let out = '';
  for (const char of text) {
    if (iconv.decode(iconv.encode(char, SHIFT_JIS), SHIFT_JIS) === char) out += char;
    else {
      out += SUBSTITUTE;
      substituted++;
    }
  }
  return { text: out, substituted };
}

export function encodeShiftJis(text: string): Buffer {
  return iconv.encode(text, SHIFT_JIS);
}

export function decodeShiftJis(bytes: Buffer): string {
  return iconv.decode(bytes, SHIFT_JIS);
}
