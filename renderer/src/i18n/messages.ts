// Everything the patient reads. Japanese and English are complete (the compiler checks it); other
// languages fall back to English for any message not yet translated.
import type { KioskErrorView, Language } from '../../../electron/contract';

const ja = {
  'language.name': '日本語',
  'language.choose': 'Language / 言語',
  'idle.title': 'マイナンバーカードをカードリーダーに置いてください',
  'idle.subtitle': '顔認証または暗証番号でご本人を確認します',
  'idle.help': 'お困りの方は受付の職員にお声がけください',
  'idle.insuranceCard': '健康保険証・資格確認書の方は受付へお越しください',
  'outOfService.title': 'ただいまこの端末はご利用いただけません',
  'outOfService.help': '受付の職員にお声がけください',
  'common.callStaff': '職員を呼ぶ',
  'common.cancel': 'やめる',
  'reading.title': 'カードを読み取っています',
  'reading.hint': 'カードを動かさないでください',
  'unusable.title': 'このカードはご利用いただけません',
  'unusable.hint': 'カードをお取りになり、受付へお越しください',
  'method.title': '本人確認の方法を選んでください',
  'method.face': '顔認証',
  'method.faceHint': 'カメラに顔を向けます',
  'method.pin': '暗証番号',
  'method.pinHint': '数字4桁を入力します',
  'method.staff': '職員を呼ぶ',
  'method.staffHint': '職員が確認します',
  'cardFace.title': 'カードの表面を読み取っています',
  'cardFace.hint': 'カードを置いたまま、お待ちください',
  'face.title': 'カメラに顔を向けてください',
  'face.attempt': '{attempt}回目 / {max}回',
  'face.cameraError': 'カメラを使用できません。職員をお呼びください',
  'pin.title': '暗証番号（数字4桁）を入力してください',
  'pin.hint': '手元のキーパッドで入力し、「確定」を押してください',
  'pin.triesLeft': 'あと{tries}回間違えるとロックされます',
  'consent.title': '情報の提供に同意しますか',
  'consent.lead': '過去の情報を医師・薬剤師に提供することに同意すると、より良い医療を受けられます',
  'consent.medication': '薬剤情報（過去のお薬の情報）',
  'consent.healthCheck': '特定健診等の情報',
  'consent.treatment': '診療情報（過去の診療の情報）',
  'consent.surgery': '手術情報（過去の手術の情報）',
  'consent.yes': '同意する',
  'consent.no': '同意しない',
  'consent.all': 'すべてに同意する',
  'consent.submit': '確定する',
  'confirming.title': '資格を確認しています',
  'confirming.hint': 'しばらくお待ちください',
  'done.confirmed': '受付が完了しました',
  'done.queued': '受付を記録しました',
  'done.queuedHint': '確認の結果は、後ほど受付からお知らせします',
  'done.hint': 'カードをお取りください',
  'staff.title': '職員をお呼びしました',
} as const;

export type MessageKey = keyof typeof ja;
type Messages = Record<MessageKey, string>;

const en: Messages = {
  'language.name': 'English',
  'language.choose': 'Language / 言語',
  'idle.title': 'Please place your My Number card on the card reader',
  'idle.subtitle': 'We will confirm it is you by face or by PIN',
  'idle.help': 'If you need help, please ask the reception staff',
  'idle.insuranceCard': 'With a health insurance card or eligibility certificate, please go to reception',
  'outOfService.title': 'This terminal is not available right now',
  'outOfService.help': 'Please ask the reception staff',
  'common.callStaff': 'Call staff',
  'common.cancel': 'Cancel',
  'reading.title': 'Reading your card',
  'reading.hint': 'Please do not move the card',
  'unusable.title': 'This card cannot be used',
  'unusable.hint': 'Please take your card and go to reception',
  'method.title': 'How would you like to confirm it is you?',
  'method.face': 'Face',
  'method.faceHint': 'Look at the camera',
  'method.pin': 'PIN',
  'method.pinHint': 'Enter your 4-digit PIN',
  'method.staff': 'Call staff',
  'method.staffHint': 'A member of staff will check',
  'cardFace.title': 'Reading the front of your card',
  'cardFace.hint': 'Please leave the card in place',
  'face.title': 'Please look at the camera',
  'face.attempt': 'Try {attempt} of {max}',
  'face.cameraError': 'The camera cannot be used. Please call the staff',
  'pin.title': 'Please enter your PIN (4 digits)',
  'pin.hint': 'Use the keypad on the reader, then press Enter',
  'pin.triesLeft': '{tries} more wrong tries will lock your PIN',
  'consent.title': 'Do you agree to share your information?',
  'consent.lead': 'Sharing your past records with doctors and pharmacists helps them treat you better',
  'consent.medication': 'Medication information',
  'consent.healthCheck': 'Specific health check information',
  'consent.treatment': 'Treatment information',
  'consent.surgery': 'Surgery information',
  'consent.yes': 'Agree',
  'consent.no': 'Do not agree',
  'consent.all': 'Agree to all',
  'consent.submit': 'Confirm',
  'confirming.title': 'Checking your insurance',
  'confirming.hint': 'Please wait a moment',
  'done.confirmed': 'Reception is complete',
  'done.queued': 'Your reception has been recorded',
  'done.queuedHint': 'Reception staff will tell you the result shortly',
  'done.hint': 'Please take your card',
  'staff.title': 'We have called the staff',
};

const zh: Partial<Messages> = {
  'language.name': '中文',
  'idle.title': '请将个人编号卡放在读卡器上',
  'idle.subtitle': '我们将通过面部识别或密码确认您的身份',
  'idle.help': '如需帮助，请询问前台工作人员',
};

const ko: Partial<Messages> = {
  'language.name': '한국어',
  'idle.title': '마이넘버 카드를 카드 리더기에 올려 주세요',
  'idle.subtitle': '얼굴 인증 또는 비밀번호로 본인을 확인합니다',
  'idle.help': '도움이 필요하시면 접수 직원에게 말씀해 주세요',
};

const vi: Partial<Messages> = {
  'language.name': 'Tiếng Việt',
  'idle.title': 'Vui lòng đặt thẻ My Number lên đầu đọc thẻ',
  'idle.subtitle': 'Chúng tôi sẽ xác nhận danh tính bằng khuôn mặt hoặc mã PIN',
  'idle.help': 'Nếu cần trợ giúp, vui lòng hỏi nhân viên lễ tân',
};

const pt: Partial<Messages> = {
  'language.name': 'Português',
  'idle.title': 'Coloque o seu cartão My Number no leitor',
  'idle.subtitle': 'Vamos confirmar a sua identidade pelo rosto ou pelo PIN',
  'idle.help': 'Se precisar de ajuda, fale com a recepção',
};

const catalogue: Record<Language, Partial<Messages>> = { ja, en, zh, ko, vi, pt };

export function translate(
  language: Language,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  const text = catalogue[language][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** A catalogued error's patient message in the patient's language (English where not translated). */
export function errorText(error: KioskErrorView, language: Language): string {
  return error.patientMessage[language] ?? error.patientMessage.en;
}

/** BCP 47 tag for the lang attribute, so screen readers and fonts pick the right language. */
export const LANGUAGE_TAGS: Record<Language, string> = {
  ja: 'ja',
  en: 'en',
  zh: 'zh-Hans',
  ko: 'ko',
  vi: 'vi',
  pt: 'pt-BR',
};
