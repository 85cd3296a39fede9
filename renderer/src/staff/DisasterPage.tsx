// 災害時閲覧: during a disaster the service has declared, a patient's 薬剤情報 by name, birth date,
// sex and address, without a card or consent. The kiosk does not declare a disaster: the service
// does, and outside one it refuses — this page shows that refusal as the channel answers it.
import { useState, type FormEvent } from 'react';
import type { DisasterMedicationAnswer, StaffRequests } from '../../../electron/contract';
import { MedicationTable } from './PatientInfo';
import type { StaffConnection } from './staff-api';

type Query = StaffRequests['staff:eligibility:disaster-medication'];

const EMPTY: Query = { name: '', birthDate: '', sex: 'female', address: '' };

export function DisasterPage({ api }: { api: StaffConnection }) {
  const [query, setQuery] = useState<Query>(EMPTY);
  const [answer, setAnswer] = useState<DisasterMedicationAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const field = (key: keyof Query) => ({
    value: query[key],
    onChange: (event: { target: { value: string } }) => setQuery({ ...query, [key]: event.target.value }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAnswer(null);
    setError(null);
    const result = await api.invoke('staff:eligibility:disaster-medication', query);
    if (result.ok) setAnswer(result.value);
    else setError(result.error.staffMessage);
  };

  return (
    <section>
      <h1>災害時閲覧</h1>
      <p>
        災害が宣言されている間だけ、カードも同意もない患者の薬剤情報を照会できます。宣言は資格確認サービス側が行い、照会は監査ログに記録されます。
      </p>
      <form onSubmit={(event) => void submit(event)} className="lookup">
        <label>
          氏名
          <input required {...field('name')} />
        </label>
        <label>
          生年月日（YYYY-MM-DD）
          <input required {...field('birthDate')} />
        </label>
        <label>
          性別
          <select {...field('sex')}>
            <option value="female">女性</option>
            <option value="male">男性</option>
          </select>
        </label>
        <label>
          住所
          <input required {...field('address')} />
        </label>
        <button type="submit">災害時照会する</button>
      </form>
      {error && <p role="alert">照会できません: {error}</p>}
      {answer && (
        <section className="panel" aria-label="災害時照会の結果">
          <h2>該当 {answer.matches.length} 件</h2>
          {answer.matches.map((match, index) => (
            <section key={index}>
              <h3>
                {match.name}（{match.birthDate}）
              </h3>
              {match.items.length > 0 ? <MedicationTable items={match.items} /> : <p>記録はありません。</p>}
            </section>
          ))}
        </section>
      )}
    </section>
  );
}
