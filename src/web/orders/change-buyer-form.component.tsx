// 换名 / 加名 (DEAL-2): the buyer on the order is renamed, or another name is added, with a written reason.
import { Button, Form, Input, Radio } from 'antd';
import type { Answer, OrderSummaryView } from '../../contracts/index.ts';
import { useCommandForm } from '../customers/use-command-form.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { ReasonField } from './reason-field.component.tsx';

interface BuyerValues {
  change: 'rename' | 'addName';
  name: string;
  reason: string;
}

const FIELDS = ['change', 'name', 'reason'];

export function ChangeBuyerForm({ order, onDone }: { readonly order: OrderSummaryView; readonly onDone: (answer: Answer) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<BuyerValues>();
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'changeBuyer', FIELDS, onDone);
  return (
    <Form<BuyerValues> form={form} layout="vertical" initialValues={{ change: 'rename' }} onFinish={(v) => void submit({ unit: order.unit, change: v.change, name: v.name.trim(), reason: v.reason.trim() })} onValuesChange={clearProblem}>
      <Form.Item name="change" label={t('ord.buyerChange')} rules={[{ required: true, message: t('check.required') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="buyer-change">
          <Radio.Button value="rename">{t('ord.rename')}</Radio.Button>
          <Radio.Button value="addName">{t('ord.addName')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="name" label={t('ord.buyerName')} rules={[{ required: true, whitespace: true, message: t('ord.check.buyerName') }, { max: 64, message: t('check.tooLong') }]}>
        <Input data-testid="buyer-name" autoComplete="off" />
      </Form.Item>
      <ReasonField testId="buyer-reason" />
      <ErrorAlert problem={problem} testId="buyer-error" />
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="buyer-submit">
        {t('common.submit')}
      </Button>
    </Form>
  );
}
