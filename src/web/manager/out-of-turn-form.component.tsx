// 越序接待 (ROT-13, from the screens): under team rotation, a team that engaged a party out of turn beyond
// courtesy loses its next day's turn. The engine needs whose team it was (a consultant in a team) and the
// recorder (the supervisor or manager, filled in by the server); the form asks for the ground the rule
// turns on — that the reception went beyond courtesy — and says what follows before it is recorded.
import { App, Button, Card, Checkbox, Form, Select, Typography } from 'antd';
import { useMemo } from 'react';
import type { RosterMember } from '../../contracts/index.ts';
import { useCommandForm } from '../customers/use-command-form.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';

const FIELDS = ['who'];

interface Values {
  readonly who: string;
  readonly beyondCourtesy: boolean;
}

export function OutOfTurnForm({ members, onRecorded }: { readonly members: readonly RosterMember[]; readonly onRecorded: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const inTeams = useMemo(() => members.filter((m) => m.role === 'consultant' && m.team !== null && m.departedAt === null), [members]);
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'outOfTurn', FIELDS, (_answer, body) => {
    form.resetFields();
    void message.success(t('oot.done', { team: inTeams.find((m) => m.id === body.who)?.team ?? '' }));
    onRecorded();
  });
  return (
    <Card size="small" title={t('oot.title')} data-testid="out-of-turn" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('oot.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit({ who: v.who })} onValuesChange={clearProblem}>
        <Form.Item name="who" label={t('oot.who')} rules={[{ required: true, message: t('oot.whoRequired') }]}>
          <Select
            data-testid="oot-who"
            showSearch
            optionFilterProp="label"
            options={inTeams.map((m) => ({ value: m.id, label: `${m.name ?? m.id}（${m.team ?? ''}）` }))}
            style={{ maxWidth: 320 }}
          />
        </Form.Item>
        <Form.Item
          name="beyondCourtesy"
          valuePropName="checked"
          rules={[{ validator: (_rule, checked: unknown) => (checked === true ? Promise.resolve() : Promise.reject(new Error(t('oot.beyondCourtesyRequired')))) }]}
        >
          <Checkbox data-testid="oot-beyond-courtesy">{t('oot.beyondCourtesy')}</Checkbox>
        </Form.Item>
        <ErrorAlert problem={problem} testId="oot-error" />
        <Button type="primary" danger htmlType="submit" loading={busy} data-testid="oot-submit" data-action="outOfTurn">
          {t('oot.submit')}
        </Button>
      </Form>
    </Card>
  );
}
