// Plays the prompt of each screen once, in the patient's language, unless the voice guide is off.
// The audio files are rendered at build time (scripts/build-voice.ts); a language espeak-ng cannot
// speak has none and stays silent.
import { useEffect } from 'react';
import type { Language, ReceptionView } from '../../../electron/contract';
import { ESPEAK_VOICES, voiceFile, type VoicePrompt } from '../../../i18n/voice';

export function promptOf(view: ReceptionView): VoicePrompt | null {
  switch (view.screen) {
    case 'idle':
      return 'idle.title';
    case 'reading-card':
      return 'reading.title';
    case 'phone-wait':
      return 'phoneWait.title';
    case 'phone-confirm':
      return 'phoneConfirm.title';
    case 'card-unusable':
      return 'unusable.title';
    case 'choose-method':
      return 'method.title';
    case 'card-face':
      return 'cardFace.title';
    case 'face-capture':
      return 'face.title';
    case 'pin-entry':
      return 'pin.title';
    case 'pin-last-try':
      return 'pinLastTry.title';
    case 'consent':
      return 'consent.title';
    case 'confirming':
      return 'confirming.title';
    case 'done':
      return view.result === 'confirmed' ? 'done.confirmed' : 'done.queued';
    case 'call-staff':
      return 'staff.title';
    case 'out-of-service':
      return 'outOfService.title';
    case 'take-card':
      // Played at once: the patient is walking away with their card still on the reader.
      return 'takeCard.title';
    case 'staff-login':
    case 'collation-entry':
    case 'collation-refused':
    case 'visual-check':
      return null; // staff's screens: nothing is spoken to the patient
    case 'not-done':
      return null; // its whole text is the trusted side's (what was not done and what to do)
  }
}

export function useVoicePrompt(prompt: VoicePrompt | null, language: Language, enabled: boolean): void {
  useEffect(() => {
    if (!enabled || !prompt || !ESPEAK_VOICES[language]) return;
    const audio = new Audio(voiceFile(language, prompt));
    audio.dataset.prompt = prompt;
    void audio.play().catch(() => undefined);
    return () => audio.pause();
  }, [prompt, language, enabled]);
}
