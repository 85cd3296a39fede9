import { describe, expect, it } from 'vitest';
import { codeLineCandidates, findCardFaceFields } from './fields';
import { cleanCardLines, ocrLine } from './ocr-lines.fixture';

describe('finding the fields of 照合番号B by their text', () => {
  it('reads the era birth date, the expiry and the security code, ignoring the distractors', () => {
    const read = findCardFaceFields(cleanCardLines());
    expect(read).toMatchObject({
      ok: true,
      fields: {
        birth: { calendar: 'era', era: 'showa', eraYear: 59, month: 4, day: 30 },
        expiry: { year: 2034, month: 4, day: 30 },
        securityCode: '4821',
        minConfidence: 96,
      },
    });
  });

  it('reads 元年 and full-width digits', () => {
    const read = findCardFaceFields(
      cleanCardLines({
        birth: ['平成', '元', '年', '３', '月', '３１', '日', '生'],
        expiry: ['２０２５', '年', '３', '月', '３１', '日', 'まで', '有効'],
      }),
    );
    expect(read.ok && read.fields.birth).toEqual({
      calendar: 'era',
      era: 'heisei',
      eraYear: 1,
      month: 3,
      day: 31,
    });
    expect(read.ok && read.fields.expiry).toEqual({ year: 2025, month: 3, day: 31 });
  });

  it('reads a Western-dated birth date as Western, not as an era date', () => {
    const read = findCardFaceFields(cleanCardLines({ birth: ['1971', '年', '3', '月', '25', '日', '生'] }));
    expect(read.ok && read.fields.birth).toEqual({ calendar: 'western', year: 1971, month: 3, day: 25 });
  });

  it('does not take a four-digit year after an era name as a Western date', () => {
    const read = findCardFaceFields(
      cleanCardLines({ birth: ['昭和', '1959', '年', '4', '月', '30', '日', '生'] }),
    );
    expect(read).toEqual({ ok: false, failure: 'birth-not-found' });
  });

  it('takes the 4-digit group when layout analysis puts it on a line of its own beside the code', () => {
    const lines = cleanCardLines({ code: ['074E4CB40C3417F3'] });
    lines.push(ocrLine(['4821'], 480, 1340));
    const read = findCardFaceFields(lines);
    expect(read.ok && read.fields.securityCode).toBe('4821');
  });

  it('ignores a lone 4-digit group far from the code', () => {
    const lines = cleanCardLines({ code: ['074E4CB40C3417F3'] });
    lines.push(ocrLine(['4821'], 100, 1340));
    expect(findCardFaceFields(lines)).toEqual({ ok: false, failure: 'code-not-found' });
  });

  it('reports a missing field instead of guessing', () => {
    expect(
      findCardFaceFields(cleanCardLines({ birth: ['昭和', '59', '年', '4', '月', '30', '日'] })),
    ).toEqual({
      ok: false,
      failure: 'birth-not-found',
    });
    expect(findCardFaceFields(cleanCardLines({ expiry: ['2034', '年', '4', '月', '30', '日'] }))).toEqual({
      ok: false,
      failure: 'expiry-not-found',
    });
    expect(findCardFaceFields(cleanCardLines({ code: ['4821'] }))).toEqual({
      ok: false,
      failure: 'code-not-found',
    });
  });

  it('reports two different birth dates ending in 「生」 as ambiguous', () => {
    const lines = cleanCardLines();
    lines.push(ocrLine(['昭和', '58', '年', '4', '月', '30', '日', '生'], 560));
    expect(findCardFaceFields(lines)).toEqual({ ok: false, failure: 'birth-ambiguous' });
  });

  it('carries the lowest digit confidence of the three fields', () => {
    const read = findCardFaceFields(cleanCardLines({ code: ['074E4CB40C3417F3', '4821@41'] }));
    expect(read.ok && read.fields.minConfidence).toBe(41);
  });

  it('keeps the era name’s confidence apart from the digits’ (the era is no part of 照合番号B)', () => {
    const read = findCardFaceFields(
      cleanCardLines({ birth: ['昭和@62', '59@90', '年', '4', '月', '30', '日', '生'] }),
    );
    expect(read.ok && [read.fields.minConfidence, read.fields.eraConfidence]).toEqual([90, 62]);
  });

  it('does not count the stand-ins for 「まで」 as digits of the expiry', () => {
    const read = findCardFaceFields(
      cleanCardLines({ expiry: ['2034', '年', '4', '月', '30', '日', '元@20', '有効'] }),
    );
    expect(read.ok && read.fields.minConfidence).toBe(96);
  });
});

