import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CLOSE_CODES, checkBoardAction, PHASE_ACTIONS, type BoardDetail, type IdeaView } from '@cocon/shared';
import { api } from '../api/endpoints';
import { useSession } from '../api/session';
import { createBoardActions } from '../board/actions';
import { NewIdeaAnnouncer } from '../board/announcer';
import { BoardContext, type BoardContextValue } from '../board/BoardContext';
import { BoardTopBar } from '../board/BoardTopBar';
import { Composer } from '../board/Composer';
import { connectionStatus } from '../board/connectionStatus';
import { FacilitatorPanel } from '../board/FacilitatorPanel';
import { FeedbackStore } from '../board/feedback';
import { FeedbackRegion } from '../board/FeedbackRegion';
import { HideDialog } from '../board/HideDialog';
import { useBoardChannel, useBoardDoc, useBrowserOnline, useMine, useModeration } from '../board/hooks';
import { mergePrivate, ownHiddenRecords } from '../board/privateView';
import { IdeaBoard } from '../board/IdeaBoard';
import { LiveAnnouncements } from '../board/LiveAnnouncements';
import { Spotlight } from '../board/Spotlight';
import { ResultsPanel } from '../board/ResultsPanel';
import { PresenterButton } from '../presenter/PresenterButton';
import { useOrgPath } from '../org/useOrgPath';

