// The what-if of an edited policy: the customers whose owner would change (and, on request, those whose
// protection would only end at another time), the units whose credit would change, the recorded answers
// that would be decided otherwise, and the recorded actions the new policy could not have taken.
import { Alert, Card, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import type { ReceiveAs, ShownCustomer, WhatIfAnswer, WhatIfOrder, WhatIfOwned } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { hasMessage, type Translate } from '../i18n/translate.ts';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { percent } from './policy-form.ts';

type CustomerRow = WhatIfAnswer['customers'][number];
type DecisionRow = WhatIfAnswer['decisions'][number];
type RefusedRow = WhatIfAnswer['refused'][number];
type CreditRow = WhatIfAnswer['credits'][number];
type RecordRow = Pick<DecisionRow, 'seq' | 'type' | 'atLocal' | 'customer'>;

function who(customer: ShownCustomer | null): string {
  if (!customer) return '—';
  return customer.name ? `${customer.name} ${customer.phone}` : customer.phone;
}

function creditText(order: WhatIfOrder | null, nameOf: (id: string) => string, t: Translate): string {
  if (!order) return t('whatIf.noOrder');
  return Object.entries(order.credit)
    .map(([staff, share]) => `${nameOf(staff)} ${percent(share)}`)
    .join(' · ');
}

/** A recorded answer as words: who received and how, valid or not, accepted or not, the credit. */
function answerText(answer: Readonly<Record<string, unknown>>, nameOf: (id: string) => string, t: Translate): string {
  const parts: string[] = [];
  for (const [field, value] of Object.entries(answer)) {
    if (field === 'credit' && value && typeof value === 'object') {
      parts.push(Object.entries(value as Record<string, number>).map(([s, share]) => `${nameOf(s)} ${percent(share)}`).join(' · '));
    } else if (field === 'as') {
      parts.push(value ? t(`receiveAs.${value as ReceiveAs}`) : t('common.none'));
    } else if (field === 'valid') {
      parts.push(t(value ? 'fact.valid' : 'fact.invalid'));
    } else if (field === 'accepted') {
      parts.push(t(value ? 'fact.accepted' : 'fact.rejected'));
    } else if (field === 'number') {
      // CH-8: the report kept in full or as the mask the policy asks for.
      parts.push(`${t('whatIf.field.number')} ${value === 'full' ? t('whatIf.fullNumber') : String(value)}`);
    } else if (field === 'channel') {
      if (value) parts.push(`${t('whatIf.field.channel')} ${nameOf(String(value))}`);
    } else {
      const label = `whatIf.field.${field}`;
      parts.push(`${hasMessage(label) ? t(label) : field} ${value ? nameOf(String(value)) : t('common.nobody')}`);
    }
  }
  return parts.join('，');
}

function typeText(type: string, t: Translate): string {
  const key = `whatIf.type.${type}`;
  const fact = `fact.${type}`;
  return hasMessage(key) ? t(key) : hasMessage(fact) ? t(fact) : t('fact.other');
}

/** One list of the what-if: its heading, a table a page of ten at a time, and a note when the server listed only the first ones. */
function ListSection<R extends object>({ title, extra, testId, rows, total, rowKey, columns }: {
  readonly title: string;
  readonly extra?: ReactNode;
  readonly testId: string;
  readonly rows: readonly R[];
  readonly total: number;
  readonly rowKey: (row: R) => string | number;
  readonly columns: ColumnsType<R>;
}) {
  const { t } = useI18n();
  return (
    <>
      <Space>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid={`${testId}-title`}>
          {title}
        </Typography.Title>
        {extra}
      </Space>
      <Table<R> size="small" rowKey={rowKey} dataSource={[...rows]} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid={testId} columns={columns} />
      {rows.length < total && <Typography.Text type="secondary">{t('whatIf.truncated', { n: rows.length })}</Typography.Text>}
    </>
  );
}

/** When, which record, about whom: the first columns of the decisions and of the refusals. */
function recordColumns<R extends RecordRow>(t: Translate): ColumnsType<R> {
  return [
    { title: t('mgr.at'), dataIndex: 'atLocal' },
    { title: t('whatIf.record'), key: 'type', render: (_v, r) => `#${r.seq} ${typeText(r.type, t)}` },
    { title: t('whatIf.customer'), key: 'customer', render: (_v, r) => who(r.customer) },
  ];
}

/** The recorded and the edited outcome side by side, the edited one in bold. */
function beforeAfter<R extends object>(before: string, after: string, text: (row: R, side: 'before' | 'after') => string): ColumnsType<R> {
  return [
    { title: before, key: 'before', render: (_v, r) => text(r, 'before') },
    { title: after, key: 'after', render: (_v, r) => <Typography.Text strong>{text(r, 'after')}</Typography.Text> },
  ];
}

export function WhatIfResult({ answer }: { readonly answer: WhatIfAnswer }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const [protection, setProtection] = useState(false);
  const owner = (o: WhatIfOwned) => (o.owner ? nameOf(o.owner) : t('desk.publicPool'));
  const customers = answer.customers.filter((c) => c.ownerChanged || protection);
  const { totals } = answer;
  const nothing = totals.customers + totals.credits + totals.decisions + totals.refused === 0 && answer.queue === null;

  return (
    <Card size="small" title={t('whatIf.title', { from: answer.fromLocal ?? '', now: answer.nowLocal ?? '' })} data-testid="what-if-result">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text data-testid="what-if-summary">
          {t('whatIf.summary', { facts: answer.redecided, owners: totals.ownerChanges, credits: totals.credits, decisions: totals.decisions, refused: totals.refused })}
        </Typography.Text>
        {nothing && <Alert type="success" showIcon title={t('whatIf.noChange', { days: answer.days })} data-testid="what-if-nothing" />}
        {answer.ignoredPolicyChanges.length > 0 && <Typography.Text type="secondary">{t('whatIf.ignoredChanges', { n: answer.ignoredPolicyChanges.length })}</Typography.Text>}
        {answer.drift > 0 && <Typography.Text type="secondary">{t('whatIf.drift', { n: answer.drift })}</Typography.Text>}
        {answer.queue && (
          <Typography.Text data-testid="what-if-queue">
            {t('whatIf.queue', { before: answer.queue.before.map(nameOf).join('、') || t('common.none'), after: answer.queue.after.map(nameOf).join('、') || t('common.none') })}
          </Typography.Text>
        )}

        {totals.customers > 0 && (
          <ListSection<CustomerRow>
            title={t('whatIf.customers', { n: totals.ownerChanges })}
            extra={
              totals.customers > totals.ownerChanges && (
                <Switch size="small" checked={protection} onChange={setProtection} checkedChildren={t('whatIf.protection', { n: totals.customers - totals.ownerChanges })} unCheckedChildren={t('whatIf.protection', { n: totals.customers - totals.ownerChanges })} />
              )
            }
            testId="what-if-customers"
            rows={customers}
            total={protection ? totals.customers : totals.ownerChanges}
            rowKey={(r) => r.customer?.phone ?? ''}
            columns={[
              { title: t('whatIf.customer'), key: 'customer', render: (_v, r) => who(r.customer) },
              { title: t('whatIf.ownerBefore'), key: 'before', render: (_v, r) => `${owner(r.before)}${r.before.protectedUntilLocal ? ` · ${t('mgr.until')} ${r.before.protectedUntilLocal}` : ''}` },
              {
                title: t('whatIf.ownerAfter'),
                key: 'after',
                render: (_v, r) => (
                  <Space size={4} wrap>
                    <Typography.Text strong={r.ownerChanged}>{owner(r.after)}</Typography.Text>
                    {r.after.protectedUntilLocal && <Typography.Text type="secondary">{`${t('mgr.until')} ${r.after.protectedUntilLocal}`}</Typography.Text>}
                    {r.rules.map((rule) => (
                      <Tag key={rule} color="blue" className="rule-tag">
                        {rule}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        )}
        {totals.credits > 0 && (
          <ListSection<CreditRow>
            title={t('whatIf.credits', { n: totals.credits })}
            testId="what-if-credits"
            rows={answer.credits}
            total={totals.credits}
            rowKey={(r) => r.unit}
            columns={[
              { title: t('whatIf.unit'), dataIndex: 'unit' },
              { title: t('whatIf.customer'), key: 'customer', render: (_v, r) => who(r.after?.customer ?? r.before?.customer ?? null) },
              ...beforeAfter<CreditRow>(t('whatIf.creditBefore'), t('whatIf.creditAfter'), (r, side) => creditText(r[side], nameOf, t)),
            ]}
          />
        )}
        {totals.decisions > 0 && (
          <ListSection<DecisionRow>
            title={t('whatIf.decisions', { n: totals.decisions })}
            testId="what-if-decisions"
            rows={answer.decisions}
            total={totals.decisions}
            rowKey={(r) => r.seq}
            columns={[
              ...recordColumns<DecisionRow>(t),
              ...beforeAfter<DecisionRow>(t('whatIf.before'), t('whatIf.after'), (r, side) => answerText(r[side], nameOf, t)),
            ]}
          />
        )}
        {totals.refused > 0 && (
          <ListSection<RefusedRow>
            title={t('whatIf.refused', { n: totals.refused })}
            testId="what-if-refused"
            rows={answer.refused}
            total={totals.refused}
            rowKey={(r) => r.seq}
            columns={[...recordColumns<RefusedRow>(t), { title: t('whatIf.why'), key: 'code', render: (_v, r) => (hasMessage(`error.${r.code}`) ? t(`error.${r.code}` as 'error.internal') : r.code) }]}
          />
        )}
      </Space>
    </Card>
  );
}
