import type { Language } from '../../../electron/contract';
import { LANGUAGE_TAGS, languageName, useText } from '../i18n/messages';

/** One tap to any language, each named in its own script, within reach from a wheelchair. */
export function LanguageBar(props: {
  languages: readonly Language[];
  current: Language;
  onChoose: (language: Language) => void;
}) {
  const t = useText();
  return (
    <nav className="language-bar" aria-label={t('language.choose')}>
      {props.languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={LANGUAGE_TAGS[language]}
          className={language === props.current ? 'language current' : 'language'}
          aria-pressed={language === props.current}
          onClick={() => props.onChoose(language)}
        >
          {languageName(language)}
        </button>
      ))}
    </nav>
  );
}
