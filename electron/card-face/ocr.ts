// The OCR engine interface, and one engine behind it: tesseract.js with its WebAssembly core, fully
// offline (the reader's default engine is PaddleOCR, ocr-paddle.ts; tesseract stays as the
// measured alternative, `bench:card-face -- --engine tesseract`). Japanese from Debian's
// jpn.traineddata (copied to resources/tessdata at build time), started once and reused; nothing is
// fetched and nothing is cached to disk (cacheMethod 'none').
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { packagedResourceDir } from '../packaged-resources';

export interface OcrSymbol {
  text: string;
  /** 0–100 as tesseract reports it. */
  confidence: number;
}

export interface OcrWord {
  text: string;
  confidence: number;
  symbols: OcrSymbol[];
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

export interface OcrLine {
  text: string;
  words: OcrWord[];
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

export interface ReadOptions {
  /**
   * Only text in these regions is wanted (a confirming read of the fields another read found,
   * in the same flattened-card coordinates). An engine may read more; it must not read less.
   */
  near?: OcrLine['bbox'][];
}

export interface CardFaceOcr {
  /** Every text line of a prepared card image (Japanese model, sparse text). */
  readLines(image: Buffer, options?: ReadOptions): Promise<OcrLine[]>;
  /**
   * Lines of Latin letters and digits only (English model, A–F and digits, sparse text): for the
   * 16-character code and the security code, which the Japanese model sometimes mangles. Given a
   * crop of one line or the whole card. Engines that read codes as well as the rest (PaddleOCR)
   * leave it out.
   */
  readCodeLine?(image: Buffer): Promise<OcrLine[]>;
  terminate(): Promise<void>;
}

export const SYSTEM_TESSDATA_DIR = '/usr/share/tesseract-ocr/5/tessdata';
export const BUNDLED_TESSDATA_DIR = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../../resources/tessdata',
);

/**
 * Where jpn.traineddata is: the configured folder, else the packaged app's `<resources>/tessdata`
 * (outside app.asar), else the checkout's resources/tessdata, else Debian's.
 */
export function resolveTessdataDir(configured?: string): string {
  const packaged = packagedResourceDir('tessdata');
  const candidates = configured
    ? [configured]
    : [...(packaged ? [packaged] : []), BUNDLED_TESSDATA_DIR, SYSTEM_TESSDATA_DIR];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'jpn.traineddata')));
  if (!found) {
    throw new Error(`jpn.traineddata not found in ${candidates.join(' or ')}`);
  }
  return found;
}

/**
 * English data from the npm registry package, gzipped, LSTM "best_int": the packaged app's copy in
 * `<resources>/tessdata/eng` (outside app.asar) when there, else the installed package.
 */
export function englishLangPath(): string {
  const packaged = packagedResourceDir('tessdata');
  if (packaged && existsSync(path.join(packaged, 'eng', 'eng.traineddata.gz')))
    return path.join(packaged, 'eng');
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

function toLines(blocks: Tesseract.Block[] | null): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        lines.push({
          text: line.text.trim(),
          bbox: line.bbox,
          words: line.words.map((word) => ({
            text: word.text,
            confidence: word.confidence,
            bbox: word.bbox,
            symbols: word.symbols.map((symbol) => ({ text: symbol.text, confidence: symbol.confidence })),
          })),
        });
      }
    }
  }
  return lines;
}

/** One worker, one recognition at a time: calls queue here instead of inside the worker. */
function serialised(worker: Worker): { read(image: Buffer): Promise<OcrLine[]>; terminate(): Promise<void> } {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    read(image) {
      const result = queue.then(async () => {
        const { data } = await worker.recognize(image, {}, { blocks: true, text: false });
        return toLines(data.blocks);
      });
      queue = result.catch(() => undefined);
      return result;
    },
    async terminate() {
      await queue.catch(() => undefined);
      await worker.terminate();
    },
  };
}

/** Starts the jpn and eng workers. Callers keep them for the life of the process and share them. */
export async function createTesseractCardFaceOcr(
  options: { tessdataDir?: string } = {},
): Promise<CardFaceOcr> {
  const jpnPath = resolveTessdataDir(options.tessdataDir);
  const japanese = await createWorker('jpn', OEM.LSTM_ONLY, {
    langPath: jpnPath,
    gzip: false,
    cacheMethod: 'none',
  });
  await japanese.setParameters({
    tessedit_pageseg_mode: PSM.SPARSE_TEXT,
    preserve_interword_spaces: '1',
    user_defined_dpi: '300',
    // Tesseract's own diagnostics ("Detected N diacritics") would go to stdout.
    debug_file: '/dev/null',
  });
  const english = await createWorker('eng', OEM.LSTM_ONLY, {
    langPath: englishLangPath(),
    gzip: true,
    cacheMethod: 'none',
  });
  await english.setParameters({
    tessedit_pageseg_mode: PSM.SPARSE_TEXT,
    tessedit_char_whitelist: '0123456789ABCDEF ',
    user_defined_dpi: '300',
    debug_file: '/dev/null',
  });
  const page = serialised(japanese);
  const line = serialised(english);
  return {
    readLines: (image) => page.read(image),
    readCodeLine: (image) => line.read(image),
    async terminate() {
      await Promise.all([page.terminate(), line.terminate()]);
    },
  };
}
