import { useState } from 'react';
import type { KioskErrorView, Language } from '../../../electron/contract';
import { errorText, useText } from '../i18n/messages';

const PIN_LENGTH = 4;

/**
 * The PIN is typed on the reader's keypad, and this screen shows only how many digits are in; or,
 * where the terminal has no PIN pad, on the on-screen keypad the trusted side laid out. Its digits
 * live only in this component's state, masked, and leave once, on 確定; nothing here judges them.
 */
export function PinEntryScreen(props: {
  language: Language;
  digitsEntered: number;
  triesLeft: number | null;
  notice: KioskErrorView | null;
  keypad: { layout: readonly string[] } | null;
  /** The PIN is with the card: the keys are off, and anything typed meanwhile is dropped. */
  checking: boolean;
  onSubmit: (pin: string) => void;
  /** A key was tapped (no digit goes with it): the patient is still there. */
  onActivity: () => void;
}) {
  const t = useText();
  // Never in storage, never logged: state of this one screen, emptied on 確定.
  const [typed, setTyped] = useState('');
  // A check starting: nothing typed now may be sent after it (the patient types afresh). Done while
  // rendering, as React advises for state that follows a prop.
  const [wasChecking, setWasChecking] = useState(props.checking);
  if (props.checking !== wasChecking) {
    setWasChecking(props.checking);
    if (props.checking) setTyped('');
  }
  const entered = props.keypad ? typed.length : props.digitsEntered;
  const submit = () => {
    const pin = typed;
    setTyped('');
    props.onSubmit(pin);
  };
  const edit = (change: (current: string) => string) => {
    setTyped(change);
    props.onActivity();
  };
  const digitKey = (digit: string) => (
    <button
      key={digit}
      type="button"
      className="key digit"
      disabled={props.checking || typed.length >= PIN_LENGTH}
      onClick={() => edit((current) => (current.length < PIN_LENGTH ? current + digit : current))}
    >
      {digit}
    </button>
  );
  const status = (
    <>
      <div className="screen-text">
        <h1>{t('pin.title')}</h1>
        <p className="subtitle">{t(props.keypad ? 'pin.hintScreen' : 'pin.hint')}</p>
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
      <div className="pin-dots" role="status" aria-label={t('pin.digits', { entered })}>
        {[0, 1, 2, 3].map((index) => (
          <span key={index} className={index < entered ? 'dot filled' : 'dot'} />
        ))}
      </div>
    </>
  );
  if (!props.keypad) {
    return (
      <main className="screen pin-entry" data-screen="pin-entry">
        {status}
      </main>
    );
  }
  return (
    <main className="screen pin-entry on-screen" data-screen="pin-entry">
      <div className="pin-status">{status}</div>
      <div className="screen-controls">
        <div className="pin-keypad" role="group" aria-label={t('pin.hintScreen')}>
          {props.keypad.layout.slice(0, 9).map(digitKey)}
          <button type="button" className="key" disabled={props.checking} onClick={() => edit(() => '')}>
            {t('pin.key.clear')}
          </button>
          {props.keypad.layout.slice(9).map(digitKey)}
          <button
            type="button"
            className="key"
            disabled={props.checking}
            onClick={() => edit((current) => current.slice(0, -1))}
          >
            {t('pin.key.delete')}
          </button>
        </div>
        <button
          type="button"
          className="primary enter"
          disabled={props.checking || typed.length !== PIN_LENGTH}
          onClick={submit}
        >
          {t('pin.key.enter')}
        </button>
      </div>
    </main>
  );
}
