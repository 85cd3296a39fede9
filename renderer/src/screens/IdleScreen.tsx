import type { KioskErrorView, Language } from '../../../electron/contract';
import { errorText, useText } from '../i18n/messages';

/**
 * `notice`: why the last session ended early (a pulled card), in the patient's language.
 * `onSmartphone`: the terminal has a phone reader; the patient may say they use a smartphone.
 */
export function IdleScreen({
  notice,
  language,
  onSmartphone,
}: {
  notice?: KioskErrorView | null;
  language: Language;
  onSmartphone?: (() => void) | null;
}) {
  const t = useText();
  return (
    <main className="screen idle" data-screen="idle">
      <div className="screen-text">
        <div className="card-illustration" aria-hidden="true">
          <div className="card-shape" />
          <div className="reader-shape" />
        </div>
        {notice ? (
          <p className="notice" role="alert">
            {errorText(notice, language)}
          </p>
        ) : null}
        <h1>{t('idle.title')}</h1>
        <p className="subtitle">{t('idle.subtitle')}</p>
        <p className="note">{t('idle.insuranceCard')}</p>
        <p className="help">{t('idle.help')}</p>
      </div>
      {onSmartphone ? (
        <div className="screen-controls">
          <button
            type="button"
            className="secondary smartphone"
            aria-describedby="method-hint-smartphone"
            onClick={onSmartphone}
          >
            {t('method.smartphone')}
          </button>
          <p className="note" id="method-hint-smartphone">
            {t('method.smartphoneHint')}
          </p>
        </div>
      ) : null}
    </main>
  );
}
