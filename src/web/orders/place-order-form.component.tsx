// 下单 (DEAL-1, DEAL-2) for a customer: a free unit from the 销控 grid, the stage and the amount paid now.
// The consultant acts as themselves; a unit another customer holds, or a held one, is refused in words.
import { Button, Form, InputNumber, Radio } from 'antd';
import type { Answer, DealStage } from '../../contracts/index.ts';
import { useCommandForm } from '../customers/use-command-form.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { STAGES } from './stages.ts';
import { UnitPicker } from './unit-picker.component.tsx';

interface OrderValues {
  unit: string;
  stage: DealStage;
  amount?: number;
}

const FIELDS = ['unit', 'stage', 'amount'];

export function PlaceOrderForm({ phone, onDone }: { readonly phone: string; readonly onDone: (answer: Answer, unit: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<OrderValues>();
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'deal', FIELDS, (answer, body) => onDone(answer, body.unit));
  return (
    <Form<OrderValues>
      form={form}
      layout="vertical"
      initialValues={{ stage: 'smallDeposit' }}
      onFinish={(v) => void submit({ phone, unit: v.unit, stage: v.stage, ...(v.amount !== undefined && v.amount !== null ? { amount: v.amount } : {}) })}
      onValuesChange={clearProblem}
    >
      <Form.Item name="unit" label={t('ord.unit')} rules={[{ required: true, message: t('ord.check.unit') }]}>
        <UnitPicker testId="order-unit" />
      </Form.Item>
      <Form.Item name="stage" label={t('ord.stage')} rules={[{ required: true, message: t('check.required') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="order-stage-pick" options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
      </Form.Item>
      <Form.Item name="amount" label={t('ord.amount')} rules={[{ type: 'number', min: 0, message: t('ord.check.amount') }]}>
        <InputNumber<number> min={0} max={1e11} step={10_000} style={{ width: '100%' }} inputMode="numeric" data-testid="order-amount" />
      </Form.Item>
      <ErrorAlert problem={problem} testId="order-error" />
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="order-submit">
        {t('ord.place')}
      </Button>
    </Form>
  );
}
