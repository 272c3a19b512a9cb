// 置业顾问, phone first (390×844): my place on the floor and its buttons, my customers by protection
// running out, follow-ups and family links, registering a visit or a call, and my figures. Live: the
// floor stream refreshes the card and the list, and tells me at once when my customer walks in (RISK-2).
import { App, Button, Segmented, Space } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { PageLoading } from '../app/page-loading.component.tsx';
import { getMyCustomers } from '../api/api-client.ts';
import type { OwnerAlert } from '../../contracts/index.ts';
import { RegistrationForm } from '../customers/registration-form.component.tsx';
import { useFloorStream } from '../floor/use-floor-stream.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useNow } from '../shared/use-now.ts';
import { MyCustomers } from './my-customers.component.tsx';
import { MyFloorCard } from './my-floor-card.component.tsx';
import { MySummary } from './my-summary.component.tsx';
import { useMyCustomers } from './use-my-customers.ts';

type Tab = 'customers' | 'register' | 'summary' | 'units';

/** 房源: the 销控 grid read-only (what is still free), its own chunk. */
const UnitGrid = lazy(() => import('../units/unit-grid.component.tsx').then((m) => ({ default: m.UnitGrid })));

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
  const [liveSeq, setLiveSeq] = useState(0);
  const onFacts = useCallback(
    (facts: readonly { readonly seq: number }[]) => {
      reload();
      setLiveSeq((seq) => Math.max(seq, ...facts.map((f) => f.seq)));
    },
    [reload],
  );
  const { board } = useFloorStream(project, onFacts, onOwnerAlert);
  useEffect(() => {
    if (board) learn(board.names);
  }, [board, learn]);

  const onFollowedUp = useCallback(
    async (phone: string, reached: boolean) => {
      reload();
      if (!reached) {
        void message.info(t('me.followedUpNoExtend'));
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
      <Segmented<Tab>
        block
        size="large"
        value={tab}
        onChange={setTab}
        options={[
          { value: 'customers', label: t('me.customers') },
          { value: 'register', label: t('me.register') },
          { value: 'summary', label: t('me.performance') },
          { value: 'units', label: t('me.units') },
        ]}
        data-testid="me-tabs"
      />
      {tab === 'customers' && <MyCustomers state={state} now={now} onFollowedUp={(p, r) => void onFollowedUp(p, r)} onLinked={() => void message.success(t('me.linked'))} />}
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
        </Space>
      )}
      {tab === 'units' && (
        <Suspense fallback={<PageLoading />}>
          <UnitGrid liveSeq={liveSeq} canManage={false} />
        </Suspense>
      )}
      {tab === 'summary' && <MySummary customers={state.status === 'done' ? state.customers : []} newToday={seat?.newToday ?? 0} now={now} />}
      <Button type="link" block href={`/p/${encodeURIComponent(project)}/board`}>
        {t('nav.board')}
      </Button>
    </div>
  );
}
