// 端末の状態: the patient screen, readers, cameras and service (the terminal health check, as the
// out-of-service screen uses it), the outbox, and the button that puts the
// kiosk's current patient into the visual check (目視確認). The trusted side decides whether it may;
// the staff member then signs in with their passcode on the kiosk's own screen.
import { useCallback, useEffect, useState } from 'react';
import type { KioskStateView } from '../../../electron/contract';
import type { StaffConnection } from './staff-api';

const CAMERA_STATE: Record<KioskStateView['cameras']['state'], string> = {
  attached: '接続あり',
  missing: '接続なし',
  'not-listed': '確認できません（この OS はカメラの一覧を出しません）',
};

const SERVICE_STATE: Record<KioskStateView['service']['state'], string> = {
  ok: '正常',
  queueing: '送信待ちあり',
  unreachable: '応答なし',
  refused: '接続を拒否されました',
};

export function KioskStatePage({ api }: { api: StaffConnection }) {
  const [state, setState] = useState<KioskStateView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  const load = useCallback(() => {
    void api.invoke('staff:kiosk:state', {}).then((result) => {
      setStarted(false);
      setError(result.ok ? null : result.error.staffMessage);
      if (result.ok) setState(result.value);
    });
  }, [api]);
  useEffect(load, [load]);

  const startVisualCheck = async (sessionGeneration: number) => {
    setError(null);
    const result = await api.invoke('staff:kiosk:visual-check', { sessionGeneration });
    if (result.ok) {
      setState(result.value);
      setStarted(true);
    } else setError(result.error.staffMessage);
  };

  return (
    <section>
      <h1>端末の状態</h1>
      <button type="button" onClick={load}>
        更新
      </button>
      {error && <p role="alert">{error}</p>}
      {state && (
        <section className="panel" aria-label="目視確認">
          <button
            type="button"
            disabled={!state.visualCheckOffered}
            onClick={() => void startVisualCheck(state.sessionGeneration)}
          >
            この患者を目視確認にする
          </button>
          {!state.visualCheckOffered && !started && (
            <p>職員呼び出し画面で待っている患者がいるときに使えます。</p>
          )}
          {started && (
            <p role="status">端末に職員ログインを表示しました。端末の画面でパスコードを入力してください。</p>
          )}
        </section>
      )}
      {state && (
        <dl className="state">
          <dt>端末</dt>
          <dd>{state.terminalId}</dd>
          <dt>受付画面</dt>
          <dd>
            {state.screen}
            {state.sessionActive ? '（受付中）' : ''}
          </dd>
          <dt>カードリーダー</dt>
          <dd className="readers">
            {state.readers.up ? '接続あり' : '接続なし'}
            {state.readers.list.length > 0 &&
              `（${state.readers.list.map((r) => `${r.name}${r.cardPresent ? '・カードあり' : ''}`).join('、')}）`}
          </dd>
          <dt>カメラ</dt>
          <dd className="cameras">{CAMERA_STATE[state.cameras.state]}</dd>
          <dt>資格確認サービス</dt>
          <dd className="service">{SERVICE_STATE[state.service.state]}</dd>
          <dt>送信待ち</dt>
          <dd>{state.outbox.queued} 件</dd>
          {state.faults.length > 0 && (
            <>
              <dt>使用できない理由</dt>
              <dd role="alert" className="faults">
                <ul>
                  {state.faults.map((fault) => (
                    <li key={fault.code}>{fault.staffMessage}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {state.storeRebuilt && (
            <>
              <dt>データベース</dt>
              <dd role="alert">起動時に再構築されました。IT に連絡してください。</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
