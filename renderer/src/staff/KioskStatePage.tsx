import { useCallback, useEffect, useState } from 'react';
import type { KioskStateView } from '../../../electron/contract';
import type { StaffConnection } from './staff-api';

export function KioskStatePage({ api }: { api: StaffConnection }) {
  const [state, setState] = useState<KioskStateView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    void api.invoke('staff:kiosk:state', {}).then((result) => {
      if (result.ok) setState(result.value);
      else setError(result.error.staffMessage);
    });
  }, [api]);
  useEffect(load, [load]);

  return (
    <section>
      <h1>端末の状態</h1>
      <button type="button" onClick={load}>
        更新
      </button>
      {error && <p role="alert">{error}</p>}
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
          <dd>
            {state.readers.length === 0
              ? '接続なし'
              : state.readers.map((r) => `${r.name}${r.cardPresent ? '（カードあり）' : ''}`).join('、')}
          </dd>
          <dt>カメラ</dt>
          <dd>券面: {state.cameras.cardTray === 'virtual' ? '仮想' : '端末'}／顔: 端末</dd>
          <dt>資格確認サービス</dt>
          <dd>{state.service.state === 'ok' ? '正常' : '送信待ちあり'}</dd>
          <dt>送信待ち</dt>
          <dd>{state.outbox.queued} 件</dd>
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
