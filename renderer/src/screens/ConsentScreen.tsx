import { useState } from 'react';
import {
  CONSENT_ITEMS,
  type ConsentAnswers,
  type ConsentItem,
  type Language,
} from '../../../electron/contract';
import { translate } from '../i18n/messages';

const NOT_ANSWERED = Object.fromEntries(CONSENT_ITEMS.map((item) => [item, null])) as Record<
  ConsentItem,
  boolean | null
>;

/** 薬剤情報, 特定健診等情報, 診療情報, 手術情報 — each answered, or all at once with 包括同意. */
export function ConsentScreen(props: {
  language: Language;
  onSubmit: (answers: ConsentAnswers, agreedToAll: boolean) => void;
}) {
  const [answers, setAnswers] = useState(NOT_ANSWERED);
  const complete = CONSENT_ITEMS.every((item) => answers[item] !== null);
  const answer = (item: ConsentItem, value: boolean) => setAnswers({ ...answers, [item]: value });

  return (
    <main className="screen consent" data-screen="consent">
      <h1>{translate(props.language, 'consent.title')}</h1>
      <p className="subtitle">{translate(props.language, 'consent.lead')}</p>
      <button
        type="button"
        className="primary agree-all"
        onClick={() =>
          props.onSubmit(
            Object.fromEntries(CONSENT_ITEMS.map((item) => [item, true])) as ConsentAnswers,
            true,
          )
        }
      >
        {translate(props.language, 'consent.all')}
      </button>
      <ul className="consent-items">
        {CONSENT_ITEMS.map((item) => (
          <li key={item} className="consent-item">
            <span className="consent-label" id={`consent-${item}`}>
              {translate(props.language, `consent.${item}`)}
            </span>
            <span className="consent-answers" role="radiogroup" aria-labelledby={`consent-${item}`}>
              {[true, false].map((value) => (
                <button
                  key={String(value)}
                  type="button"
                  role="radio"
                  aria-checked={answers[item] === value}
                  className={answers[item] === value ? 'answer chosen' : 'answer'}
                  onClick={() => answer(item, value)}
                >
                  {translate(props.language, value ? 'consent.yes' : 'consent.no')}
                </button>
              ))}
            </span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="primary"
        disabled={!complete}
        onClick={() => props.onSubmit(answers as ConsentAnswers, false)}
      >
        {translate(props.language, 'consent.submit')}
      </button>
    </main>
  );
}
