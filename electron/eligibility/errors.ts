// Error catalogue entries of the eligibility client. Patient messages say what to do next
// (eligibility.md §6); staff messages say why; log messages never carry personal data.
import type { CatalogueEntry } from '../errors/entry';

const askStaff = {
  ja: '受付の職員にお声がけください。',
  en: 'Please ask the reception staff.',
} as const;

export const eligibilityErrorEntries = {
  'eligibility.invalid-input': {
    patient: {
      ja: `入力内容に誤りがあります。${askStaff.ja}`,
      en: `Some details are not valid. ${askStaff.en}`,
    },
    staff: 'The insurance card details are not valid; see the field messages and correct them.',
    log: 'insurance card input failed validation',
  },
  'eligibility.identity-invalid': {
    patient: {
      ja: `本人確認の情報が不完全です。もう一度カードを置いてください。`,
      en: 'Identity verification was incomplete. Please place your card again.',
    },
    staff: 'The verified identity handed to the eligibility client is incomplete or malformed.',
    log: 'verified identity failed validation',
  },
  'eligibility.unavailable': {
    patient: {
      ja: '受付は完了しました。資格確認は回線の回復後に自動で行います。',
      en: 'You are checked in. Your eligibility will be confirmed automatically when the service is back.',
    },
    staff:
      'The eligibility service cannot be reached. Confirmations are queued and sent when it is back; for look-ups use 資格情報のお知らせ, マイナポータル or a 被保険者資格申立書.',
    log: 'eligibility service unreachable after retries',
  },
  'eligibility.tls': {
    patient: {
      ja: `ただいま資格確認ができません。${askStaff.ja}`,
      en: `Eligibility cannot be checked now. ${askStaff.en}`,
    },
    staff:
      'The secure connection to the eligibility service was refused (terminal certificate or CA). IT must check the TLS files.',
    log: 'TLS handshake with the eligibility service failed',
  },
  'eligibility.bad-answer': {
    patient: {
      ja: `ただいま資格確認ができません。${askStaff.ja}`,
      en: `Eligibility cannot be checked now. ${askStaff.en}`,
    },
    staff:
      'The eligibility service sent an answer that does not follow the contract; nothing from it was used.',
    log: 'eligibility answer failed the contract',
  },
  'eligibility.certificate-invalid': {
    patient: {
      ja: `マイナンバーカードの電子証明書を確認できませんでした。${askStaff.ja}`,
      en: `The certificate on your My Number card could not be verified. ${askStaff.en}`,
    },
    staff:
      'The service did not accept the card certificate (unknown issuer or bad signature). Check eligibility by the 資格確認書 or insurance card numbers.',
    log: 'card certificate refused by the service',
  },
  'eligibility.certificate-expired': {
    patient: {
      ja: `マイナンバーカードの電子証明書の有効期限が切れています。お住まいの市区町村で更新してください。${askStaff.ja}`,
      en: `The certificate on your My Number card has expired. Please renew it at your municipal office. ${askStaff.en}`,
    },
    staff:
      'The card certificate has expired. Use 資格情報のお知らせ or マイナポータル, or a 被保険者資格申立書.',
    log: 'card certificate expired',
  },
  'eligibility.certificate-revoked': {
    patient: {
      ja: `マイナンバーカードの電子証明書が失効しています。${askStaff.ja}`,
      en: `The certificate on your My Number card has been revoked. ${askStaff.en}`,
    },
    staff:
      'The card certificate is revoked (reported lost, or the card was replaced). Do not accept this card; use another proof of eligibility.',
    log: 'card certificate revoked',
  },
  'eligibility.signature-invalid': {
    patient: {
      ja: `暗証番号による本人確認ができませんでした。${askStaff.ja}`,
      en: `Identity verification by PIN did not succeed. ${askStaff.en}`,
    },
    staff:
      'The card signature over the service challenge did not verify with the certificate, or the challenge had expired.',
    log: 'PIN-path signature refused',
  },
  'eligibility.consent-required': {
    patient: {
      ja: 'この情報の閲覧には同意が必要です。',
      en: 'Your consent is needed before this information can be viewed.',
    },
    staff:
      'The patient did not consent to this information (or the consent has expired); it cannot be viewed.',
    log: 'look-up refused for lack of consent',
  },
  'eligibility.wrong-link': {
    patient: {
      ja: `保険の資格情報がカードと一致しませんでした。${askStaff.ja}`,
      en: `The insurance record does not match your card. ${askStaff.en}`,
    },
    staff:
      'The record returned does not match the card (birth date or sex differ): possibly a wrong link (紐付け誤り). It was refused and not shown. Check by the 資格確認書 or insurance card and report it to the insurer.',
    log: 'record refused as a possible wrong link',
  },
  'eligibility.not-in-disaster': {
    patient: { ja: askStaff.ja, en: askStaff.en },
    staff: 'Look-ups without a card are only answered during a declared disaster.',
    log: 'disaster look-up refused: no disaster declared',
  },
  'eligibility.unknown-confirmation': {
    patient: { ja: askStaff.ja, en: askStaff.en },
    staff: 'That confirmation is not known here or to the service; confirm eligibility again.',
    log: 'unknown confirmation id',
  },
  'eligibility.store-rebuilt': {
    patient: { ja: askStaff.ja, en: askStaff.en },
    staff:
      'The eligibility database was damaged; it was moved aside and rebuilt. See the report for queued confirmations recovered or not.',
    log: 'eligibility database corrupt; moved aside and rebuilt',
  },
  'eligibility.store-key-mismatch': {
    patient: {
      ja: 'この端末は現在ご利用いただけません。受付の職員にお声がけください。',
      en: 'This terminal is not available. Please ask the reception staff.',
    },
    staff:
      'The eligibility database was written with a different encryption key. IT must restore the key file; nothing was deleted.',
    log: 'eligibility database key check failed',
  },
  'eligibility.key-store': {
    patient: {
      ja: 'この端末は現在ご利用いただけません。受付の職員にお声がけください。',
      en: 'This terminal is not available. Please ask the reception staff.',
    },
    staff:
      'The eligibility encryption key cannot be read safely (missing, wrong size or readable by others). IT must fix it.',
    log: 'eligibility key store unusable',
  },
  'eligibility.batch-file': {
    patient: { ja: askStaff.ja, en: askStaff.en },
    staff: 'The reservation list cannot be read as a CSV with the expected header.',
    log: 'reservation list unreadable',
  },
  // What the patient is told for each answer that is not "valid" (eligibility.md §6).
  'eligibility.status-invalid': {
    patient: {
      ja: `保険の資格が確認できませんでした（無効）。「資格情報のお知らせ」やマイナポータルの資格情報画面をお持ちでしたら、受付でご提示ください。お持ちでない場合は、受付で「被保険者資格申立書」をご記入いただけます。${askStaff.ja}`,
      en: `Your insurance could not be confirmed (not valid). If you have your 資格情報のお知らせ notice or the Mynaportal eligibility screen, please show it at the desk. If you have neither, you can fill in a 被保険者資格申立書 (insurance eligibility declaration) at the desk. ${askStaff.en}`,
    },
    staff:
      'The service answers 無効 (or 無効・新しい資格あり). Ask for 資格情報のお知らせ, マイナポータル or a 資格確認書; otherwise a 被保険者資格申立書 (MHLW 保発0710第1号) — charge the normal co-payment.',
    log: 'eligibility answered invalid',
  },
  'eligibility.status-not-found': {
    patient: {
      ja: `保険の資格情報が見つかりませんでした。${askStaff.ja}`,
      en: `No insurance record was found. ${askStaff.en}`,
    },
    staff:
      'The service has no record for this card (not registered for マイナ保険証, or a new record not yet registered). Check by 資格確認書 / 資格情報のお知らせ, or use a 被保険者資格申立書.',
    log: 'eligibility answered not found',
  },
  'eligibility.status-multiple': {
    patient: {
      ja: `保険の資格情報を確認しています。${askStaff.ja}`,
      en: `Your insurance needs checking. ${askStaff.en}`,
    },
    staff:
      'The service found several records (複数該当). Ask the patient which insurance is current and check it by the card numbers; never merge records.',
    log: 'eligibility answered several records',
  },
  'eligibility.status-pending': {
    patient: {
      ja: '受付は完了しました。保険の資格確認は処理中です。',
      en: 'You are checked in. Your insurance check is still being processed.',
    },
    staff:
      'The service is still processing (処理中) or the confirmation waits in the outbox; it completes automatically. Check the staff list later.',
    log: 'eligibility pending',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type EligibilityErrorCode = keyof typeof eligibilityErrorEntries;