describe('layouts the reader was not built from', () => {
  /** A text box as PaddleOCR returns it: one word, one box. */
  const box = (text: string, x: number, y: number, width = 30 * text.length) => ({
    ...ocrLine([`${text}@98`], y, x),
    bbox: { x0: x, y0: y, x1: x + width, y1: y + 30 },
  });
  const dates = () => [
    box('令和3年8月19日生', 100, 260),
    // 「まで有効」 read by a dictionary without kana: stand-ins, then 有.
    box('2026年8月19日飞有效', 60, 330),
    box('2021年8月19日', 60, 460),
  ];

  it('takes the 4-digit group on the next line under the code, left-aligned', () => {
    const lines = [...dates(), box('632716C43069C43A', 780, 520, 240), box('6304', 780, 560, 80)];
    expect(findCardFaceFields(lines)).toMatchObject({ ok: true, fields: { securityCode: '6304' } });
  });

  it('takes it right-aligned under the code as well', () => {
    const lines = [...dates(), box('632716C43069C43A', 780, 520, 240), box('6304', 940, 560, 80)];
    expect(findCardFaceFields(lines)).toMatchObject({ ok: true, fields: { securityCode: '6304' } });
  });

  it('does not take a 4-digit group far below the code, nor one beside another column', () => {
    const far = [...dates(), box('632716C43069C43A', 780, 520, 240), box('6304', 780, 640, 80)];
    expect(findCardFaceFields(far)).toEqual({ ok: false, failure: 'code-not-found' });
    const aside = [...dates(), box('632716C43069C43A', 780, 520, 240), box('6304', 300, 560, 80)];
    expect(findCardFaceFields(aside)).toEqual({ ok: false, failure: 'code-not-found' });
  });

  it('takes the group beside the code across a wide gap, whatever the font’s spacing', () => {
    const lines = [...dates(), box('632716C43069C43A', 780, 520, 240), box('6304', 1140, 522, 80)];
    expect(findCardFaceFields(lines)).toMatchObject({ ok: true, fields: { securityCode: '6304' } });
  });

  it('does not take the year of a date cut in two beside the code for the group', () => {
    const lines = [
      ...dates(),
      box('632716C43069C43A', 780, 520, 240),
      box('2027', 1100, 520, 80),
      box('年3月15日', 1185, 520, 150),
    ];
    expect(findCardFaceFields(lines)).toEqual({ ok: false, failure: 'code-not-found' });
  });

  it('takes the group out of a box that glued it to the e-certificate write-in printed after it', () => {
    const glued = (text: string) => [
      box('令和3年8月19日生', 100, 260),
      box('2026年8月19日飞有效', 60, 330),
      box('632716C43069C43A', 30, 520, 250),
      box(text, 350, 518, 370),
    ];
    const read = findCardFaceFields(glued('63042021年8月19日'));
    expect(read).toMatchObject({ ok: true, fields: { securityCode: '6304' } });
    // The confirming read looks where the glued box was found.
    expect(read.ok && read.fields.sources).toContainEqual({ x0: 350, y0: 518, x1: 720, y1: 548 });
    // A digit lost or added: the box stays whole and no group is taken.
    expect(findCardFaceFields(glued('6302021年8月19日'))).toEqual({ ok: false, failure: 'code-not-found' });
    expect(findCardFaceFields(glued('630442021年8月19日'))).toEqual({ ok: false, failure: 'code-not-found' });
  });

  it('calls a group beside and another under the code ambiguous', () => {
    const lines = [...dates(), box('632716C43069C43A 6304', 780, 520, 330), box('6305', 780, 560, 80)];
    expect(findCardFaceFields(lines)).toEqual({ ok: false, failure: 'code-ambiguous' });
  });

  it('does not take the e-certificate write-in for the expiry, even with 有 further on its line', () => {
    const lines = [
      box('令和3年8月19日生', 100, 260),
      box('2021年8月19日', 60, 460),
      box('632716C43069C43A 6304', 780, 520, 330),
    ];
    expect(findCardFaceFields(lines)).toEqual({ ok: false, failure: 'expiry-not-found' });
  });

  it('reads the expiry when a blurred 「まで」 comes out as a digit (seen on a blurred Mincho front)', () => {
    const lines = [
      box('昭和15年11月14日生', 100, 260),
      box('2034年11月14日1有效', 60, 330),
      box('2029年11月14日', 60, 460),
      box('9B0FD2D0C645ABCA 0853', 780, 520, 330),
    ];
    expect(findCardFaceFields(lines)).toMatchObject({
      ok: true,
      fields: { expiry: { year: 2034, month: 11, day: 14 }, securityCode: '0853' },
    });
  });

  it('does not take the year of a date level with the code for a group beside it', () => {
    // Photo left, code under it, the group on the next line; the e-certificate write-in to the right.
    const lines = [
      box('昭和42年06月08日生', 500, 260),
      box('2031年06月08日飞有效', 460, 330),
      box('2A42A333010585FB', 40, 510, 300),
      box('2026年06月08日', 400, 520, 230),
      box('3138', 42, 558, 90),
    ];
    expect(findCardFaceFields(lines)).toMatchObject({ ok: true, fields: { securityCode: '3138' } });
    // The date cut into two boxes after its year, and the group under the code not read: no group.
    const split = [...lines.slice(0, 3), box('2026', 400, 520, 70), box('年06月08日', 475, 520, 160)];
    expect(findCardFaceFields(split)).toEqual({ ok: false, failure: 'code-not-found' });
  });

  it('joins a date split into two boxes on one line', () => {
    const lines = [
      box('令和3年8月', 100, 260, 150),
      box('19日生', 260, 260, 90),
      box('2026年8月19日飞有效', 60, 330),
      box('632716C43069C43A 6304', 780, 520, 330),
    ];
    expect(findCardFaceFields(lines)).toMatchObject({
      ok: true,
      fields: { birth: { era: 'reiwa', eraYear: 3, month: 8, day: 19 } },
    });
  });
});

