import type { KioskErrorView, Language } from '../../../electron/contract';
import { errorText, useText } from '../i18n/messages';

/** `reasons`: what is down (reader, camera, service), for the staff who come to the terminal. */
export function OutOfServiceScreen({
  reasons,
  language,
}: {
  reasons: readonly KioskErrorView[];
  language: Language;
}) {
  const t = useText();
  return (
    <main className="screen out-of-service" data-screen="out-of-service">
      <div className="screen-text">
        <h1>{t('outOfService.title')}</h1>
        <p className="help">{t('outOfService.help')}</p>
        {reasons.map((reason) => (
          <p key={reason.code} className="note" data-reason={reason.code}>
            {errorText(reason, language)}
          </p>
        ))}
      </div>
    </main>
  );
}
