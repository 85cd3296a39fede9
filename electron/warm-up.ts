// A slow engine (the face worker, the card-face OCR) started in the background: when the host says
// the kiosk is showing its first screen, or when it is first needed, whichever comes first — so
// loading models never delays the idle screen, and a card placed early waits for the engine.

export interface WarmUp<T> {
  /** The engine, started now if it was not yet. */
  get(): Promise<T>;
  /** The engine if it was started; undefined otherwise (nothing to stop). */
  started(): Promise<T> | undefined;
  /** No start after this (a `when` settling later starts nothing). */
  cancel(): void;
}

export function warmUp<T>(start: () => Promise<T>, when?: Promise<unknown>): WarmUp<T> {
  let engine: Promise<T> | undefined;
  let cancelled = false;
  const get = () => (engine ??= start());
  const startIfWanted = () => {
    if (!cancelled) void get().catch(() => undefined); // the start reports its own failure
  };
  if (when) void when.then(startIfWanted, startIfWanted);
  else startIfWanted();
  return {
    get,
    started: () => engine,
    cancel: () => {
      cancelled = true;
    },
  };
}
