// 置业顾问, phone first (390×844): my place on the floor and its buttons, my customers by protection
// running out, follow-ups, family links and orders, my orders (stages, swaps, names, refunds), today's
// published orders to dispute (DEAL-6), registering a visit or a call, and my figures. Live: the
// floor stream refreshes the card and the list, and tells me at once when my customer walks in (RISK-2).
import { App, Button, Segmented, Space } from 'antd';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { PageLoading } from '../app/page-loading.component.tsx';
import { getMyCustomers } from '../api/api-client.ts';
import type { Answer, OrderSummaryView, OwnerAlert } from '../../contracts/index.ts';
import { useFloorStream } from '../floor/use-floor-stream.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { Answered } from '../orders/answer-note.component.tsx';
import { useProject } from '../session/project.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useNow } from '../shared/use-now.ts';
import { MyCustomers } from './my-customers.component.tsx';
import { MyFloorCard } from './my-floor-card.component.tsx';
import { lazyPart } from '../shared/lazy-part.ts';
import { useMyCustomers } from './use-my-customers.ts';
import { ViewingConfirmations } from './viewing-confirmations.component.tsx';
import { UnreadAlerts } from './unread-alerts.component.tsx';

type Tab = 'customers' | 'orders' | 'published' | 'register' | 'summary' | 'units';
/** Facts that change my orders or today's published list. */
const ORDER_FACTS = new Set(['ordered', 'orderEnded', 'orderSwapped', 'buyerChanged', 'disputed', 'disputeResolved']);
const ANSWER_TITLES = { order: 'ord.placed', advance: 'ord.advanced', swap: 'ord.swapped', buyer: 'ord.buyerChanged', end: 'ord.ended' } as const;

// Every tab but my customers (the one that opens) is its own chunk, fetched when first opened (issue 13).
const AnswerNote = lazyPart(() => import('../orders/answer-note.component.tsx'), (m) => m.AnswerNote);
const MyOrders = lazyPart(() => import('./my-orders.component.tsx'), (m) => m.MyOrders);
const PublishedOrdersList = lazyPart(() => import('./published-orders.component.tsx'), (m) => m.PublishedOrdersList);
const RegistrationForm = lazyPart(() => import('../customers/registration-form.component.tsx'), (m) => m.RegistrationForm);
const UnidentifiedEntries = lazyPart(() => import('../register/unidentified-entries.component.tsx'), (m) => m.UnidentifiedEntries);
const MySummary = lazyPart(() => import('./my-summary.component.tsx'), (m) => m.MySummary);
/** 房源: the 销控 grid read-only (what is still free). */
const UnitGrid = lazyPart(() => import('../units/unit-grid.component.tsx'), (m) => m.UnitGrid);

