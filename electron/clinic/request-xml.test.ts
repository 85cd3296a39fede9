import { describe, expect, it } from 'vitest';
import { readQualificationRequest } from './request-xml';
import { encodeShiftJis } from './shift-jis';

const document = (body: string, encoding = 'Shift_JIS') =>
  `<?xml version="1.0" encoding="${encoding}"?>\n<XmlMsg><MessageHeader><MedicalInstitutionCode>1311111114</MedicalInstitutionCode></MessageHeader><MessageBody><QualificationConfirmSearchInfo>${body}</QualificationConfirmSearchInfo></MessageBody></XmlMsg>`;
const fields =
  '<InsurerNumber>06130488</InsurerNumber><InsuredCardSymbol>A&amp;B</InsuredCardSymbol><InsuredIdentificationNumber>1234</InsuredIdentificationNumber><Birthdate>19900211</Birthdate>';

describe('個別照会 request reader', () => {
  it('reads Shift_JIS and UTF-8 requests and unescapes text', () => {
    for (const bytes of [encodeShiftJis(document(fields)), Buffer.from(document(fields, 'UTF-8'), 'utf8')]) {
      const reading = readQualificationRequest(bytes);
      expect(reading).toMatchObject({
        ok: true,
        request: {
          search: { insurerNumber: '06130488', symbol: 'A&B', number: '1234', birthDate: '1990-02-11' },
        },
      });
    }
  });

  it('says which element is missing or repeated', () => {
    const missing = readQualificationRequest(
      encodeShiftJis(document('<InsurerNumber>06130488</InsurerNumber>')),
    );
    expect(missing).toEqual({
      ok: false,
      problem: 'InsuredIdentificationNumber is missing; Birthdate is missing',
    });
    const twice = readQualificationRequest(
      encodeShiftJis(document(`${fields}<Birthdate>19900212</Birthdate>`)),
    );
    expect(twice).toEqual({ ok: false, problem: 'Birthdate appears 2 times' });
  });
});
