// A command that must say why (a broker rejected, a confirmation refused, a fake customer marked, a manual
// check decided): a reason the person writes, sent with the body the caller builds from it. The reason is
// recorded with the fact; a refusal lands on the reason field or above the button.
import { Button, Form, Input } from 'antd';
import type { ReactNode } from 'react';
import type { Answer } from '../../contracts/index.ts';
import type { CommandBodies, CommandName } from '../api/api-client.ts';
import { useCommandForm } from '../customers/use-command-form.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';

const FIELDS = ['reason'];

export function ReasonCommandForm<C extends CommandName>({
  name,
  body,
  submitLabel,
  danger = false,
  onDone,
  testId,
  children,
}: {
  readonly name: C;
  readonly body: (reason: string) => CommandBodies[C];
  readonly submitLabel: string;
  readonly danger?: boolean;
  readonly onDone: (answer: Answer) => void;
  readonly testId: string;
  /** More fields above the reason (they read their values through the caller's state). */
  readonly children?: ReactNode;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const { submit, busy, problem, clearProblem } = useCommandForm(form, name, FIELDS, onDone);
  return (
    <Form<{ reason: string }> form={form} layout="vertical" onFinish={(v) => void submit(body(v.reason.trim()))} onValuesChange={clearProblem} data-testid={testId}>
      {children}
      <Form.Item name="reason" label={t('field.reason')} rules={[{ required: true, whitespace: true, message: t('check.reasonRequired') }, { max: 500, message: t('check.tooLong') }]}>
        <Input.TextArea rows={2} data-testid={`${testId}-reason`} />
      </Form.Item>
      <ErrorAlert problem={problem} testId={`${testId}-error`} />
      <Button type="primary" danger={danger} htmlType="submit" block loading={busy} data-testid={`${testId}-submit`}>
        {submitLabel}
      </Button>
    </Form>
  );
}
