// Today's confirmations, newest first, with their outcome and what staff must look at: invalid
// eligibility, a possible wrong link, a confirmation still waiting in the outbox, a visual check.
// The trusted side decides the warnings; this page names them.
import { useCallback, useEffect, useState } from 'react';
import type { ConfirmationWarning, StaffResponses } from '../../../electron/contract';
import { PatientInfo, type InfoKind } from './PatientInfo';
import type { StaffConnection } from './staff-api';

type Confirmation = StaffResponses['staff:eligibility:confirmations'][number];

const WARNING_LABELS: Record<ConfirmationWarning, string> = {
  invalid: '資格無効',
  'not-found': '該当資格なし',
  multiple: '複数該当',
  'wrong-link': '紐付け誤りの可能性',
  queued: '送信待ち',
  'visual-check': '目視確認',
};

const time = (ms: number) =>
  new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(ms);

export function ConfirmationsPage({ api }: { api: StaffConnection }) {
  const [rows, setRows] = useState<Confirmation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<{ requestId: string; kind: InfoKind } | null>(null);

  const load = useCallback(() => {
    void api.invoke('staff:eligibility:confirmations', {}).then((result) => {
      if (result.ok) setRows(result.value);
      else setError(result.error.staffMessage);
    });
  }, [api]);
  useEffect(load, [load]);

  return (
    <section>
      <h1>本日の受付</h1>
      <button type="button" onClick={load}>
        更新
      </button>
      {error && <p role="alert">{error}</p>}
      {rows && rows.length === 0 && <p>本日の受付はまだありません。</p>}
      {rows && rows.length > 0 && (
        <table aria-label="本日の受付">
          <thead>
            <tr>
              <th>時刻</th>
              <th>氏名</th>
              <th>結果</th>
              <th>注意</th>
              <th>同意</th>
              <th>閲覧</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.requestId} data-request-id={row.requestId}>
                <td>{time(row.createdAt)}</td>
                <td>{row.view?.records[0]?.name ?? '—'}</td>
                <td>{row.view?.statusLabel ?? '送信待ち'}</td>
                <td>
                  {row.warnings.map((warning) => (
                    <span key={warning} className="warning" data-warning={warning}>
                      {WARNING_LABELS[warning]}
                    </span>
                  ))}
                </td>
                <td>
                  {row.view?.consent?.medication ? '薬剤 ' : ''}
                  {row.view?.consent?.healthCheck ? '健診' : ''}
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => setOpen({ requestId: row.requestId, kind: 'medication' })}
                  >
                    薬剤情報
                  </button>
                  <button
                    type="button"
                    onClick={() => setOpen({ requestId: row.requestId, kind: 'health-checks' })}
                  >
                    健診情報
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && (
        <PatientInfo
          key={`${open.requestId}-${open.kind}`}
          api={api}
          requestId={open.requestId}
          kind={open.kind}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
