// 置业顾问, phone first (390×844): my place on the floor and its buttons, my customers by protection
// running out, follow-ups and family links, registering a visit or a call, and my figures. Live: the
// floor stream refreshes the card and the list.
import { App, Button, Segmented, Space } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { getMyCustomers } from '../api/api-client.ts';
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

type Tab = 'customers' | 'register' | 'summary';

export function ConsultantPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project, staffId } = useProject();
  const { learn } = useStaffNames();
  const now = useNow(60_000);
  const [tab, setTab] = useState<Tab>('customers');
  const [via, setVia] = useState<'visit' | 'call'>('visit');
  const preset = useMemo(() => ({ via }), [via]);
  const { state, reload } = useMyCustomers(project);
  const { board } = useFloorStream(project, reload);
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
      {tab === 'summary' && <MySummary customers={state.status === 'done' ? state.customers : []} newToday={seat?.newToday ?? 0} now={now} />}
      <Button type="link" block href={`/p/${encodeURIComponent(project)}/board`}>
        {t('nav.board')}
      </Button>
    </div>
  );
}
