// Every language is complete: each has exactly the keys of the Japanese source catalogue, every
// catalogue error code has its patient text in every language, and every message is valid ICU with
// the same arguments as its Japanese original. A failure names the key (or error code) and language.
import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../electron/contract';
import { catalogue as errorCatalogue } from '../electron/errors/catalogue';
import { toErrorView } from '../electron/errors/kiosk-error';
import { CATALOGUES, LANGUAGE_TAGS } from './index';

const ja = CATALOGUES.ja as Record<string, string>;

/** The argument names a message uses: `{name}` and `{name, plural, …}`. */
function argumentsOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((match) => match[1]!))].sort();
}

describe('language catalogues', () => {
  it.each(LANGUAGES.filter((language) => language !== 'ja'))(
    '%s has every key of ja.ts and no other',
    (language) => {
      const messages = CATALOGUES[language] as Record<string, string>;
      const missing = Object.keys(ja).filter((key) => typeof messages[key] !== 'string');
      const unknown = Object.keys(messages).filter((key) => !(key in ja));
      expect(missing.map((key) => `${language}: missing ${key}`)).toEqual([]);
      expect(unknown.map((key) => `${language}: unknown ${key}`)).toEqual([]);
    },
  );

  it('has the patient text of every error code in every language', () => {
    const missing: string[] = [];
    for (const code of Object.keys(errorCatalogue))
      for (const language of LANGUAGES)
        if (typeof (CATALOGUES[language] as Record<string, string>)[`error.${code}`] !== 'string')
          missing.push(
            `error code ${code}: no patient text in ${language} (add 'error.${code}' to i18n/catalogues/${language}.ts)`,
          );
    expect(missing).toEqual([]);
  });

  it('has no error text for a code the error catalogue does not define', () => {
    const stale = Object.keys(ja)
      .filter((key) => key.startsWith('error.'))
      .filter((key) => !(key.slice('error.'.length) in errorCatalogue));
    expect(stale).toEqual([]);
  });

  it.each(LANGUAGES)(
    'every %s message is valid ICU and uses the arguments of its Japanese original',
    (language) => {
      const problems: string[] = [];
      const messages = CATALOGUES[language] as Record<string, string>;
      const intl = createIntl({
        locale: LANGUAGE_TAGS[language],
        messages,
        onError: (error) => problems.push(`${language}: ${error.message}`),
      });
      for (const [key, message] of Object.entries(messages)) {
        const values = Object.fromEntries(argumentsOf(ja[key] ?? '').map((name) => [name, 2]));
        const text = intl.formatMessage({ id: key }, values);
        if (!text.trim() || text.includes('{')) problems.push(`${language}: ${key} formats to "${text}"`);
        if (argumentsOf(message).join() !== argumentsOf(ja[key] ?? '').join())
          problems.push(
            `${language}: ${key} has arguments ${argumentsOf(message).join()} (ja: ${argumentsOf(ja[key] ?? '').join()})`,
          );
      }
      expect(problems).toEqual([]);
    },
  );

  it('names every language in its own script so a patient can find theirs', () => {
    expect(LANGUAGES.map((language) => CATALOGUES[language]['language.name'])).toEqual([
      '日本語',
      'English',
      '中文',
      '한국어',
      'Tiếng Việt',
      'Português',
      'Español',
      'Tagalog',
      'नेपाली',
    ]);
  });

  it('formats plurals by the language’s rules', () => {
    const tries = (language: 'en' | 'es', count: number) =>
      createIntl({
        locale: LANGUAGE_TAGS[language],
        messages: CATALOGUES[language] as Record<string, string>,
      }).formatMessage({ id: 'pin.triesLeft' }, { tries: count });
    expect(tries('en', 1)).toBe('You have 1 try left');
    expect(tries('en', 2)).toBe('You have 2 tries left');
    expect(tries('es', 1)).toBe('Le queda 1 intento');
  });

  it('gives the renderer an error in every language, the true reason included', () => {
    const view = toErrorView('card-face.western-date-unsupported');
    expect(Object.keys(view.patientMessage).sort()).toEqual([...LANGUAGES].sort());
    expect(view.patientMessage.ja).toContain('西暦');
    expect(view.patientMessage.en).toContain('Western calendar');
    expect(view.patientMessage.ne).toMatch(/[\u0900-\u097F]/);
  });
});
