// Error catalogue entries for the My Number card: what the patient reads (ja, en), what staff read,
// and what the log gets (status words and lengths only, never data from the card or a secret).
import type { CatalogueEntry } from '../errors/entry';

const askStaff = {
  ja: '受付の職員にお声がけください。',
  en: 'Please ask the reception staff.',
};

export const cardErrorEntries = {
  'card.service-unavailable': {
    patient: {
      ja: `カードリーダーが使えません。${askStaff.ja}`,
      en: `The card reader is not available. ${askStaff.en}`,
    },
    staff: 'The PC/SC service (pcscd) is not running or not reachable.',
    log: 'PC/SC service unavailable',
  },
  'card.reader-not-found': {
    patient: {
      ja: `カードリーダーが見つかりません。${askStaff.ja}`,
      en: `No card reader was found. ${askStaff.en}`,
    },
    staff: 'No connected reader matches the configured reader name pattern.',
    log: 'no reader matches the configured pattern',
  },
  'card.reader-gone': {
    patient: {
      ja: `カードリーダーの接続が切れました。${askStaff.ja}`,
      en: `The card reader was disconnected. ${askStaff.en}`,
    },
    staff: 'The card reader was unplugged or stopped responding.',
    log: 'reader detached',
  },
  'card.not-present': {
    patient: {
      ja: 'マイナンバーカードを置いてください。',
      en: 'Please place your My Number card on the reader.',
    },
    staff: 'No card is in the reader.',
    log: 'no card in reader',
  },
  'card.removed': {
    patient: {
      ja: 'カードが読み取りの途中で外れました。もう一度カードを置いてください。',
      en: 'The card was removed while it was being read. Please place it on the reader again.',
    },
    staff: 'The card was removed during an operation; nothing read was kept.',
    log: 'card removed during operation',
  },
  'card.in-use': {
    patient: {
      ja: `カードを読み取れませんでした。${askStaff.ja}`,
      en: `The card could not be read. ${askStaff.en}`,
    },
    staff: 'Another application holds the card; close other card software on this terminal.',
    log: 'card held by another application (sharing violation)',
  },
  'card.unresponsive': {
    patient: {
      ja: 'カードが応答しません。カードを置き直してください。',
      en: 'The card does not respond. Please place it on the reader again.',
    },
    staff: 'The card did not answer in time.',
    log: 'card did not answer within the deadline',
  },
  'card.transport': {
    patient: {
      ja: 'カードを読み取れませんでした。カードを置き直してください。',
      en: 'The card could not be read. Please place it on the reader again.',
    },
    staff: 'Communication with the card failed.',
    log: 'transmit failed',
  },
  'card.not-my-number-card': {
    patient: {
      ja: 'マイナンバーカードとして読み取れませんでした。マイナンバーカードを置いてください。',
      en: 'This does not appear to be a My Number card. Please use your My Number card.',
    },
    staff: 'The card has no JPKI application or an unknown token.',
    log: 'not a My Number card',
  },
  'card.malformed-response': {
    patient: {
      ja: `カードの内容を正しく読み取れませんでした。${askStaff.ja}`,
      en: `The card's data could not be read correctly. ${askStaff.en}`,
    },
    staff: 'The card returned data that does not match the My Number card layout.',
    log: 'malformed card response',
  },
  'card.unexpected-status': {
    patient: {
      ja: `カードを読み取れませんでした。${askStaff.ja}`,
      en: `The card could not be read. ${askStaff.en}`,
    },
    staff: 'The card answered a command with an unexpected status word.',
    log: 'unexpected status word',
  },
  'card.auth-certificate-absent': {
    patient: {
      ja: `このカードには利用者証明用電子証明書が入っていません。${askStaff.ja}`,
      en: `This card has no user-authentication certificate. ${askStaff.en}`,
    },
    staff: 'The card carries no JPKI user-authentication certificate.',
    log: 'user-authentication certificate absent',
  },
  'card.auth-certificate-invalid': {
    patient: {
      ja: `カードの電子証明書を確認できませんでした。${askStaff.ja}`,
      en: `The card's certificate could not be checked. ${askStaff.en}`,
    },
    staff: 'The user-authentication certificate could not be parsed.',
    log: 'user-authentication certificate unparsable',
  },
  'card.test-hierarchy': {
    patient: {
      ja: `このカードはご利用いただけません。${askStaff.ja}`,
      en: `This card cannot be used here. ${askStaff.en}`,
    },
    staff: 'The card belongs to a TEST hierarchy and this terminal does not accept test cards.',
    log: 'test-hierarchy card refused',
  },
  'card.pin-wrong': {
    patient: { ja: '暗証番号が違います。', en: 'The PIN is not correct.' },
    staff: 'The patient entered a wrong user-authentication PIN.',
    log: 'PIN verification failed',
  },
  'card.pin-locked': {
    patient: {
      ja: '暗証番号がロックされています。お住まいの市区町村の窓口で解除できます。顔認証または職員による確認をご利用ください。',
      en: 'The PIN is locked. Your municipal office can unlock it. Please use face recognition or ask the staff.',
    },
    staff: 'The user-authentication PIN is locked; the patient must reset it at the municipal office.',
    log: 'PIN locked',
  },
  'card.pin-not-set': {
    patient: {
      ja: 'このカードには暗証番号が設定されていません。顔認証をご利用ください。',
      en: 'This card has no PIN. Please use face recognition.',
    },
    staff: 'The card has no user-authentication PIN set (PIN-less card).',
    log: 'PIN not set',
  },
  'card.pin-tries-floor': {
    patient: {
      ja: `暗証番号の残り回数が少ないため、ここでは入力できません。${askStaff.ja}`,
      en: `Too few PIN attempts are left to try here. ${askStaff.en}`,
    },
    staff: 'The PIN retry counter is at the configured floor; no VERIFY was sent.',
    log: 'PIN tries at floor; VERIFY withheld',
  },
  'card.pin-last-try-unconfirmed': {
    patient: {
      ja: '暗証番号の残りはあと1回です。入力する前に確認してください。',
      en: 'One PIN try is left. Please confirm before you enter it.',
    },
    staff: 'One PIN try is left and the patient had not confirmed spending it; no VERIFY was sent.',
    log: 'last PIN try not confirmed; VERIFY withheld',
  },
  'card.pin-format': {
    patient: { ja: '暗証番号は数字4桁です。', en: 'The PIN is 4 digits.' },
    staff: 'The entered PIN was not 4 digits; nothing was sent to the card.',
    log: 'PIN format rejected before sending',
  },
  'card.surface-wrong': {
    patient: {
      ja: `カードの読み取りに失敗しました。${askStaff.ja}`,
      en: `The card could not be unlocked. ${askStaff.en}`,
    },
    staff: 'The card-surface collation number (照合番号B) read from the card face was rejected by the card.',
    log: 'collation number B rejected',
  },
  'card.surface-locked': {
    patient: {
      ja: 'カードの券面確認機能がロックされています。お住まいの市区町村の窓口にご相談ください。',
      en: 'The card-face function of this card is locked. Please contact your municipal office.',
    },
    staff: 'The card-surface collation number B is locked.',
    log: 'collation number B locked',
  },
  'card.surface-tries-floor': {
    patient: {
      ja: `カードの券面確認を続けられません。${askStaff.ja}`,
      en: `The card face cannot be checked here. ${askStaff.en}`,
    },
    staff: 'The 照合番号B retry counter is at the configured floor; no VERIFY was sent. Use visual check.',
    log: 'collation number B tries at floor; VERIFY withheld',
  },
  'card.surface-format': {
    patient: {
      ja: `カードの券面を読み取れませんでした。${askStaff.ja}`,
      en: `The card face could not be read. ${askStaff.en}`,
    },
    staff: 'The collation number built from the card face was not 14 digits; nothing was sent to the card.',
    log: 'collation number B format rejected before sending',
  },
  'card.surface-unavailable': {
    patient: {
      ja: 'このカード（スマートフォン）では顔認証を利用できません。暗証番号をご利用ください。',
      en: 'Face recognition is not available with this token. Please use your PIN.',
    },
    staff: 'The token has no card-surface application (smartphone JPKI).',
    log: 'card-surface application absent',
  },
  'card.record-signature-invalid': {
    patient: {
      ja: `カードの内容を確認できませんでした。${askStaff.ja}`,
      en: `The card's data could not be verified. ${askStaff.en}`,
    },
    staff: 'The card-face record failed its signature check: the data may be altered or copied.',
    log: 'card-face record signature invalid',
  },
  'card.challenge-failed': {
    patient: {
      ja: `カードの内容を確認できませんでした。${askStaff.ja}`,
      en: `The card's data could not be verified. ${askStaff.en}`,
    },
    staff: 'The card did not prove possession of the card-face key: the card may be a copy.',
    log: 'card-face challenge signature invalid',
  },
  'card.photo-corrupt': {
    patient: {
      ja: `カードの顔写真を読み取れませんでした。${askStaff.ja}`,
      en: `The photo on the card could not be read. ${askStaff.en}`,
    },
    staff: 'The face photo in the card chip is not a valid JPEG 2000 image.',
    log: 'card photo is not JPEG 2000',
  },
  'card.not-verified': {
    patient: {
      ja: `カードを読み取れませんでした。${askStaff.ja}`,
      en: `The card could not be read. ${askStaff.en}`,
    },
    staff: 'An operation needing a verified secret was requested before verification.',
    log: 'operation requires prior verification',
  },
  'card.aborted': {
    patient: {
      ja: '操作を取り消しました。',
      en: 'The step was cancelled.',
    },
    staff:
      'The reception flow left the step (cancel, staff call, card pulled, timeout); nothing more was sent.',
    log: 'card step aborted before its next command',
  },
  'card.surface-already-rejected': {
    patient: {
      ja: `カードの券面確認を続けられません。${askStaff.ja}`,
      en: `The card face cannot be checked here. ${askStaff.en}`,
    },
    staff:
      'This card already rejected this 照合番号B today; it was not sent again. Use the PIN or the visual check.',
    log: 'collation number B already rejected by this card today; VERIFY withheld',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type CardErrorCode = keyof typeof cardErrorEntries;
