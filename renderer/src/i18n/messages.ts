// Everything the patient reads. Japanese and English are complete (the compiler checks it); other
// languages fall back to English for any message not yet translated.
import type { Language } from '../../../electron/contract';

const ja = {
  'language.name': '日本語',
  'language.choose': 'Language / 言語',
  'idle.title': 'マイナンバーカードをカードリーダーに置いてください',
  'idle.subtitle': '顔認証または暗証番号でご本人を確認します',
  'idle.help': 'お困りの方は受付の職員にお声がけください',
  'idle.insuranceCard': '健康保険証・資格確認書の方は受付へお越しください',
  'outOfService.title': 'ただいまこの端末はご利用いただけません',
  'outOfService.help': '受付の職員にお声がけください',
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

export function translate(language: Language, key: MessageKey): string {
  return catalogue[language][key] ?? en[key];
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
