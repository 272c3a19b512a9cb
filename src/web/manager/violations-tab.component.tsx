// 违规处罚 (PEN-1, ROT-14): the violation register — person, office rule, date, evidence (record numbers),
// sanction (warning, fine, or days off the queue, which the rotation obeys) and the appeal. The manager
// records a violation, enters the person's written appeal, and decides it: upheld, or overturned (a
// suspension then ends at once). A supervisor reads it.
import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { command } from '../api/api-client.ts';
import { getViolations } from '../api/violations-client.ts';
import type { ViolationView } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';
import { useAction } from '../shared/use-action.ts';
import { StaffSelect } from './staff-select.component.tsx';
import type { Roster } from './use-roster.ts';

const RULES = ['customerTheft', 'quarrel', 'lateRegistration', 'refusedSlip', 'queueBreach', 'outsideDeal', 'other'] as const;
type Kind = 'warning' | 'fine' | 'suspension';

interface RecordValues {
  readonly who: string;
  readonly rule: (typeof RULES)[number];
  readonly evidence?: string;
  readonly kind: Kind;
  readonly amount?: number;
  readonly days?: number;
  readonly note?: string;
}

function SanctionText({ v }: { readonly v: ViolationView }) {
  const { t } = useI18n();
  const s = v.sanction;
  if (s.kind === 'warning') return <>{t('violation.sanction.warning')}</>;
  if (s.kind === 'fine') return <>{t('violation.sanction.fine', { amount: s.amount })}</>;
  return (
    <Space size={4}>
      {t('violation.sanction.suspension', { days: s.days, until: s.untilLocal ?? '' })}
      {v.suspendedNow && <Tag color="red">{t('violation.suspendedNow')}</Tag>}
    </Space>
  );
}

