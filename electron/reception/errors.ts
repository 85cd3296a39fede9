// Catalogue entries of the reception flow itself (the card, face and eligibility codes live with
// their own modules).
import type { CatalogueEntry } from '../errors/entry';

export const receptionErrorEntries = {
  'reception.face-failed': {
    patient: {
      ja: '顔認証ができませんでした。暗証番号で確認するか、職員をお呼びください。',
      en: 'Face check did not succeed. Please use your PIN or call the staff.',
      zh: '面部识别未成功。请使用密码或呼叫工作人员。',
      ko: '얼굴 인증에 실패했습니다. 비밀번호를 사용하거나 직원을 불러 주세요.',
    },
    staff: 'Face verification failed the configured number of times; PIN or visual check offered.',
    log: 'face verification attempts exhausted',
  },
  'reception.card-photo-unusable': {
    patient: {
      ja: 'カードの写真を確認できませんでした。暗証番号で確認するか、職員をお呼びください。',
      en: 'The photo on your card could not be used. Please use your PIN or call the staff.',
    },
    staff: 'The card photo could not be decoded or holds no usable face; face path withdrawn.',
    log: 'card photo unusable for face verification',
  },
  'reception.pin-too-short': {
    patient: {
      ja: '暗証番号は数字4桁です。',
      en: 'The PIN has 4 digits.',
      zh: '密码为4位数字。',
      ko: '비밀번호는 숫자 4자리입니다.',
    },
    staff: 'The patient pressed Enter before typing four digits; nothing was sent to the card.',
    log: 'PIN entry incomplete; not sent',
  },
  'reception.staff-requested': {
    patient: {
      ja: '職員が参りますので、そのままお待ちください。',
      en: 'A member of staff is coming. Please wait here.',
      zh: '工作人员马上就来，请在此稍候。',
      ko: '직원이 곧 옵니다. 잠시 기다려 주세요.',
    },
    staff: 'The patient asked for help at the kiosk.',
    log: 'staff called',
  },
  'reception.staff-coming': {
    patient: {
      ja: '職員に知らせました。職員が参りますので、カードを置いたままお待ちください。前の画面に戻ることもできます。',
      en: 'The staff have been told. Someone will come to you; please wait here with your card on the reader. You can also go back to the previous screen.',
    },
    staff: 'A patient is waiting at the kiosk for help.',
    log: 'staff call shown',
  },
  'reception.card-pulled': {
    patient: {
      ja: 'カードが外されたため、受付を中止しました。もう一度カードを置いてください。',
      en: 'The card was taken off the reader, so the reception was stopped. Please place your card again.',
    },
    staff: 'The card was removed before the reception finished; nothing was kept.',
    log: 'card pulled mid-session',
  },
  'reception.take-card': {
    patient: {
      ja: 'カードをお取りください。',
      en: 'Please take your card.',
    },
    staff: 'The session ended with the card still on the reader; the next session waits for its removal.',
    log: 'waiting for the card to be taken',
  },
  'reception.take-card-timeout': {
    patient: {
      ja: '時間が過ぎたため受付を中止しました。カードをお取りください。',
      en: 'The reception timed out and was stopped. Please take your card.',
    },
    staff: 'The session timed out with the card still on the reader.',
    log: 'session timed out; waiting for the card to be taken',
  },
  'reception.done-next': {
    patient: {
      ja: 'カードをお取りになり、受付の窓口でお名前をお伝えください。',
      en: 'Please take your card and give your name at the reception desk.',
    },
    staff: 'The patient is checked in.',
    log: 'done screen shown',
  },
  'reception.queued-next': {
    patient: {
      ja: '受付は完了しました。資格確認は回線の回復後に自動で行います。カードをお取りになり、窓口でお名前をお伝えください。',
      en: 'You are checked in. Your eligibility will be confirmed automatically when the service is back. Please take your card and give your name at the desk.',
    },
    staff: 'The confirmation is queued in the outbox and will be sent when the service is back.',
    log: 'confirmation queued',
  },
  'reception.not-done': {
    patient: {
      ja: '受付は完了していません。資格確認ができませんでした。カードをお取りになり、受付の窓口へお越しください。',
      en: 'You are NOT checked in: your eligibility could not be confirmed. Please take your card and go to the reception desk.',
    },
    staff:
      'Nothing was confirmed or queued (the service failed before the confirmation). Check eligibility at the desk: 資格情報のお知らせ, マイナポータル or a 被保険者資格申立書.',
    log: 'reception not done; nothing queued',
  },
  'reception.pin-not-set': {
    patient: {
      ja: 'このカードには暗証番号が設定されていないため、暗証番号では確認できません。',
      en: 'This card has no PIN set, so the PIN cannot be used.',
    },
    staff: 'The card has no user-authentication PIN set.',
    log: 'PIN not set on card',
  },
  'reception.pin-on-phone': {
    patient: {
      ja: 'iPhoneのマイナ保険証は、スマートフォンの画面で本人確認します。ここでは暗証番号を入力しません。',
      en: 'With an iPhone, you confirm who you are on the phone itself; no PIN is typed here.',
    },
    staff: 'iPhone token: identity is verified on the phone.',
    log: 'iPhone token: no PIN on the kiosk',
  },
  'reception.card-on-phone-reader': {
    patient: {
      ja: 'この読み取り機はスマートフォン用です。マイナンバーカードはカードリーダーに置いてください。',
      en: 'This reader is for smartphones. Please place your My Number card on the card reader.',
    },
    staff:
      'A card was placed on the smartphone reader; nothing was read from it. Cards go on the kiosk reader.',
    log: 'card on the phone reader refused',
  },
  'reception.phone-taken-away': {
    patient: {
      ja: 'スマートフォンが読み取り機から離れたため、受付を中止しました。もう一度かざしてください。',
      en: 'The smartphone left the reader, so the reception was stopped. Please hold it to the reader again.',
    },
    staff: 'The smartphone left the phone reader before it verified its holder; nothing was kept.',
    log: 'smartphone taken away before verification',
  },
  'reception.phone-keep-held': {
    patient: {
      ja: 'スマートフォンを読み取り機にかざしたまま、スマートフォン用電子証明書の暗証番号（数字4桁）を入力してください。',
      en: 'Keep your smartphone on the reader and type the 4-digit PIN of its smartphone certificate.',
    },
    staff: 'Android token: the phone certificate PIN is typed on the kiosk keypad.',
    log: 'Android token: PIN entry on the kiosk',
  },
  'reception.pin-no-keypad': {
    patient: {
      ja: 'この受付機には暗証番号を入力する装置がありません。',
      en: 'This kiosk has no keypad for a PIN.',
    },
    staff: 'No PIN pad is configured on this terminal.',
    log: 'no PIN pad configured',
  },
  'reception.face-card-only': {
    patient: {
      ja: '顔認証はマイナンバーカードでのみご利用いただけます。',
      en: 'Face check works with the My Number card itself only.',
    },
    staff: 'Smartphone tokens have no card face or photo; face path not offered.',
    log: 'face path not offered for a smartphone token',
  },
  'reception.face-western-date': {
    patient: {
      ja: 'このカードは生年月日が西暦で記載されているため、この受付機では顔認証をご利用いただけません。暗証番号で確認するか、職員をお呼びください。',
      en: 'Your card shows the birth date in Western years, which this kiosk cannot use for the face check. Please use your PIN, or call the staff.',
    },
    staff:
      'Western-dated card under the default policy: 照合番号B is not formed from a Western date. Use the PIN path or key 照合番号B in on the staff side.',
    log: 'face path withdrawn: western-dated card',
  },
  'reception.pin-last-try': {
    patient: {
      ja: 'これが最後の1回です。間違えるとカードがロックされ、市区町村の窓口で解除が必要になります。',
      en: 'This is the last try. A wrong PIN locks the card, which must then be reset at your city office.',
    },
    staff: 'One PIN try is left on this card; the patient confirmed spending it.',
    log: 'PIN entry on the last try (confirmed)',
  },
  'reception.pin-floor-next': {
    patient: {
      ja: 'この暗証番号が違っていた場合、この受付機ではもう入力できません。職員が確認します。',
      en: 'If this PIN is wrong, this kiosk will not let you try again; a member of staff will help you.',
    },
    staff: 'card.pinTriesFloor: after one more wrong PIN this kiosk sends no VERIFY; staff take over.',
    log: 'PIN entry one try above the configured floor',
  },
} as const satisfies Record<string, CatalogueEntry>;
