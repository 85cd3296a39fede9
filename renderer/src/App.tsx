import { useEffect, useState } from 'react';
import type { ReceptionView } from '../../electron/contract';
import { DEFAULT_PREFERENCES, DisplaySettings, type DisplayPreferences } from './a11y/DisplaySettings';
import { promptOf, useVoicePrompt } from './a11y/voice';
import { LanguageBar } from './components/LanguageBar';
import { CardTrayCamera } from './devices/CardTrayCamera';
import { useHeartbeat, useKioskApi, useKioskInfo, useReceptionView } from './hooks/useKiosk';
import { LANGUAGE_TAGS, PatientLanguage, useText } from './i18n/messages';
import { ChooseMethodScreen } from './screens/ChooseMethodScreen';
import { ConsentScreen } from './screens/ConsentScreen';
import { FaceCaptureScreen } from './screens/FaceCaptureScreen';
import { IdleScreen } from './screens/IdleScreen';
import { OutOfServiceScreen } from './screens/OutOfServiceScreen';
import { PinEntryScreen } from './screens/PinEntryScreen';
import { PinLastTryScreen } from './screens/PinLastTryScreen';
import {
  CollationEntryScreen,
  CollationRefusedScreen,
  StaffLoginScreen,
  VisualCheckControl,
  VisualCheckScreen,
} from './screens/VisualCheckScreens';
import {
  CallStaffScreen,
  CardFaceScreen,
  CardUnusableScreen,
  ConfirmingScreen,
  DoneScreen,
  PhoneConfirmScreen,
  PhoneWaitScreen,
  ReadingCardScreen,
  TrustedTextScreen,
} from './screens/simple-screens';

function Screen({ view }: { view: ReceptionView }) {
  const api = useKioskApi();
  const { language } = view;
  switch (view.screen) {
    case 'idle':
      return (
        <IdleScreen
          notice={view.notice ?? null}
          language={language}
          onSmartphone={
            view.smartphone
              ? () => void api.invoke('reception:choose-method', { method: 'smartphone' })
              : null
          }
        />
      );
    case 'phone-wait':
      return <PhoneWaitScreen language={language} />;
    case 'phone-confirm':
      return <PhoneConfirmScreen language={language} />;
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
          unavailable={view.unavailable}
          pinTriesLeft={view.pinTriesLeft}
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
          keypad={view.keypad}
          checking={view.checking}
          onSubmit={(pin) => void api.invoke('reception:submit-pin', { pin })}
          onActivity={() => void api.invoke('reception:activity', {})}
        />
      );
    case 'pin-last-try':
      return (
        <PinLastTryScreen
          language={language}
          notice={view.notice}
          onConfirm={() => void api.invoke('reception:confirm-last-try', {})}
          onCallStaff={() => void api.invoke('reception:call-staff', {})}
        />
      );
    case 'consent':
      return (
        <ConsentScreen
          onActivity={() => void api.invoke('reception:activity', {})}
          onSubmit={(answers, agreedToAll) =>
            void api.invoke('reception:submit-consent', { answers, agreedToAll })
          }
        />
      );
    case 'confirming':
      return <ConfirmingScreen language={language} />;
    case 'done':
      return <DoneScreen language={language} result={view.result} next={view.next} />;
    case 'call-staff':
      return (
        <CallStaffScreen
          language={language}
          reason={view.reason}
          next={view.next}
          canGoBack={view.canGoBack}
          onBack={() => void api.invoke('reception:back', {})}
          staffControl={
            view.visualCheck ? (
              <VisualCheckControl onStart={() => void api.invoke('reception:visual-check', {})} />
            ) : null
          }
        />
      );
    case 'staff-login':
      return (
        <StaffLoginScreen
          key={view.sessionGeneration}
          staffNames={view.staffNames}
          notice={view.notice}
          onSubmit={(name, passcode) => void api.invoke('reception:staff-passcode', { name, passcode })}
          onBack={() => void api.invoke('reception:back', {})}
        />
      );
    case 'collation-entry':
      return (
        <CollationEntryScreen
          key={view.sessionGeneration}
          staffName={view.staffName}
          notice={view.notice}
          sending={view.sending}
          onSubmit={(collationNumber) => void api.invoke('reception:collation-number', { collationNumber })}
          onSkip={() => void api.invoke('reception:collation-skip', {})}
          onBack={() => void api.invoke('reception:back', {})}
        />
      );
    case 'collation-refused':
      return (
        <CollationRefusedScreen
          staffName={view.staffName}
          reason={view.reason}
          triesLeft={view.triesLeft}
          onSkip={() => void api.invoke('reception:collation-skip', {})}
          onBack={() => void api.invoke('reception:back', {})}
        />
      );
    case 'visual-check':
      return (
        <VisualCheckScreen
          staffName={view.staffName}
          chipPhoto={view.chipPhoto}
          birthDate={view.birthDate}
          expiryYear={view.expiryYear}
          onDecide={(decision) => void api.invoke('reception:visual-check-decide', { decision })}
        />
      );
    case 'out-of-service':
      return <OutOfServiceScreen reasons={view.reasons} language={language} />;
    case 'take-card':
      return <TrustedTextScreen name="take-card" language={language} text={view.reason} />;
    case 'not-done':
      return <TrustedTextScreen name="not-done" language={language} text={view.reason} />;
  }
}

