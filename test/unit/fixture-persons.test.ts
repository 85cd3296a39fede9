// The privacy checks' own matcher: a leak is found, a coincidence in a request id is not.
import { describe, expect, it } from 'vitest';
import { personalValuesIn } from '../support/fixture-persons';

describe('personalValuesIn', () => {
  it('finds a PIN written in a log line, with the text around it', () => {
    const line = '{"event":"card.pin-entered","digits":"1357"}';
    expect(personalValuesIn(line)).toEqual([['tanaka-michiko', '1357', line]]);
  });

  it('finds a PIN between words and in a UUID-shaped string that is not a UUID', () => {
    expect(personalValuesIn('pin 1357 typed').map(([, value]) => value)).toEqual(['1357']);
    expect(personalValuesIn('8ebe36e1-1357-4e63').map(([, value]) => value)).toEqual(['1357']);
  });

  it('does not count a PIN inside a longer number or as a group of a request id', () => {
    expect(personalValuesIn('{"ms":213570,"t":1357000}')).toEqual([]);
    expect(personalValuesIn('{"requestId":"8ebe36e1-1357-4e63-8def-0123456789ab"}')).toEqual([]);
  });
});
