import type { KioskErrorView, Language, VerificationChoice } from '../../../electron/contract';
import { errorText, useText, type MessageKey } from '../i18n/messages';

const LABELS: Record<VerificationChoice, { title: MessageKey; hint: MessageKey }> = {
  face: { title: 'method.face', hint: 'method.faceHint' },
  pin: { title: 'method.pin', hint: 'method.pinHint' },
  staff: { title: 'method.staff', hint: 'method.staffHint' },
  smartphone: { title: 'method.smartphone', hint: 'method.smartphoneHint' },
};

export function ChooseMethodScreen(props: {
  language: Language;
  methods: readonly VerificationChoice[];
  notice: KioskErrorView | null;
  /** Why a way is not offered (locked PIN, no PIN, Western-dated card…), as the trusted side says. */
  unavailable: ReadonlyArray<{ method: 'face' | 'pin'; reason: KioskErrorView }>;
  /** The card's PIN tries left, shown before the patient chooses the PIN. */
  pinTriesLeft: number | null;
  onChoose: (method: VerificationChoice) => void;
}) {
  const t = useText();
  return (
    <main className="screen choose-method" data-screen="choose-method">
      <div className="screen-text">
        <h1>{t('method.title')}</h1>
        {props.notice ? (
          <p className="notice" role="alert">
            {errorText(props.notice, props.language)}
          </p>
        ) : null}
        {props.unavailable.map((item) => (
          <p key={item.method} className="subtitle unavailable" data-unavailable={item.method}>
            {errorText(item.reason, props.language)}
          </p>
        ))}
      </div>
      <div className="screen-controls choices">
        {props.methods.map((method) => (
          <button
            key={method}
            type="button"
            className={`choice ${method}`}
            aria-describedby={`method-hint-${method}`}
            onClick={() => props.onChoose(method)}
          >
            <span className="choice-title">{t(LABELS[method].title)}</span>
            <span className="choice-hint" id={`method-hint-${method}`}>
              {t(LABELS[method].hint)}
              {method === 'pin' && props.pinTriesLeft !== null ? (
                <> {t('pin.triesLeft', { tries: props.pinTriesLeft })}</>
              ) : null}
            </span>
          </button>
        ))}
      </div>
    </main>
  );
}
