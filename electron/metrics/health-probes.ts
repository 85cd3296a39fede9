// The reader and camera gauges read the terminal's one health (electron/health/), the same that
// decides the out-of-service screen. No camera gauge where the system cannot list its cameras.
import type { TerminalHealth } from '../health/terminal-health';
import type { MetricsProbes } from './kiosk-metrics';

export function healthProbes(health: TerminalHealth): Pick<MetricsProbes, 'readerUp' | 'cameraUp'> {
  return {
    readerUp: () => health.readerUp(),
    ...(health.camerasVisible ? { cameraUp: () => health.cameraUp() } : {}),
  };
}
