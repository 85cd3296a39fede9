// The reception flow as the trusted side runs it. The renderer only draws `ReceptionView`;
// every transition is decided here. Later capabilities (card, face, PIN, consent, eligibility)
// add screens and transitions; a session's personal data will live in a Session object that
// `reset` wipes.
import type { Language, ReceptionView, Screen } from '../contract';

export type ResetReason = 'timeout' | 'recovery' | 'card-removed' | 'completed' | 'staff';

export interface Reception {
  view(): ReceptionView;
  setLanguage(language: Language): ReceptionView;
  /** Ends the session: personal data is dropped and the idle screen shown in the default language. */
  reset(reason: ResetReason): ReceptionView;
  onView(listener: (view: ReceptionView) => void): () => void;
}

export function createReception(options: {
  defaultLanguage: Language;
  languages: readonly Language[];
}): Reception {
  let screen: Screen = 'idle';
  let language: Language = options.defaultLanguage;
  let sessionGeneration = 0;
  const listeners = new Set<(view: ReceptionView) => void>();

  const view = (): ReceptionView => ({ screen, language, sessionGeneration });
  const publish = (): ReceptionView => {
    const current = view();
    for (const listener of listeners) listener(current);
    return current;
  };

  return {
    view,
    setLanguage(next) {
      if (!options.languages.includes(next)) return view();
      language = next;
      return publish();
    },
    reset() {
      screen = 'idle';
      language = options.defaultLanguage;
      sessionGeneration += 1;
      return publish();
    },
    onView(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
