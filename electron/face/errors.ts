// Catalogue entries for the face check. Outcomes (match, no-match, spoof …) are not errors; these
// are the failures of the machinery and of the card's photo.
import type { CatalogueEntry } from '../errors/entry';

export const faceErrorEntries = {
  'face.card-photo-corrupt': {
    patient: {
      ja: 'カードの顔写真を読み取れませんでした。暗証番号での確認か、受付の職員にお声がけください。',
      en: 'We could not read the photo on your card. Please use your PIN or ask the reception staff.',
    },
    staff: 'The face photo on the card could not be decoded (corrupt JPEG 2000). Use PIN or visual check.',
    log: 'card photo is not a decodable JPEG 2000 image',
  },
  'face.card-photo-too-large': {
    patient: {
      ja: 'カードの顔写真を読み取れませんでした。暗証番号での確認か、受付の職員にお声がけください。',
      en: 'We could not read the photo on your card. Please use your PIN or ask the reception staff.',
    },
    staff: 'The face photo on the card is larger than any real card photo; it was not decoded.',
    log: 'card photo exceeds the size limits',
  },
  'face.card-photo-no-face': {
    patient: {
      ja: 'カードの顔写真で照合できませんでした。暗証番号での確認か、受付の職員にお声がけください。',
      en: 'The photo on your card cannot be used for the face check. Please use your PIN or ask the staff.',
    },
    staff: 'No face was found in the card photo; face check is not possible for this card.',
    log: 'no face found in card photo',
  },
  'face.frame-invalid': {
    patient: {
      ja: 'カメラの映像を受け取れませんでした。もう一度お試しください。',
      en: 'The camera picture did not arrive. Please try again.',
    },
    staff: 'The kiosk screen sent a camera frame the trusted side refused (size or format).',
    log: 'camera frame failed validation',
  },
  'face.session-closed': {
    patient: {
      ja: '顔認証は終了しました。',
      en: 'The face check has ended.',
    },
    staff: 'A frame arrived for a face session that had already finished.',
    log: 'frame for closed face session',
  },
  'face.engine-failed': {
    patient: {
      ja: '顔認証を利用できません。暗証番号での確認か、受付の職員にお声がけください。',
      en: 'The face check is not available. Please use your PIN or ask the reception staff.',
    },
    staff: 'The face recognition engine failed (models missing or worker crashed); see the log.',
    log: 'face engine failed',
  },
} as const satisfies Record<string, CatalogueEntry>;
