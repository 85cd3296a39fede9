// Fault injection for the simulator, from the command line and from tests. A fault applies to
// the next `times` requests (optionally only one operation); latency applies to every answer.
//   before processing: 'status' (e.g. 503), 'drop' (connection closed), 'timeout' (never answers)
//   after processing:  'drop-after' (the answer is lost), 'hold-after' (answer delayed by `ms`),
//                      'malformed' (body not JSON), 'wrong-person' (another person's record)
import type { OperationName } from '../../electron/eligibility/wire';

export const FAULT_KINDS = [
  'status',
  'drop',
  'timeout',
  'drop-after',
  'hold-after',
  'malformed',
  'wrong-person',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  kind: FaultKind;
  times: number;
  /** HTTP status for 'status' (default 503). */
  status?: number;
  /** Delay for 'hold-after'. */
  ms?: number;
  operation?: OperationName;
}

export interface FaultPlan {
  latencyMs?: number;
  faults?: Fault[];
}

export interface Faults {
  inject(fault: Fault): void;
  setLatency(ms: number): void;
  clear(): void;
  latencyMs(): number;
  /** Takes the fault that applies to this request, if any. */
  take(operation: OperationName): Fault | undefined;
}

export function createFaults(plan: FaultPlan = {}): Faults {
  let latency = plan.latencyMs ?? 0;
  let queue: Fault[] = (plan.faults ?? []).map((fault) => ({ ...fault }));
  return {
    inject: (fault) => void queue.push({ ...fault }),
    setLatency: (ms) => void (latency = ms),
    clear: () => {
      queue = [];
      latency = 0;
    },
    latencyMs: () => latency,
    take(operation) {
      const fault = queue.find((f) => f.times > 0 && (!f.operation || f.operation === operation));
      if (!fault) return undefined;
      fault.times--;
      queue = queue.filter((f) => f.times > 0);
      return { ...fault };
    },
  };
}

/** Parses `kind[:times[:value]]` from the command line, e.g. `status:3:503`, `hold-after:1:30000`. */
export function parseFault(text: string): Fault {
  const [kind, times = '1', value] = text.split(':');
  if (!FAULT_KINDS.includes(kind as FaultKind)) {
    throw new Error(`unknown fault '${kind}'; one of ${FAULT_KINDS.join(', ')}`);
  }
  const count = Number(times);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`fault '${text}': times must be a positive integer`);
  const fault: Fault = { kind: kind as FaultKind, times: count };
  if (value !== undefined) {
    if (kind === 'status') fault.status = Number(value);
    else fault.ms = Number(value);
  }
  return fault;
}
