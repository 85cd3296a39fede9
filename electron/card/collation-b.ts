// 照合番号B (card.md §1.6): birth date as YYMMDD in the Japanese era year + the card's expiry year
// + the 4-digit security code, 14 digits. The era rule for foreign residents is unconfirmed.

const ERAS = [
  { start: '2019-05-01', offset: 2018 }, // 令和
  { start: '1989-01-08', offset: 1988 }, // 平成
  { start: '1926-12-25', offset: 1925 }, // 昭和
  { start: '1912-07-30', offset: 1911 }, // 大正
  { start: '1868-01-25', offset: 1867 }, // 明治
] as const;

/** `YYYY-MM-DD` → era `YYMMDD`, or null before Meiji. */
export function eraYymmdd(birthDate: string): string | null {
  const era = ERAS.find((e) => birthDate >= e.start);
  if (!era) return null;
  const year = Number(birthDate.slice(0, 4)) - era.offset;
  return `${String(year).padStart(2, '0')}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}`;
}

export function collationB(
  birthDate: string,
  expiryYear: number | string,
  securityCode: string,
): string | null {
  const era = eraYymmdd(birthDate);
  const year = String(expiryYear);
  if (!era || !/^\d{4}$/.test(year) || !/^\d{4}$/.test(securityCode)) return null;
  return `${era}${year}${securityCode}`;
}
