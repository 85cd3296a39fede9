// The processing result codes the terminal writes for clinic systems: one table, every refusal
// and failure mapped once. Clinic software reads ProcessingResultStatus / ProcessingResultCode /
// ProcessingResultMessage in the body and, when the file as a whole failed, SegmentOfResult 9 with
// ErrorCode / ErrorMessage in the header (eligibility.md §5.2). Our catalogue codes
// (`eligibility.certificate-expired`) never reach a file.
//
// The national 処理結果コード list (別紙6-1) is not public (eligibility.md §7 item 5), so these
// codes are this terminal's own, kept stable and documented in docs/clinic.md: `E` + 4 digits,
// grouped by who must act — 1xxx the request file (the clinic system), 2xxx the patient's card
// or record (staff at the desk), 3xxx the service or the terminal (IT; retry later).

export interface ProcessingResult {
  code: string;
  /** Japanese, for the clinic system's operator. */
  message: string;
  /** Where it is written: the whole file failed (header SegmentOfResult 9), or one query. */
  scope: 'file' | 'query';
}

export const RESULT_CODES = {
  // 1xxx: the request file
  'request-unreadable': { code: 'E1001', message: 'XMLとして読み取れない要求ファイルです', scope: 'file' },
  'request-layout': { code: 'E1002', message: '要求ファイルの項目に誤りがあります', scope: 'file' },
  'request-unknown-kind': {
    code: 'E1003',
    message: 'この端末では処理できない種類の要求ファイルです',
    scope: 'file',
  },
  'request-other-institution': {
    code: 'E1004',
    message: '要求ファイルの医療機関コードがこの端末の医療機関と異なります',
    scope: 'file',
  },
  'request-unknown-reception': {
    code: 'E1005',
    message: '受付番号に該当する一括照会がありません',
    scope: 'file',
  },
  'query-invalid': {
    code: 'E1101',
    message: '照会内容（保険者番号・記号・番号・生年月日）に誤りがあります',
    scope: 'query',
  },
  // 2xxx: the patient's card or record
  'card-certificate-expired': {
    code: 'E2001',
    message: '利用者証明用電子証明書の有効期限が切れています',
    scope: 'query',
  },
  'card-certificate-revoked': {
    code: 'E2002',
    message: '利用者証明用電子証明書が失効しています',
    scope: 'query',
  },
  'card-certificate-invalid': {
    code: 'E2003',
    message: '利用者証明用電子証明書を確認できません',
    scope: 'query',
  },
  'card-signature-invalid': { code: 'E2004', message: '暗証番号による本人確認ができません', scope: 'query' },
  'record-wrong-link': {
    code: 'E2005',
    message: '照会内容と資格情報が一致しないため照会を中止しました（紐付け誤りの可能性）',
    scope: 'query',
  },
  'record-not-found': { code: 'E2101', message: '該当する資格情報がありません', scope: 'query' },
  // 3xxx: the service or the terminal
  'service-unavailable': {
    code: 'E3001',
    message: '資格確認サービスに接続できません。時間をおいて再度照会してください',
    scope: 'query',
  },
  'service-bad-answer': {
    code: 'E3002',
    message: '資格確認サービスの応答を確認できません。時間をおいて再度照会してください',
    scope: 'query',
  },
  'service-pending': {
    code: 'E3003',
    message: '資格確認サービスで処理中です。時間をおいて再度照会してください',
    scope: 'query',
  },
  'terminal-internal': {
    code: 'E3901',
    message: '端末内部のエラーです。システム管理者に連絡してください',
    scope: 'query',
  },
} as const satisfies Record<string, ProcessingResult>;

export type ResultReason = keyof typeof RESULT_CODES;

/** Which result a catalogue code (a thrown KioskError or an outcome's refusal) is written as. */
export function reasonOfCatalogueCode(code: string): ResultReason {
  switch (code) {
    case 'eligibility.invalid-input':
      return 'query-invalid';
    case 'eligibility.certificate-expired':
      return 'card-certificate-expired';
    case 'eligibility.certificate-revoked':
      return 'card-certificate-revoked';
    case 'eligibility.certificate-invalid':
      return 'card-certificate-invalid';
    case 'eligibility.signature-invalid':
      return 'card-signature-invalid';
    case 'eligibility.wrong-link':
      return 'record-wrong-link';
    case 'eligibility.unavailable':
    case 'eligibility.tls':
      return 'service-unavailable';
    case 'eligibility.bad-answer':
      return 'service-bad-answer';
    default:
      return 'terminal-internal';
  }
}
