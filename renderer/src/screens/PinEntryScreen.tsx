import type { KioskErrorView, Language } from '../../../electron/contract';
import { errorText, translate } from '../i18n/messages';

/** The PIN is typed on the reader's keypad; this screen shows only how many digits are in. */
export function PinEntryScreen(props: {
  language: Language;
  digitsEntered: number;
  triesLeft: number | null;
  notice: KioskErrorView | null;
}) {
  return (
    <main className="screen pin-entry" data-screen="pin-entry">
      <h1>{translate(props.language, 'pin.title')}</h1>
      <p className="subtitle">{translate(props.language, 'pin.hint')}</p>
      <div className="pin-dots" role="status" aria-label={`${props.digitsEntered} / 4`}>
        {[0, 1, 2, 3].map((index) => (
          <span key={index} className={index < props.digitsEntered ? 'dot filled' : 'dot'} />
        ))}
      </div>
      {props.notice ? (
        <p className="notice" role="alert">
          {errorText(props.notice, props.language)}
        </p>
      ) : null}
      {props.triesLeft !== null && props.triesLeft <= 2 ? (
        <p className="warning">{translate(props.language, 'pin.triesLeft', { tries: props.triesLeft })}</p>
      ) : null}
    </main>
  );
}
