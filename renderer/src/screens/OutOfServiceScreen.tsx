import { useText } from '../i18n/messages';

export function OutOfServiceScreen() {
  const t = useText();
  return (
    <main className="screen out-of-service" data-screen="out-of-service">
      <div className="screen-text">
        <h1>{t('outOfService.title')}</h1>
        <p className="help">{t('outOfService.help')}</p>
      </div>
    </main>
  );
}
