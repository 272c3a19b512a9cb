// 经理工作台: the register (unmasked, SEC-1), the public pool with reassigning (OWN-10), a customer's
// timeline with reassigning (OWN-5, OWN-15), the whole roster (suspension ROT-14, departure OWN-10), the
// consultants' month (REP-1), the queue (ROT-1), the 销控 grid with holds and the unit import (DEAL-1), the order
// register (认购/签约台账, DEAL-2) and the disputes inbox (DEAL-5), the read log (SEC-2), and the policy with its
// what-if, the daily summary and the register import (issue 11), the floor TVs. Each tab is a URL below
// /p/:project/manager/ and its own chunk: the tabs are the rows of
// MANAGER_TABS (manager-tabs.tsx); this page holds what they share (roster, live board, versions).
import { Tabs } from 'antd';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PageLoading } from '../app/page-loading.component.tsx';
import { useFloorStream } from '../floor/use-floor-stream.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { useCan } from '../session/use-can.ts';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { managerPath } from './manager-path.ts';
import { MANAGER_TABS, type ManagerTabContext } from './manager-tabs.tsx';
import { useRoster } from './use-roster.ts';

/** Facts that change the roster's columns (who is on the floor, suspended, gone). */
const ROSTER_FACTS = new Set(['staffJoined', 'signedIn', 'signedOut', 'suspended', 'departed', 'partyArrived']);
/** Facts that change the order register or the disputes inbox. */
const ORDER_FACTS = new Set(['ordered', 'orderEnded', 'orderSwapped', 'buyerChanged', 'disputed', 'disputeResolved', 'departed']);

export function ManagerPage() {
  const { t } = useI18n();
  const { project } = useProject();
  const can = useCan();
  const { learn } = useStaffNames();
  const roster = useRoster(project);
  const { reload: reloadRoster } = roster;
  const [ordersVersion, setOrdersVersion] = useState(0);
  // The newest fact the stream reported: the 销控 grid reads itself again when it moves.
  const [liveSeq, setLiveSeq] = useState(0);
  const { board } = useFloorStream(project, (facts) => {
    if (facts.some((f) => ROSTER_FACTS.has(f.type))) reloadRoster();
    if (facts.some((f) => ORDER_FACTS.has(f.type))) setOrdersVersion((v) => v + 1);
    setLiveSeq((seq) => Math.max(seq, ...facts.map((f) => f.seq)));
  });
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    if (board) learn(board.names);
  }, [board, learn]);
  const ordersChanged = useCallback(() => setOrdersVersion((v) => v + 1), []);
  const ctx = useMemo<ManagerTabContext>(
    () => ({ roster, reloadRoster, board, ordersVersion, ordersChanged, liveSeq, can }),
    [roster, reloadRoster, board, ordersVersion, ordersChanged, liveSeq, can],
  );
  // By whole segment: 'register' must not claim 'registerImport'.
  const active = MANAGER_TABS.find((tab) => `${location.pathname}/`.startsWith(`${managerPath(project, tab.key)}/`))?.key ?? 'register';

  return (
    <div className="manager" data-testid="manager">
      <Tabs
        activeKey={active}
        onChange={(k) => navigate(managerPath(project, k))}
        items={MANAGER_TABS.filter((tab) => tab.shown?.(ctx) ?? true).map((tab) => ({ key: tab.key, label: t(tab.label) }))}
      />
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route index element={<Navigate to="register" replace />} />
          {MANAGER_TABS.flatMap((tab) => [tab.key, ...(tab.extraPaths ?? [])].map((path) => <Route key={path} path={path} element={tab.render(ctx)} />))}
        </Routes>
      </Suspense>
    </div>
  );
}
