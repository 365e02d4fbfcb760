import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BallotView, RoundView } from '@cocon/shared';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { BallotLineError, fundApi } from './api';
import {
  editLine,
  loadBallot,
  markFailed,
  markSaved,
  markSaving,
  rebaseOnConflict,
  refreshBallot,
  setFocus,
  takeStored,
  usedNow,
  type AmountCodec,
  type BallotState,
} from './ballotModel';
import { BallotLineRow } from './BallotLineRow';
import { centsToInput, formatAmount, parseDollars, parseWhole } from './money';
import type { RoundChange } from './useRoundLive';

/**
 * The ballot of the viewer's organization: one line per project, each saved on its own against
 * the rev it was loaded at. Lines saved by another representative of the same organization
 * arrive live (round:changed) without touching a line being typed in.
 */
export function BallotPanel({ round, change }: { round: RoundView; change: RoundChange | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const method = round.rules.method;
  const codec = useMemo<AmountCodec>(
    () =>
      method === 'points'
        ? { toText: (n) => String(n), parse: parseWhole }
        : { toText: (c) => centsToInput(c, lang), parse: parseDollars },
    [method, lang],
  );
  const projectIds = useMemo(() => round.projects.map((p) => p.id), [round.projects]);
  const [ballot, setBallot] = useState<BallotView | null>(null);
  const [lines, setLines] = useState<BallotState | null>(null);
  const [error, setError] = useState<ReturnType<typeof errorCodeOf> | null>(null);
  const readOnly = round.status !== 'open';
  const latest = useRef({ codec, projectIds });
  useEffect(() => {
    latest.current = { codec, projectIds };
  });

  const fetchBallot = useCallback(() => {
    fundApi
      .ballot(round.id)
      .then((next) => {
        const { codec: c, projectIds: ids } = latest.current;
        setBallot(next);
        setLines((state) => (state ? refreshBallot(state, next, ids, c) : loadBallot(next, ids, c)));
        setError(null);
      })
      .catch((err: unknown) => setError(errorCodeOf(err)));
  }, [round.id]);

  useEffect(fetchBallot, [fetchBallot]);
  useEffect(() => {
    if (!change) return;
    if (change.what === 'status' || (change.what === 'ballot' && change.partnerId === round.viewer.partnerId))
      fetchBallot();
  }, [change, fetchBallot, round.viewer.partnerId]);

  const save = (projectId: string, state: BallotState) => {
    const line = state[projectId];
    if (!line) return;
    const amount = codec.parse(line.amountText);
    if (amount === null) return;
    setLines((s) => s && markSaving(s, projectId));
    fundApi
      .putLine(round.id, projectId, {
        amount,
        opinion: line.opinion,
        reason: line.reason.trim(),
        baseRev: line.base.rev,
      })
      .then((next) => {
        setBallot(next);
        setLines((s) => s && markSaved(s, projectId, next, projectIds, codec));
      })
      .catch((err: unknown) => {
        const failure =
          err instanceof BallotLineError
            ? { code: err.code, problem: err.problem, line: err.line }
            : { code: errorCodeOf(err), problem: null, line: null };
        setLines((s) => s && markFailed(s, projectId, failure));
      });
  };

  if (!lines || !ballot) {
    return (
      <section className="card">
        <ErrorMessage code={error} />
        {!error && <p aria-busy="true">{t('app.loading')}</p>}
      </section>
    );
  }

  const used = usedNow(lines, codec);
  const left = ballot.limit - used;
  const fmt = (n: number) => formatAmount(n, method, lang);

  return (
    <section className="card fund-ballot" aria-labelledby="ballot-title" data-testid="ballot">
      <h2 id="ballot-title">{t('fund.ballotOf', { name: ballot.partnerName })}</h2>
      <p className="hint">{t(`fund.ballotHint_${method}`)}</p>
      {readOnly && <p className="notice">{t('fund.ballotClosed')}</p>}
      <div
        className={`fund-remaining${left < 0 ? ' fund-remaining-over' : ''}`}
        aria-live="polite"
        data-testid="remaining"
      >
        <span>{t('fund.remaining', { left: fmt(Math.max(0, left)), limit: fmt(ballot.limit) })}</span>
        <span className="fund-remaining-track" aria-hidden="true">
          <span
            className="fund-remaining-fill"
            style={{ width: `${ballot.limit > 0 ? Math.min(100, (used / ballot.limit) * 100) : 0}%` }}
          />
        </span>
        {left < 0 && <span className="fund-remaining-warn">{t('fund.overBy', { amount: fmt(-left) })}</span>}
      </div>
      <ErrorMessage code={error} />
      <ol className="fund-ballot-lines">
        {round.projects.map((project) => {
          const line = lines[project.id];
          if (!line) return null;
          return (
            <BallotLineRow
              key={project.id}
              project={project}
              line={line}
              method={method}
              codec={codec}
              readOnly={readOnly}
              onEdit={(edit) => setLines((s) => s && editLine(s, project.id, edit))}
              onFocus={(focused) => setLines((s) => s && setFocus(s, project.id, focused, codec))}
              onSave={() => save(project.id, lines)}
              onReapply={() => {
                const rebased = rebaseOnConflict(lines, project.id);
                setLines(rebased);
                save(project.id, rebased);
              }}
              onTakeStored={() => setLines((s) => s && takeStored(s, project.id, codec))}
            />
          );
        })}
      </ol>
    </section>
  );
}
