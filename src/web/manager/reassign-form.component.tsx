// 重新分配 (OWN-5, OWN-10): the manager gives a customer to a consultant, with the reason recorded.
import { Button, Form, Input } from 'antd';
import type { Answer } from '../../contracts/index.ts';
import { useCommandForm } from '../customers/use-command-form.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { StaffSelect } from './staff-select.component.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';

interface ReassignValues {
  to: string;
  reason: string;
}

const FIELDS = ['to', 'reason'];

export function ReassignForm({ phone, staff, onDone }: { readonly phone: string; readonly staff: readonly string[]; readonly onDone: (answer: Answer, to: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ReassignValues>();
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'reassign', FIELDS, (answer, body) => onDone(answer, body.to));
  return (
    <Form<ReassignValues> form={form} layout="vertical" onFinish={(v) => void submit({ phone, to: v.to, reason: v.reason.trim() })} onValuesChange={clearProblem}>
      <Form.Item name="to" label={t('field.to')} rules={[{ required: true, message: t('check.required') }]}>
        <StaffSelect ids={staff} testId="reassign-to" />
      </Form.Item>
      <Form.Item name="reason" label={t('field.reason')} rules={[{ required: true, whitespace: true, message: t('check.reasonRequired') }, { max: 500, message: t('check.tooLong') }]}>
        <Input.TextArea rows={2} data-testid="reassign-reason" />
      </Form.Item>
      <ErrorAlert problem={problem} testId="reassign-error" />
      <Button type="primary" htmlType="submit" loading={busy} data-testid="reassign-submit">
        {t('mgr.reassign')}
      </Button>
    </Form>
  );
}