export function BoardPage({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  const { user } = useSession();
  const { channel, state: channelState } = useBoardChannel(boardId);
  const joined = channelState.joined;
  const role = joined?.role ?? 'participant';
  const moderator = role === 'facilitator';
  const viewerId = joined?.userId ?? user?.id ?? null;
  const { board: boardDoc, doc } = useBoardDoc(boardId, viewerId);
  const moderation = useModeration(boardId, moderator);
  const online = useBrowserOnline();
  const detail = useBoardDetail(boardId);
  const joinCode = useJoinCode(moderator ? (detail?.forumId ?? null) : null);

  const [feedback] = useState(() => new FeedbackStore());
  const [announcer] = useState(() => new NewIdeaAnnouncer());
  const [ownIdeaIds] = useState(() => new Set<string>());
  for (const id of joined?.ownAnonymousIdeaIds ?? []) ownIdeaIds.add(id);
  // What is kept off the board until a facilitator releases it: facilitators read it in the
  // moderation document, a participant asks for their own (held ideas, dots, why one was hidden).
  const boardMeta = boardDoc.meta;
  const ownHiddenCount = moderator
    ? 0
    : boardDoc.ideas.reduce(
        (n, idea) => n + (idea.hidden && (idea.authorId === viewerId || ownIdeaIds.has(idea.id)) ? 1 : 0),
        0,
      );
  const { store: mineStore, mine } = useMine(
    channel,
    [
      joined?.serverTime,
      boardMeta.privateMode,
      boardMeta.votesHidden,
      boardMeta.premoderation,
      ownHiddenCount,
    ].join('|'),
    // Facilitators read all of it in the moderation document.
    !moderator &&
      joined !== null &&
      (boardMeta.privateMode || boardMeta.votesHidden || boardMeta.premoderation || ownHiddenCount > 0),
  );
  for (const idea of mine?.held ?? []) if (idea.anonymous) ownIdeaIds.add(idea.id);
  const board = useMemo(() => {
    const ideas = mergePrivate(boardDoc.ideas, {
      role,
      viewerId,
      held: moderation.held,
      hiddenVotes: moderation.hiddenVotes,
      mine,
    });
    if (ideas === boardDoc.ideas) return boardDoc;
    return { ...boardDoc, ideas, myDotsUsed: ideas.reduce((n, idea) => n + idea.myVotes, 0) };
  }, [boardDoc, role, viewerId, moderation.held, moderation.hiddenVotes, mine]);
  // The ranking is of ideas on the board: held ones are not in it yet.
  const rankable = useMemo(() => board.ideas.filter((idea) => !idea.held), [board.ideas]);
  const hidden = useMemo(
    () => (moderator ? moderation.hidden : ownHiddenRecords(mine)),
    [moderator, moderation.hidden, mine],
  );
  const actions = useMemo(
    () => createBoardActions(channel, feedback, ownIdeaIds, mineStore),
    [channel, feedback, ownIdeaIds, mineStore],
  );
  const [hiding, setHiding] = useState<IdeaView | null>(null);
  // My idea just posted: the board scrolls to it (it may land in "Sans regroupement", far below).
  const [posted, setPosted] = useState<string | null>(null);
  const clearPosted = useCallback(() => setPosted(null), []);

  useEffect(() => () => announcer.stop(), [announcer]);
  useEffect(() => {
    if (doc.synced) announcer.observe(board.ideas, viewerId, moderator);
  }, [announcer, board.ideas, doc.synced, viewerId, moderator]);

  const { meta } = board;
  const dotsLeft = Math.max(0, meta.dotsPerParticipant - board.myDotsUsed);
  const context = useMemo<BoardContextValue>(
    () => ({
      role,
      viewerId,
      ownIdeaIds,
      meta,
      groups: board.groups,
      dotsLeft,
      actions,
      hidden,
      requestHide: setHiding,
    }),
    // `joined` carries my anonymous ideas: render again once it arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [role, viewerId, ownIdeaIds, meta, board.groups, dotsLeft, actions, hidden, joined],
  );
  const onMove = useCallback(
    (ideaId: string, groupId: string | null) => void actions.group(ideaId, groupId),
    [actions],
  );
  const confirmHide = useCallback(
    async (idea: IdeaView, reason: string) => (await actions.hide(idea.id, reason)).ok,
    [actions],
  );

  const status = connectionStatus(channelState.socketStatus, doc.status, online);
  const denied = channelState.joinError ?? (doc.closedCode !== null ? { code: 'forbidden' as const } : null);
  const title = meta.title || detail?.title || '';
  const spotlight = meta.spotlightIdeaId
    ? (board.ideas.find((idea) => idea.id === meta.spotlightIdeaId) ?? null)
    : null;
  // Facilitators may always post, but their composer follows the participants' stage so the
  // projected board looks like what people see on their phones.
  const canPost =
    checkBoardAction(role, meta, 'post') === null &&
    (!moderator || PHASE_ACTIONS[meta.phase].includes('post'));
  const canVote = checkBoardAction(role, meta, 'vote') === null;
  const hiddenCount = moderator ? board.ideas.reduce((n, idea) => n + (idea.hidden ? 1 : 0), 0) : 0;
  const held = moderator ? moderation.held : [];

  if (denied && !doc.synced) {
    return (
      <div className="page narrow">
        <h1>{t('board.accessDenied')}</h1>
        <p className="form-error" role="alert">
          {t(`errors.${denied.code}`)}
        </p>
        <p>
          <Link to="/" className="button button-primary">
            {t('board.rejoin')}
          </Link>
        </p>
      </div>
    );
  }

  return (
    <BoardContext value={context}>
      <div className="board-page" aria-busy={!doc.synced}>
        <BoardTopBar
          title={title}
          meta={meta}
          presence={channelState.presence}
          status={status}
          pending={channelState.pending}
          clockOffsetMs={channelState.clockOffsetMs}
        />
        {denied && (
          <p className="banner banner-error" role="alert">
            {/* A session that ended (signed out elsewhere, removed from the forum) says so and
                offers the way back, where a removed guest learns why. */}
            {doc.closedCode === CLOSE_CODES.unauthenticated || denied.code === 'unauthenticated' ? (
              <>
                {t('board.sessionEnded')} <Link to="/">{t('board.rejoin')}</Link>
              </>
            ) : doc.closedCode !== null ? (
              t('board.connectionClosed', { code: doc.closedCode })
            ) : (
              t(`errors.${denied.code}`)
            )}
          </p>
        )}
        <FeedbackRegion store={feedback} />
        <LiveAnnouncements announcer={announcer} />
        {moderator && (
          <FacilitatorPanel
            boardId={boardId}
            meta={meta}
            groups={board.groups}
            actions={actions}
            joinCode={joinCode}
            hiddenCount={hiddenCount}
            held={held}
          />
        )}
        <div className="board-layout">
          <div className="board-main">
            {moderator && <PresenterButton boardId={boardId} />}
            <Spotlight idea={spotlight} onClear={moderator ? () => void actions.spotlight(null) : null} />
            <ResultsPanel boardId={boardId} meta={meta} ideas={rankable} groups={board.groups} role={role} />
            <p className="phase-help">
              {meta.locked && !moderator ? t('board.lockedHelp') : t(`phaseHelp.${meta.phase}`)}
            </p>
            {!moderator &&
              (meta.privateMode || meta.premoderation || meta.votesHidden || meta.postingPaceSeconds > 0) && (
                <p className="muted small" data-testid="release-notice">
                  {[
                    meta.premoderation && t('board.premoderationNotice'),
                    meta.privateMode && t('board.privateNotice'),
                    meta.votesHidden && meta.phase !== 'collect' && t('board.votesHiddenNotice'),
                    meta.postingPaceSeconds > 0 &&
                      PHASE_ACTIONS[meta.phase].includes('post') &&
                      t('board.paceNotice', { count: meta.postingPaceSeconds }),
                  ]
                    .filter(Boolean)
                    .join(' ')}
                </p>
              )}
            {meta.phase === 'vote' && canVote && (
              <p
                className={`dots-left${dotsLeft === 0 ? ' is-empty' : ''}`}
                data-testid="dots-left"
                aria-live="polite"
              >
                <span className="dots-visual" aria-hidden="true">
                  {Array.from({ length: Math.min(meta.dotsPerParticipant, 20) }, (_, i) => (
                    <span key={i} className={`dot${i < dotsLeft ? '' : ' is-spent'}`} />
                  ))}
                </span>
                {dotsLeft === 0
                  ? t('board.noDotsLeft', { total: meta.dotsPerParticipant })
                  : t('board.dotsLeft', { count: dotsLeft, total: meta.dotsPerParticipant })}
              </p>
            )}
            {!doc.synced ? (
              <p className="loading" role="status">
                {t('board.loading')}
              </p>
            ) : (
              <>
                {canPost ? (
                  <Composer
                    boardId={boardId}
                    actions={actions}
                    allowAnonymous={meta.allowAnonymous}
                    live={status === 'live' && joined !== null}
                    onPosted={setPosted}
                  />
                ) : null}
                <IdeaBoard
                  boardId={boardId}
                  highlightId={posted}
                  onHighlighted={clearPosted}
                  ideas={board.ideas}
                  groups={board.groups}
                  moderator={moderator}
                  spotlightIdeaId={meta.spotlightIdeaId}
                  phase={meta.phase}
                  onMove={onMove}
                />
              </>
            )}
            {detail && (
              <p className="board-footer">
                <Link to={inOrg(`/forums/${detail.forumId}`)}>
                  ← {detail.forumTitle || t('board.forumLink')}
                </Link>
              </p>
            )}
          </div>
        </div>
        {moderator && <HideDialog idea={hiding} onCancel={() => setHiding(null)} onConfirm={confirmHide} />}
      </div>
    </BoardContext>
  );
}

function useBoardDetail(boardId: string): BoardDetail | null {
  const [detail, setDetail] = useState<BoardDetail | null>(null);
  useEffect(() => {
    let alive = true;
    api
      .board(boardId)
      .then((result) => {
        if (alive) setDetail(result);
      })
      .catch(() => {
        // The title also comes from the board document; the page works without this.
      });
    return () => {
      alive = false;
    };
  }, [boardId]);
  return detail;
}

function useJoinCode(forumId: string | null): string | null {
  const [code, setCode] = useState<{ forumId: string; code: string | null } | null>(null);
  useEffect(() => {
    if (!forumId) return;
    let alive = true;
    api
      .forum(forumId)
      .then((forum) => {
        if (alive) setCode({ forumId, code: forum.joinCode });
      })
      .catch(() => {
        // No code to project; the dashboard still shows it.
      });
    return () => {
      alive = false;
    };
  }, [forumId]);
  return code && code.forumId === forumId ? code.code : null;
}