describe('the second look at the code line', () => {
  it('offers the lines that may hold the code, never a date line', () => {
    const lines = cleanCardLines({ code: ['685', '1389'] });
    const boxes = codeLineCandidates(lines);
    expect(boxes).toEqual([lines[9]!.bbox]);
  });

  it('merges a code and a 4-digit group split into two lines into one box to re-read', () => {
    const lines = cleanCardLines({ code: ['074E4CB40C3417F3'] });
    lines.push(ocrLine(['6503'], 480, 1340));
    const boxes = codeLineCandidates(lines);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.x0).toBe(800);
    expect(boxes[0]!.x1).toBeGreaterThan(1340);
  });

  it('takes the security code from the re-read line when the page read mangled the code', () => {
    const lines = cleanCardLines({ code: ['685', '1389'] });
    expect(findCardFaceFields(lines)).toEqual({ ok: false, failure: 'code-not-found' });
    const read = findCardFaceFields(lines, [ocrLine(['632716C43069C43A', '1389'])]);
    expect(read.ok && read.fields.securityCode).toBe('1389');
  });

  it('calls two different codes from the page and the re-read ambiguous', () => {
    const read = findCardFaceFields(cleanCardLines(), [ocrLine(['074E4CB40C3417F3', '4827'])]);
    expect(read).toEqual({ ok: false, failure: 'code-ambiguous' });
  });
});
