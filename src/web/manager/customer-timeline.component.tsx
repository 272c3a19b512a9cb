// A customer's full timeline (OWN-15): every record of the household with who and when, the ownership
// explanation attached to the record it relied on, the owner spans, and reassigning (OWN-5).
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Table, Tag, Timeline as Steps, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { getTimeline } from '../api/api-client.ts';
import type { Reason, RecordedFact, Timeline } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { ErrorAlert, problemOf } from '../shared/error-alert.component.tsx';
import { useProject } from '../session/project.context.tsx';
import { useProjectTime } from '../shared/project-time.ts';
import { phoneProblem } from '../shared/phone-check.ts';
import { ReasonList } from '../shared/reason-list.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { describeFact } from './describe-fact.ts';
import { managerPath } from './manager-path.ts';
import { ReassignForm } from './reassign-form.component.tsx';
import { MarkFake } from './mark-fake.component.tsx';
import { useCan } from '../session/use-can.ts';
import { CorrectEntry } from '../register/correct-entry.component.tsx';
import { correctionsOf, EntryMarks } from '../register/entry-marks.component.tsx';

type Loaded = { readonly status: 'loading' } | { readonly status: 'done'; readonly timeline: Timeline } | { readonly status: 'failed'; readonly error: unknown };

function PhoneLookup({ initial }: { readonly initial: string }) {
  const { t } = useI18n();
  const { project } = useProject();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<MessageKey | null>(null);
  return (
    <div>
      <Input.Search
        defaultValue={initial}
        placeholder={t('mgr.lookup')}
        enterButton={t('common.search')}
        status={problem ? 'error' : ''}
        onSearch={(value) => {
          const p = phoneProblem(value, true);
          setProblem(p ? (p === 'required' ? 'check.phoneRequired' : 'check.phoneInvalid') : null);
          if (!p) navigate(managerPath(project, `customer/${encodeURIComponent(value.trim())}`));
        }}
        style={{ maxWidth: 420 }}
        data-testid="timeline-lookup"
      />
      <div className="field-error" role="alert">
        {problem && t(problem)}
      </div>
    </div>
  );
}

