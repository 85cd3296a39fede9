// Patient texts in every language, one ICU catalogue per language (i18n/catalogues/<language>.ts),
// shared by the renderer (react-intl) and the trusted side (@formatjs/intl, for error and face texts).
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { LANGUAGES, type Language, type PatientText } from '../electron/contract';
import type { Catalogue } from './catalogues/catalogue';
import en from './catalogues/en';
import es from './catalogues/es';
import ja from './catalogues/ja';
import ko from './catalogues/ko';
import ne from './catalogues/ne';
import pt from './catalogues/pt';
import tl from './catalogues/tl';
import vi from './catalogues/vi';
import zh from './catalogues/zh';

export type { Catalogue, MessageId, UiMessageId } from './catalogues/catalogue';

export const CATALOGUES: Record<Language, Catalogue> = { ja, en, zh, ko, vi, pt, es, tl, ne };

/** BCP 47 tag for the lang attribute and for plural rules, so screen readers and fonts pick the right language. */
export const LANGUAGE_TAGS: Record<Language, string> = {
  ja: 'ja',
  en: 'en',
  zh: 'zh-Hans',
  ko: 'ko',
  vi: 'vi',
  pt: 'pt-BR',
  es: 'es',
  tl: 'tl',
  ne: 'ne',
};

const cache = createIntlCache();
const intls = new Map<Language, IntlShape<string>>();

/** The formatter of one language. A missing message is not reported here: the catalogue test names it. */
export function intlFor(language: Language): IntlShape<string> {
  let intl = intls.get(language);
  if (!intl) {
    intl = createIntl(
      {
        locale: LANGUAGE_TAGS[language],
        defaultLocale: 'ja',
        messages: CATALOGUES[language] as Record<string, string>,
        onError: () => undefined,
      },
      cache,
    );
    intls.set(language, intl);
  }
  return intl;
}

export function hasMessage(language: Language, id: string): boolean {
  return typeof (CATALOGUES[language] as Record<string, string | undefined>)[id] === 'string';
}

/** One message in every language; a language that lacks it shows `fallback` (else English). */
export function textInEveryLanguage(
  id: string,
  fallback: Partial<Record<Language, string>> & { en: string },
  values?: Record<string, string | number>,
): PatientText {
  const text = {} as PatientText;
  for (const language of LANGUAGES) {
    text[language] = hasMessage(language, id)
      ? intlFor(language).formatMessage({ id }, values)
      : (fallback[language] ?? fallback.en);
  }
  return text;
}
