import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../electron/contract';
import { ESPEAK_VOICES, JA_SPEECH, VOICE_PROMPTS, voiceFile } from '../i18n/voice';
import { buildVoice, speechText } from './build-voice';

const out = mkdtempSync(join(tmpdir(), 'uketsuke-voice-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Seconds of audio in a WAV file espeak-ng wrote (16-bit mono PCM). */
function wavSeconds(path: string): number {
  const wav = readFileSync(path);
  expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
  const sampleRate = wav.readUInt32LE(24);
  return (wav.length - 44) / 2 / sampleRate;
}

describe('voice prompts', () => {
  it('has a kana speech text for every Japanese prompt (espeak-ng reads kanji as "Chinese letter")', () => {
    for (const prompt of VOICE_PROMPTS) expect(JA_SPEECH[prompt]).toMatch(/^[\u3040-\u30ff、。ー]+$/);
  });

  it('speaks every language espeak-ng has a voice for; only Tagalog is shown without voice', () => {
    expect(LANGUAGES.filter((language) => !ESPEAK_VOICES[language])).toEqual(['tl']);
  });

  it('renders audio of every prompt in every spoken language, and renders nothing twice', async () => {
    const first = await buildVoice(out);
    const spoken = Object.keys(ESPEAK_VOICES) as (keyof typeof ESPEAK_VOICES)[];
    expect(first.rendered).toBe(spoken.length * VOICE_PROMPTS.length);
    for (const language of spoken)
      for (const prompt of VOICE_PROMPTS) {
        // Long enough to be the sentence, not a beep: about 0.1 s per kana or word at the least.
        const minimum = Math.min(1, speechText(language, prompt).length * 0.03);
        expect(wavSeconds(join(out, voiceFile(language, prompt))), `${language} ${prompt}`).toBeGreaterThan(
          minimum,
        );
      }
    expect(await buildVoice(out)).toEqual({ rendered: 0, kept: first.rendered });
  }, 180_000);
});
