import { execFileSync } from 'node:child_process';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeWindows31j, fitWindows31j } from './windows-31j';

/** Decodes with glibc's iconv; throws when the bytes are not valid in `encoding`. */
const glibc = (bytes: Buffer, encoding: string) =>
  execFileSync('iconv', ['-f', encoding, '-t', 'UTF-8'], {
    input: bytes,
    stdio: ['pipe', 'pipe', 'pipe'],
  }).toString('utf8');

describe('the clinic folder encoding (Windows-31J, labelled Shift_JIS)', () => {
  it('writes the JIS characters code page 932 maps elsewhere as their JIS bytes, not ●', () => {
    const { text, substituted } = fitWindows31j('１−２−３〜５ ‖ ¢£¬ —');
    expect(substituted).toBe(0);
    const bytes = encodeWindows31j(text);
    for (const hex of ['817c', '8160', '8161', '8191', '8192', '81ca', '815c']) {
      expect(bytes.includes(Buffer.from(hex, 'hex'))).toBe(true);
    }
    // The same text for a CP932 reader (iconv-lite, glibc CP932) and for a strict JIS reader.
    expect(iconv.decode(bytes, 'cp932')).toBe('１－２－３～５ ∥ ￠￡￢ ―');
    expect(glibc(bytes, 'CP932')).toBe('１－２－３～５ ∥ ￠￡￢ ―');
    expect(glibc(bytes, 'SHIFT_JIS')).toBe('１−２−３〜５ ‖ ¢£¬ ―');
  });

  it('keeps the code page 932 extensions (髙 﨑 ①), which only a CP932 decoder reads', () => {
    const { text, substituted } = fitWindows31j('髙﨑①');
    expect(substituted).toBe(0);
    const bytes = encodeWindows31j(text);
    expect(bytes.toString('hex')).toBe('fbfcfab18740');
    expect(glibc(bytes, 'CP932')).toBe('髙﨑①');
    expect(() => glibc(bytes, 'SHIFT_JIS')).toThrow();
  });

  it('replaces only what code page 932 cannot hold, and counts it', () => {
    expect(fitWindows31j('𠮷田　ひとみ😀')).toEqual({ text: '●田　ひとみ●', substituted: 2 });
    expect(fitWindows31j('ｼﾝﾘｮｳ ﾀﾛｳ')).toEqual({ text: 'ｼﾝﾘｮｳ ﾀﾛｳ', substituted: 0 });
  });

  it('gives the same answer for a character the second time (it is remembered per character)', () => {
    const mixed = '𠮷田〜髙﨑😀１−２';
    const first = fitWindows31j(mixed);
    expect(first).toEqual({ text: '●田～髙﨑●１－２', substituted: 2 });
    expect(fitWindows31j(mixed)).toEqual(first);
    expect(fitWindows31j(`${mixed}${mixed}`)).toEqual({ text: first.text.repeat(2), substituted: 4 });
  });

  it('writes every ASCII character as its own byte', () => {
    const ascii = String.fromCharCode(...Array.from({ length: 128 }, (_, i) => i));
    expect(fitWindows31j(ascii)).toEqual({ text: ascii, substituted: 0 });
    expect([...encodeWindows31j(ascii)]).toEqual(Array.from({ length: 128 }, (_, i) => i));
  });
});
