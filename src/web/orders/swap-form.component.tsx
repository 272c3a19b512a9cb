// 换房 (DEAL-2): the customer's order moves to another free unit, keeping its stage, credit and dispute
// window; the unit it leaves is free at once.
import { Button, Form } from 'antd';
import type { Answer, OrderSummaryView } from '../../contracts/index.ts';
import { useCommandForm } from '../customers/use-command-form.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { ReasonField } from './reason-field.component.tsx';
import { UnitPicker } from './unit-picker.component.tsx';

interface SwapValues {
  to: string;
  reason?: string;
}

const FIELDS = ['to', 'reason'];

export function SwapForm({ order, onDone }: { readonly order: OrderSummaryView; readonly onDone: (answer: Answer, to: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<SwapValues>();
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'swap', FIELDS, (answer, body) => onDone(answer, body.to));
  return (
    <Form<SwapValues> form={form} layout="vertical" onFinish={(v) => void submit({ unit: order.unit, to: v.to, ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) })} onValuesChange={clearProblem}>
      <Form.Item name="to" label={t('ord.swapTo')} rules={[{ required: true, message: t('ord.check.unit') }]}>
        <UnitPicker exclude={order.unit} testId="swap-to" />
      </Form.Item>
      <ReasonField testId="swap-reason" required={false} />
      <ErrorAlert problem={problem} testId="swap-error" />
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="swap-submit">
        {t('ord.swap')}
      </Button>
    </Form>
  );
}