/** Screens where the patient may give up or ask for help from the footer. */
const IN_SESSION = new Set([
  'choose-method',
  'card-face',
  'face-capture',
  'pin-entry',
  'pin-last-try',
  'consent',
  'phone-wait',
  'phone-confirm',
]);

function SessionActions({ view }: { view: ReceptionView }) {
  const api = useKioskApi();
  const t = useText();
  if (!IN_SESSION.has(view.screen)) return null;
  // On choose-method "call staff" is already one of the big choices: never show it twice.
  const staffChoice =
    (view.screen === 'choose-method' && view.methods.includes('staff')) || view.screen === 'pin-last-try';
  return (
    <div className="session-actions">
      {staffChoice ? null : (
        <button
          type="button"
          className="secondary call-staff"
          onClick={() => void api.invoke('reception:call-staff', {})}
        >
          {t('common.callStaff')}
        </button>
      )}
      <button type="button" className="quiet cancel" onClick={() => void api.invoke('reception:cancel', {})}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

export function App() {
  const api = useKioskApi();
  const info = useKioskInfo();
  const view = useReceptionView();
  useHeartbeat(info?.heartbeatIntervalMs);
  const [preferences, setPreferences] = useState<{ session: number; value: DisplayPreferences }>({
    session: -1,
    value: DEFAULT_PREFERENCES,
  });
  // The patient's display preferences belong to their session, like the language.
  const current =
    view && preferences.session === view.sessionGeneration ? preferences.value : DEFAULT_PREFERENCES;
  useVoicePrompt(view ? promptOf(view) : null, view?.language ?? 'ja', current.sound);

  useEffect(() => {
    if (view) document.documentElement.lang = LANGUAGE_TAGS[view.language];
  }, [view]);

  if (!view || !info) return <div className="loading" aria-busy="true" />;
  const classes = [
    'kiosk',
    current.largeText ? 'large-text' : '',
    current.highContrast ? 'high-contrast' : '',
  ];
  return (
    <PatientLanguage language={view.language}>
      <div
        className={classes.filter(Boolean).join(' ')}
        data-session={view.sessionGeneration}
        data-language={view.language}
      >
        {info.world === 'hardware' ? <CardTrayCamera /> : null}
        <header className="facility">{info.facilityName}</header>
        <Screen key={`${view.sessionGeneration}-${view.screen}`} view={view} />
        <footer className="footer">
          <SessionActions view={view} />
          <DisplaySettings
            preferences={current}
            onChange={(value) => setPreferences({ session: view.sessionGeneration, value })}
          />
          <LanguageBar
            languages={info.languages}
            current={view.language}
            onChoose={(language) => void api.invoke('reception:set-language', { language })}
          />
        </footer>
      </div>
    </PatientLanguage>
  );
}
