import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/react';
import type {
  CommentAnchor,
  Community,
  ProposalChangedPayload,
  ProposalCommentView,
  ProposalDetail,
  ProposalHistoryEntry,
  ProposalVersionSummary,
  TextFragmentName,
  Territory,
} from '@cocon/shared';
import { useSession } from '../api/session';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { ConnectionBadge } from '../board/ConnectionBadge';
import { connectionStatus } from '../board/connectionStatus';
import { useBrowserOnline } from '../board/hooks';
import { proposalApi, referenceApi } from '../proposals/api';
import { closedMessageKey, colorFor, type CollabUser, type Peer } from '../proposals/collab';
import { CommentsPanel } from '../proposals/CommentsPanel';
import { FieldsContext, type FieldsContextValue } from '../proposals/FieldsContext';
import { HistoryPanel } from '../proposals/HistoryPanel';
import { useProposalDocs, useProposalEvents } from '../proposals/hooks';
import { RichTextEditor, selectAnchor, type TextSelectionAnchor } from '../proposals/RichTextEditor';
import { SharePanel } from '../proposals/SharePanel';
import { StatusBadge } from '../proposals/StatusBadge';
import { StructuredFields } from '../proposals/StructuredFields';
import { VersionDialog } from '../proposals/VersionDialog';
import { WorkflowActions } from '../proposals/WorkflowActions';
import { useFieldsView } from '../proposals/yDocHooks';
import { usePeers } from '../proposals/yhooks';
import { useOrgPath } from '../org/useOrgPath';
import '../proposals/proposals.css';

type Tab = 'comments' | 'history' | 'lineage';

