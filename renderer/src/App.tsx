import { useEffect } from 'react';
import type { ReceptionView } from '../../electron/contract';
import { LanguageBar } from './components/LanguageBar';
import { useHeartbeat, useKioskApi, useKioskInfo, useReceptionView } from './hooks/useKiosk';
import { LANGUAGE_TAGS } from './i18n/messages';
import { IdleScreen } from './screens/IdleScreen';
import { OutOfServiceScreen } from './screens/OutOfServiceScreen';

function Screen({ view }: { view: ReceptionView }) {
  switch (view.screen) {
    case 'idle':
      return <IdleScreen language={view.language} />;
    case 'out-of-service':
      return <OutOfServiceScreen language={view.language} />;
  }
}

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
      <header className="facility">{info.facilityName}</header>
      <Screen view={view} />
      <LanguageBar
        languages={info.languages}
        current={view.language}
        onChoose={(language) => void api.invoke('reception:set-language', { language })}
      />
    </div>
  );
}
