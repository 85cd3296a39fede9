// The screens that only show text: reading the card, a card that cannot be used, reading the card
// face, confirming, done and staff called.
import type { KioskErrorView, Language } from '../../../electron/contract';
import { errorText, translate, type MessageKey } from '../i18n/messages';

function Message(props: {
  name: string;
  language: Language;
  title: MessageKey;
  hint?: MessageKey;
  notice?: KioskErrorView | null;
  busy?: boolean;
}) {
  return (
    <main className={`screen ${props.name}`} data-screen={props.name} aria-busy={props.busy ?? false}>
      {props.busy ? <div className="spinner" aria-hidden="true" /> : null}
      <h1>{translate(props.language, props.title)}</h1>
      {props.notice ? (
        <p className="notice" role="alert">
          {errorText(props.notice, props.language)}
        </p>
      ) : null}
      {props.hint ? <p className="subtitle">{translate(props.language, props.hint)}</p> : null}
    </main>
  );
}

export const ReadingCardScreen = ({ language }: { language: Language }) => (
  <Message name="reading-card" language={language} title="reading.title" hint="reading.hint" busy />
);

export const CardUnusableScreen = ({ language, reason }: { language: Language; reason: KioskErrorView }) => (
  <Message
    name="card-unusable"
    language={language}
    title="unusable.title"
    hint="unusable.hint"
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
    hint="cardFace.hint"
    notice={notice}
    busy
  />
);

export const ConfirmingScreen = ({ language }: { language: Language }) => (
  <Message name="confirming" language={language} title="confirming.title" hint="confirming.hint" busy />
);

export const DoneScreen = ({ language, result }: { language: Language; result: 'confirmed' | 'queued' }) => (
  <main className="screen done" data-screen="done">
    <h1>{translate(language, result === 'confirmed' ? 'done.confirmed' : 'done.queued')}</h1>
    {result === 'queued' ? <p className="subtitle">{translate(language, 'done.queuedHint')}</p> : null}
    <p className="subtitle">{translate(language, 'done.hint')}</p>
  </main>
);

export const CallStaffScreen = ({ language, reason }: { language: Language; reason: KioskErrorView }) => (
  <Message name="call-staff" language={language} title="staff.title" notice={reason} />
);

/** A screen whose whole text comes from the trusted side's catalogue (take the card, not done). */
export const TrustedTextScreen = (props: { name: string; language: Language; text: KioskErrorView }) => (
  <main className={`screen ${props.name}`} data-screen={props.name}>
    <h1 role="alert">{errorText(props.text, props.language)}</h1>
  </main>
);
