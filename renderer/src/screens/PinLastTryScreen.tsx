import type { KioskErrorView, Language } from '../../../electron/contract';
import { errorText, useText } from '../i18n/messages';

/**
 * One PIN try is left: what a wrong PIN costs, said before any digit is typed. The patient spends
 * the try (the trusted side then takes the PIN) or asks staff; nothing is decided here.
 */
export function PinLastTryScreen(props: {
  language: Language;
  notice: KioskErrorView | null;
  onConfirm: () => void;
  onCallStaff: () => void;
}) {
  const t = useText();
  return (
    <main className="screen pin-last-try" data-screen="pin-last-try">
      <div className="screen-text">
        {props.notice ? (
          <p className="notice" role="alert">
            {errorText(props.notice, props.language)}
          </p>
        ) : null}
        <h1>{t('pinLastTry.title')}</h1>
        <p className="warning">{t('pinLastTry.body')}</p>
        <p className="subtitle">{t('pinLastTry.choice')}</p>
      </div>
      <div className="screen-controls choices">
        <button type="button" className="choice pin confirm-last-try" onClick={props.onConfirm}>
          <span className="choice-title">{t('pinLastTry.confirm')}</span>
        </button>
        <button type="button" className="choice staff" onClick={props.onCallStaff}>
          <span className="choice-title">{t('pinLastTry.staff')}</span>
        </button>
      </div>
    </main>
  );
}
