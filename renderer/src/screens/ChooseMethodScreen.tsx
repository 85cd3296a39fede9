import type { KioskErrorView, Language, VerificationChoice } from '../../../electron/contract';
import { errorText, translate, type MessageKey } from '../i18n/messages';

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
  return (
    <main className="screen choose-method" data-screen="choose-method">
      <h1>{translate(props.language, 'method.title')}</h1>
      {props.notice ? (
        <p className="notice" role="alert">
          {errorText(props.notice, props.language)}
        </p>
      ) : null}
      <div className="choices">
        {props.methods.map((method) => (
          <button
            key={method}
            type="button"
            className={`choice ${method}`}
            onClick={() => props.onChoose(method)}
          >
            <span className="choice-title">{translate(props.language, LABELS[method].title)}</span>
            <span className="choice-hint">{translate(props.language, LABELS[method].hint)}</span>
          </button>
        ))}
      </div>
    </main>
  );
}
