import { useText } from '../i18n/messages';

export function IdleScreen() {
  const t = useText();
  return (
    <main className="screen idle" data-screen="idle">
      <div className="screen-text">
        <div className="card-illustration" aria-hidden="true">
          <div className="card-shape" />
          <div className="reader-shape" />
        </div>
        <h1>{t('idle.title')}</h1>
        <p className="subtitle">{t('idle.subtitle')}</p>
        <p className="note">{t('idle.insuranceCard')}</p>
        <p className="help">{t('idle.help')}</p>
      </div>
    </main>
  );
}
