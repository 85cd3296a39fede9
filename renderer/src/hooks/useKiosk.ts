import { createContext, useContext, useEffect, useState } from 'react';
import type { KioskApi, KioskInfo, ReceptionView } from '../../../electron/contract';

export const KioskContext = createContext<KioskApi | null>(null);

export function useKioskApi(): KioskApi {
  const api = useContext(KioskContext);
  if (!api) throw new Error('KioskContext missing');
  return api;
}

/** The newer of two views: an answer and an event can arrive in either order. */
export function newerView(current: ReceptionView | null, next: ReceptionView): ReceptionView {
  return current && current.revision > next.revision ? current : next;
}

/** The screen the trusted side wants shown; follows its events. */
export function useReceptionView(): ReceptionView | null {
  const api = useKioskApi();
  const [view, setView] = useState<ReceptionView | null>(null);
  useEffect(() => {
    const take = (next: ReceptionView) => setView((current) => newerView(current, next));
    const unsubscribe = api.on('reception:view', take);
    void api.invoke('reception:get-view', {}).then((result) => {
      if (result.ok) take(result.value);
    });
    return unsubscribe;
  }, [api]);
  return view;
}

export function useKioskInfo(): KioskInfo | null {
  const api = useKioskApi();
  const [info, setInfo] = useState<KioskInfo | null>(null);
  useEffect(() => {
    void api.invoke('kiosk:get-info', {}).then((result) => {
      if (result.ok) setInfo(result.value);
    });
  }, [api]);
  return info;
}

/** Tells the trusted side this page is alive; silence means a hang and a restart to idle. */
export function useHeartbeat(intervalMs: number | undefined): void {
  const api = useKioskApi();
  useEffect(() => {
    if (!intervalMs) return;
    const beat = () => void api.invoke('kiosk:heartbeat', {}).catch(() => undefined);
    beat();
    const timer = setInterval(beat, intervalMs);
    return () => clearInterval(timer);
  }, [api, intervalMs]);
}
