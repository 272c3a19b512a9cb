// 推进阶段 (DEAL-2): the order moves to a later stage only (小定 → 大定 → 认购 → 签约 → 全款, skipping allowed),
// with the amount paid at that stage.
import { Button, Form, InputNumber, Radio } from 'antd';
import type { Answer, DealStage, OrderSummaryView } from '../../contracts/index.ts';
import { useCommandForm } from '../customers/use-command-form.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { nextStages } from './stages.ts';

interface AdvanceValues {
  stage: DealStage;
  amount?: number;
}

const FIELDS = ['stage', 'amount'];

export function AdvanceStageForm({ order, onDone }: { readonly order: OrderSummaryView; readonly onDone: (answer: Answer) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<AdvanceValues>();
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'deal', FIELDS, onDone);
  const next = nextStages(order.stage);
  return (
    <Form<AdvanceValues>
      form={form}
      layout="vertical"
      initialValues={{ stage: next[0] }}
      onFinish={(v) => void submit({ phone: order.customer.phone, unit: order.unit, stage: v.stage, ...(v.amount !== undefined && v.amount !== null ? { amount: v.amount } : {}) })}
      onValuesChange={clearProblem}
    >
      <Form.Item name="stage" label={t('ord.nextStage')} rules={[{ required: true, message: t('check.required') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="advance-stage" options={next.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
      </Form.Item>
      <Form.Item name="amount" label={t('ord.amount')} rules={[{ type: 'number', min: 0, message: t('ord.check.amount') }]}>
        <InputNumber<number> min={0} max={1e11} step={10_000} style={{ width: '100%' }} inputMode="numeric" data-testid="advance-amount" />
      </Form.Item>
      <ErrorAlert problem={problem} testId="advance-error" />
      <Button type="primary" htmlType="submit" block size="large" loading={busy} disabled={next.length === 0} data-testid="advance-submit">
        {t('ord.advance')}
      </Button>
    </Form>
  );
}
