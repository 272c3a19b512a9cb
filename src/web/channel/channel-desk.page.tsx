// 渠道助理台, the channel assistant's workspace (their landing): today's expected broker arrivals (CH-5),
// pending broker approvals (CH-2), the manual-check queue of masked reports and arrivals (CH-8), viewing
// confirmations outstanding (CH-7), natural-visit flags (CH-10), broker ranking reports → visits → deals,
// and admitting a broker-brought party on the broker's code. Each tab is a URL below /p/:project/channel/;
// the whole desk is one read (GET /channel/workspace), read again when the floor stream reports facts.
import { Badge, Tabs } from 'antd';
import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { getChannelWorkspace } from '../api/channel-client.ts';
import { workspacePath } from '../app/workspaces.ts';
import { useFloorStream } from '../floor/use-floor-stream.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';
import { AdmitByCode } from './admit-by-code.component.tsx';
import { Approvals } from './approvals.component.tsx';
import { ExpectedArrivals, NaturalVisits, OutstandingConfirmations } from './channel-lists.component.tsx';
import { ManualChecks } from './manual-checks.component.tsx';
import { Ranking } from './ranking.component.tsx';

const TABS = ['arrivals', 'approvals', 'checks', 'confirmations', 'natural', 'ranking', 'admit'] as const;
type Tab = (typeof TABS)[number];
const LABELS: Readonly<Record<Tab, MessageKey>> = {
  arrivals: 'ch.tab.arrivals',
  approvals: 'ch.tab.approvals',
  checks: 'ch.tab.checks',
  confirmations: 'ch.tab.confirmations',
  natural: 'ch.tab.natural',
  ranking: 'ch.tab.ranking',
  admit: 'ch.tab.admit',
};

export function ChannelDeskPage() {
  const { t } = useI18n();
  const { project } = useProject();
  const { learn } = useStaffNames();
  const navigate = useNavigate();
  const location = useLocation();
  const desk = useLoad(() => getChannelWorkspace(project), [project]);
  const { reload } = desk;
  const { board } = useFloorStream(project, reload);
  useEffect(() => {
    if (board) learn(board.names);
  }, [board, learn]);
  useEffect(() => {
    if (desk.data) learn(desk.data.names);
  }, [desk.data, learn]);

  const base = `${workspacePath(project, 'channel')}/`;
  const active = TABS.find((k) => location.pathname.startsWith(base + k)) ?? 'arrivals';
  const w = desk.data;
  const counts: Partial<Record<Tab, number>> = w
    ? { approvals: w.pendingApprovals.length, checks: w.manualChecks.length, confirmations: w.confirmationsOutstanding.length, natural: w.naturalVisits.length }
    : {};
  const label = (k: Tab) => (
    <Badge count={counts[k] ?? 0} size="small" offset={[8, -2]}>
      <span>{t(LABELS[k])}</span>
    </Badge>
  );

  return (
    <div className="channel-desk" data-testid="channel-desk">
      <Tabs activeKey={active} onChange={(k) => navigate(base + k)} items={TABS.map((k) => ({ key: k, label: label(k) }))} data-testid="channel-tabs" />
      <ErrorAlert problem={desk.problem} testId="channel-error" />
      {w && (
        <Routes>
          <Route index element={<Navigate to="arrivals" replace />} />
          <Route path="arrivals" element={<ExpectedArrivals rows={w.expectedToday} />} />
          <Route path="approvals" element={<Approvals pending={w.pendingApprovals} onDecided={reload} />} />
          <Route path="checks" element={<ManualChecks checks={w.manualChecks} onDecided={reload} />} />
          <Route path="confirmations" element={<OutstandingConfirmations rows={w.confirmationsOutstanding} />} />
          <Route path="natural" element={<NaturalVisits rows={w.naturalVisits} />} />
          <Route path="ranking" element={<Ranking rows={w.ranking} probes={w.probes} />} />
          <Route path="admit" element={<AdmitByCode onAdmitted={reload} />} />
          <Route path="*" element={<Navigate to="arrivals" replace />} />
        </Routes>
      )}
    </div>
  );
}
