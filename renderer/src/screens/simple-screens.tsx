// The screens that only show text: reading the card, a card that cannot be used, reading the card
// face, confirming, done and staff called.
import type { KioskErrorView, Language } from '../../../electron/contract';
import { errorText, useText, type MessageKey } from '../i18n/messages';

function Message(props: {
  name: string;
  language: Language;
  title: MessageKey;
  hints?: MessageKey[];
  notice?: KioskErrorView | null;
  busy?: boolean;
}) {
  const t = useText();
  return (
    <main className={`screen ${props.name}`} data-screen={props.name} aria-busy={props.busy ?? false}>
      <div className="screen-text">
        {props.busy ? <div className="spinner" aria-hidden="true" /> : null}
        <h1>{t(props.title)}</h1>
        {props.notice ? (
          <p className="notice" role="alert">
            {errorText(props.notice, props.language)}
          </p>
        ) : null}
        {(props.hints ?? []).map((hint) => (
          <p key={hint} className="subtitle">
            {t(hint)}
          </p>
        ))}
      </div>
    </main>
  );
}

export const ReadingCardScreen = ({ language }: { language: Language }) => (
  <Message name="reading-card" language={language} title="reading.title" hints={['reading.hint']} busy />
);

export const CardUnusableScreen = ({ language, reason }: { language: Language; reason: KioskErrorView }) => (
  <Message
    name="card-unusable"
    language={language}
    title="unusable.title"
    hints={['unusable.hint']}
    notice={reason}
  />
);

export const CardFaceScreen = ({
  language,
  notice,
}: {
  language: Language;
  notice: KioskErrorView | null;
}) => (
  <Message
    name="card-face"
    language={language}
    title="cardFace.title"
    hints={['cardFace.hint']}
    notice={notice}
    busy
  />
);

export const ConfirmingScreen = ({ language }: { language: Language }) => (
  <Message name="confirming" language={language} title="confirming.title" hints={['confirming.hint']} busy />
);

export const DoneScreen = ({ language, result }: { language: Language; result: 'confirmed' | 'queued' }) => (
  <Message
    name="done"
    language={language}
    title={result === 'confirmed' ? 'done.confirmed' : 'done.queued'}
    hints={result === 'queued' ? ['done.queuedHint', 'done.hint', 'done.next'] : ['done.hint', 'done.next']}
  />
);

export const CallStaffScreen = ({ language, reason }: { language: Language; reason: KioskErrorView }) => (
  <Message name="call-staff" language={language} title="staff.title" notice={reason} hints={['staff.next']} />
);
