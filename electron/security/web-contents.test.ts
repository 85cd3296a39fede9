import { describe, expect, it } from 'vitest';
import { hardenWebContents } from './web-contents';

type Listener = (...args: unknown[]) => void;

function contents() {
  const listeners = new Map<string, Listener>();
  const state = { devToolsClosed: 0, openHandler: undefined as undefined | (() => unknown) };
  const fake = {
    on: (event: string, listener: Listener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: () => unknown) => (state.openHandler = handler),
    closeDevTools: () => void (state.devToolsClosed += 1),
  };
  return { fake, listeners, state };
}

function prevented(listener: Listener | undefined, ...args: unknown[]): boolean {
  let result = false;
  listener?.({ preventDefault: () => (result = true), url: args[0] }, ...args);
  return result;
}

describe('web contents hardening', () => {
  it('keeps navigation and redirects on our origin', () => {
    const { fake, listeners } = contents();
    hardenWebContents(fake as never, 'app://kiosk', false);
    expect(prevented(listeners.get('will-navigate'), 'https://evil.example/')).toBe(true);
    expect(prevented(listeners.get('will-redirect'), 'http://127.0.0.1:9/')).toBe(true);
    expect(prevented(listeners.get('will-frame-navigate'), 'https://evil.example/')).toBe(true);
    expect(prevented(listeners.get('will-navigate'), 'app://kiosk/index.html')).toBe(false);
    expect(prevented(listeners.get('will-attach-webview'))).toBe(true);
  });

  it('denies new windows and closes DevTools without the development flag', () => {
    const { fake, listeners, state } = contents();
    hardenWebContents(fake as never, 'app://kiosk', false);
    expect(state.openHandler?.()).toEqual({ action: 'deny' });
    listeners.get('devtools-opened')?.();
    expect(state.devToolsClosed).toBe(1);
  });

  it('leaves DevTools open with the development flag', () => {
    const { fake, listeners } = contents();
    hardenWebContents(fake as never, 'app://kiosk', true);
    expect(listeners.has('devtools-opened')).toBe(false);
  });
});
