import type { Language } from '../../../electron/contract';
import { translate } from '../i18n/messages';

export function OutOfServiceScreen({ language }: { language: Language }) {
  return (
    <main className="screen out-of-service" data-screen="out-of-service">
      <h1>{translate(language, 'outOfService.title')}</h1>
      <p className="help">{translate(language, 'outOfService.help')}</p>
    </main>
  );
}
