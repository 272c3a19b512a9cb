// 退房 / 违约 (DEAL-2): the order ends with a written reason; the unit is for sale again at once and the
// order's credit is void. The customer keeps their owner.
import { Alert, Button, Form, Radio } from 'antd';
import type { Answer, OrderSummaryView } from '../../contracts/index.ts';
import { useCommandForm } from '../customers/use-command-form.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { ReasonField } from './reason-field.component.tsx';

interface EndValues {
  end: 'refund' | 'default';
  reason: string;
}

const FIELDS = ['end', 'reason'];

export function EndOrderForm({ order, onDone }: { readonly order: OrderSummaryView; readonly onDone: (answer: Answer) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<EndValues>();
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'refund', FIELDS, onDone);
  return (
    <Form<EndValues> form={form} layout="vertical" initialValues={{ end: 'refund' }} onFinish={(v) => void submit({ unit: order.unit, end: v.end, reason: v.reason.trim() })} onValuesChange={clearProblem}>
      <Form.Item name="end" label={t('ord.endKind')} rules={[{ required: true, message: t('check.required') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="end-kind">
          <Radio.Button value="refund">{t('ord.state.refund')}</Radio.Button>
          <Radio.Button value="default">{t('ord.state.default')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <ReasonField testId="end-reason" multiline />
      <Alert type="warning" showIcon title={t('ord.endWarning', { unit: order.unit })} className="form-alert" />
      <ErrorAlert problem={problem} testId="end-error" />
      <Button danger type="primary" htmlType="submit" block size="large" loading={busy} data-testid="end-submit">
        {t('ord.end')}
      </Button>
    </Form>
  );
}
