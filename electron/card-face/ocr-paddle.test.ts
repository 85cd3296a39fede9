import { describe, expect, it } from 'vitest';
import { withWordGaps } from './ocr-paddle';

/** Characters at the given CTC steps, as the greedy decoder returns them. */
const decoded = (text: string, steps: number[]) =>
  [...text].map((char, i) => ({ char, confidence: 0.99, step: steps[i]! }));
const textOf = (chars: Array<{ char: string }>) => chars.map((c) => c.char).join('');
/** The CTC steps of characters `gaps` apart, the first at `start`. */
const stepsOf = (gaps: number[], start = 0) =>
  gaps.reduce((at, gap) => [...at, at[at.length - 1]! + gap], [start]);

describe('withWordGaps', () => {
  it('puts back the space the recogniser dropped between the code and the group beside it', () => {
    // Measured on a mixed-family front: 2–3 steps apart within the code, 8 before the group.
    const gaps = [2, 2, 3, 2, 3, 2, 2, 3, 2, 3, 2, 3, 2, 2, 3, 8, 2, 3, 2];
    const steps = stepsOf(gaps, 4);
    expect(textOf(withWordGaps(decoded('B2A7DFA2A97B19AD7328', steps)))).toBe('B2A7DFA2A97B19AD 7328');
  });

  it('leaves evenly spaced characters and a gap next to a kanji as they are', () => {
    const even = [3, 2, 3, 3, 3, 4, 3, 3, 3, 3, 2, 3, 3, 3, 3, 3, 3, 4];
    const steps = stepsOf(even);
    expect(textOf(withWordGaps(decoded('E691E6D0D164969715', steps)))).toBe('E691E6D0D164969715');
    expect(textOf(withWordGaps(decoded('2031年12', [0, 3, 6, 9, 20, 23, 26])))).toBe('2031年12');
  });

  it('never puts a space inside the code, where four of its digits would pass for the group', () => {
    // One character of the code 5 steps late (a proportional face): B2A7DFA2A97B 1953 7328 would
    // read as the group 1953.
    const gaps = [2, 2, 3, 2, 3, 2, 2, 3, 2, 3, 2, 5, 2, 2, 3, 8, 2, 3, 2];
    const steps = stepsOf(gaps, 4);
    expect(textOf(withWordGaps(decoded('B2A7DFA2A97B19537328', steps)))).toBe('B2A7DFA2A97B1953 7328');
    const inside = [2, 2, 3, 2, 3, 2, 2, 3, 2, 3, 2, 8, 2, 2, 3, 3, 2, 3, 2];
    const late = stepsOf(inside, 4);
    expect(textOf(withWordGaps(decoded('B2A7DFA2A97B19537328', late)))).toBe('B2A7DFA2A97B19537328');
    // Two clear gaps: which one is the boundary cannot be told.
    const two = [2, 2, 3, 2, 3, 2, 2, 3, 2, 3, 2, 8, 2, 2, 3, 8, 2, 3, 2];
    const twice = stepsOf(two, 4);
    expect(textOf(withWordGaps(decoded('B2A7DFA2A97B19537328', twice)))).toBe('B2A7DFA2A97B19537328');
  });

  it('needs a clear gap: a spacing of 4 on a line spaced 3 is no word break', () => {
    const spaced = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 3, 3, 3];
    const steps = stepsOf(spaced);
    expect(textOf(withWordGaps(decoded('A1B2C3D4E5F6A7B85678', steps)))).toBe('A1B2C3D4E5F6A7B85678');
  });
});
