// Why the kiosk is out of service. The screen's text is for the staff who come to the terminal:
// what is down and what to do; the patient is already told to ask the staff by the screen's title.
import type { CatalogueEntry } from '../errors/entry';

export const healthErrorEntries = {
  'health.reader-missing': {
    patient: {
      ja: 'カードリーダーが見つかりません（職員の方へ：リーダーのUSBケーブルを挿し直してください。直らなければIT担当へ）。',
      en: 'The card reader is not connected (staff: plug the reader’s USB cable in again; if that does not help, call IT).',
    },
    staff:
      'No card reader matching the configured name is attached, or pcscd is not running: plug the reader in again; IT: `uketsuke doctor`.',
    log: 'health: no reader matches the configured pattern',
  },
  'health.camera-missing': {
    patient: {
      ja: 'カメラが見つかりません（職員の方へ：カメラのUSBケーブルを挿し直してください。直らなければIT担当へ）。',
      en: 'A camera is not connected (staff: plug the camera’s USB cable in again; if that does not help, call IT).',
    },
    staff:
      'The patient camera or the card-tray camera the config names is not attached: plug it in again; IT: `uketsuke doctor`.',
    log: 'health: a configured camera is not attached',
  },
  'health.service-unreachable': {
    patient: {
      ja: '資格確認の回線につながりません（職員の方へ：ネットワークを確認してください。回復すると自動で再開します）。',
      en: 'The eligibility service cannot be reached (staff: check the network; the kiosk resumes by itself when it is back).',
    },
    staff:
      'The eligibility service does not answer: check the network or VPN to the service; the kiosk re-checks and resumes by itself.',
    log: 'health: eligibility service unreachable',
  },
  'health.service-refused': {
    patient: {
      ja: '資格確認の回線が接続を拒否しました（職員の方へ：IT担当に端末の証明書の確認を依頼してください）。',
      en: 'The eligibility service refused this terminal (staff: ask IT to check the terminal’s certificate).',
    },
    staff:
      'The eligibility service refused this terminal’s secure connection or certificate: IT must check the TLS files (`uketsuke doctor`).',
    log: 'health: eligibility service refused the terminal',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type HealthErrorCode = keyof typeof healthErrorEntries;
