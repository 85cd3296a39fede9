// 個別照会: eligibility by the numbers on an insurance card or 資格確認書. The trusted side
// validates them (check digits, lengths) and says which field is wrong.
import { useState, type FormEvent } from 'react';
import type { EligibilityStaffView, FieldProblem } from '../../../electron/contract';
import type { StaffConnection } from './staff-api';

const FIELDS = [
  { key: 'insurerNumber', label: '保険者番号', required: true },
  { key: 'symbol', label: '記号', required: false },
  { key: 'number', label: '番号', required: true },
  { key: 'branch', label: '枝番', required: false },
  { key: 'birthDate', label: '生年月日（YYYY-MM-DD）', required: true },
] as const;
type Field = (typeof FIELDS)[number]['key'];

export function LookupPage({ api }: { api: StaffConnection }) {
  const [values, setValues] = useState<Record<Field, string>>({
    insurerNumber: '',
    symbol: '',
    number: '',
    branch: '',
    birthDate: '',
  });
  const [view, setView] = useState<EligibilityStaffView | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setView(null);
    setProblems([]);
    setError(null);
    const result = await api.invoke('staff:eligibility:lookup', {
      insurerNumber: values.insurerNumber,
      number: values.number,
      birthDate: values.birthDate,
      ...(values.symbol ? { symbol: values.symbol } : {}),
      ...(values.branch ? { branch: values.branch } : {}),
    });
    if (!result.ok) setError(result.error.staffMessage);
    else if (result.value.ok) setView(result.value.view);
    else setProblems(result.value.problems);
  };

  return (
    <section>
      <h1>個別照会</h1>
      <form onSubmit={(event) => void submit(event)} className="lookup">
        {FIELDS.map((field) => (
          <label key={field.key}>
            {field.label}
            <input
              value={values[field.key]}
              required={field.required}
              onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
            />
            {problems
              .filter((problem) => problem.field === field.key)
              .map((problem) => (
                <span key={problem.problem} role="alert" className="field-problem">
                  {problem.message}
                </span>
              ))}
          </label>
        ))}
        <button type="submit">照会する</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {view && (
        <section className="panel" aria-label="照会結果">
          <h2>照会結果: {view.statusLabel}</h2>
          {view.problem && <p role="alert">{view.problem.staffMessage}</p>}
          {view.records.map((record, index) => (
            <dl key={index}>
              <dt>氏名</dt>
              <dd>{record.name}</dd>
              <dt>カナ</dt>
              <dd>{record.nameKana}</dd>
              <dt>生年月日</dt>
              <dd>{record.birthDate}</dd>
              <dt>保険者</dt>
              <dd>
                {record.insurerName}（{record.insurerNumber}）
              </dd>
            </dl>
          ))}
        </section>
      )}
    </section>
  );
}
