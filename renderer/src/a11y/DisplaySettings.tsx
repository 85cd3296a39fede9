// Larger text, high contrast and the voice guide, one tap each. They are the patient's, so they reset
// with the session like the language.
import { useText } from '../i18n/messages';

export interface DisplayPreferences {
  largeText: boolean;
  highContrast: boolean;
  sound: boolean;
}

export const DEFAULT_PREFERENCES: DisplayPreferences = { largeText: false, highContrast: false, sound: true };

export function DisplaySettings(props: {
  preferences: DisplayPreferences;
  onChange: (preferences: DisplayPreferences) => void;
}) {
  const t = useText();
  const toggle = (name: keyof DisplayPreferences, label: Parameters<typeof t>[0]) => (
    <button
      type="button"
      className={props.preferences[name] ? 'setting on' : 'setting'}
      aria-pressed={props.preferences[name]}
      data-setting={name}
      onClick={() => props.onChange({ ...props.preferences, [name]: !props.preferences[name] })}
    >
      {t(label)}
    </button>
  );
  return (
    <div className="display-settings" role="group" aria-label={t('a11y.settings')}>
      {toggle('largeText', 'a11y.largeText')}
      {toggle('highContrast', 'a11y.highContrast')}
      {toggle('sound', 'a11y.sound')}
    </div>
  );
}
