// Reads a 個別照会 request a clinic system wrote to req/ (OQSsiquc01req_…xml). The request
// layout is inferred from the echo in results (QualificationConfirmSearchInfo, eligibility.md §5.2,
// [unconfirmed]); the reader accepts exactly that flat layout and says what is wrong otherwise.
import iconv from 'iconv-lite';
import type { SearchInfo } from './face-result-xml';

export interface QualificationRequest {
  medicalInstitutionCode: string;
  arbitraryFileIdentifier: string;
  search: SearchInfo;
}

export type RequestReading =
  | { ok: true; request: QualificationRequest }
  | { ok: false; problem: string; arbitraryFileIdentifier?: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes by the declaration's encoding (Shift_JIS unless it says UTF-8). */
export function decodeRequest(bytes: Buffer): string {
  const declaration = bytes.subarray(0, 120).toString('latin1');
  const encoding = /encoding\s*=\s*["']([\w-]+)["']/i.exec(declaration)?.[1]?.toLowerCase();
  return iconv.decode(bytes, encoding === 'utf-8' || encoding === 'utf8' ? 'utf8' : 'Shift_JIS');
}

export function readQualificationRequest(bytes: Buffer): RequestReading {
  const text = decodeRequest(bytes);
  if (!/^\s*(<\?xml[^>]*\?>)?\s*<XmlMsg>[\s\S]*<\/XmlMsg>\s*$/.test(text)) {
    return { ok: false, problem: 'not an XmlMsg document' };
  }
  const problems: string[] = [];
  const field = (name: string, required: boolean): string | undefined => {
    const matches = [...text.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))];
    if (matches.length > 1) problems.push(`${name} appears ${matches.length} times`);
    const value = matches[0]?.[1]?.replace(
      /&(amp|lt|gt|quot|apos);/g,
      (_, entity: string) => ENTITIES[entity]!,
    );
    if (required && (value === undefined || value.trim() === '')) problems.push(`${name} is missing`);
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const arbitraryFileIdentifier = field('ArbitraryFileIdentifier', false);
  const medicalInstitutionCode = field('MedicalInstitutionCode', true);
  const insurerNumber = field('InsurerNumber', true);
  const number = field('InsuredIdentificationNumber', true);
  const birthdate = field('Birthdate', true);
  const symbol = field('InsuredCardSymbol', false);
  const branch = field('InsuredBranchNumber', false);
  const arbitraryIdentifier = field('ArbitraryIdentifier', false);
  if (birthdate !== undefined && !/^\d{8}$/.test(birthdate)) problems.push('Birthdate is not YYYYMMDD');
  const fileId = arbitraryFileIdentifier ? { arbitraryFileIdentifier } : {};
  if (problems.length > 0) return { ok: false, problem: problems.join('; '), ...fileId };
  return {
    ok: true,
    request: {
      medicalInstitutionCode: medicalInstitutionCode!,
      arbitraryFileIdentifier: arbitraryFileIdentifier ?? '',
      search: {
        // 6-digit 国保 numbers arrive space-padded to 8.
        insurerNumber: insurerNumber!.trim(),
        symbol,
        number: number!,
        branch,
        birthDate: `${birthdate!.slice(0, 4)}-${birthdate!.slice(4, 6)}-${birthdate!.slice(6, 8)}`,
        arbitraryIdentifier,
      },
    },
  };
}
