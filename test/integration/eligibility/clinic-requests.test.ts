// 個別照会 requests written by a clinic system to req/ (Shift_JIS), answered in res/ through the
// eligibility client and the real simulator; malformed requests and failures answered as errors.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerRequestFile } from '../../../electron/clinic/clinic-folder';
import { decodeShiftJis, encodeShiftJis } from '../../../electron/clinic/shift-jis';
import { useKiosk } from './harness';

const t = useKiosk({ perTest: true });
const CODE = '1311111114';

function request(fields: Record<string, string>, institution = CODE): Buffer {
  const search = Object.entries(fields)
    .map(([name, value]) => `      <${name}>${value}</${name}>`)
    .join('\n');
  return encodeShiftJis(`<?xml version="1.0" encoding="Shift_JIS" standalone="no"?>
<XmlMsg>
  <MessageHeader>
    <MedicalInstitutionCode>${institution}</MedicalInstitutionCode>
    <ArbitraryFileIdentifier>clinic-file-42</ArbitraryFileIdentifier>
  </MessageHeader>
  <MessageBody>
    <QualificationConfirmSearchInfo>
${search}
    </QualificationConfirmSearchInfo>
  </MessageBody>
</XmlMsg>
`);
}

const suzuki = {
  InsurerNumber: '  138222',
  InsuredCardSymbol: '千代田',
  InsuredIdentificationNumber: '0012345',
  InsuredBranchNumber: '01',
  Birthdate: '19750815',
  ArbitraryIdentifier: 'patient-0815',
};

async function answer(bytes: Buffer, name = 'OQSsiquc01req_20261125100000123.xml') {
  const clinic = join(t.dir.path, 'clinic');
  mkdirSync(join(clinic, 'req'), { recursive: true });
  writeFileSync(join(clinic, 'req', name), bytes);
  const result = await answerRequestFile({
    clinicFolder: clinic,
    fileName: name,
    medicalInstitutionCode: CODE,
    lookUp: (input) => t.kiosk.service.lookupByInsuranceCard(input),
  });
  return { ...result, clinic, xml: decodeShiftJis(readFileSync(result.responsePath)) };
}

const element = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

describe('clinic 個別照会 requests', () => {
  it('answers in res/ under the matching name, echoes the query, and moves the request to trash/', async () => {
    const result = await answer(request(suzuki));
    expect(result.status).toBe('valid');
    expect(result.responsePath.endsWith('res/OQSsiquc01res_20261125100000123.xml')).toBe(true);
    expect(element(result.xml, 'ReferenceClassification')).toBe('2');
    expect(element(result.xml, 'ArbitraryFileIdentifier')).toBe('clinic-file-42');
    expect(element(result.xml, 'ArbitraryIdentifier')).toBe('patient-0815');
    expect(element(result.xml, 'QualificationValidity')).toBe('1');
    expect(element(result.xml, 'Name')).toBe('鈴木　一郎');
    expect(result.xml).toContain('<InsurerNumber>  138222</InsurerNumber>');
    expect(readdirSync(join(result.clinic, 'req'))).toEqual([]);
    expect(existsSync(join(result.clinic, 'trash', 'OQSsiquc01req_20261125100000123.xml'))).toBe(true);
    expect(readdirSync(join(result.clinic, 'res'))).toEqual(['OQSsiquc01res_20261125100000123.xml']);
  });

  it('answers a malformed file with an error result instead of nothing', async () => {
    const result = await answer(Buffer.from([0x3c, 0x58, 0xff, 0x00, 0x12]));
    expect(result.status).toBe('error');
    expect(element(result.xml, 'SegmentOfResult')).toBe('9');
    expect(element(result.xml, 'ErrorCode')).toBe('eligibility.invalid-input');
  });

  it('names what is wrong with the numbers and asks the service nothing', async () => {
    const before = t.sim.stats().requests;
    const result = await answer(request({ ...suzuki, InsurerNumber: '  138223', Birthdate: '1975081' }));
    expect(element(result.xml, 'ErrorMessage')).toContain('Birthdate is not YYYYMMDD');
    const checkDigit = await answer(request({ ...suzuki, InsurerNumber: '  138223' }), 'OQSsiquc01req_2.xml');
    expect(element(checkDigit.xml, 'ErrorMessage')).toContain('check digit');
    expect(t.sim.stats().requests).toBe(before);
  });

  it('refuses a request for another clinic, and reports an unreachable service', async () => {
    const other = await answer(request(suzuki, '3410712362'));
    expect(element(other.xml, 'ErrorMessage')).toContain('MedicalInstitutionCode is not this clinic');
    t.sim.faults.inject({ kind: 'status', status: 503, times: 3, operation: 'lookupByInsuranceCard' });
    const down = await answer(request(suzuki), 'OQSsiquc01req_3.xml');
    expect(element(down.xml, 'ErrorCode')).toBe('eligibility.unavailable');
    expect(element(down.xml, 'ErrorMessage')).toBe('資格確認サービスに接続できません');
  });
});