export function CustomerTimeline({ staff }: { readonly staff: readonly string[] }) {
  const { t } = useI18n();
  const { dateTime } = useProjectTime();
  const { message } = App.useApp();
  const { project } = useProject();
  const { nameOf, learn } = useStaffNames();
  const { phone = '' } = useParams();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const can = useCan();
  const [reassigning, setReassigning] = useState(false);

  // A link with a malformed phone says so, naming the field, rather than asking the server (issue 16.4).
  const badPhone = phone !== '' && phoneProblem(phone, true) !== null;
  const load = useCallback(() => {
    if (!phone || badPhone) return;
    getTimeline(project, phone).then(
      (timeline) => {
        learn(timeline.names ?? {});
        setLoaded({ status: 'done', timeline });
      },
      (error: unknown) => setLoaded({ status: 'failed', error }),
    );
  }, [project, phone, badPhone, learn]);
  useEffect(load, [load]);

  if (!phone) return <PhoneLookup initial="" />;
  if (badPhone) {
    return (
      <Space direction="vertical" style={{ width: '100%' }} data-testid="timeline">
        <PhoneLookup initial="" />
        <Alert type="error" showIcon data-testid="link-phone-invalid" title={t('app.linkPhoneInvalid', { field: t('field.phone'), value: phone })} />
      </Space>
    );
  }
  const tl = loaded.status === 'done' ? loaded.timeline : null;
  const corrected = correctionsOf(tl?.records ?? []);
  const reasonsBySeq = new Map<number, Reason[]>();
  for (const r of tl?.reasons ?? []) if (r.record) reasonsBySeq.set(r.record.seq, [...(reasonsBySeq.get(r.record.seq) ?? []), r]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="timeline">
      <PhoneLookup initial={phone} />
      <ErrorAlert problem={loaded.status === 'failed' ? problemOf(loaded.error) : null} />
      {tl && (
        <>
          <Card
            size="small"
            title={`${tl.customer.name ?? ''} ${tl.customer.phone}`}
            extra={
              // Reassigning is the manager's (OWN-5): a supervisor reads the timeline without the button (issue 16.4).
              can('reassign') && (
                <Button type="primary" onClick={() => setReassigning(true)} data-testid="reassign" data-action="reassign">
                  {t('mgr.reassign')}
                </Button>
              )
            }
          >
            <Descriptions size="small" column={3}>
              <Descriptions.Item label={t('mgr.owner')}>
                <span data-testid="timeline-owner">{tl.owner ? (tl.owner.name ?? nameOf(tl.owner.id)) : t('desk.publicPool')}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('mgr.until')}>{tl.protectedUntilLocal ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('mgr.lastContact')}>{tl.lastContact === null ? '—' : dateTime(tl.lastContact)}</Descriptions.Item>
              <Descriptions.Item label={t('desk.brokerLabel')}>{tl.channel ? t('desk.brokerValue', { broker: nameOf(tl.channel.broker), until: tl.channel.untilLocal ?? '' }) : t('desk.noBroker')}</Descriptions.Item>
              <Descriptions.Item label={t('desk.family')}>{tl.household.length > 1 ? tl.household.map((h) => <Tag key={h.phone}>{`${h.name ?? ''} ${h.phone}`}</Tag>) : t('common.none')}</Descriptions.Item>
            </Descriptions>
            <Typography.Text type="secondary">{t('mgr.ownershipNow')}</Typography.Text>
            <ReasonList reasons={tl.reasons} testId="timeline-reasons" />
          </Card>
          {tl.spans && tl.spans.length > 0 && (
            <Card size="small" title={t('mgr.spans')}>
              <Steps
                items={tl.spans.map((s) => ({
                  key: `${s.owner}-${s.from}`,
                  content: `${nameOf(s.owner)}：${dateTime(s.from)} → ${s.until === null ? '…' : dateTime(s.until)}`,
                }))}
              />
            </Card>
          )}
          <Table<RecordedFact>
            size="small"
            rowKey="seq"
            dataSource={[...(tl.records ?? [])].reverse()}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="timeline-records"
            columns={[
              { title: '#', dataIndex: 'seq', width: 60 },
              { title: t('mgr.at'), dataIndex: 'atLocal', width: 150 },
              {
                title: t('mgr.record'),
                key: 'what',
                width: 150,
                render: (_v, f) => (
                  <>
                    <Tag>{describeFact(f, t, nameOf).label}</Tag>
                    <EntryMarks fact={f} supersededBy={corrected.get(f.seq)} />
                  </>
                ),
              },
              { title: t('common.details'), key: 'detail', render: (_v, f) => describeFact(f, t, nameOf, dateTime).detail },
              { title: t('mgr.explanation'), key: 'why', render: (_v, f) => <ReasonList reasons={reasonsBySeq.get(f.seq) ?? []} /> },
              // CH-7: a broker-brought arrival can be marked a fake customer (the manager only).
              {
                title: '',
                key: 'channel',
                width: 100,
                render: (_v, f) => (
                  <>
                    <MarkFake fact={f} onDone={load} />
                    {/* REG-6: a correction is a new entry that supersedes this one. */}
                    <CorrectEntry fact={f} superseded={corrected.has(f.seq)} consultants={staff} onDone={load} />
                  </>
                ),
              },
            ]}
          />
        </>
      )}
      <Modal open={reassigning} title={t('mgr.reassign')} footer={null} onCancel={() => setReassigning(false)} destroyOnHidden>
        {tl && (
          <ReassignForm
            phone={tl.customer.phone}
            staff={staff}
            onDone={(_answer, to) => {
              setReassigning(false);
              void message.success(t('mgr.reassigned', { owner: nameOf(to) }));
              load();
            }}
          />
        )}
      </Modal>
    </Space>
  );
}
