// 一括照会: a reservation list (CSV) uploaded, checked on the trusted side in the background;
// this page shows the progress, the rows that could not be read and each row's answer.
import { useEffect, useState, type ChangeEvent } from 'react';
import type { BatchProgress } from '../../../electron/contract';
import type { StaffConnection } from './staff-api';

const STATUS_LABELS: Record<string, string> = {
  valid: '有効',
  invalid: '無効',
  'invalid-newer-record': '無効（新しい資格あり）',
  'not-found': '該当資格なし',
  multiple: '複数該当',
  pending: '処理中',
  refused: '照会拒否',
  failed: '照会失敗',
};

export function BatchPage({ api }: { api: StaffConnection }) {
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!progress || progress.finished) return;
    const timer = setTimeout(() => {
      void api.invoke('staff:batch:status', { batchId: progress.batchId }).then((result) => {
        if (result.ok) setProgress(result.value);
        else setError(result.error.staffMessage);
      });
    }, 500);
    return () => clearTimeout(timer);
  }, [api, progress]);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    setProgress(null);
    const result = await api.invoke('staff:batch:start', { csv: await file.text() });
    if (result.ok) setProgress(result.value);
    else setError(result.error.staffMessage);
  };

  return (
    <section>
      <h1>一括照会</h1>
      <p>予約患者の一覧（CSV: reservation_id, date, insurer_number, symbol, number, branch, birth_date）</p>
      <label className="upload">
        予約一覧を選ぶ
        <input type="file" accept=".csv,text/csv" onChange={(event) => void upload(event)} />
      </label>
      {error && <p role="alert">{error}</p>}
      {progress && (
        <section aria-label="一括照会の進み具合">
          <progress max={progress.total || 1} value={progress.done} />
          <p role="status">
            {progress.finished ? '照会が終わりました' : '照会中'}: {progress.done} / {progress.total} 件
          </p>
          {progress.summary && (
            <p className="summary">
              有効 {progress.summary.valid}・無効 {progress.summary.invalid}・該当なし{' '}
              {progress.summary.notFound}・複数 {progress.summary.multiple}・処理中 {progress.summary.pending}
              ・拒否 {progress.summary.refused}・失敗 {progress.summary.failed}
            </p>
          )}
          <RowTable
            label="読めなかった行"
            outcomeHeading="問題"
            rows={progress.rejected.map((row) => ({
              line: row.line,
              reservationId: row.reservationId ?? '—',
              outcome: row.messages.join(' / '),
            }))}
          />
          <RowTable
            label="照会結果"
            outcomeHeading="結果"
            rows={progress.results.map((row) => ({
              line: row.line,
              reservationId: row.reservationId,
              outcome: STATUS_LABELS[row.status] ?? row.status,
            }))}
          />
        </section>
      )}
    </section>
  );
}

/** One table of CSV rows: line, reservation and what became of it; nothing when there are no rows. */
function RowTable({
  label,
  outcomeHeading,
  rows,
}: {
  label: string;
  outcomeHeading: string;
  rows: { line: number; reservationId: string; outcome: string }[];
}) {
  if (rows.length === 0) return null;
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th>行</th>
          <th>予約番号</th>
          <th>{outcomeHeading}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.line}>
            <td>{row.line}</td>
            <td>{row.reservationId}</td>
            <td>{row.outcome}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
