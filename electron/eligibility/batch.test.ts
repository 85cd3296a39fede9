import { describe, expect, it } from 'vitest';
import { parseCsv, readReservations } from './batch';

describe('reservation CSV', () => {
  it('reads quoted fields with commas, doubled quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,"b,c","d ""e"""\r\n1,2,3\n')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '2', '3'],
    ]);
  });

  it('accepts columns in any order and names the line of each bad row', () => {
    const text = [
      'birth_date,reservation_id,date,insurer_number,symbol,number,branch',
      '1984-04-30,R-1,2026-11-26,01130012,1020304,12,00',
      '1984-04-30,R-2,2026-11-26,01130012,1020304,12',
    ].join('\n');
    const read = readReservations(text, '2026-11-25');
    expect('headerError' in read).toBe(false);
    if ('headerError' in read) return;
    expect(read.reservations.map((r) => r.reservationId)).toEqual(['R-1']);
    expect(read.errors).toEqual([
      { line: 3, reservationId: 'R-2', messages: ['has 6 fields, the header has 7'] },
    ]);
  });
});
