// Everything the patient reads comes from the language catalogues in i18n/ (ICU messages, FormatJS).
// The renderer formats them with react-intl; the trusted side sends error and face texts already in
// every language.
import { createElement, useCallback, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import type { KioskErrorView, Language } from '../../../electron/contract';
import { CATALOGUES, LANGUAGE_TAGS, type UiMessageId } from '../../../i18n';

export { LANGUAGE_TAGS } from '../../../i18n';
export type MessageKey = UiMessageId;

/** Formats the renderer's messages in the language of the surrounding `<PatientLanguage>`. */
export function PatientLanguage(props: { language: Language; children: ReactNode }) {
  return createElement(
    IntlProvider,
    {
      locale: LANGUAGE_TAGS[props.language],
      defaultLocale: 'ja',
      messages: CATALOGUES[props.language] as Record<string, string>,
    },
    props.children,
  );
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function useText(): Translate {
  const intl = useIntl();
  return useCallback((key, values) => intl.formatMessage({ id: key }, values), [intl]);
}

/** A language's own name, in its own script, for the language bar. */
export function languageName(language: Language): string {
  return CATALOGUES[language]['language.name'] ?? language;
}

/** A catalogued error's patient message in the patient's language. */
export function errorText(error: KioskErrorView, language: Language): string {
  return error.patientMessage[language] ?? error.patientMessage.en;
}
