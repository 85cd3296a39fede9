// Voice prompts: what the kiosk says aloud when a screen appears. Each prompt is a catalogue message;
// espeak-ng reads kana with its Japanese voice but says "Chinese letter" for kanji, so every Japanese
// prompt has its speech text in kana beside it. scripts/build-voice.ts renders them at build time.
import type { Language } from '../electron/contract';
import type { UiMessageId } from './catalogues/catalogue';

export const VOICE_PROMPTS = [
  'idle.title',
  'reading.title',
  'phoneWait.title',
  'phoneConfirm.title',
  'unusable.title',
  'method.title',
  'cardFace.title',
  'face.title',
  'pin.title',
  'pinLastTry.title',
  'consent.title',
  'confirming.title',
  'done.confirmed',
  'done.queued',
  'staff.title',
  'takeCard.title',
  'cardPulled.title',
  'outOfService.title',
] as const satisfies readonly UiMessageId[];
export type VoicePrompt = (typeof VOICE_PROMPTS)[number];

/** The Japanese prompts as espeak-ng can read them (kana only). */
export const JA_SPEECH: Record<VoicePrompt, string> = {
  'idle.title': 'まいなんばーかーどを、かーどりーだーに、おいてください',
  'reading.title': 'かーどを、よみとっています',
  'phoneWait.title': 'すまーとふぉんを、よみとりきに、かざしてください',
  'phoneConfirm.title': 'すまーとふぉんの、がめんで、ごほんにんかくにんを、してください',
  'unusable.title': 'このかーどは、ごりよう、いただけません',
  'method.title': 'ほんにんかくにんの、ほうほうを、えらんでください',
  'cardFace.title': 'かーどの、ひょうめんを、よみとっています',
  'face.title': 'かめらに、かおを、むけてください',
  'pin.title': 'あんしょうばんごう、すうじ、よんけたを、にゅうりょくしてください',
  'pinLastTry.title': 'あんしょうばんごうの、にゅうりょくは、あと、いっかいだけです',
  'consent.title': 'じょうほうの、ていきょうに、どういしますか',
  'confirming.title': 'しかくを、かくにんしています',
  'done.confirmed': 'うけつけが、かんりょうしました',
  'done.queued': 'うけつけを、きろくしました',
  'staff.title': 'しょくいんを、およびしました',
  'takeCard.title': 'かーどを、おとりください',
  'cardPulled.title': 'かーどが、はずされたため、うけつけを、ちゅうししました',
  'outOfService.title': 'ただいま、このたんまつは、ごりよう、いただけません',
};

/** espeak-ng's voice for each language it speaks; Tagalog has none in Debian's espeak-ng (shown, not spoken). */
export const ESPEAK_VOICES: Partial<Record<Language, string>> = {
  ja: 'ja',
  en: 'en-us',
  zh: 'cmn',
  ko: 'ko',
  vi: 'vi',
  pt: 'pt-br',
  es: 'es',
  ne: 'ne',
};

/** Where the renderer finds a prompt's audio, relative to its page. */
export function voiceFile(language: Language, prompt: VoicePrompt): string {
  return `voice/${language}/${prompt}.wav`;
}
