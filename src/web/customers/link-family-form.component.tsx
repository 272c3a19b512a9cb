// 关联家人 (OWN-7): two customers are one family; the first valid registration in the family decides.
import { Button, Form, Input, Select } from 'antd';
import type { Answer, Relation } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { phoneRule } from '../shared/form-rules.ts';
import { useCommandForm } from './use-command-form.ts';
import { ErrorAlert } from '../shared/error-alert.component.tsx';

interface LinkValues {
  to: string;
  relation: Relation;
}

const FIELDS = ['to', 'relation'];
const RELATIONS: readonly Relation[] = ['spouse', 'parent', 'child', 'sibling', 'grandparent'];

export function LinkFamilyForm({ phone, onDone }: { readonly phone: string; readonly onDone: (answer: Answer) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<LinkValues>();
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'link', FIELDS, onDone);
  return (
    <Form<LinkValues> form={form} layout="vertical" onFinish={(v) => void submit({ phone, to: v.to.trim(), relation: v.relation })} onValuesChange={clearProblem}>
      <Form.Item name="to" label={t('field.familyPhone')} required rules={[phoneRule(t, true)]} validateTrigger="onBlur">
        <Input inputMode="tel" autoComplete="off" data-testid="link-to" />
      </Form.Item>
      <Form.Item name="relation" label={t('field.relation')} rules={[{ required: true, message: t('check.required') }]}>
        <Select data-testid="link-relation" options={RELATIONS.map((r) => ({ value: r, label: t(`relation.${r}`) }))} />
      </Form.Item>
      <ErrorAlert problem={problem} testId="link-error" />
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="link-submit">
        {t('common.submit')}
      </Button>
    </Form>
  );
}
