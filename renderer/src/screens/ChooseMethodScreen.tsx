import type { KioskErrorView, Language, VerificationChoice } from '../../../electron/contract';
import { errorText, useText, type MessageKey } from '../i18n/messages';

const LABELS: Record<VerificationChoice, { title: MessageKey; hint: MessageKey }> = {
  face: { title: 'method.face', hint: 'method.faceHint' },
  pin: { title: 'method.pin', hint: 'method.pinHint' },
  staff: { title: 'method.staff', hint: 'method.staffHint' },
};

export function ChooseMethodScreen(props: {
  language: Language;
  methods: readonly VerificationChoice[];
  notice: KioskErrorView | null;
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
            </span>
          </button>
        ))}
      </div>
    </main>
  );
}
