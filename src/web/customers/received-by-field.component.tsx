// 接待顾问: the consultant a desk registers on behalf of (REG-1) — the desk itself owns no customer. One field for
// the quick registration and the group's households, so both ask, check and name it alike.
import { Form, Select } from 'antd';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';

export function ReceivedByField({ consultants, testId }: { readonly consultants: readonly string[]; readonly testId: string }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  return (
    <Form.Item name="for" label={t('desk.receivedBy')} rules={[{ required: true, message: t('check.required') }]}>
      <Select data-testid={testId} options={consultants.map((id) => ({ value: id, label: nameOf(id) }))} />
    </Form.Item>
  );
}
