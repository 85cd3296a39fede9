import type { Language } from '../../../electron/contract';
import { translate } from '../i18n/messages';

export function IdleScreen({ language }: { language: Language }) {
  return (
    <main className="screen idle" data-screen="idle">
      <div className="card-illustration" aria-hidden="true">
        <div className="card-shape" />
        <div className="reader-shape" />
      </div>
      <h1>{translate(language, 'idle.title')}</h1>
      <p className="subtitle">{translate(language, 'idle.subtitle')}</p>
      <p className="note">{translate(language, 'idle.insuranceCard')}</p>
      <p className="help">{translate(language, 'idle.help')}</p>
    </main>
  );
}
