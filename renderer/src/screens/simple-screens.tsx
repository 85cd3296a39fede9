// The screens that only show text: reading the card, waiting for a smartphone and its holder's
// confirmation on it, a card that cannot be used, reading the card face, confirming, done and staff called.
import type { ReactNode } from 'react';
import type { KioskErrorView, Language } from '../../../electron/contract';
import { errorText, useText, type MessageKey } from '../i18n/messages';

function Message(props: {
  name: string;
  language: Language;
  title: MessageKey;
  hints?: MessageKey[];
  notice?: KioskErrorView | null;
  /** Texts the trusted side chose (what happens next), shown under the hints. */
  next?: KioskErrorView | null;
  busy?: boolean;
  children?: ReactNode;
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
        {props.next ? <p className="subtitle">{errorText(props.next, props.language)}</p> : null}
      </div>
      {props.children ? <div className="screen-controls">{props.children}</div> : null}
    </main>
  );
}

export const ReadingCardScreen = ({ language }: { language: Language }) => (
  <Message name="reading-card" language={language} title="reading.title" hints={['reading.hint']} busy />
);

export const PhoneWaitScreen = ({ language }: { language: Language }) => (
  <Message name="phone-wait" language={language} title="phoneWait.title" hints={['phoneWait.hint']} />
);

export const PhoneConfirmScreen = ({ language }: { language: Language }) => (
  <Message
    name="phone-confirm"
    language={language}
    title="phoneConfirm.title"
    hints={['phoneConfirm.hint']}
    busy
  />
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

export const DoneScreen = ({
  language,
  result,
  next,
}: {
  language: Language;
  result: 'confirmed' | 'queued';
  next: KioskErrorView;
}) => (
  <Message
    name="done"
    language={language}
    title={result === 'confirmed' ? 'done.confirmed' : 'done.queued'}
    hints={result === 'queued' ? ['done.queuedHint', 'done.hint'] : ['done.hint']}
    next={next}
  />
);

export function CallStaffScreen(props: {
  language: Language;
  reason: KioskErrorView;
  next: KioskErrorView;
  canGoBack: boolean;
  onBack: () => void;
  /** The labelled staff control (目視確認), where the trusted side offers it. */
  staffControl?: ReactNode;
}) {
  const t = useText();
  return (
    <Message
      name="call-staff"
      language={props.language}
      title="staff.title"
      notice={props.reason}
      next={props.next}
    >
      {props.canGoBack ? (
        <button type="button" className="secondary back" onClick={props.onBack}>
          {t('common.back')}
        </button>
      ) : null}
      {props.staffControl}
    </Message>
  );
}

/** A screen whose whole text comes from the trusted side's catalogue (take the card, not done). */
export const TrustedTextScreen = (props: { name: string; language: Language; text: KioskErrorView }) => (
  <main className={`screen ${props.name}`} data-screen={props.name}>
    {/* The alert wraps the heading: role="alert" on the h1 itself would take its heading role away. */}
    <div className="screen-text" role="alert">
      <h1>{errorText(props.text, props.language)}</h1>
    </div>
  </main>
);
