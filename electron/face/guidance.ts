// What the patient is told while the face check runs. Codes for the screen; ja/en text so the
// renderer can show them as they are.
import type { LivenessChallenge } from './config';

export type FaceGuidance =
  | 'no-face'
  | 'several-faces'
  | 'come-closer'
  | 'move-back'
  | 'centre-face'
  | 'face-the-camera'
  | 'take-off-mask'
  | 'hold-still';

export type FaceOutcome =
  'match' | 'no-match' | 'spoof' | 'no-face' | 'several-faces' | 'bad-card-photo' | 'offer-pin-or-staff';

type Text = { ja: string; en: string };

export const GUIDANCE_TEXT: Record<FaceGuidance, Text> = {
  // A mask often hides the face from the detector altogether, so the mask is mentioned here too.
  'no-face': {
    ja: 'カメラの正面に立ってください。マスクは外してください（眼鏡はそのままで結構です）',
    en: 'Please stand in front of the camera and take off any mask (glasses may stay on)',
  },
  'several-faces': {
    ja: 'お一人ずつカメラの前にお立ちください',
    en: 'Only one person in front of the camera, please',
  },
  'come-closer': { ja: 'もう少し近づいてください', en: 'Please come a little closer' },
  'move-back': { ja: '少し離れてください', en: 'Please move back a little' },
  'centre-face': { ja: '顔を枠の中央に合わせてください', en: 'Please centre your face in the frame' },
  'face-the-camera': { ja: '正面を向いてください', en: 'Please face the camera' },
  'take-off-mask': {
    ja: 'マスクを外してください（眼鏡はそのままで結構です）',
    en: 'Please take off your mask (glasses may stay on)',
  },
  'hold-still': { ja: 'そのまま動かないでください', en: 'Please hold still' },
};

export const CHALLENGE_TEXT: Record<LivenessChallenge, Text> = {
  blink: { ja: 'ゆっくりまばたきしてください', en: 'Please blink slowly' },
  'turn-left': { ja: '顔をゆっくり左に向けてください', en: 'Please turn your head slowly to your left' },
  'turn-right': { ja: '顔をゆっくり右に向けてください', en: 'Please turn your head slowly to your right' },
};

export const OUTCOME_TEXT: Record<FaceOutcome, Text> = {
  match: { ja: 'ご本人と確認できました', en: 'Identity confirmed' },
  'no-match': {
    ja: 'カードの写真と一致しませんでした。もう一度お試しください',
    en: 'Your face did not match the card photo. Please try again',
  },
  spoof: {
    ja: '確認できませんでした。画面の指示に従って、もう一度お試しください',
    en: 'We could not confirm it. Please follow the instructions and try again',
  },
  'no-face': {
    ja: '顔が見つかりませんでした。カメラの正面にお立ちください',
    en: 'No face was seen. Please stand in front of the camera',
  },
  'several-faces': {
    ja: '複数の顔が映っています。お一人でお試しください',
    en: 'Several faces were seen. Please try on your own',
  },
  'bad-card-photo': {
    ja: 'カードの顔写真を読み取れませんでした',
    en: 'The photo on your card could not be read',
  },
  'offer-pin-or-staff': {
    ja: '暗証番号での確認をご利用いただくか、受付の職員にお声がけください',
    en: 'Please use your PIN, or ask the reception staff',
  },
};
