import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  rankIdeas,
  rankingVisible,
  type BoardMeta,
  type BoardRole,
  type GroupRecord,
  type IdeaView,
  type ResultsExportFormat,
} from '@cocon/shared';
import './results.css';

const SHORT = 10;
const LONG = 100;

export const resultsExportUrl = (boardId: string, format: ResultsExportFormat): string =>
  `/api/boards/${encodeURIComponent(boardId)}/results/export?format=${format}`;

/**
 * The overall ranking across clusters (dots, then reactions, then comments). Facilitators keep it
 * from the vote on, with the exports; everyone else sees it once the totals are public.
 */
export function ResultsPanel({
  boardId,
  meta,
  ideas,
  groups,
  role,
}: {
  boardId: string;
  meta: BoardMeta;
  ideas: readonly IdeaView[];
  groups: readonly GroupRecord[];
  role: BoardRole;
}) {
  const { t } = useTranslation();
  const [long, setLong] = useState(false);
  const ranking = useMemo(() => rankIdeas({ ideas, groups }), [ideas, groups]);
  if (!rankingVisible(meta, role, ranking.totals.votes)) return null;
  const facilitator = role === 'facilitator';
  const shown = ranking.ideas.slice(0, long ? LONG : SHORT);
  const groupName = (id: string | null) => groups.find((g) => g.id === id)?.name ?? t('results.ungrouped');
  const { totals } = ranking;
  return (
    // Closed while people vote: their own choice comes first.
    <details className="results-panel" open={meta.phase !== 'vote'} data-testid="results-panel">
      <summary>
        <h2 className="results-title">{t('results.title')}</h2>
        <span className="results-totals">
          {[
            t('presenter.ideas', { count: totals.ideas }),
            t('presenter.points', { count: totals.votes }),
            t('results.reactionsCount', { count: totals.reactions }),
            t('results.commentsCount', { count: totals.comments }),
          ].join(' · ')}
        </span>
      </summary>
      {facilitator && (
        <p className="muted small">
          {!rankingVisible(meta, 'participant', totals.votes)
            ? t('results.forFacilitators')
            : t('results.forEveryone')}
        </p>
      )}
      {totals.votes === 0 && <p className="muted">{t('results.empty')}</p>}
      <ol className="results-list">
        {shown.map((idea) => (
          <li key={idea.id} className="results-row" data-testid="results-row">
            <span className="results-rank" aria-label={`${t('results.rank')} ${idea.rank}`}>
              {idea.rank}
            </span>
            <span className="results-text">
              {idea.text}
              <span className="results-group">{groupName(idea.groupId)}</span>
            </span>
            <span className="results-counts">
              <strong>{t('presenter.points', { count: idea.votes })}</strong>
              <span>{t('results.reactionsCount', { count: idea.reactions })}</span>
              <span>{t('results.commentsCount', { count: idea.comments })}</span>
            </span>
          </li>
        ))}
      </ol>
      {ranking.ideas.length > SHORT && (
        <button type="button" className="button button-quiet button-small" onClick={() => setLong(!long)}>
          {long
            ? t('results.showFewer')
            : t('results.showAll', { count: Math.min(LONG, ranking.ideas.length) })}
        </button>
      )}
      {facilitator && (
        <p className="export-links">
          <a
            className="button button-secondary button-small"
            href={resultsExportUrl(boardId, 'csv')}
            download
          >
            {t('results.exportCsv')}
          </a>
          <a
            className="button button-secondary button-small"
            href={resultsExportUrl(boardId, 'pdf')}
            download
          >
            {t('results.exportPdf')}
          </a>
        </p>
      )}
    </details>
  );
}
