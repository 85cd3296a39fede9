// The terminal's health for the site's monitoring, as Prometheus metrics (prom-client). Visits,
// failures and latencies are read off the reception flow's views — what the patient saw; failed
// calls to the eligibility service come from the eligibility client (observeServiceError); outbox,
// reader and camera come from probes the composition root gives. Labels are fixed small
// vocabularies (path, outcome, operation, reason, terminal id): never a personal value.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../clock';
import type { ReceptionView } from '../contract';
import type { UpstreamFailureReport } from '../eligibility/upstream-failures';

export type VisitPath = 'face' | 'pin' | 'staff' | 'none';
export type VisitOutcome = 'confirmed' | 'queued' | 'staff' | 'card-unusable' | 'abandoned';

export interface MetricsProbes {
  /** Undelivered confirmations and the age of the oldest, in ms. */
  outbox?: () => { depth: number; oldestAgeMs: number };
  /** 1 when a reader matching the configured pattern is attached. */
  readerUp?: () => boolean;
  /** 1 when the cameras the config names are attached. */
  cameraUp?: () => boolean;
}

export interface KioskMetrics {
  readonly registry: Registry;
  /** Feed every view the reception flow publishes. */
  observeView(view: ReceptionView): void;
  /** Feed every failed call to the eligibility service (EligibilityService.onUpstreamFailure). */
  observeServiceError(failure: UpstreamFailureReport): void;
}

const LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60];

export function createKioskMetrics(options: {
  clock: Clock;
  terminalId: string;
  probes?: MetricsProbes;
}): KioskMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ terminal: options.terminalId });
  const visits = new Counter({
    name: 'uketsuke_visits_total',
    help: 'Patient visits by verification path and outcome.',
    labelNames: ['path', 'outcome'] as const,
    registers: [registry],
  });
  const faceFailures = new Counter({
    name: 'uketsuke_face_failures_total',
    help: 'Face checks that did not verify the patient.',
    registers: [registry],
  });
  const pinFailures = new Counter({
    name: 'uketsuke_pin_failures_total',
    help: 'PIN entries the card refused (a try spent).',
    registers: [registry],
  });
  const serviceErrors = new Counter({
    name: 'uketsuke_service_errors_total',
    help: 'Calls to the eligibility service that failed, by operation and reason (unavailable: no answer after the retries or a 5xx; tls: the secure channel refused; bad-answer: outside the contract; refused: an error status with a contract code).',
    labelNames: ['operation', 'reason'] as const,
    registers: [registry],
  });
  const cardRead = new Histogram({
    name: 'uketsuke_card_read_seconds',
    help: 'From the card on the reader to the choice of method (certificate and expiry read).',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const faceCheck = new Histogram({
    name: 'uketsuke_face_check_seconds',
    help: 'From the face capture screen to its decision.',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const probes = options.probes ?? {};
  new Gauge({
    name: 'uketsuke_outbox_depth',
    help: 'Confirmations waiting in the outbox for the service.',
    registers: [registry],
    collect() {
      this.set(probes.outbox?.().depth ?? 0);
    },
  });
  new Gauge({
    name: 'uketsuke_outbox_oldest_age_seconds',
    help: 'Age of the oldest undelivered confirmation (0 when the outbox is empty).',
    registers: [registry],
    collect() {
      this.set((probes.outbox?.().oldestAgeMs ?? 0) / 1000);
    },
  });
  for (const [name, help, probe] of [
    ['uketsuke_reader_up', 'The card reader is attached (1) or not (0).', probes.readerUp],
    ['uketsuke_camera_up', 'The configured cameras are attached (1) or not (0).', probes.cameraUp],
  ] as const) {
    if (!probe) continue;
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(probe() ? 1 : 0);
      },
    });
  }

  // The visit in progress, as far as the views tell it.
  let path: VisitPath = 'none';
  let outcome: VisitOutcome = 'abandoned';
  let inVisit = false;
  let previous: ReceptionView['screen'] = 'idle';
  let enteredAt = options.clock.now();
  let lastTriesLeft: number | null = null;

  return {
    registry,
    observeView(view) {
      const screen = view.screen;
      if (screen === previous && screen !== 'pin-entry') return;
      const now = options.clock.now();
      const seconds = (now - enteredAt) / 1000;
      if (previous === 'reading-card' && screen !== 'reading-card') cardRead.observe(seconds);
      if (previous === 'face-capture' && screen !== 'face-capture') {
        faceCheck.observe(seconds);
        if (screen !== 'consent' && screen !== 'confirming') faceFailures.inc();
      }
      // pin-last-try is the PIN screen with one try left (a wrong PIN may have led there).
      const triesLeft = screen === 'pin-entry' ? view.triesLeft : screen === 'pin-last-try' ? 1 : undefined;
      if (triesLeft !== undefined) {
        if (lastTriesLeft !== null && triesLeft !== null && triesLeft < lastTriesLeft) pinFailures.inc();
        lastTriesLeft = triesLeft;
      }
      if (screen === 'card-face' || screen === 'face-capture') path = 'face';
      if (screen === 'pin-entry' || screen === 'pin-last-try') path = 'pin';
      if (screen === 'call-staff') {
        if (path === 'none') path = 'staff';
        outcome = 'staff';
      }
      if (screen === 'card-unusable') outcome = 'card-unusable';
      if (screen === 'done') {
        outcome = view.result;
      }
      if (screen === 'idle' && inVisit) {
        visits.inc({ path, outcome });
        path = 'none';
        outcome = 'abandoned';
        lastTriesLeft = null;
      }
      inVisit = screen !== 'idle' && screen !== 'out-of-service';
      if (screen !== previous) enteredAt = now;
      previous = screen;
    },
    observeServiceError({ operation, failure }) {
      serviceErrors.inc({ operation, reason: failure });
    },
  };
}
