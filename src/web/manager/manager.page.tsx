// 经理工作台: the register (unmasked, SEC-1), the public pool with reassigning (OWN-10), a customer's
// timeline with reassigning (OWN-5, OWN-15), the whole roster (suspension ROT-14, departure OWN-10), the
// consultants' month (REP-1), the queue (ROT-1), the 销控 grid with holds and the unit import (DEAL-1), the order
// register (认购/签约台账, DEAL-2) and the disputes inbox (DEAL-5), the read log (SEC-2), and the policy with its
// what-if. Each tab is a URL below
// /p/:project/manager/.
import { Tabs } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PageLoading } from '../app/page-loading.component.tsx';
import { useFloorStream } from '../floor/use-floor-stream.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { CustomerTimeline } from './customer-timeline.component.tsx';
import { DisputesTab } from './disputes-tab.component.tsx';
import { managerPath } from './manager-path.ts';
import { OrdersTab } from './orders-tab.component.tsx';
import { PerformanceTab } from './performance-tab.component.tsx';
import { ReportsTab } from './reports-tab.component.tsx';
import { PoolTab } from './pool-tab.component.tsx';
import { QueueTab } from './queue-tab.component.tsx';
import { OutOfTurnForm } from './out-of-turn-form.component.tsx';
import { ReadsTab } from './reads-tab.component.tsx';
import { RegisterTab } from './register-tab.component.tsx';
import { StaffTab } from './staff-tab.component.tsx';
import { ViolationsTab } from './violations-tab.component.tsx';
import { RiskTab } from './risk-tab.component.tsx';
import { useRoster } from './use-roster.ts';
import { useCan } from '../session/use-can.ts';
import { LateEntries } from '../register/late-entries.component.tsx';

/** 规则设置 is its own chunk: most visits to the workspace never open it. */
const PolicyTab = lazy(() => import('./policy-tab.component.tsx').then((m) => ({ default: m.PolicyTab })));
/** 销控 and 房源导入 are their own chunks too (DEAL-1). */
const UnitGrid = lazy(() => import('../units/unit-grid.component.tsx').then((m) => ({ default: m.UnitGrid })));
const UnitImport = lazy(() => import('../units/unit-import.component.tsx').then((m) => ({ default: m.UnitImport })));
/** 登记导入 (issue 11.4) and 日报摘要 (issue 11.5). */
const RegisterImportTab = lazy(() => import('./register-import-tab.component.tsx').then((m) => ({ default: m.RegisterImportTab })));
const DailySummaryTab = lazy(() => import('./daily-summary-tab.component.tsx').then((m) => ({ default: m.DailySummaryTab })));

const TABS = ['register', 'summary', 'late', 'pool', 'customer', 'staff', 'violations', 'risk', 'performance', 'reports', 'units', 'import', 'registerImport', 'orders', 'disputes', 'queue', 'reads', 'policy', 'displays'] as const;
/** Tabs shown only to a role the access table lets call their endpoint. */
const TAB_ENDPOINT: Partial<Record<(typeof TABS)[number], string>> = { import: 'importUnits', registerImport: 'registerImportCommit', summary: 'dailySummary', displays: 'displays' };
/** tv-pairing: 显示屏, the manager's floor TVs — its own chunk. */
const DisplaysTab = lazy(() => import('./displays-tab.component.tsx').then((m) => ({ default: m.DisplaysTab })));

const LABELS = {
  register: 'mgr.register',
  late: 'hyg.lateTab',
  pool: 'mgr.pool',
  customer: 'mgr.timeline',
  staff: 'mgr.staff',
  violations: 'mgr.violations',
  risk: 'mgr.risk',
  performance: 'mgr.performance',
  reports: 'mgr.reports',
  units: 'mgr.units',
  import: 'mgr.unitImport',
  orders: 'mgr.orders',
  disputes: 'mgr.disputes',
  queue: 'mgr.queue',
  reads: 'mgr.reads',
  policy: 'mgr.policy',
  summary: 'mgr.dailySummary',
  registerImport: 'mgr.registerImport',
  displays: 'mgr.displays',
} as const;
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
  const { consultants, everyConsultant } = roster;
  const active = TABS.find((k) => location.pathname.startsWith(managerPath(project, k))) ?? 'register';

  return (
    <div className="manager" data-testid="manager">
      <Tabs activeKey={active} onChange={(k) => navigate(managerPath(project, k))} items={TABS.filter((k) => TAB_ENDPOINT[k] === undefined || can(TAB_ENDPOINT[k])).map((k) => ({ key: k, label: t(LABELS[k]) }))} />
      <Routes>
        <Route index element={<Navigate to="register" replace />} />
        <Route path="register" element={<RegisterTab consultants={everyConsultant} />} />
        <Route path="late" element={<LateEntries />} />
        <Route path="pool" element={<PoolTab consultants={consultants} everyConsultant={everyConsultant} onAssigned={reloadRoster} />} />
        <Route path="customer" element={<CustomerTimeline staff={consultants} />} />
        <Route path="customer/:phone" element={<CustomerTimeline staff={consultants} />} />
        <Route path="staff" element={<StaffTab roster={roster} />} />
        <Route path="violations" element={<ViolationsTab roster={roster} />} />
        <Route path="risk" element={<RiskTab />} />
        <Route path="performance" element={<PerformanceTab />} />
        <Route path="reports" element={<ReportsTab />} />
        <Route path="orders" element={<OrdersTab consultants={everyConsultant} version={ordersVersion} />} />
        <Route path="disputes" element={<DisputesTab version={ordersVersion} onDecided={() => setOrdersVersion((v) => v + 1)} />} />
        <Route
          path="queue"
          element={
            <>
              <QueueTab board={board} />
              {can('outOfTurn') && <OutOfTurnForm members={roster.data ?? []} onRecorded={reloadRoster} />}
            </>
          }
        />
        <Route
          path="units"
          element={
            <Suspense fallback={<PageLoading />}>
              <UnitGrid liveSeq={liveSeq} canManage={can('hold')} />
            </Suspense>
          }
        />
        <Route
          path="import"
          element={
            <Suspense fallback={<PageLoading />}>
              {can('importUnits') ? <UnitImport /> : <Navigate to="../units" replace />}
            </Suspense>
          }
        />
        <Route path="reads" element={<ReadsTab />} />
        <Route
          path="summary"
          element={
            <Suspense fallback={<PageLoading />}>
              <DailySummaryTab />
            </Suspense>
          }
        />
        <Route
          path="registerImport"
          element={
            <Suspense fallback={<PageLoading />}>
              {can('registerImportCommit') ? <RegisterImportTab /> : <Navigate to="../register" replace />}
            </Suspense>
          }
        />
        <Route
          path="displays"
          element={
            <Suspense fallback={<PageLoading />}>
              {can('displays') ? <DisplaysTab /> : <Navigate to="../register" replace />}
            </Suspense>
          }
        />
        <Route
          path="policy"
          element={
            <Suspense fallback={<PageLoading />}>
              <PolicyTab />
            </Suspense>
          }
        />
      </Routes>
    </div>
  );
}
