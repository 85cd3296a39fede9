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
