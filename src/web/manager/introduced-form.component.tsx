// 公司/领导介绍客户 (OWN-9): the manager enters a customer the company, its staff or a leader introduced and
// gives them to the consultant whose turn it is; the screen shows that turn and the commission rate first.
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import type { Answer } from '../../contracts/index.ts';
import { getOwnershipDesk } from '../api/ownership-client.ts';
import { useCommandForm } from '../customers/use-command-form.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { ReasonList } from '../shared/reason-list.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';

interface IntroducedValues {
  phone: string;
  name?: string;
  source: string;
}

const FIELDS = ['phone', 'name', 'source'];

export function IntroducedForm({ onAssigned }: { readonly onAssigned: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const { nameOf } = useStaffNames();
  const [form] = Form.useForm<IntroducedValues>();
  const desk = useLoad(() => getOwnershipDesk(project), [project]);
  const done = (answer: Answer) => {
    void message.success(t('intro.assigned', { who: answer.receiver ? nameOf(answer.receiver) : '' }));
    form.resetFields();
    desk.reload();
    onAssigned();
  };
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'assignIntroduced', FIELDS, done);
  const next = desk.data?.next ?? null;
  return (
    <Card size="small" title={t('intro.title')} data-testid="introduced-card">
      <Typography.Paragraph type="secondary">{t('intro.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong data-testid="introduced-next">
          {next ? t('intro.next', { who: nameOf(next) }) : t('intro.nobody')}
        </Typography.Text>
        {desk.data && <Typography.Text>{t('intro.rate', { percent: Math.round(desk.data.rate * 100) })}</Typography.Text>}
      </Space>
      <ReasonList reasons={desk.data?.reasons ?? []} />
      <ErrorAlert problem={desk.problem} />
      <Form<IntroducedValues> form={form} layout="inline" onFinish={(v) => void submit({ phone: v.phone.trim(), source: v.source.trim(), ...(v.name?.trim() ? { name: v.name.trim() } : {}) })} onValuesChange={clearProblem}>
        <Form.Item name="phone" label={t('intro.phone')} rules={[{ required: true, whitespace: true, message: t('check.required') }]}>
          <Input inputMode="tel" maxLength={20} data-testid="introduced-phone" />
        </Form.Item>
        <Form.Item name="name" label={t('intro.name')} rules={[{ max: 50, message: t('check.tooLong') }]}>
          <Input maxLength={50} data-testid="introduced-name" />
        </Form.Item>
        <Form.Item name="source" label={t('intro.source')} rules={[{ required: true, whitespace: true, message: t('check.required') }, { max: 500, message: t('check.tooLong') }]}>
          <Input maxLength={500} data-testid="introduced-source" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={next === null} data-testid="introduced-submit" data-action="assignIntroduced">
          {t('intro.assign')}
        </Button>
      </Form>
      <ErrorAlert problem={problem} testId="introduced-error" />
    </Card>
  );
}
