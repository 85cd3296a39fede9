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
} as const satisfies Record<string, CatalogueEntry>;
