// The desk's one input line: a phone (focus is here; Enter judges), or a surname and a car plate (REG-4).
// The phone is checked as the server checks it before anything is asked.
import { Button, Input, Space } from 'antd';
import { useState, type Ref } from 'react';
import type { InputRef } from 'antd';
import type { JudgeQuery } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { phoneProblem } from '../shared/phone-check.ts';

export interface LookupValues {
  readonly phone: string;
  readonly surname: string;
  readonly plate: string;
}

export const EMPTY_LOOKUP: LookupValues = { phone: '', surname: '', plate: '' };

export function LookupBar({
  values,
  onChange,
  onJudge,
  loading,
  phoneRef,
}: {
  readonly values: LookupValues;
  readonly onChange: (values: LookupValues) => void;
  readonly onJudge: (q: JudgeQuery) => void;
  readonly loading: boolean;
  readonly phoneRef: Ref<InputRef>;
}) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<MessageKey | null>(null);

  const submit = () => {
    const phone = values.phone.trim();
    if (phone === '' && values.surname.trim() !== '' && values.plate.trim() !== '') {
      setProblem(null);
      onJudge({ surname: values.surname.trim(), plate: values.plate.trim() });
      return;
    }
    const p = phoneProblem(phone, true);
    if (p) {
      setProblem(p === 'required' ? 'check.lookupRequired' : 'check.phoneInvalid');
      return;
    }
    setProblem(null);
    onJudge({ phone });
  };
  const set = (patch: Partial<LookupValues>) => {
    setProblem(null);
    onChange({ ...values, ...patch });
  };

  return (
    <div className="lookup-bar">
      <Space.Compact block>
        <Input
          ref={phoneRef}
          size="large"
          className="lookup-phone"
          autoFocus
          inputMode="tel"
          autoComplete="off"
          status={problem ? 'error' : ''}
          aria-invalid={problem !== null}
          aria-describedby="lookup-error"
          placeholder={t('desk.lookupPlaceholder')}
          value={values.phone}
          onChange={(e) => set({ phone: e.target.value })}
          onPressEnter={submit}
          data-testid="lookup-phone"
        />
        <Input size="large" className="lookup-surname" placeholder={t('desk.surnamePlaceholder')} value={values.surname} onChange={(e) => set({ surname: e.target.value })} onPressEnter={submit} data-testid="lookup-surname" />
        <Input size="large" className="lookup-plate" placeholder={t('desk.platePlaceholder')} value={values.plate} onChange={(e) => set({ plate: e.target.value })} onPressEnter={submit} data-testid="lookup-plate" />
        <Button size="large" type="primary" loading={loading} onClick={submit} data-testid="judge">
          {t('desk.judge')}
        </Button>
      </Space.Compact>
      <div id="lookup-error" className="field-error" role="alert" data-testid="lookup-error">
        {problem && t(problem)}
      </div>
    </div>
  );
}
