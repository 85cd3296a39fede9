// 薬剤情報 / 特定健診等情報 of one confirmation: shown only when the trusted side answers it (the
// patient consented, within the consent's window); otherwise its refusal, as staff are told.
import { useEffect, useState } from 'react';
import type { HealthCheckAnswer, MedicationAnswer, StaffErrorView } from '../../../electron/contract';
import type { StaffConnection } from './staff-api';

/** 薬剤情報 as the service answers it: one row per dispensed drug. */
export function MedicationTable({ items }: { items: MedicationAnswer['items'] }) {
  return (
    <table>
      <thead>
        <tr>
          <th>調剤日</th>
          <th>薬剤名</th>
          <th>数量</th>
          <th>日数</th>
          <th>薬局</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item, index) => (
          <tr key={index}>
            <td>{item.dispensedOn}</td>
            <td>{item.drugName}</td>
            <td>
              {item.quantity}
              {item.unit}
            </td>
            <td>{item.days}</td>
            <td>{item.pharmacy}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type InfoKind = 'medication' | 'health-checks';

export function PatientInfo(props: {
  api: StaffConnection;
  requestId: string;
  kind: InfoKind;
  onClose: () => void;
}) {
  const { api, requestId, kind } = props;
  const [answer, setAnswer] = useState<MedicationAnswer | HealthCheckAnswer | null>(null);
  const [error, setError] = useState<StaffErrorView | null>(null);

  useEffect(() => {
    const channel =
      kind === 'medication' ? 'staff:eligibility:medication' : 'staff:eligibility:health-checks';
    void api.invoke(channel, { requestId }).then((result) => {
      if (result.ok) setAnswer(result.value);
      else setError(result.error);
    });
  }, [api, requestId, kind]);

  const title = kind === 'medication' ? '薬剤情報' : '特定健診等情報';
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {error && <p role="alert">閲覧できません: {error.staffMessage}</p>}
      {answer && kind === 'medication' && <MedicationTable items={(answer as MedicationAnswer).items} />}
      {answer && kind === 'health-checks' && (
        <table>
          <thead>
            <tr>
              <th>受診日</th>
              <th>身長</th>
              <th>体重</th>
              <th>血圧</th>
              <th>HbA1c</th>
            </tr>
          </thead>
          <tbody>
            {(answer as HealthCheckAnswer).items.map((item, index) => (
              <tr key={index}>
                <td>{item.examinedOn}</td>
                <td>{item.heightCm} cm</td>
                <td>{item.weightKg} kg</td>
                <td>
                  {item.systolicMmHg}/{item.diastolicMmHg}
                </td>
                <td>{item.hba1cPercent ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {answer && answer.items.length === 0 && <p>記録はありません。</p>}
      <button type="button" onClick={props.onClose}>
        閉じる
      </button>
    </section>
  );
}
