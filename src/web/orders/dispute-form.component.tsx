// 提出异议 (DEAL-4) on a published order: the consultant names their own record of the customer (another
// number, or a family member's) or leaves it empty for the order's customer. The answer says whether it
// was accepted (in time, not one's own order, not decided already) and why.
import { Button, Form, Input, Typography } from 'antd';
import type { Answer } from '../../contracts/index.ts';
import { useCommandForm } from '../customers/use-command-form.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { phoneRule } from '../shared/form-rules.ts';

interface DisputeValues {
  phone?: string;
}

const FIELDS = ['phone'];

export function DisputeForm({ unit, deadline, onDone }: { readonly unit: string; readonly deadline: string | null; readonly onDone: (answer: Answer) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<DisputeValues>();
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'dispute', FIELDS, onDone);
  return (
    <Form<DisputeValues> form={form} layout="vertical" onFinish={(v) => void submit({ unit, ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}) })} onValuesChange={clearProblem}>
      <Typography.Paragraph type="secondary">{t('disp.formHint', { deadline: deadline ?? '—' })}</Typography.Paragraph>
      <Form.Item name="phone" label={t('disp.myRecord')} rules={[phoneRule(t, false)]} validateTrigger="onBlur">
        <Input inputMode="tel" autoComplete="off" placeholder={t('disp.myRecordPlaceholder')} data-testid="dispute-phone" />
      </Form.Item>
      <ErrorAlert problem={problem} testId="dispute-error" />
      <Button type="primary" danger htmlType="submit" block size="large" loading={busy} data-testid="dispute-submit">
        {t('disp.raise')}
      </Button>
    </Form>
  );
}
