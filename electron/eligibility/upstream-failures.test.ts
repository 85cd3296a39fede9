// Every failed call is reported once with its operation and kind; answers and other errors are not.
import { describe, expect, it } from 'vitest';
import { UpstreamError, type EligibilityUpstream } from './upstream';
import { reportUpstreamFailures, type UpstreamFailureReport } from './upstream-failures';

describe('reportUpstreamFailures', () => {
  it('reports the failed calls, passes answers and failures through unchanged', async () => {
    const refusal = new UpstreamError('refused', 'HTTP 403 certificate-revoked', 'certificate-revoked');
    // The national service cannot exist here: an upstream that answers, fails or breaks on cue.
    const upstream = {
      createChallenge: () => Promise.resolve({ challenge: 'c' }),
      confirmByCard: () => Promise.reject(new UpstreamError('unavailable', 'HTTP 503 after 1 attempts')),
      lookupByInsuranceCard: () => Promise.reject(refusal),
      medication: () => Promise.reject(new TypeError('a bug, not the service')),
      close: () => undefined,
    } as unknown as EligibilityUpstream;
    const reports: UpstreamFailureReport[] = [];
    const watched = reportUpstreamFailures(upstream, (report) => reports.push(report));

    await expect(watched.createChallenge('r1')).resolves.toEqual({ challenge: 'c' });
    await expect(watched.confirmByCard({} as never, 'r2')).rejects.toMatchObject({ failure: 'unavailable' });
    await expect(watched.lookupByInsuranceCard({} as never, 'r3')).rejects.toBe(refusal);
    await expect(watched.medication('c1', 'r4')).rejects.toThrow(TypeError);
    expect(reports).toEqual([
      { operation: 'confirm', failure: 'unavailable' },
      { operation: 'lookup', failure: 'refused' },
    ]);
  });
});
