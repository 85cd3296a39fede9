import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../electron/contract';
import { translate } from './messages';

describe('patient messages', () => {
  it('names every language in its own script so a patient can find theirs', () => {
    const names = LANGUAGES.map((language) => translate(language, 'language.name'));
    expect(names).toEqual(['日本語', 'English', '中文', '한국어', 'Tiếng Việt', 'Português']);
  });

  it('falls back to English for a message not yet translated', () => {
    expect(translate('ko', 'outOfService.title')).toBe(translate('en', 'outOfService.title'));
  });

  it('shows the idle prompt in the chosen language', () => {
    expect(translate('ja', 'idle.title')).toContain('マイナンバーカード');
    expect(translate('en', 'idle.title')).toContain('My Number card');
  });
});