export function ProposalPage({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation();
  const { user, loading } = useSession();
  const [params] = useSearchParams();
  const share = params.get('share');
  if (loading) return <p className="page">{t('app.loading')}</p>;
  // A new person (sign in or out) gets fresh connections with their own name.
  return <ProposalWorkspace key={user?.id ?? 'share'} proposalId={proposalId} share={share} />;
}

function ProposalWorkspace({ proposalId, share }: { proposalId: string; share: string | null }) {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  const { user } = useSession();
  const signedIn = user?.kind === 'account';
  const [collabUser] = useState<CollabUser>(() => {
    const name = user?.displayName ?? t('proposals.shareReader');
    return { name, color: colorFor(user?.id ?? `${name}${Math.random()}`) };
  });
  const { docs, state: docState } = useProposalDocs(proposalId, share, collabUser);
  const [detail, setDetail] = useState<ProposalDetail | null>(null);
  const [loadError, setLoadError] = useState<ClientErrorCode | null>(null);
  const [comments, setComments] = useState<ProposalCommentView[]>([]);
  const [versions, setVersions] = useState<ProposalVersionSummary[]>([]);
  const [history, setHistory] = useState<ProposalHistoryEntry[] | null>(null);
  const [themes, setThemes] = useState<string[]>([]);
  const [territories, setTerritories] = useState<Territory[]>([]);
  const [communities, setCommunities] = useState<Community[]>([]);
  const [tab, setTab] = useState<Tab>('comments');
  const [draftAnchor, setDraftAnchor] = useState<CommentAnchor | null>(null);
  const [openVersion, setOpenVersion] = useState<ProposalVersionSummary | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const editors = useRef(new Map<TextFragmentName, Editor>());
  const online = useBrowserOnline();

  const loadDetail = useCallback(() => {
    proposalApi
      .detail(proposalId, share)
      .then((next) => {
        setDetail(next);
        setLoadError(null);
      })
      .catch((e: unknown) => setLoadError(errorCodeOf(e)));
  }, [proposalId, share]);
  const loadComments = useCallback(() => {
    proposalApi
      .comments(proposalId, share)
      .then(setComments)
      .catch(() => {});
  }, [proposalId, share]);
  const loadVersions = useCallback(() => {
    proposalApi
      .versions(proposalId, share)
      .then(setVersions)
      .catch(() => {});
    if (signedIn)
      proposalApi
        .history(proposalId)
        .then(setHistory)
        .catch(() => setHistory([]));
  }, [proposalId, share, signedIn]);

  useEffect(() => {
    loadDetail();
    loadComments();
    loadVersions();
  }, [loadDetail, loadComments, loadVersions]);

  useEffect(() => {
    if (!signedIn) return;
    referenceApi.themes().then(setThemes, () => {});
    referenceApi.territories().then(setTerritories, () => {});
    referenceApi.communities().then(setCommunities, () => {});
  }, [signedIn]);

  const onChanged = useCallback(
    (what: ProposalChangedPayload['what']) => {
      if (what === 'status' || what === 'projection') loadDetail();
      if (what === 'status' || what === 'versions') loadVersions();
      if (what === 'comments') loadComments();
    },
    [loadDetail, loadVersions, loadComments],
  );
  const socketState = useProposalEvents(proposalId, signedIn, onChanged);

  // Say it when the status changes, whoever changed it.
  const lastStatus = useRef<string | null>(null);
  useEffect(() => {
    if (!detail) return;
    if (lastStatus.current !== null && lastStatus.current !== detail.status) {
      setAnnouncement(t('proposals.statusNow', { status: t(`proposals.status_${detail.status}`) }));
    }
    lastStatus.current = detail.status;
  }, [detail, t]);

  const view = useFieldsView(docs.fieldsDoc, docState.synced);
  const textPeers = usePeers(docs.textAwareness);
  const fieldPeers = usePeers(docs.fieldsAwareness);

  const role = detail?.role ?? 'reader';
  const canWrite = role === 'writer' || role === 'facilitator';
  const canComment = role === 'writer' || role === 'facilitator' || role === 'commenter';
  const frozen = detail?.contentFrozen ?? false;

  const openComments = useMemo(() => {
    const counts = new Map<string, number>();
    for (const c of comments) {
      if (!c.resolved && c.anchor.kind === 'field')
        counts.set(c.anchor.path, (counts.get(c.anchor.path) ?? 0) + 1);
    }
    return counts;
  }, [comments]);

  const focusNewComment = useCallback(() => {
    setTab('comments');
    requestAnimationFrame(() => {
      const box = document.querySelector<HTMLTextAreaElement>('#new-comment textarea');
      box?.scrollIntoView({ block: 'center' });
      box?.focus();
    });
  }, []);

  const fieldsContext = useMemo<FieldsContextValue>(
    () => ({
      readOnly: !canWrite || frozen,
      peers: fieldPeers,
      publishFocus: (focus) => {
        const awareness = docs.fieldsAwareness;
        if (!awareness) return;
        const current = (awareness.getLocalState() as { field?: unknown } | null)?.field ?? null;
        if (JSON.stringify(current) !== JSON.stringify(focus)) awareness.setLocalStateField('field', focus);
      },
      onComment: canComment
        ? (path) => {
            setDraftAnchor({ kind: 'field', path });
            focusNewComment();
          }
        : null,
      commentCounts: openComments,
    }),
    [canWrite, frozen, fieldPeers, docs, canComment, openComments, focusNewComment],
  );

  const onCommentSelection = useCallback(
    (anchor: TextSelectionAnchor) => {
      setDraftAnchor(anchor);
      focusNewComment();
    },
    [focusNewComment],
  );
  const onEditor = useCallback((fragment: TextFragmentName, editor: Editor | null) => {
    if (editor) editors.current.set(fragment, editor);
    else editors.current.delete(fragment);
  }, []);
  const onShowAnchor = useCallback((anchor: CommentAnchor) => {
    if (anchor.kind === 'text') {
      selectAnchor(editors.current.get(anchor.fragment) ?? null, anchor.start, anchor.end);
      return;
    }
    const target =
      document.querySelector<HTMLElement>(`[data-path="${CSS.escape(anchor.path)}"]`) ??
      document.getElementById('fields-general');
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }, []);

  if (loadError && !detail) {
    return (
      <div className="page narrow">
        <h1>{t('proposals.notFound')}</h1>
        <ErrorMessage code={loadError} />
        <p>
          <Link to={inOrg('/proposals')}>{t('proposals.backToList')}</Link>
        </p>
      </div>
    );
  }

  const title = (view?.title ?? '').trim() || detail?.title || t('proposals.untitled');
  const community = communities.find((c) => c.id === detail?.communityId);
  const docStatus =
    docState.text === 'connected' && docState.fields === 'connected'
      ? 'connected'
      : docState.text === 'disconnected' && docState.fields === 'disconnected'
        ? 'disconnected'
        : 'connecting';
  const status = connectionStatus(
    socketState === 'none' ? 'connected' : socketState === 'connected' ? 'connected' : 'disconnected',
    docStatus,
    online,
  );
  const people = mergePeers(textPeers, fieldPeers);

  return (
    <div className="proposal-page" aria-busy={!docState.synced || !detail}>
      <header className="proposal-head">
        <p className="proposal-breadcrumb">
          <Link to={inOrg('/proposals')}>← {t('proposals.listTitle')}</Link>
        </p>
        <div className="proposal-title-row">
          <h1 className="proposal-title" data-testid="proposal-title">
            {title}
          </h1>
          {detail && <StatusBadge status={detail.status} />}
        </div>
        <p className="proposal-meta muted">
          {community?.name ?? detail?.communityId}
          {view?.theme ? ` · ${view.theme}` : ''}
        </p>
        <div className="proposal-toolbar">
          <ConnectionBadge status={status} pending={0} />
          <PeopleHere me={collabUser} people={people} />
        </div>
        <div className="proposal-actions">
          {detail && (
            <WorkflowActions
              detail={detail}
              onDone={(next) => {
                setDetail(next);
                loadVersions();
              }}
            />
          )}
          {detail && canWrite && <SharePanel proposalId={proposalId} />}
          {detail && <ProposalDownloads proposalId={proposalId} share={share} />}
        </div>
        <p className="visually-hidden" aria-live="polite" data-testid="status-announcement">
          {announcement}
        </p>
      </header>

      {detail && <RoleNotice detail={detail} history={history} />}
      {docState.closedCode !== null && (
        <p className="banner banner-error" role="alert">
          {t(closedMessageKey(docState.closedCode), { code: docState.closedCode })}
        </p>
      )}

      <div className="proposal-layout">
        <div className="proposal-main">
          {!docState.synced ? (
            <p className="loading" role="status">
              {t('proposals.loading')}
            </p>
          ) : (
            <FieldsContext value={fieldsContext}>
              {frozen && detail && detail.status !== 'draft' && detail.status !== 'changes_requested' && (
                <p className="notice frozen-notice" data-testid="fields-frozen">
                  {t(`proposals.frozenNotice_${detail.status}`)}
                </p>
              )}
              <section className="card" aria-labelledby="text-title">
                <h2 id="text-title">{t('proposals.sectionText')}</h2>
                {(['context', 'description'] as const).map((fragment) => (
                  <RichTextEditor
                    key={fragment}
                    doc={docs.textDoc}
                    fragment={fragment}
                    label={t(`proposals.${fragment}`)}
                    provider={docs.textProvider}
                    user={collabUser}
                    editable={canWrite && !frozen}
                    onCommentSelection={canComment ? onCommentSelection : null}
                    onEditor={onEditor}
                  />
                ))}
              </section>
              <StructuredFields doc={docs.fieldsDoc} themes={themes} territories={territories} />
            </FieldsContext>
          )}
        </div>

        <aside className="proposal-aside" aria-label={t('proposals.sidePanel')}>
          <div className="p-segmented tabs" role="group" aria-label={t('proposals.sidePanel')}>
            <button type="button" aria-pressed={tab === 'comments'} onClick={() => setTab('comments')}>
              {t('proposals.tabComments', { count: comments.filter((c) => !c.resolved).length })}
            </button>
            <button type="button" aria-pressed={tab === 'history'} onClick={() => setTab('history')}>
              {t('proposals.tabHistory')}
            </button>
            <button type="button" aria-pressed={tab === 'lineage'} onClick={() => setTab('lineage')}>
              {t('proposals.tabLineage', { count: detail?.sourceIdeas.length ?? 0 })}
            </button>
          </div>
          {tab === 'comments' && (
            <CommentsPanel
              proposalId={proposalId}
              comments={comments}
              canComment={canComment}
              view={view}
              draftAnchor={draftAnchor}
              onDraftAnchor={setDraftAnchor}
              onShowAnchor={onShowAnchor}
              onChanged={loadComments}
            />
          )}
          {tab === 'history' && (
            <HistoryPanel
              proposalId={proposalId}
              share={share}
              versions={versions}
              canWrite={canWrite}
              frozen={frozen}
              signedIn={signedIn}
              view={view}
              history={history}
              onOpenVersion={setOpenVersion}
              onVersionsChanged={loadVersions}
            />
          )}
          {tab === 'lineage' && detail && <Lineage detail={detail} />}
        </aside>
      </div>
      <VersionDialog
        proposalId={proposalId}
        share={share}
        version={openVersion}
        themes={themes}
        territories={territories}
        onClose={() => setOpenVersion(null)}
      />
    </div>
  );
}

/** One entry per person across both documents (a person has one caret colour). */
function mergePeers(a: Peer[], b: Peer[]): { name: string; color: string }[] {
  const seen = new Map<string, { name: string; color: string }>();
  for (const peer of [...a, ...b]) seen.set(`${peer.user.name}|${peer.user.color}`, peer.user);
  return [...seen.values()];
}

function PeopleHere({ me, people }: { me: CollabUser; people: { name: string; color: string }[] }) {
  const { t } = useTranslation();
  return (
    <div className="people-here" data-testid="people-here">
      <span className="visually-hidden">{t('proposals.peopleHere', { count: people.length + 1 })}</span>
      <ul aria-label={t('proposals.peopleHere', { count: people.length + 1 })}>
        <li title={t('proposals.you')}>
          <span className="person-dot" style={{ backgroundColor: me.color }} aria-hidden="true" />
          {t('proposals.you')}
        </li>
        {people.map((p) => (
          <li key={`${p.name}|${p.color}`}>
            <span className="person-dot" style={{ backgroundColor: p.color }} aria-hidden="true" />
            {p.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RoleNotice({ detail, history }: { detail: ProposalDetail; history: ProposalHistoryEntry[] | null }) {
  const { t } = useTranslation();
  const lastRequest =
    detail.status === 'changes_requested' || detail.status === 'declined'
      ? history?.find(
          (e) => e.action === `proposal:${detail.status === 'declined' ? 'decline' : 'request_changes'}`,
        )
      : undefined;
  const reason = typeof lastRequest?.details.reason === 'string' ? lastRequest.details.reason : '';
  return (
    <div className="role-notices">
      {detail.role === 'commenter' && <p className="notice">{t('proposals.commenterNotice')}</p>}
      {detail.role === 'reader' && <p className="notice">{t('proposals.readerNotice')}</p>}
      {reason && (
        <div className="notice notice-warning" data-testid="review-reason">
          <strong>
            {t(detail.status === 'declined' ? 'proposals.declinedBy' : 'proposals.changesRequestedBy', {
              name: lastRequest?.actorName ?? '',
            })}
          </strong>
          <p className="quote">{reason}</p>
        </div>
      )}
    </div>
  );
}

function Lineage({ detail }: { detail: ProposalDetail }) {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  return (
    <section aria-labelledby="lineage-title" data-testid="lineage">
      <h2 id="lineage-title">{t('proposals.lineageTitle')}</h2>
      {detail.sourceIdeas.length === 0 ? (
        <p className="empty small">{t('proposals.noLineage')}</p>
      ) : (
        <>
          <p className="muted small">{t('proposals.lineageIntro')}</p>
          <ul className="lineage-list">
            {detail.sourceIdeas.map((idea) => (
              <li key={idea.ideaId} className="lineage-idea">
                <p className="thread-text">{idea.text}</p>
                <Link to={inOrg(`/boards/${encodeURIComponent(idea.boardId)}`)}>
                  {t('proposals.openBoard')}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The proposal as it reads now, to print or send: PDF and DOCX. */
function ProposalDownloads({ proposalId, share }: { proposalId: string; share: string | null }) {
  const { t } = useTranslation();
  const href = (format: 'pdf' | 'docx') =>
    `/api/proposals/${encodeURIComponent(proposalId)}/export?format=${format}${share ? `&share=${encodeURIComponent(share)}` : ''}`;
  return (
    <p className="proposal-downloads">
      <a className="button button-quiet button-small" href={href('pdf')} download>
        {t('proposals.downloadPdf')}
      </a>{' '}
      <a className="button button-quiet button-small" href={href('docx')} download>
        {t('proposals.downloadDocx')}
      </a>
    </p>
  );
}