export function ConsultantPage() {
  const { t } = useI18n();
  const { message, notification } = App.useApp();
  const { project, staffId } = useProject();
  const { learn, nameOf } = useStaffNames();
  const now = useNow(60_000);
  const [tab, setTab] = useState<Tab>('customers');
  const [via, setVia] = useState<'visit' | 'call'>('visit');
  const preset = useMemo(() => ({ via }), [via]);
  const { state, reload } = useMyCustomers(project);
  const [ordersVersion, setOrdersVersion] = useState(0);
  const [answered, setAnswered] = useState<Answered | null>(null);
  const [liveSeq, setLiveSeq] = useState(0);
  const onFacts = useCallback(
    (facts: readonly { readonly type: string; readonly seq: number }[]) => {
      reload();
      if (facts.some((f) => ORDER_FACTS.has(f.type))) setOrdersVersion((v) => v + 1);
      setLiveSeq((seq) => Math.max(seq, ...facts.map((f) => f.seq)));
    },
    [reload],
  );
  const onAnswer = useCallback(
    (kind: keyof typeof ANSWER_TITLES, answer: Answer, unit: string, to?: string) => {
      setAnswered({ ok: true, answer, title: t(ANSWER_TITLES[kind], { unit, to: to ?? '' }) });
      setOrdersVersion((v) => v + 1);
      setTab('orders');
    },
    [t],
  );
  // RISK-2: my customer walked in — who, when, and who is with them; it stays until I close it.
  const onOwnerAlert = useCallback(
    (a: OwnerAlert) => {
      const customer = `${a.customer.name ?? ''} ${a.customer.phone}`.trim();
      const receiver = a.receiver ? (a.receiver.name ?? nameOf(a.receiver.id)) : null;
      const key = receiver === null ? 'alert.nobody' : a.covering ? 'alert.covering' : 'alert.yours';
      notification.warning({
        key: `owner-alert-${a.seq}`,
        title: t('alert.title'),
        description: t(key, { customer, time: a.atLocal?.slice(11) ?? '', receiver: receiver ?? '', as: a.as ? t(`receiveAs.${a.as}`) : '' }),
        duration: 0,
        placement: 'top',
        props: { 'data-testid': 'owner-alert' } as object,
      });
      reload();
    },
    [notification, nameOf, reload, t],
  );
  const { board } = useFloorStream(project, onFacts, onOwnerAlert);
  useEffect(() => {
    if (board) learn(board.names);
  }, [board, learn]);

  const onFollowedUp = useCallback(
    async (phone: string, answer: Answer) => {
      reload();
      // OWN-3: the answer says whether protection was extended, and why not.
      if (answer.extends === false) {
        const code = answer.reasons.find((r) => r.rule === 'OWN-3')?.code;
        void message.info(t(code === 'smsNoContact' ? 'me.followedUpSms' : code === 'followUpNotOwner' ? 'me.followedUpNotOwner' : 'me.followedUpNoExtend'));
        return;
      }
      const fresh = await getMyCustomers(project).catch(() => []);
      const until = fresh.find((c) => c.phone === phone)?.protectedUntilLocal ?? '';
      void message.success(t('me.followedUp', { until }));
    },
    [project, reload, message, t],
  );

  const seat = board?.seats.find((s) => s.who === staffId);
  return (
    <div className="consultant" data-testid="consultant">
      <MyFloorCard board={board} />
      {/* RISK-2: my customers' arrivals I have not read yet, kept until I mark them. */}
      <UnreadAlerts refreshKey={liveSeq} />
      {/* CH-7: a broker-brought party I received needs its 看房确认单. */}
      <ViewingConfirmations refreshKey={board} />
      <Segmented<Tab>
        block
        size="large"
        value={tab}
        onChange={setTab}
        options={[
          { value: 'customers', label: t('me.customers') },
          { value: 'orders', label: t('me.orders') },
          { value: 'published', label: t('me.published') },
          { value: 'register', label: t('me.register') },
          { value: 'summary', label: t('me.performance') },
          { value: 'units', label: t('me.units') },
        ]}
        data-testid="me-tabs"
      />
      <Suspense fallback={<PageLoading />}>
        {tab === 'customers' && (
          <MyCustomers state={state} now={now} onFollowedUp={(p, a) => void onFollowedUp(p, a)} onLinked={() => void message.success(t('me.linked'))} onOrdered={(answer, unit) => onAnswer('order', answer, unit)} />
        )}
        {tab === 'orders' && (
          <>
            <AnswerNote answered={answered} onClose={() => setAnswered(null)} testId="order-answer" />
            <MyOrders version={ordersVersion} onAnswer={(kind, answer, order: OrderSummaryView, to) => onAnswer(kind, answer, order.unit, to)} />
          </>
        )}
        {tab === 'published' && <PublishedOrdersList version={ordersVersion} />}
        {tab === 'register' && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Segmented<'visit' | 'call'> block value={via} onChange={setVia} options={[{ value: 'visit', label: t('me.registerVisit') }, { value: 'call', label: t('me.registerCall') }]} />
            <RegistrationForm
              title={t(via === 'visit' ? 'me.registerVisit' : 'me.registerCall')}
              preset={preset}
              onRegistered={(answer) => {
                void message.success(t(answer.valid === false ? 'desk.registeredInvalid' : 'desk.registered'));
                reload();
              }}
            />
            {/* REG-7: my visitors registered without a phone, waiting to be identified. */}
            <UnidentifiedEntries refreshKey={board} />
          </Space>
        )}
        {tab === 'units' && <UnitGrid liveSeq={liveSeq} canManage={false} />}
        {tab === 'summary' && <MySummary customers={state.status === 'done' ? state.customers : []} newToday={seat?.newToday ?? 0} now={now} />}
      </Suspense>
      <Button type="link" block href={`/p/${encodeURIComponent(project)}/board`}>
        {t('nav.board')}
      </Button>
    </div>
  );
}
