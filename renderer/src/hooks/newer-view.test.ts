import { describe, expect, it } from 'vitest';
import type { ReceptionView } from '../../../electron/contract';
import { newerView } from './useKiosk';

const view = (screen: 'idle' | 'reading-card' | 'choose-method', revision: number) =>
  ({ screen, language: 'ja', sessionGeneration: 1, revision, methods: [], notice: null }) as ReceptionView;

describe('the view the renderer keeps', () => {
  it('keeps the newest view when an older answer arrives after a newer event', () => {
    const shown = newerView(null, view('choose-method', 5));
    expect(newerView(shown, view('reading-card', 4)).screen).toBe('choose-method');
  });

  it('moves on to a newer view', () => {
    expect(newerView(view('reading-card', 4), view('choose-method', 5)).screen).toBe('choose-method');
  });
});