export function ViolationsTab({ roster }: { readonly roster: Roster }) {
  const { t } = useI18n();
  const { project, role } = useProject();
  const { nameOf, learn } = useStaffNames();
  const manager = role === 'manager';
  const list = useLoad(async () => {
    const answer = await getViolations(project);
    learn(Object.fromEntries(Object.entries(answer.names).filter((e): e is [string, string] => e[1] !== null)));
    return answer.violations;
  }, [project]);
  const { run, busy, problem } = useAction();
  const [form] = Form.useForm<RecordValues>();
  const kind = Form.useWatch('kind', form) ?? 'warning';
  const [texts, setTexts] = useState<Record<number, string>>({});
  const people = (roster.data ?? []).filter((m) => m.departedAt === null).map((m) => m.id);

  const record = (v: RecordValues) => {
    const evidence = (v.evidence ?? '').split(/[,，\s]+/).filter(Boolean).map(Number).filter((n) => Number.isInteger(n) && n > 0);
    const sanction = v.kind === 'fine' ? { kind: 'fine' as const, amount: v.amount ?? 0 } : v.kind === 'suspension' ? { kind: 'suspension' as const, days: v.days ?? 1 } : { kind: 'warning' as const };
    void run(() => command(project, 'recordViolation', { who: v.who, rule: v.rule, evidence, sanction, ...(v.note?.trim() ? { note: v.note.trim() } : {}) }), t('violation.recorded'), () => {
      form.resetFields();
      list.reload();
      roster.reload();
    });
  };
  const text = (id: number) => texts[id]?.trim() ?? '';
  const after = () => {
    list.reload();
    roster.reload();
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="violations-tab">
      <ErrorAlert problem={problem ?? list.problem} />
      <Table<ViolationView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...(list.data ?? [])]}
        locale={{ emptyText: t('violation.none') }}
        data-testid="violations-table"
        columns={[
          { title: '#', dataIndex: 'id' },
          { title: t('violation.who'), dataIndex: 'who', render: (w: string) => nameOf(w) },
          { title: t('violation.rule'), dataIndex: 'rule', render: (r: ViolationView['rule']) => t(`violation.rule.${r}`) },
          { title: t('violation.on'), dataIndex: 'onLocal' },
          { title: t('violation.evidence'), dataIndex: 'evidence', render: (e: readonly number[]) => (e.length ? e.map((n) => `#${n}`).join('、') : '—') },
          { title: t('violation.sanction'), key: 'sanction', render: (_v, v) => <SanctionText v={v} /> },
          { title: t('violation.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          {
            title: t('violation.appeal'),
            key: 'appeal',
            render: (_v, v) => (
              <Space direction="vertical" size={2}>
                <Tag>{t(`violation.appeal.${v.appeal}` as MessageKey)}</Tag>
                {v.grounds && <Typography.Text type="secondary">{v.grounds}</Typography.Text>}
                {v.decisionReason && <Typography.Text type="secondary">{v.decisionReason}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '',
            key: 'act',
            render: (_v, v) =>
              manager && (v.appeal === 'none' || v.appeal === 'filed') ? (
                <Space.Compact size="small">
                  <Input size="small" placeholder={t(v.appeal === 'none' ? 'violation.grounds' : 'violation.decisionReason')} value={texts[v.id] ?? ''} onChange={(e) => setTexts((x) => ({ ...x, [v.id]: e.target.value }))} />
                  {v.appeal === 'none' ? (
                    <Button size="small" disabled={text(v.id) === ''} onClick={() => void run(() => command(project, 'appeal', { violation: v.id, by: v.who, grounds: text(v.id) }), t('violation.appealFiled'), after)}>
                      {t('violation.appeal')}
                    </Button>
                  ) : (
                    <>
                      <Button size="small" disabled={text(v.id) === ''} onClick={() => void run(() => command(project, 'decideAppeal', { violation: v.id, upheld: true, reason: text(v.id) }), t('violation.decided'), after)}>
                        {t('violation.uphold')}
                      </Button>
                      <Button size="small" danger disabled={text(v.id) === ''} onClick={() => void run(() => command(project, 'decideAppeal', { violation: v.id, upheld: false, reason: text(v.id) }), t('violation.decided'), after)}>
                        {t('violation.overturn')}
                      </Button>
                    </>
                  )}
                </Space.Compact>
              ) : null,
          },
        ]}
      />
      {manager && (
        <Card size="small" title={t('violation.record')}>
          <Form form={form} layout="inline" onFinish={record} initialValues={{ rule: 'customerTheft', kind: 'warning' }} data-testid="violation-form">
            <Form.Item name="who" label={t('violation.who')} rules={[{ required: true, message: t('check.invalid') }]}>
              <StaffSelect ids={people} testId="violation-who" />
            </Form.Item>
            <Form.Item name="rule" label={t('violation.rule')}>
              <Select style={{ width: 160 }} options={RULES.map((r) => ({ value: r, label: t(`violation.rule.${r}`) }))} />
            </Form.Item>
            <Form.Item name="evidence" label={t('violation.evidence')}>
              <Input style={{ width: 140 }} placeholder="12, 15" />
            </Form.Item>
            <Form.Item name="kind" label={t('violation.kind')}>
              <Select style={{ width: 120 }} data-testid="violation-kind" options={(['warning', 'fine', 'suspension'] as const).map((k) => ({ value: k, label: t(`violation.kind.${k}`) }))} />
            </Form.Item>
            {kind === 'fine' && (
              <Form.Item name="amount" label={t('violation.amount')} rules={[{ required: true, message: t('check.invalid') }]}>
                <InputNumber min={1} />
              </Form.Item>
            )}
            {kind === 'suspension' && (
              <Form.Item name="days" label={t('violation.days')} rules={[{ required: true, message: t('check.invalid') }]}>
                <InputNumber min={1} max={365} data-testid="violation-days" />
              </Form.Item>
            )}
            <Form.Item name="note" label={t('violation.note')}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="violation-record">
              {t('violation.record')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
