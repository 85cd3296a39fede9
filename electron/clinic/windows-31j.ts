// The clinic folder's character encoding. Files are labelled `Shift_JIS` (what the eligibility
// terminal writes and what clinic software matches on) but their bytes are Windows-31J (code page
// 932): the terminal runs on Windows and writes with code page 932, so names such as 髙 (FBFC) and
// 﨑 (FAB1) come through as the IBM/NEC extension bytes, which clinic software reads with its own
// CP932 decoder. The rule, in full (docs/clinic.md):
//
//  1. JIS X 0208 characters whose Unicode mapping differs between JIS and code page 932 are
//     normalised to the code-page-932 code point first (〜 U+301C → ～ U+FF5E, − U+2212 → －, …),
//     so they are written as the same JIS bytes instead of becoming ●.
//  2. Everything code page 932 can hold is written as is (including its extensions 髙 﨑 ①).
//  3. Only what it truly cannot hold (𠮷, emoji, JIS level 3–4 characters outside CP932) becomes ●,
//     what the national service itself sends for such characters (eligibility.md §5.2); each is
//     counted so staff can be told.
//
// A file without rule-2 extension characters is therefore also valid strict Shift_JIS (JIS X 0208):
// `iconv -f SHIFT_JIS` reads it to the same text. A file with them needs a CP932 decoder.
import iconv from 'iconv-lite';

/** The label written in the XML declaration (and accepted in requests). */
export const DECLARED_ENCODING = 'Shift_JIS';
/** What the bytes really are. */
export const BYTE_ENCODING = 'cp932';
export const SUBSTITUTE = '●';

/** JIS X 0208 code points whose code-page-932 mapping is another Unicode character. */
export const JIS_TO_CP932: Readonly<Record<string, string>> = {
  '\u301C': '\uFF5E', // 〜 WAVE DASH → ～ FULLWIDTH TILDE (81 60)
  '\u2212': '\uFF0D', // − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS (81 7C)
  '\u2014': '\u2015', // — EM DASH → ― HORIZONTAL BAR (81 5C)
  '\u2016': '\u2225', // ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO (81 61)
  '\u00A2': '\uFFE0', // ¢ → ￠ (81 91)
  '\u00A3': '\uFFE1', // £ → ￡ (81 92)
  '\u00AC': '\uFFE2', // ¬ → ￢ (81 CA)
};

/** Code page 932 holds every ASCII character as itself (0x00–0x7F). */
const ASCII = /^\p{ASCII}*$/u;

// Whether a character survives code page 932 both ways, remembered per character: the same few
// thousand kanji and kana make up every name and address.
const writableChars = new Map<string, boolean>();
const MAX_REMEMBERED = 20_000;

function writable(char: string): boolean {
  let known = writableChars.get(char);
  if (known === undefined) {
    known = iconv.decode(iconv.encode(char, BYTE_ENCODING), BYTE_ENCODING) === char;
    if (writableChars.size >= MAX_REMEMBERED) writableChars.clear();
    writableChars.set(char, known);
  }
  return known;
}

/** Applies rules 1 and 3: the text as it will be written, and how many characters became ●. */
export function fitWindows31j(text: string): { text: string; substituted: number } {
  // Codes, dates and numbers are most of a file's values: nothing to normalise or replace.
  if (ASCII.test(text)) return { text, substituted: 0 };
  let substituted = 0;
  let out = '';
  for (const original of text) {
    const char = JIS_TO_CP932[original] ?? original;
    if (writable(char)) out += char;
    else {
      out += SUBSTITUTE;
      substituted++;
    }
  }
  return { text: out, substituted };
}

/** Encodes text already fitted (fitWindows31j); anything left unwritable would be a bug. */
export function encodeWindows31j(text: string): Buffer {
  return iconv.encode(text, BYTE_ENCODING);
}

export function decodeWindows31j(bytes: Buffer): string {
  return iconv.decode(bytes, BYTE_ENCODING);
}

/** Decodes a request by its declaration: UTF-8 when it says so, code page 932 otherwise. */
export function decodeByDeclaration(bytes: Buffer): string {
  if (bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return bytes.subarray(3).toString('utf8');
  const declaration = bytes.subarray(0, 200).toString('latin1');
  const encoding = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']/i.exec(declaration)?.[1]?.toLowerCase();
  return encoding === 'utf-8' || encoding === 'utf8' ? bytes.toString('utf8') : decodeWindows31j(bytes);
}
