import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock';
import { createLogger, memorySink, REDACTED } from './logger';

describe('logger', () => {
  it('writes one JSON line per event with the base fields', () => {
    const sink = memorySink();
    const log = createLogger(sink, { base: { terminal: 't1' }, clock: manualClock(0) });
    log.info('kiosk.started', { world: 'simulated' });
    expect(sink.lines).toHaveLength(1);
    expect(JSON.parse(sink.lines[0]!)).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'info',
      event: 'kiosk.started',
      terminal: 't1',
      world: 'simulated',
    });
  });

  it('never writes fields that look like a PIN, a photo or personal data', () => {
    const sink = memorySink();
    const log = createLogger(sink);
    log.warn('oops', {
      pin: '1234',
      facePhoto: 'jpeg-bytes',
      birthDate: '19840430',
      securityCode: '9876',
      patientName: '山田太郎',
      sw: '63C2',
    });
    const line = sink.lines.join('');
    for (const secret of ['1234', 'jpeg-bytes', '19840430', '9876', '山田太郎']) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line)).toMatchObject({ pin: REDACTED, sw: '63C2' });
  });

  it('drops events below the minimum level', () => {
    const sink = memorySink();
    createLogger(sink, { minLevel: 'warn' }).info('noise');
    expect(sink.lines).toEqual([]);
  });
});
