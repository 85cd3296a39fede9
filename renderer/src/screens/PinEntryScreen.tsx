import type { KioskErrorView, Language } from '../../../electron/contract';
import { errorText, useText } from '../i18n/messages';

/** The PIN is typed on the reader's keypad; this screen shows only how many digits are in. */
export function PinEntryScreen(props: {
  language: Language;
  digitsEntered: number;
  triesLeft: number | null;
  notice: KioskErrorView | null;
}) {
  const t = useText();
  return (
    <main className="screen pin-entry" data-screen="pin-entry">
      <div className="screen-text">
        <h1>{t('pin.title')}</h1>
        <p className="subtitle">{t('pin.hint')}</p>
        {props.triesLeft !== null ? (
          <p className={props.triesLeft <= 1 ? 'warning' : 'note'} data-tries-left={props.triesLeft}>
            {props.triesLeft <= 1 ? t('pin.lastTry') : t('pin.triesLeft', { tries: props.triesLeft })}
          </p>
        ) : null}
        {props.notice ? (
          <p className="notice" role="alert">
            {errorText(props.notice, props.language)}
          </p>
        ) : null}
      </div>
      <div className="pin-dots" role="status" aria-label={t('pin.digits', { entered: props.digitsEntered })}>
        {[0, 1, 2, 3].map((index) => (
          <span key={index} className={index < props.digitsEntered ? 'dot filled' : 'dot'} />
        ))}
      </div>
    </main>
  );
}
