import { useEffect } from 'react';
import type { ReceptionView } from '../../electron/contract';
import { LanguageBar } from './components/LanguageBar';
import { CardTrayCamera } from './devices/CardTrayCamera';
import { useHeartbeat, useKioskApi, useKioskInfo, useReceptionView } from './hooks/useKiosk';
import { LANGUAGE_TAGS, translate } from './i18n/messages';
import { ChooseMethodScreen } from './screens/ChooseMethodScreen';
import { ConsentScreen } from './screens/ConsentScreen';
import { FaceCaptureScreen } from './screens/FaceCaptureScreen';
import { IdleScreen } from './screens/IdleScreen';
import { OutOfServiceScreen } from './screens/OutOfServiceScreen';
import { PinEntryScreen } from './screens/PinEntryScreen';
import {
  CallStaffScreen,
  CardFaceScreen,
  CardUnusableScreen,
  ConfirmingScreen,
  DoneScreen,
  ReadingCardScreen,
  TrustedTextScreen,
} from './screens/simple-screens';

function Screen({ view }: { view: ReceptionView }) {
  const api = useKioskApi();
  const { language } = view;
  switch (view.screen) {
    case 'idle':
      return <IdleScreen language={language} />;
    case 'reading-card':
      return <ReadingCardScreen language={language} />;
    case 'card-unusable':
      return <CardUnusableScreen language={language} reason={view.reason} />;
    case 'choose-method':
      return (
        <ChooseMethodScreen
          language={language}
          methods={view.methods}
          notice={view.notice}
          onChoose={(method) => void api.invoke('reception:choose-method', { method })}
        />
      );
    case 'card-face':
      return <CardFaceScreen language={language} notice={view.notice} />;
    case 'face-capture':
      return <FaceCaptureScreen language={language} />;
    case 'pin-entry':
      return (
        <PinEntryScreen
          language={language}
          digitsEntered={view.digitsEntered}
          triesLeft={view.triesLeft}
          notice={view.notice}
        />
      );
    case 'consent':
      return (
        <ConsentScreen
          language={language}
          onSubmit={(answers, agreedToAll) =>
            void api.invoke('reception:submit-consent', { answers, agreedToAll })
          }
        />
      );
    case 'confirming':
      return <ConfirmingScreen language={language} />;
    case 'done':
      return <DoneScreen language={language} result={view.result} />;
    case 'call-staff':
      return <CallStaffScreen language={language} reason={view.reason} />;
    case 'out-of-service':
      return <OutOfServiceScreen language={language} />;
    case 'take-card':
      return <TrustedTextScreen name="take-card" language={language} text={view.reason} />;
    case 'not-done':
      return <TrustedTextScreen name="not-done" language={language} text={view.reason} />;
  }
}

/** Screens where the patient may give up or ask for help from the footer. */
const IN_SESSION = new Set(['choose-method', 'card-face', 'face-capture', 'pin-entry', 'consent']);

export function App() {
  const api = useKioskApi();
  const info = useKioskInfo();
  const view = useReceptionView();
  useHeartbeat(info?.heartbeatIntervalMs);

  useEffect(() => {
    if (view) document.documentElement.lang = LANGUAGE_TAGS[view.language];
  }, [view]);

  if (!view || !info) return <div className="loading" aria-busy="true" />;
  return (
    <div className="kiosk" data-session={view.sessionGeneration}>
      {info.world === 'hardware' ? <CardTrayCamera /> : null}
      <header className="facility">{info.facilityName}</header>
      <Screen key={`${view.sessionGeneration}-${view.screen}`} view={view} />
      <footer className="footer">
        {IN_SESSION.has(view.screen) ? (
          <div className="session-actions">
            <button
              type="button"
              className="secondary"
              onClick={() => void api.invoke('reception:call-staff', {})}
            >
              {translate(view.language, 'common.callStaff')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => void api.invoke('reception:cancel', {})}
            >
              {translate(view.language, 'common.cancel')}
            </button>
          </div>
        ) : null}
        <LanguageBar
          languages={info.languages}
          current={view.language}
          onChoose={(language) => void api.invoke('reception:set-language', { language })}
        />
      </footer>
    </div>
  );
}
