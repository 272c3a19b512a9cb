// 经理工作台: the register (unmasked, SEC-1), a customer's timeline with reassigning (OWN-5, OWN-15),
// people (suspension ROT-14, departure OWN-10), the queue (ROT-1) and the read log (SEC-2). Each tab is
// a URL below /p/:project/manager/.
import { Tabs } from 'antd';
import { useEffect, useMemo } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useFloorStream } from '../floor/use-floor-stream.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { CustomerTimeline } from './customer-timeline.component.tsx';
import { managerPath } from './manager-path.ts';
import { QueueTab } from './queue-tab.component.tsx';
import { ReadsTab } from './reads-tab.component.tsx';
import { RegisterTab } from './register-tab.component.tsx';
import { StaffTab } from './staff-tab.component.tsx';

const TABS = ['register', 'customer', 'staff', 'queue', 'reads'] as const;
const LABELS = { register: 'mgr.register', customer: 'mgr.timeline', staff: 'mgr.staff', queue: 'mgr.queue', reads: 'mgr.reads' } as const;

export function ManagerPage() {
  const { t } = useI18n();
  const { project } = useProject();
  const { learn } = useStaffNames();
  const { board } = useFloorStream(project);
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    if (board) learn(board.names);
  }, [board, learn]);
  const consultants = useMemo(() => board?.seats.map((s) => s.who) ?? [], [board]);
  const active = TABS.find((k) => location.pathname.startsWith(managerPath(project, k))) ?? 'register';

  return (
    <div className="manager" data-testid="manager">
      <Tabs activeKey={active} onChange={(k) => navigate(managerPath(project, k))} items={TABS.map((k) => ({ key: k, label: t(LABELS[k]) }))} />
      <Routes>
        <Route index element={<Navigate to="register" replace />} />
        <Route path="register" element={<RegisterTab staff={consultants} />} />
        <Route path="customer" element={<CustomerTimeline staff={consultants} />} />
        <Route path="customer/:phone" element={<CustomerTimeline staff={consultants} />} />
        <Route path="staff" element={<StaffTab board={board} />} />
        <Route path="queue" element={<QueueTab board={board} />} />
        <Route path="reads" element={<ReadsTab />} />
      </Routes>
    </div>
  );
}
