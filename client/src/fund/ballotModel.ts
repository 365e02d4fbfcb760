import {
  emptyBallotLine,
  type BallotLine,
  type BallotProblem,
  type BallotView,
  type Opinion,
} from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';

/**
 * The ballot as one representative edits it: each line keeps what the person typed apart from
 * what is stored, so a refresh (another representative of the same organization saved a line)
 * never overwrites a field being typed in, and a save always says which rev it started from.
 */

/** How a ballot's amounts are typed: points as whole numbers, envelope money as dollars. */
export interface AmountCodec {
  toText: (amount: number) => string;
  parse: (text: string) => number | null;
}

export type LineStatus = 'idle' | 'saving' | 'saved' | 'error';

export interface LineState {
  projectId: string;
  /** The stored line the person's edit starts from: its rev is the save's baseRev. */
  base: BallotLine;
  /** A newer stored line not applied because the person is editing this one. */
  remote: BallotLine | null;
  amountText: string;
  opinion: Opinion | null;
  reason: string;
  focused: boolean;
  status: LineStatus;
  problem: BallotProblem | null;
  errorCode: ClientErrorCode | null;
  /** The line as stored now, after a refusal because someone else changed it first. */
  conflict: BallotLine | null;
}

export type BallotState = Record<string, LineState>;

function fresh(line: BallotLine, codec: AmountCodec, previous?: LineState): LineState {
  return {
    projectId: line.projectId,
    base: line,
    remote: null,
    amountText: codec.toText(line.amount),
    opinion: line.opinion,
    reason: line.reason,
    focused: previous?.focused ?? false,
    status: previous?.status === 'saved' ? 'saved' : 'idle',
    problem: null,
    errorCode: null,
    conflict: null,
  };
}

/** Whether what the person typed differs from the line it started from. */
export function isDirty(line: LineState, codec: AmountCodec): boolean {
  return (
    codec.parse(line.amountText) !== line.base.amount ||
    line.opinion !== line.base.opinion ||
    line.reason.trim() !== line.base.reason.trim()
  );
}

const linesOf = (ballot: BallotView, projectIds: string[]): BallotLine[] => {
  const byId = new Map(ballot.lines.map((l) => [l.projectId, l]));
  return projectIds.map((id) => byId.get(id) ?? emptyBallotLine(id));
};

export function loadBallot(ballot: BallotView, projectIds: string[], codec: AmountCodec): BallotState {
  return Object.fromEntries(linesOf(ballot, projectIds).map((l) => [l.projectId, fresh(l, codec)]));
}

/**
 * A newer ballot from the server: lines the person is not touching take it; a line being typed
 * in (focused or changed) keeps the person's text and remembers the newer line to show it.
 */
export function refreshBallot(
  state: BallotState,
  ballot: BallotView,
  projectIds: string[],
  codec: AmountCodec,
): BallotState {
  const next: BallotState = {};
  for (const line of linesOf(ballot, projectIds)) {
    const current = state[line.projectId];
    if (!current) next[line.projectId] = fresh(line, codec);
    else if (line.rev === current.base.rev) next[line.projectId] = { ...current, remote: null };
    else if (current.focused || isDirty(current, codec) || current.status === 'saving')
      next[line.projectId] = { ...current, remote: line };
    else next[line.projectId] = fresh(line, codec, current);
  }
  return next;
}

export type LineEdit = Partial<Pick<LineState, 'amountText' | 'opinion' | 'reason'>>;

export function editLine(state: BallotState, projectId: string, edit: LineEdit): BallotState {
  const line = state[projectId];
  if (!line) return state;
  return {
    ...state,
    [projectId]: { ...line, ...edit, status: line.status === 'saving' ? 'saving' : 'idle', problem: null },
  };
}

export function setFocus(state: BallotState, projectId: string, focused: boolean, codec: AmountCodec) {
  const line = state[projectId];
  if (!line) return state;
  // Leaving an untouched line: it catches up with what was saved meanwhile.
  if (!focused && line.remote && !isDirty(line, codec))
    return { ...state, [projectId]: fresh(line.remote, codec) };
  return { ...state, [projectId]: { ...line, focused } };
}

export function markSaving(state: BallotState, projectId: string): BallotState {
  const line = state[projectId];
  return line
    ? { ...state, [projectId]: { ...line, status: 'saving', problem: null, errorCode: null } }
    : state;
}

/** The server took the line: it is the new base, and untouched lines follow the answer too. */
export function markSaved(
  state: BallotState,
  projectId: string,
  ballot: BallotView,
  projectIds: string[],
  codec: AmountCodec,
): BallotState {
  const saved = linesOf(ballot, projectIds).find((l) => l.projectId === projectId);
  const refreshed = refreshBallot(state, ballot, projectIds, codec);
  const line = state[projectId];
  if (!saved || !line) return refreshed;
  return { ...refreshed, [projectId]: { ...fresh(saved, codec), focused: line.focused, status: 'saved' } };
}

/** The server refused the line: nothing was saved, the person's text stays. */
export function markFailed(
  state: BallotState,
  projectId: string,
  failure: { code: ClientErrorCode; problem: BallotProblem | null; line: BallotLine | null },
): BallotState {
  const line = state[projectId];
  if (!line) return state;
  return {
    ...state,
    [projectId]: {
      ...line,
      status: 'error',
      errorCode: failure.code,
      problem: failure.problem,
      conflict: failure.problem === 'line_changed' ? failure.line : line.conflict,
    },
  };
}

/** After a conflict: start again from the stored line, keeping the person's text (to save it over). */
export function rebaseOnConflict(state: BallotState, projectId: string): BallotState {
  const line = state[projectId];
  if (!line?.conflict) return state;
  return { ...state, [projectId]: { ...line, base: line.conflict, remote: null, conflict: null } };
}

/** After a conflict: drop the person's text and take the stored line. */
export function takeStored(state: BallotState, projectId: string, codec: AmountCodec): BallotState {
  const line = state[projectId];
  const stored = line?.conflict ?? line?.remote;
  if (!line || !stored) return state;
  return { ...state, [projectId]: { ...fresh(stored, codec), focused: line.focused } };
}

/** What the ballot gives out as typed now (a line not yet readable counts as stored). */
export function usedNow(state: BallotState, codec: AmountCodec): number {
  return Object.values(state).reduce(
    (sum, line) => sum + (codec.parse(line.amountText) ?? line.base.amount),
    0,
  );
}
