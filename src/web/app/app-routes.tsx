// The routes. Each workspace is its own chunk (React.lazy), so the front desk does not download the
// manager's tables or the charts.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { HomeRedirect } from './home-redirect.component.tsx';
import { PageLoading } from './page-loading.component.tsx';
import { NotFound } from './not-found.component.tsx';
import { RequireSession } from './require-session.component.tsx';
import { AdminGate } from './admin-gate.component.tsx';
import { WorkspaceGate } from './workspace-gate.component.tsx';

function page<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((m) => ({ default: pick(m) })));
}

const LoginPage = page(() => import('../login/login.page.tsx'), (m) => m.LoginPage);
const FrontDeskPage = page(() => import('../front-desk/front-desk.page.tsx'), (m) => m.FrontDeskPage);
const FloorBoardPage = page(() => import('../floor/floor-board.page.tsx'), (m) => m.FloorBoardPage);
const ConsultantPage = page(() => import('../consultant/consultant.page.tsx'), (m) => m.ConsultantPage);
const ManagerPage = page(() => import('../manager/manager.page.tsx'), (m) => m.ManagerPage);
// The channel (issue 10): the broker's phone portal and the channel assistant's workspace.
const BrokerPortalPage = page(() => import('../broker/broker-portal.page.tsx'), (m) => m.BrokerPortalPage);
const BrokerApplyPage = page(() => import('../broker/broker-apply.page.tsx'), (m) => m.BrokerApplyPage);
const ChannelDeskPage = page(() => import('../channel/channel-desk.page.tsx'), (m) => m.ChannelDeskPage);
const AdminPage = page(() => import('../admin/admin.page.tsx'), (m) => m.AdminPage);
// tv-pairing (issue 16.1): a floor TV pairs itself and shows the board with its own credential, no session.
const PairPage = page(() => import('../display/pair.page.tsx'), (m) => m.PairPage);
const TvPage = page(() => import('../display/tv.page.tsx'), (m) => m.TvPage);

export function AppRoutes() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/broker/apply" element={<BrokerApplyPage />} />
        <Route path="/pair" element={<PairPage />} />
        <Route path="/tv" element={<TvPage />} />
        <Route element={<RequireSession />}>
          <Route index element={<HomeRedirect />} />
          <Route path="/p/:project" element={<HomeRedirect />} />
          <Route path="/p/:project/desk" element={<WorkspaceGate workspace="desk" page={FrontDeskPage} />} />
          <Route path="/p/:project/board" element={<WorkspaceGate workspace="board" page={FloorBoardPage} bare />} />
          <Route path="/p/:project/me" element={<WorkspaceGate workspace="me" page={ConsultantPage} />} />
          <Route path="/p/:project/manager/*" element={<WorkspaceGate workspace="manager" page={ManagerPage} />} />
          <Route path="/p/:project/broker" element={<WorkspaceGate workspace="broker" page={BrokerPortalPage} />} />
          <Route path="/p/:project/channel/*" element={<WorkspaceGate workspace="channel" page={ChannelDeskPage} />} />
          <Route path="/admin" element={<AdminGate page={AdminPage} />} />
        </Route>
        <Route path="/index.html" element={<Navigate to="/" replace />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
