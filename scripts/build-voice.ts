// Renders the voice prompts (i18n/voice.ts) to WAV files with espeak-ng, for every language it
// speaks: Japanese from the kana speech texts, the others from their catalogue text. Output goes to
// renderer/public/voice/<language>/<prompt>.wav (git-ignored), which Vite copies beside the page.
// A file is rendered again only when its text or voice changed (voice/manifest.json).
//   npm run voice:build [-- --out DIR]
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import type { Language } from '../electron/contract';
import { intlFor } from '../i18n';
import { ESPEAK_VOICES, JA_SPEECH, VOICE_PROMPTS, voiceFile, type VoicePrompt } from '../i18n/voice';

const run = promisify(execFile);
export const DEFAULT_VOICE_ROOT = join(import.meta.dirname, '../renderer/public');

/** What espeak-ng is given to say for one prompt. */
export function speechText(language: Language, prompt: VoicePrompt): string {
  return language === 'ja' ? JA_SPEECH[prompt] : intlFor(language).formatMessage({ id: prompt });
}

export async function buildVoice(root = DEFAULT_VOICE_ROOT): Promise<{ rendered: number; kept: number }> {
  const manifestPath = join(root, 'voice/manifest.json');
  const manifest: Record<string, string> = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>)
    : {};
  let rendered = 0;
  let kept = 0;
  const jobs: (() => Promise<void>)[] = [];
  for (const [language, voice] of Object.entries(ESPEAK_VOICES) as [Language, string][]) {
    for (const prompt of VOICE_PROMPTS) {
      const file = voiceFile(language, prompt);
      const text = speechText(language, prompt);
      const hash = createHash('sha256').update(`${voice}\n${text}`).digest('hex');
      const path = join(root, file);
      if (manifest[file] === hash && existsSync(path)) {
        kept++;
        continue;
      }
      jobs.push(async () => {
        mkdirSync(dirname(path), { recursive: true });
        await run('espeak-ng', ['-v', voice, '-s', '150', '-w', path, '--', text]);
        manifest[file] = hash;
        rendered++;
      });
    }
  }
  // Two at a time: the machine is shared.
  const worker = async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) await job();
  };
  await Promise.all([worker(), worker()]);
  // Rewritten only when something was rendered: its timestamp is part of the renderer's fingerprint.
  if (rendered > 0 || !existsSync(manifestPath)) {
    mkdirSync(dirname(manifestPath), { recursive: true });
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return { rendered, kept };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const { rendered, kept } = await buildVoice(values.out ?? DEFAULT_VOICE_ROOT);
  console.log(`voice prompts: ${rendered} rendered, ${kept} unchanged`);
}
