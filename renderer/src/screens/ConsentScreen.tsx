import { useState } from 'react';
import { CONSENT_ITEMS, type ConsentAnswers, type ConsentItem } from '../../../electron/contract';
import { useText } from '../i18n/messages';

const NOT_ANSWERED = Object.fromEntries(CONSENT_ITEMS.map((item) => [item, null])) as Record<
  ConsentItem,
  boolean | null
>;

/**
 * 薬剤情報, 特定健診等情報, 診療情報, 手術情報 — each explained in one plain sentence and answered, or all
 * at once with 包括同意. Every tap is reported as activity, so a patient reading slowly is not timed out.
 */
export function ConsentScreen(props: {
  onSubmit: (answers: ConsentAnswers, agreedToAll: boolean) => void;
  onActivity?: () => void;
}) {
  const t = useText();
  const [answers, setAnswers] = useState(NOT_ANSWERED);
  const complete = CONSENT_ITEMS.every((item) => answers[item] !== null);
  const answer = (item: ConsentItem, value: boolean) => {
    setAnswers({ ...answers, [item]: value });
    props.onActivity?.();
  };

  return (
    <main className="screen consent" data-screen="consent">
      <div className="screen-text">
        <h1>{t('consent.title')}</h1>
        <p className="subtitle">{t('consent.lead')}</p>
      </div>
      <div className="screen-controls">
        <ul className="consent-items">
          {CONSENT_ITEMS.map((item) => (
            <li key={item} className="consent-item" data-item={item}>
              <span className="consent-text">
                <span className="consent-label" id={`consent-${item}`}>
                  {t(`consent.${item}`)}
                </span>
                <span className="consent-explain" id={`consent-${item}-explain`}>
                  {t(`consent.${item}Explain`)}
                </span>
              </span>
              <span
                className="consent-answers"
                role="radiogroup"
                aria-labelledby={`consent-${item}`}
                aria-describedby={`consent-${item}-explain`}
              >
                {[true, false].map((value) => (
                  <button
                    key={String(value)}
                    type="button"
                    role="radio"
                    aria-checked={answers[item] === value}
                    className={answers[item] === value ? 'answer chosen' : 'answer'}
                    onClick={() => answer(item, value)}
                  >
                    {t(value ? 'consent.yes' : 'consent.no')}
                  </button>
                ))}
              </span>
            </li>
          ))}
        </ul>
        <div className="consent-submit">
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
            {t('consent.all')}
          </button>
          <button
            type="button"
            className="primary submit"
            disabled={!complete}
            onClick={() => props.onSubmit(answers as ConsentAnswers, false)}
          >
            {t('consent.submit')}
          </button>
        </div>
      </div>
    </main>
  );
}
