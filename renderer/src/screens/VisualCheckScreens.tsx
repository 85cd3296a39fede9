// The staff screens of the visual check (目視確認) at the kiosk, in Japanese as the staff console is:
// staff pick their name and type their passcode (sent to the trusted side, which checks it; the field
// is emptied at once), then see the chip photo beside the live camera with the card's birth date and
// expiry, and confirm or refuse. The photo is only drawn from the view: never stored, gone with it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { KioskErrorView } from '../../../electron/contract';

/** The labelled staff control on the call-staff screen. */
export function VisualCheckControl(props: { onStart: () => void }) {
  return (
    <button type="button" className="secondary staff-control visual-check-start" onClick={props.onStart}>
      職員操作：目視確認
    </button>
  );
}

export function StaffLoginScreen(props: {
  staffNames: readonly string[];
  notice: KioskErrorView | null;
  onSubmit: (name: string, passcode: string) => void;
  onBack: () => void;
}) {
  const [name, setName] = useState(props.staffNames[0] ?? '');
  const [passcode, setPasscode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = passcode;
    setPasscode(''); // the field never keeps it
    if (name && typed) props.onSubmit(name, typed);
  };
  return (
    <main className="screen staff-login" data-screen="staff-login">
      <h1>職員ログイン（目視確認）</h1>
      {props.notice ? (
        <p role="alert" className="notice">
          {props.notice.code === 'staff.locked'
            ? 'このアカウントはロックされています。'
            : '名前またはパスコードが違います。'}
        </p>
      ) : null}
      <form onSubmit={submit}>
        <label>
          職員名
          <select name="staff-name" value={name} onChange={(event) => setName(event.target.value)}>
            {props.staffNames.map((staffName) => (
              <option key={staffName} value={staffName}>
                {staffName}
              </option>
            ))}
          </select>
        </label>
        <label>
          パスコード
          <input
            name="staff-passcode"
            type="password"
            autoComplete="off"
            value={passcode}
            onChange={(event) => setPasscode(event.target.value)}
          />
        </label>
        <button type="submit" className="primary">
          ログイン
        </button>
        <button type="button" className="secondary back" onClick={props.onBack}>
          戻る
        </button>
      </form>
    </main>
  );
}

/** What a typed 照合番号B that was not sent means, for staff (nothing reached the card). */
function entryNotice(code: string): string {
  return code === 'card-face.staff-entry-expiry-mismatch'
    ? '有効期限の年（7〜10桁目）がICチップと一致しません。カードには送信していません。'
    : '14桁で入力してください（生年月日〔和暦YYMMDD〕＋有効期限の西暦年＋セキュリティコード4桁）。カードには送信していません。';
}

/**
 * 照合番号B typed off the card in hand when its face could not be read: masked, emptied on submit,
 * sent once (the trusted side sends at most one VERIFY and never offers the entry again).
 */
export function CollationEntryScreen(props: {
  staffName: string;
  notice: KioskErrorView | null;
  sending: boolean;
  onSubmit: (collationNumber: string) => void;
  onSkip: () => void;
  onBack: () => void;
}) {
  const [typed, setTyped] = useState('');
  // The notice shown when staff sent: a mistyped number comes back with a fresh notice, and may
  // then be typed again (nothing was sent).
  const [sentAt, setSentAt] = useState<{ notice: KioskErrorView | null } | null>(null);
  const busy = props.sending || (sentAt !== null && sentAt.notice === props.notice);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = typed;
    setTyped(''); // the field never keeps it
    if (!value || busy) return;
    setSentAt({ notice: props.notice });
    props.onSubmit(value);
  };
  return (
    <main className="screen collation-entry" data-screen="collation-entry">
      <h1>照合番号Bの入力（{props.staffName}）</h1>
      <p>
        カードの券面を読み取れませんでした。カードを見て照合番号B（生年月日〔和暦YYMMDD〕6桁＋有効期限の西暦年4桁＋セキュリティコード4桁）を入力してください。カードへの送信は1回だけです。
      </p>
      {props.notice ? (
        <p role="alert" className="notice">
          {entryNotice(props.notice.code)}
        </p>
      ) : null}
      <form onSubmit={submit}>
        <label>
          照合番号B
          <input
            name="collation-number"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={40}
            value={typed}
            disabled={busy}
            onChange={(event) => setTyped(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? '送信中…' : 'カードに送信する'}
        </button>
        <button type="button" className="secondary skip" disabled={busy} onClick={props.onSkip}>
          入力せずに目視確認へ
        </button>
        <button type="button" className="secondary back" disabled={busy} onClick={props.onBack}>
          戻る
        </button>
      </form>
    </main>
  );
}

