// My customers, protection running out first (OWN-2), each with its countdown and the two things a
// consultant does to them from the phone: log a follow-up (OWN-3) and link family (OWN-7), and place an
// order on a free unit (DEAL-1, DEAL-2).
import { Alert, Button, Drawer, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Answer, OwnedCustomer } from '../../contracts/index.ts';
import { FollowUpForm } from '../customers/follow-up-form.component.tsx';
import { LinkFamilyForm } from '../customers/link-family-form.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { PlaceOrderForm } from '../orders/place-order-form.component.tsx';
import { ProtectionCountdown } from './protection-countdown.component.tsx';
import type { MyCustomersState } from './use-my-customers.ts';
import { ErrorAlert, problemOf } from '../shared/error-alert.component.tsx';

type Sheet = { readonly kind: 'followUp' | 'link' | 'order'; readonly customer: OwnedCustomer } | null;

const SHEET_TITLES = { followUp: 'me.logFollowUp', link: 'me.link', order: 'ord.placeFor' } as const;

export function MyCustomers({
  state,
  now,
  onFollowedUp,
  onLinked,
  onOrdered,
}: {
  readonly state: MyCustomersState;
  readonly now: number;
  readonly onFollowedUp: (phone: string, answer: Answer) => void;
  readonly onLinked: () => void;
  readonly onOrdered: (answer: Answer, unit: string) => void;
}) {
  const { t } = useI18n();
  const [sheet, setSheet] = useState<Sheet>(null);
  if (state.status === 'failed') return <ErrorAlert problem={problemOf(state.error)} />;
  const customers = state.status === 'done' ? state.customers : [];
  const due = customers.filter((c) => c.nextStep?.due);
  return (
    <>
      {due.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="next-steps-due"
          title={t('me.due', { n: due.length })}
          description={due.map((c) => (
            <div key={c.phone}>{t('me.dueItem', { name: c.name ?? c.phone, next: c.nextStep?.next ?? '', on: c.nextStep?.on ?? '' })}</div>
          ))}
        />
      )}
      <List<OwnedCustomer>
        loading={state.status === 'loading'}
        dataSource={[...customers]}
        locale={{ emptyText: <Empty description={t('me.noCustomers')} /> }}
        data-testid="my-customers"
        renderItem={(c) => (
          <List.Item key={c.phone} data-testid={`customer-${c.phone}`} className="my-customer">
            <div className="my-customer-main">
              <Typography.Text strong>{c.name ?? c.phone}</Typography.Text>
              <Typography.Text type="secondary" className="my-customer-phone">
                {c.phone}
              </Typography.Text>
              <div>
                {/* 细则 四.2: given to me; mine from my first effective contact. */}
                {c.pending && (
                  <Tag color="orange" data-testid="customer-pending">
                    {t('me.pendingFirstContact')}
                  </Tag>
                )}
                <ProtectionCountdown until={c.protectedUntil} now={now} />
                <Typography.Text type="secondary" data-testid="customer-until">
                  {c.protectedUntilLocal}
                </Typography.Text>
              </div>
            </div>
            <Space direction="vertical" size={4}>
              <Button type="primary" onClick={() => setSheet({ kind: 'followUp', customer: c })} data-testid="follow-up">
                {t('me.followUp')}
              </Button>
              <Button size="small" onClick={() => setSheet({ kind: 'link', customer: c })} data-testid="link-family">
                {t('me.link')}
              </Button>
              <Button size="small" onClick={() => setSheet({ kind: 'order', customer: c })} data-testid="place-order">
                {t('ord.place')}
              </Button>
            </Space>
          </List.Item>
        )}
      />
      <Drawer
        placement="bottom"
        size="auto"
        open={sheet !== null}
        onClose={() => setSheet(null)}
        title={sheet ? `${t(SHEET_TITLES[sheet.kind])} · ${sheet.customer.name ?? sheet.customer.phone}` : ''}
        destroyOnHidden
      >
        {sheet?.kind === 'followUp' && (
          <FollowUpForm
            phone={sheet.customer.phone}
            onDone={(answer) => {
              setSheet(null);
              onFollowedUp(sheet.customer.phone, answer);
            }}
          />
        )}
        {sheet?.kind === 'order' && (
          <PlaceOrderForm
            phone={sheet.customer.phone}
            onDone={(answer, unit) => {
              setSheet(null);
              onOrdered(answer, unit);
            }}
          />
        )}
        {sheet?.kind === 'link' && (
          <LinkFamilyForm
            phone={sheet.customer.phone}
            onDone={() => {
              setSheet(null);
              onLinked();
            }}
          />
        )}
      </Drawer>
    </>
  );
}
