// 扫码带访 (CH-10, CH-6): the party a broker brings is admitted on the broker's code — six digits typed
// (with the customer's phone) or the QR's token scanned. The server checks the code (signed, single-use,
// short-lived, this report's broker) and records the arrival with the broker, the report and the time;
// the desk is told who receives them and which channel was recognised. No photo is taken.
import { Alert } from 'antd';
import { useRef, useState } from 'react';
import { admitEscorted } from '../api/channel-client.ts';
import { newIdempotencyKey } from '../api/http.ts';
import type { EscortAdmitAnswer } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { ReasonList } from '../shared/reason-list.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { EscortCodeField } from './escort-code-field.component.tsx';

export function EscortAdmission({ phone, onAdmitted }: { readonly phone: string; readonly onAdmitted: (answer: EscortAdmitAnswer) => void }) {
  const { t } = useI18n();
  const { project } = useProject();
  const { nameOf } = useStaffNames();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const [answer, setAnswer] = useState<EscortAdmitAnswer | null>(null);
  /** One key per code tried: a scanner that sends the code twice admits once. */
  const keys = useRef(new Map<string, string>());

  const submit = async (code: string) => {
    if (busy || answer) return;
    const key = keys.current.get(code) ?? newIdempotencyKey();
    keys.current.set(code, key);
    setBusy(true);
    setProblem(null);
    try {
      const done = await admitEscorted(project, { phone, ...(/^\d{6}$/.test(code) ? { code } : { token: code }) }, { idempotencyKey: key });
      setAnswer(done);
      onAdmitted(done);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  if (answer)
    return (
      <Alert
        type="success"
        showIcon
        data-testid="escort-admitted"
        title={t('desk.escortAdmitted', { broker: nameOf(answer.broker), who: answer.receiver ? nameOf(answer.receiver) : t('common.nobody') })}
        description={<ReasonList reasons={answer.reasons} />}
      />
    );
  return (
    <div className="escort-admission" data-testid="escort-admission">
      <EscortCodeField onSubmit={(code) => void submit(code)} loading={busy} />
      <ErrorAlert problem={problem} testId="escort-admit-error" />
    </div>
  );
}
