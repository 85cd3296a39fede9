import { describe, expect, it } from 'vitest';
import type { ReceptionView } from '../contract';
import { createReception } from './reception';

describe('reception', () => {
  it('starts idle in the default language', () => {
    const reception = createReception({ defaultLanguage: 'ja', languages: ['ja', 'en'] });
    expect(reception.view()).toEqual({ screen: 'idle', language: 'ja', sessionGeneration: 0 });
  });

  it('switches language and tells every listener', () => {
    const reception = createReception({ defaultLanguage: 'ja', languages: ['ja', 'en'] });
    const seen: ReceptionView[] = [];
    reception.onView((view) => seen.push(view));
    reception.setLanguage('en');
    expect(seen.map((v) => v.language)).toEqual(['en']);
  });

  it('ignores a language this terminal does not offer', () => {
    const reception = createReception({ defaultLanguage: 'ja', languages: ['ja', 'en'] });
    expect(reception.setLanguage('ko').language).toBe('ja');
  });

  it('returns to Japanese and a new session on reset', () => {
    const reception = createReception({ defaultLanguage: 'ja', languages: ['ja', 'en'] });
    reception.setLanguage('en');
    const view = reception.reset('recovery');
    expect(view).toEqual({ screen: 'idle', language: 'ja', sessionGeneration: 1 });
  });
});
