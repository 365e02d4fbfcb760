import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useParams } from 'react-router';
import { SessionProvider } from './api/session';
import { Layout } from './components/Layout';
import { loadBoardPage } from './pages/boardChunk';
import { ForumPage } from './pages/ForumPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { LegacyOrgPath } from './org/LegacyOrgPath';
import { OrganizationScope } from './org/OrganizationScope';

// The board (Yjs, socket.io, drag and drop) and the dashboard load on demand: a phone scanning
// the join code first downloads only the home page.
const BoardPage = lazy(() => loadBoardPage().then((m) => ({ default: m.BoardPage })));
const ForumsPage = lazy(() => import('./pages/ForumsPage').then((m) => ({ default: m.ForumsPage })));
const PlansPage = lazy(() => import('./pages/PlansPage').then((m) => ({ default: m.PlansPage })));
const PlanPage = lazy(() => import('./pages/PlanPage').then((m) => ({ default: m.PlanPage })));
const ProposalsPage = lazy(() => import('./pages/ProposalsPage').then((m) => ({ default: m.ProposalsPage })));
const FundPage = lazy(() => import('./pages/FundPage').then((m) => ({ default: m.FundPage })));
const RoundPage = lazy(() => import('./pages/RoundPage').then((m) => ({ default: m.RoundPage })));
const AdminPage = lazy(() => import('./pages/AdminPage').then((m) => ({ default: m.AdminPage })));
const SetupPage = lazy(() => import('./pages/SetupPage').then((m) => ({ default: m.SetupPage })));
const InvitationPage = lazy(() =>
  import('./pages/InvitationPage').then((m) => ({ default: m.InvitationPage })),
);
const ForgotPasswordPage = lazy(() =>
  import('./pages/PasswordPages').then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('./pages/PasswordPages').then((m) => ({ default: m.ResetPasswordPage })),
);
const ProfilePage = lazy(() => import('./pages/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const PlatformPage = lazy(() => import('./pages/PlatformPage').then((m) => ({ default: m.PlatformPage })));
const ProposalPage = lazy(() => import('./pages/ProposalPage').then((m) => ({ default: m.ProposalPage })));
const PresenterPage = lazy(() =>
  import('./presenter/PresenterPage').then((m) => ({ default: m.PresenterPage })),
);

/** Remount the board (and its connections) when the id changes. */
function BoardRoute() {
  const { boardId = '' } = useParams();
  return <BoardPage key={boardId} boardId={boardId} />;
}

/** Remount the proposal (its documents and sockets) when the id changes. */
function ProposalRoute() {
  const { proposalId = '' } = useParams();
  return <ProposalPage key={proposalId} proposalId={proposalId} />;
}

/** The room's screen of a board (full window, outside the page layout). */
function PresenterRoute() {
  const { boardId = '' } = useParams();
  return (
    <Suspense fallback={null}>
      <PresenterPage key={boardId} boardId={boardId} />
    </Suspense>
  );
}

/** A fresh invitation page (preview, form) for each link. */
function InvitationRoute() {
  const { token = '' } = useParams();
  return <InvitationPage key={token} />;
}

/**
 * The pages of one organisation. They live under `/o/:slug/…` (the address says which body they
 * are about); their old unprefixed paths move there.
 */
const ORGANIZATION_PAGES = (
  <>
    <Route path="forums" element={<ForumsPage />} />
    <Route path="forums/:forumId" element={<ForumPage />} />
    <Route path="boards/:boardId" element={<BoardRoute />} />
    <Route path="plans" element={<PlansPage />} />
    <Route path="plans/:planId" element={<PlanPage />} />
    <Route path="plans/:planId/fund" element={<FundPage />} />
    <Route path="rounds/:roundId" element={<RoundPage />} />
    <Route path="proposals" element={<ProposalsPage />} />
    <Route path="proposals/:proposalId" element={<ProposalRoute />} />
    <Route path="admin" element={<AdminPage />} />
  </>
);

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          {/* The room's screen starts connecting at once (the board itself refuses a wrong session). */}
          <Route path="o/:slug/boards/:boardId/present" element={<PresenterRoute />} />
          <Route element={<Layout />}>
            <Route index element={<HomePage />} />
            <Route path="o/:slug" element={<OrganizationScope />}>
              <Route index element={<Navigate to="forums" replace />} />
              {ORGANIZATION_PAGES}
            </Route>
            <Route element={<LegacyOrgPath />}>{ORGANIZATION_PAGES}</Route>
            <Route path="join/:code" element={<HomePage />} />
            <Route path="setup" element={<SetupPage />} />
            <Route path="invitation/:token" element={<InvitationRoute />} />
            <Route path="forgot" element={<ForgotPasswordPage />} />
            <Route path="reset/:token" element={<ResetPasswordPage />} />
            <Route path="profile" element={<ProfilePage />} />
            <Route path="platform" element={<PlatformPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
