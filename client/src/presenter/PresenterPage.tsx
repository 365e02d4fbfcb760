import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import {
  rankIdeas,
  rankingVisible,
  timerRemainingMs,
  type BoardRanking,
  type IdeaView,
  type TimerState,
} from '@cocon/shared';
import { api } from '../api/endpoints';
import { NewIdeaAnnouncer } from '../board/announcer';
import { overMessageKey } from '../board/Countdown';
import { useBoardChannel, useBoardDoc } from '../board/hooks';
import { LiveAnnouncements } from '../board/LiveAnnouncements';
import { useNow } from '../lib/clock';
import { formatCountdown } from '../lib/format';
import { JoinQr } from './JoinQr';
import { joinLink, shortJoinLink } from './joinLink';
import { wallSections, type WallSection } from './wallLayout';
import './presenter.css';

/**
 * The room's screen: the join code and its QR code, the ideas arriving, the spotlighted idea, the
 * timer and, once the totals are public, the ranking. No controls: it is one more read-only
 * client of the board document and follows what the facilitators do on theirs.
 */
export function PresenterPage({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  const { state: channel } = useBoardChannel(boardId);
  // The room sees what participants see: no viewer of its own (no "my dots").
  const { board, doc } = useBoardDoc(boardId, null);
  const joinCode = useJoinCode(boardId);
  const capacity = useWallCapacity();
  const [announcer] = useState(() => new NewIdeaAnnouncer(10_000));
  useEffect(() => () => announcer.stop(), [announcer]);
  useEffect(() => {
    if (doc.synced) announcer.observe(board.ideas, null, false);
  }, [announcer, board.ideas, doc.synced]);

  const { meta } = board;
  const ranking = useMemo(() => rankIdeas(board), [board]);
  const showResults = rankingVisible(meta, 'participant', ranking.totals.votes);
  const spotlight = meta.spotlightIdeaId
    ? (board.ideas.find((idea) => idea.id === meta.spotlightIdeaId && !idea.hidden) ?? null)
    : null;
  const sections = useMemo(
    () => (showResults || spotlight ? [] : wallSections(board.ideas, board.groups, capacity)),
    [showResults, spotlight, board.ideas, board.groups, capacity],
  );
  const title = meta.title || t('presenter.title');
  useEffect(() => {
    document.title = `${title} · ${t('presenter.title')}`;
  }, [title, t]);

  const denied = channel.joinError !== null || doc.closedCode !== null;
  // What the room is waiting for when the board holds things back (nothing of it is on this screen).
  const notice = meta.privateMode
    ? t('presenter.privateNotice')
    : meta.phase === 'vote' && meta.votesHidden
      ? t('presenter.votesHiddenNotice')
      : meta.phase === 'closed' && meta.votesHidden
        ? t('presenter.resultsPendingNotice')
        : null;
  return (
    <div className="presenter" aria-busy={!doc.synced} data-testid="presenter">
      <header className="presenter-bar">
        <div className="presenter-heading">
          <h1 className="presenter-title">{title}</h1>
          <span className={`presenter-phase phase-${meta.phase}`} data-testid="presenter-phase">
            {t(`phase.${meta.phase}`)}
          </span>
        </div>
        <PresenterTimer timer={meta.timer} clockOffsetMs={channel.clockOffsetMs} />
      </header>
      <aside className="presenter-join" aria-labelledby="presenter-join-title">
        <h2 id="presenter-join-title" className="presenter-join-title">
          {t('presenter.joinTitle')}
        </h2>
        {joinCode ? (
          <>
            <JoinQr
              text={joinLink(joinCode, window.location.origin)}
              label={t('presenter.qrLabel', { url: shortJoinLink(joinCode, window.location) })}
            />
            <p className="presenter-join-step">{t('presenter.orOpen')}</p>
            <p className="presenter-link" data-testid="presenter-join-link">
              {/* Broken, if it must be, before /join: never inside the code. */}
              <span>{window.location.host}</span>
              <wbr />
              <span>/join/{joinCode}</span>
            </p>
            <p className="presenter-join-step">{t('presenter.withCode')}</p>
            <p className="presenter-code" data-testid="presenter-join-code">
              {joinCode}
            </p>
          </>
        ) : (
          <p className="presenter-join-step">{t('presenter.noCode')}</p>
        )}
      </aside>
      <main className="presenter-main" id="main" tabIndex={-1}>
        {denied && !doc.synced ? (
          <p className="presenter-message" role="alert">
            {t('presenter.denied')}
          </p>
        ) : !doc.synced ? (
          <p className="presenter-message" role="status">
            {t('presenter.loading')}
          </p>
        ) : spotlight ? (
          <PresenterSpotlight idea={spotlight} />
        ) : showResults ? (
          <ResultsChart ranking={ranking} live={meta.phase === 'vote'} />
        ) : (
          <>
            {notice && <p className="presenter-notice">{notice}</p>}
            <IdeaWall sections={sections} />
          </>
        )}
      </main>
      <footer className="presenter-foot">
        <span data-testid="presenter-count">{t('presenter.ideas', { count: ranking.totals.ideas })}</span>
        {channel.presence && <span>{t('presenter.people', { count: channel.presence.count })}</span>}
        {doc.synced && doc.status !== 'connected' && (
          <span className="presenter-offline">{t('presenter.reconnecting')}</span>
        )}
      </footer>
      <LiveAnnouncements announcer={announcer} />
    </div>
  );
}

function PresenterTimer({ timer, clockOffsetMs }: { timer: TimerState | null; clockOffsetMs: number }) {
  const { t } = useTranslation();
  const now = useNow(timer !== null && timer.endsAt !== null ? 1000 : 0);
  const remaining = timerRemainingMs(timer, now + clockOffsetMs);
  if (timer === null || remaining === null) return null;
  const over = remaining <= 0;
  const paused = timer.endsAt === null;
  return (
    <div
      className={`presenter-timer${over ? ' is-over' : ''}${paused ? ' is-paused' : ''}`}
      role="timer"
      aria-label={t('timer.label')}
    >
      <span className="presenter-timer-time">{formatCountdown(remaining)}</span>
      {(over || paused) && (
        <span className="presenter-timer-state">{over ? t(overMessageKey(timer)) : t('timer.paused')}</span>
      )}
    </div>
  );
}

function PresenterSpotlight({ idea }: { idea: IdeaView }) {
  const { t } = useTranslation();
  return (
    <section
      className="presenter-spotlight"
      aria-labelledby="presenter-spotlight-title"
      data-testid="presenter-spotlight"
    >
      <h2 id="presenter-spotlight-title" className="presenter-section-title">
        {t('presenter.spotlight')}
      </h2>
      <blockquote className="presenter-spotlight-text">{idea.text}</blockquote>
      <p className="presenter-spotlight-author">— {idea.authorName ?? t('idea.anonymous')}</p>
    </section>
  );
}

function IdeaWall({ sections }: { sections: WallSection[] }) {
  const { t } = useTranslation();
  const wall = useRef<HTMLDivElement>(null);
  // Ideas vary in length: a card that would be cut by the bottom of its column is not shown.
  useLayoutEffect(() => {
    for (const column of wall.current?.querySelectorAll<HTMLElement>('.presenter-column') ?? []) {
      const bottom = column.getBoundingClientRect().bottom;
      for (const card of column.querySelectorAll<HTMLElement>('.presenter-idea')) {
        card.hidden = false;
        if (card.getBoundingClientRect().bottom > bottom + 1) card.hidden = true;
      }
    }
  });
  const total = sections.reduce((n, section) => n + section.total, 0);
  if (total === 0) return <p className="presenter-message">{t('presenter.empty')}</p>;
  const grouped = sections.length > 1 || sections[0]?.group !== null;
  return (
    <div ref={wall} className={`presenter-wall${grouped ? ' is-grouped' : ''}`} data-testid="presenter-wall">
      {sections.map((section) => {
        const name = section.group?.name ?? t('presenter.ungrouped');
        return (
          <section
            key={section.group?.id ?? 'none'}
            className="presenter-column"
            aria-label={grouped ? name : t('presenter.wall')}
          >
            {grouped && (
              <h2 className="presenter-column-title">
                {name} <span className="presenter-column-count">{section.total}</span>
              </h2>
            )}
            <ul className="presenter-ideas">
              {section.ideas.map((idea) => (
                <li key={idea.id} className="presenter-idea" data-testid="presenter-idea">
                  <p className="presenter-idea-text">{idea.text}</p>
                  <p className="presenter-idea-author">{idea.authorName ?? t('idea.anonymous')}</p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/** The ranking as horizontal bars: the first places that fit, longest bar for the most dots. */
function ResultsChart({ ranking, live }: { ranking: BoardRanking; live: boolean }) {
  const { t } = useTranslation();
  const rows = useChartRows();
  const top = ranking.ideas.slice(0, rows);
  const max = Math.max(1, ...top.map((idea) => idea.votes));
  return (
    <section
      className="presenter-results"
      aria-labelledby="presenter-results-title"
      data-testid="presenter-results"
    >
      <h2 id="presenter-results-title" className="presenter-section-title">
        {t('presenter.results')}
        {live && <span className="presenter-live">{t('presenter.live')}</span>}
      </h2>
      <ol className="presenter-bars">
        {top.map((idea) => (
          <li key={idea.id} className="presenter-bar-row" data-testid="presenter-result">
            <span className="presenter-rank" aria-hidden="true">
              {idea.rank}
            </span>
            <div className="presenter-bar-body">
              <p className="presenter-bar-text">
                <span className="visually-hidden">{t('presenter.rank', { rank: idea.rank })} </span>
                {idea.text}
              </p>
              <div className="presenter-bar-track">
                <span
                  className="presenter-bar-fill"
                  style={{ width: `${(idea.votes / max) * 100}%` }}
                  aria-hidden="true"
                />
                <span className="presenter-bar-value">{t('presenter.points', { count: idea.votes })}</span>
              </div>
            </div>
          </li>
        ))}
      </ol>
      {ranking.ideas.length > top.length && (
        <p className="presenter-more">{t('presenter.more', { count: ranking.ideas.length - top.length })}</p>
      )}
    </section>
  );
}

function subscribeResize(listener: () => void): () => void {
  window.addEventListener('resize', listener);
  return () => window.removeEventListener('resize', listener);
}

/** How many idea cards the wall has room for on this screen (never the whole board). */
function useWallCapacity(): number {
  return useSyncExternalStore(subscribeResize, () => {
    const width = Math.max(320, window.innerWidth - 0.24 * window.innerWidth);
    const height = Math.max(240, window.innerHeight - 0.22 * window.innerHeight);
    const card = { width: 0.2 * window.innerWidth, height: 0.15 * window.innerHeight };
    return Math.max(3, Math.min(40, Math.floor(width / card.width) * Math.floor(height / card.height)));
  });
}

/** Bars of the chart that fit (about 9 % of the height each). */
function useChartRows(): number {
  return useSyncExternalStore(subscribeResize, () =>
    Math.max(
      3,
      Math.min(10, Math.floor((window.innerHeight * 0.7) / Math.max(64, window.innerHeight * 0.085))),
    ),
  );
}

/** The forum's join code (facilitators get it; anyone else sees the screen without it). */
function useJoinCode(boardId: string): string | null {
  const [code, setCode] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    api
      .board(boardId)
      .then((detail) => api.forum(detail.forumId))
      .then((forum) => {
        if (alive) setCode(forum.joinCode);
      })
      .catch(() => {
        // The screen works without it: the ideas and the timer still come.
      });
    return () => {
      alive = false;
    };
  }, [boardId]);
  return code;
}