/** Why a typed 照合番号B opened nothing, for staff. */
function refusalText(code: string, triesLeft: number | null): string {
  switch (code) {
    case 'card-face.staff-entry-rejected':
      return 'カードが照合番号Bを受け付けませんでした。再送信はしません。';
    case 'card-face.tries-low':
      return 'カードの残り回数が少ないため、送信しませんでした。';
    case 'card-face.blocked':
      return '照合番号Bはロックされています。市区町村での手続きが必要です。';
    default:
      return triesLeft === null
        ? `ICチップを読み取れませんでした（${code}）。`
        : `送信できませんでした（${code}）。`;
  }
}

export function CollationRefusedScreen(props: {
  staffName: string;
  reason: KioskErrorView;
  triesLeft: number | null;
  onSkip: () => void;
  onBack: () => void;
}) {
  return (
    <main className="screen collation-refused" data-screen="collation-refused">
      <h1>照合番号Bで確認できませんでした（{props.staffName}）</h1>
      <p role="alert" className="notice">
        {refusalText(props.reason.code, props.triesLeft)}
      </p>
      {props.triesLeft !== null ? <p className="tries-left">残り{props.triesLeft}回</p> : null}
      <button type="button" className="primary skip" onClick={props.onSkip}>
        券面で目視確認へ進む
      </button>
      <button type="button" className="secondary back" onClick={props.onBack}>
        戻る
      </button>
    </main>
  );
}

export function VisualCheckScreen(props: {
  staffName: string;
  chipPhoto: string | null;
  birthDate: string | null;
  expiryYear: number | null;
  onDecide: (decision: 'confirm' | 'refuse') => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    void navigator.mediaDevices
      ?.getUserMedia({ video: true, audio: false })
      .then((media) => {
        if (stopped) return media.getTracks().forEach((track) => track.stop());
        stream = media;
        if (video.current) {
          video.current.srcObject = media;
          void video.current.play().catch(() => undefined);
        }
      })
      .catch(() => undefined);
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);
  return (
    <main className="screen visual-check" data-screen="visual-check">
      <h1>目視確認（{props.staffName}）</h1>
      <div className="visual-check-pictures">
        <figure>
          {props.chipPhoto ? (
            <img className="chip-photo" src={props.chipPhoto} alt="ICチップの顔写真" />
          ) : (
            <p className="chip-photo-missing">ICチップの顔写真はありません（券面で確認してください）</p>
          )}
          <figcaption>ICチップの顔写真</figcaption>
        </figure>
        <figure>
          <video className="live-camera" ref={video} muted playsInline />
          <figcaption>カメラの映像</figcaption>
        </figure>
      </div>
      <dl className="visual-check-card">
        <dt>生年月日</dt>
        <dd className="birth-date">{props.birthDate ?? '（券面で確認）'}</dd>
        <dt>有効期限</dt>
        <dd className="expiry">{props.expiryYear ? `${props.expiryYear}年` : '（券面で確認）'}</dd>
      </dl>
      <button
        type="button"
        className="primary visual-check-confirm"
        onClick={() => props.onDecide('confirm')}
      >
        本人と確認した
      </button>
      <button
        type="button"
        className="secondary visual-check-refuse"
        onClick={() => props.onDecide('refuse')}
      >
        確認できない
      </button>
    </main>
  );
}
