// Builds OCR output the way tesseract returns Japanese card text (a word break between most
// characters), for tests of the field finder and the gate without running OCR.
import type { OcrLine } from './ocr';

/** One line from words; a word written `59@70` has confidence 70 for each of its characters. */
export function ocrLine(words: string[], y = 100, x = 0): OcrLine {
  let cursor = x;
  const built = words.map((spec) => {
    const [text, confidence] = spec.includes('@')
      ? [spec.split('@')[0]!, Number(spec.split('@')[1])]
      : [spec, 96];
    const bbox = { x0: cursor, y0: y, x1: cursor + 30 * text.length, y1: y + 30 };
    cursor = bbox.x1 + 15;
    return {
      text,
      confidence,
      bbox,
      symbols: [...text].map((char) => ({ text: char, confidence })),
    };
  });
  return {
    text: built.map((word) => word.text).join(' '),
    words: built,
    bbox: { x0: x, y0: y, x1: cursor, y1: y + 30 },
  };
}

/** A card front read cleanly, with the distractors of a real card. */
export function cleanCardLines(
  overrides: { birth?: string[]; expiry?: string[]; code?: string[] } = {},
): OcrLine[] {
  return [
    ocrLine(['個人', '番号', 'カー', 'ド'], 40),
    ocrLine(['氏名', '山田', '太郎'], 100),
    ocrLine(['住所', '東京', '都', '千代田', '区', '霞が関', '一丁目', '2', '番', '3', '号'], 170),
    ocrLine(overrides.birth ?? ['昭和', '59', '年', '4', '月', '30', '日', '生'], 260),
    ocrLine(['性', '別', '男'], 260, 600),
    ocrLine(overrides.expiry ?? ['2034', '年', '4', '月', '30', '日', 'まで', '有効'], 330),
    ocrLine(['電子', '証明', '書', 'の', '有効', '期限'], 400),
    // The e-certificate expiry write-in: a Western date without 「まで有効」.
    ocrLine(['2029', '年', '4', '月', '30', '日'], 460),
    ocrLine(['霞が関', '区', '長'], 460, 600),
    ocrLine(overrides.code ?? ['074E4CB40C3417F3', '4821'], 480, 800),
    // An endorsement (追記欄): an era date without 「生」.
    ocrLine(['令和', '5', '年', '6', '月', '1', '日', '住所', '変更'], 540),
  ];
}
