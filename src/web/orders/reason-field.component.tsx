// The written reason an order change carries (DEAL-2, DEAL-4): required where the rule asks for one, at most
// 500 characters, one line or a short paragraph.
import { Form, Input } from 'antd';
import { useI18n } from '../i18n/i18n.context.tsx';

export function ReasonField({ testId, required = true, multiline = false }: { readonly testId: string; readonly required?: boolean; readonly multiline?: boolean }) {
  const { t } = useI18n();
  const rules = [...(required ? [{ required: true, whitespace: true, message: t('check.reasonRequired') }] : []), { max: 500, message: t('check.tooLong') }];
  return (
    <Form.Item name="reason" label={t('field.reason')} rules={rules}>
      {multiline ? <Input.TextArea rows={2} data-testid={testId} /> : <Input data-testid={testId} autoComplete="off" />}
    </Form.Item>
  );
}
