// The manager's tabs, one row each: its URL below /p/:project/manager/, its label, who sees it, and how it
// is drawn. Every tab is its own chunk (lazyPart), so opening the workspace downloads the register only
// (issue 13: ≤ 300 kB of compressed JavaScript a screen). To add a tab: one row here and its two
// catalogue texts; the page needs no change.
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import type { Board } from '../../contracts/index.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import type { useCan } from '../session/use-can.ts';
import { lazyPart } from '../shared/lazy-part.ts';
import type { Roster } from './use-roster.ts';

/** What the page shares with its tabs: the roster, the live board and the versions the stream moves. */
export interface ManagerTabContext {
  readonly roster: Roster;
  readonly reloadRoster: () => void;
  readonly board: Board | null;
  readonly ordersVersion: number;
  readonly ordersChanged: () => void;
  readonly liveSeq: number;
  readonly can: ReturnType<typeof useCan>;
}

export interface ManagerTab {
  /** The URL segment and the tab's key. */
  readonly key: string;
  readonly label: MessageKey;
  /** Further routes the tab answers (e.g. a customer's timeline by phone). */
  readonly extraPaths?: readonly string[];
  /** Whether the tab is offered at all; hidden tabs still answer their URL (with `render`'s own guard). */
  readonly shown?: (ctx: ManagerTabContext) => boolean;
  readonly render: (ctx: ManagerTabContext) => ReactNode;
}

const RegisterTab = lazyPart(() => import('./register-tab.component.tsx'), (m) => m.RegisterTab);
const PoolTab = lazyPart(() => import('./pool-tab.component.tsx'), (m) => m.PoolTab);
const CustomerTimeline = lazyPart(() => import('./customer-timeline.component.tsx'), (m) => m.CustomerTimeline);
const StaffTab = lazyPart(() => import('./staff-tab.component.tsx'), (m) => m.StaffTab);
const ViolationsTab = lazyPart(() => import('./violations-tab.component.tsx'), (m) => m.ViolationsTab);
const RiskTab = lazyPart(() => import('./risk-tab.component.tsx'), (m) => m.RiskTab);
const PerformanceTab = lazyPart(() => import('./performance-tab.component.tsx'), (m) => m.PerformanceTab);
const ReportsTab = lazyPart(() => import('./reports-tab.component.tsx'), (m) => m.ReportsTab);
const UnitGrid = lazyPart(() => import('../units/unit-grid.component.tsx'), (m) => m.UnitGrid);
const UnitImport = lazyPart(() => import('../units/unit-import.component.tsx'), (m) => m.UnitImport);
const OrdersTab = lazyPart(() => import('./orders-tab.component.tsx'), (m) => m.OrdersTab);
const DisputesTab = lazyPart(() => import('./disputes-tab.component.tsx'), (m) => m.DisputesTab);
const QueueTab = lazyPart(() => import('./queue-tab.component.tsx'), (m) => m.QueueTab);
const ReadsTab = lazyPart(() => import('./reads-tab.component.tsx'), (m) => m.ReadsTab);
const PolicyTab = lazyPart(() => import('./policy-tab.component.tsx'), (m) => m.PolicyTab);
/** 登记导入 (issue 11.4) and 日报摘要 (issue 11.5). */
const RegisterImportTab = lazyPart(() => import('./register-import-tab.component.tsx'), (m) => m.RegisterImportTab);
const DailySummaryTab = lazyPart(() => import('./daily-summary-tab.component.tsx'), (m) => m.DailySummaryTab);
/** tv-pairing: 显示屏, the manager's floor TVs. */
const DisplaysTab = lazyPart(() => import('./displays-tab.component.tsx'), (m) => m.DisplaysTab);
/** hygiene: 补登审批, the late entries waiting for the manager (REG-5). */
const LateEntries = lazyPart(() => import('../register/late-entries.component.tsx'), (m) => m.LateEntries);
const OutOfTurnForm = lazyPart(() => import('./out-of-turn-form.component.tsx'), (m) => m.OutOfTurnForm);

export const MANAGER_TABS: readonly ManagerTab[] = [
  { key: 'register', label: 'mgr.register', render: (c) => <RegisterTab consultants={c.roster.everyConsultant} /> },
  { key: 'summary', label: 'mgr.dailySummary', shown: (c) => c.can('dailySummary'), render: () => <DailySummaryTab /> },
  { key: 'late', label: 'hyg.lateTab', render: () => <LateEntries /> },
  { key: 'pool', label: 'mgr.pool', render: (c) => <PoolTab consultants={c.roster.consultants} everyConsultant={c.roster.everyConsultant} onAssigned={c.reloadRoster} /> },
  { key: 'customer', label: 'mgr.timeline', extraPaths: ['customer/:phone'], render: (c) => <CustomerTimeline staff={c.roster.consultants} /> },
  { key: 'staff', label: 'mgr.staff', render: (c) => <StaffTab roster={c.roster} /> },
  { key: 'violations', label: 'mgr.violations', render: (c) => <ViolationsTab roster={c.roster} /> },
  { key: 'risk', label: 'mgr.risk', render: () => <RiskTab /> },
  { key: 'performance', label: 'mgr.performance', render: () => <PerformanceTab /> },
  { key: 'reports', label: 'mgr.reports', render: () => <ReportsTab /> },
  { key: 'units', label: 'mgr.units', render: (c) => <UnitGrid liveSeq={c.liveSeq} canManage={c.can('hold')} /> },
  {
    key: 'import',
    label: 'mgr.unitImport',
    shown: (c) => c.can('importUnits'),
    render: (c) => (c.can('importUnits') ? <UnitImport /> : <Navigate to="../units" replace />),
  },
  {
    key: 'registerImport',
    label: 'mgr.registerImport',
    shown: (c) => c.can('registerImportCommit'),
    render: (c) => (c.can('registerImportCommit') ? <RegisterImportTab /> : <Navigate to="../register" replace />),
  },
  { key: 'orders', label: 'mgr.orders', render: (c) => <OrdersTab consultants={c.roster.everyConsultant} version={c.ordersVersion} /> },
  { key: 'disputes', label: 'mgr.disputes', render: (c) => <DisputesTab version={c.ordersVersion} onDecided={c.ordersChanged} /> },
  {
    key: 'queue',
    label: 'mgr.queue',
    render: (c) => (
      <>
        <QueueTab board={c.board} />
        {c.can('outOfTurn') && <OutOfTurnForm members={c.roster.data ?? []} onRecorded={c.reloadRoster} />}
      </>
    ),
  },
  { key: 'reads', label: 'mgr.reads', render: () => <ReadsTab /> },
  { key: 'policy', label: 'mgr.policy', render: () => <PolicyTab /> },
  { key: 'displays', label: 'mgr.displays', shown: (c) => c.can('displays'), render: (c) => (c.can('displays') ? <DisplaysTab /> : <Navigate to="../register" replace />) },
];
