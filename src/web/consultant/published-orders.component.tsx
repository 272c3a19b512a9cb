// 今日成交公示 (DEAL-6): today's orders for the whole floor, phones masked, each with its closer and until
// when a colleague may object. A consultant who has their own record of the customer raises a dispute
// (DEAL-4) naming it; the answer — accepted, or why not — shows at once.
import { Button, Drawer, Empty, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Answer, PublishedOrders } from '../../contracts/index.ts';
import { getPublishedOrders } from '../api/orders-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { AnswerNote, type Answered } from '../orders/answer-note.component.tsx';
import { DisputeForm } from '../orders/dispute-form.component.tsx';
import { StageTag } from '../orders/order-tags.component.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';
import '../orders/orders.css';

type Published = PublishedOrders['orders'][number];

export function PublishedOrdersList({ version }: { readonly version: number }) {
  const { t } = useI18n();
  const { project, staffId } = useProject();
  const { learn, nameOf } = useStaffNames();
  const [disputing, setDisputing] = useState<Published | null>(null);
  const [answered, setAnswered] = useState<Answered | null>(null);
  const list = useLoad(() => getPublishedOrders(project), [project, version]);
  useEffect(() => {
    if (list.data) learn(list.data.names);
  }, [list.data, learn]);
  const onDone = (order: Published) => (answer: Answer) => {
    setDisputing(null);
    setAnswered({ ok: answer.accepted === true, answer, title: t(answer.accepted ? 'disp.accepted' : 'disp.rejected', { unit: order.unit }) });
  };
  return (
    <>
      <Typography.Text type="secondary">{t('pub.hint', { day: list.data?.day ?? '' })}</Typography.Text>
      <AnswerNote answered={answered} onClose={() => setAnswered(null)} testId="dispute-answer" />
      <ErrorAlert problem={list.problem} />
      <List<Published>
        loading={list.loading && list.data === null}
        dataSource={[...(list.data?.orders ?? [])]}
        locale={{ emptyText: <Empty description={t('pub.none')} /> }}
        data-testid="published-orders"
        renderItem={(o) => (
          <List.Item key={o.id} className="my-order" data-testid={`published-${o.id}`} data-unit={o.unit}>
            <div className="my-customer-main">
              <Space size={4} wrap>
                <Typography.Text strong>{o.unit}</Typography.Text>
                <StageTag stage={o.stage} />
                {o.closer === staffId && <Tag color="green">{t('pub.mine')}</Tag>}
              </Space>
              <Typography.Text className="my-customer-phone">{`${o.customer.name ?? ''} ${o.customer.phone}`.trim()}</Typography.Text>
              <Typography.Text type="secondary" className="my-customer-phone">
                {t('pub.line', { closer: nameOf(o.closer), at: o.atLocal ?? '', deadline: o.disputeDeadlineLocal ?? '—' })}
              </Typography.Text>
            </div>
            <Button size="small" danger onClick={() => setDisputing(o)} data-testid="published-dispute">
              {t('disp.raise')}
            </Button>
          </List.Item>
        )}
      />
      <Drawer placement="bottom" size="auto" open={disputing !== null} onClose={() => setDisputing(null)} title={disputing ? `${t('disp.raise')} · ${disputing.unit}` : ''} destroyOnHidden>
        {disputing && <DisputeForm unit={disputing.unit} deadline={disputing.disputeDeadlineLocal} onDone={onDone(disputing)} />}
      </Drawer>
    </>
  );
}
