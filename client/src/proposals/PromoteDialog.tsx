import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { proposalRole, type Community } from '@cocon/shared';
import { api } from '../api/endpoints';
import type { ClientErrorCode } from '../api/http';
import { useSession } from '../api/session';
import { Dialog } from '../components/Dialog';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { excerpt } from '../lib/format';
import { proposalApi, referenceApi } from './api';
import { ProposalBasicsFields } from './ProposalBasicsFields';
import { useOrgPath } from '../org/useOrgPath';
import './proposals.css';

export type PromoteSource =
  { kind: 'group'; groupId: string; name: string } | { kind: 'ideas'; ideaIds: string[]; text: string };

/**
 * A facilitator turns a cluster (or chosen ideas) of the board into a proposal of a community,
 * then lands on it. The ideas become its context text and both sides link to each other.
 */
export function PromoteDialog({
  boardId,
  source,
  onClose,
}: {
  boardId: string;
  source: PromoteSource;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const inOrg = useOrgPath();
  const [communities, setCommunities] = useState<Community[]>([]);
  const [themes, setThemes] = useState<string[]>([]);
  const [boardCommunity, setBoardCommunity] = useState<string | null>(null);
  const [communityId, setCommunityId] = useState('');
  const [title, setTitle] = useState(() =>
    source.kind === 'group' ? source.name : excerpt(source.text, 120),
  );
  const [theme, setTheme] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  useEffect(() => {
    let alive = true;
    referenceApi.communities().then(
      (c) => alive && setCommunities(c),
      () => {},
    );
    referenceApi.themes().then(
      (th) => alive && setThemes(th),
      () => {},
    );
    api.board(boardId).then(
      (b) => alive && setBoardCommunity(b.communityId),
      () => {},
    );
    return () => {
      alive = false;
    };
  }, [boardId]);

  const chosen = communityId || boardCommunity || communities[0]?.id || '';
  const community = communities.find((c) => c.id === chosen);
  const chosenTheme = theme ?? community?.themes[0] ?? '';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const created = await proposalApi.create({
        communityId: chosen,
        title: title.trim(),
        theme: chosenTheme,
        source:
          source.kind === 'group'
            ? { boardId, groupId: source.groupId }
            : { boardId, ideaIds: source.ideaIds },
      });
      onClose();
      void navigate(inOrg(`/proposals/${encodeURIComponent(created.id)}`));
    } catch (e) {
      setError(errorCodeOf(e));
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} labelledBy={`${id}-title`}>
      <form className="dialog-body" onSubmit={(e) => void onSubmit(e)}>
        <h2 id={`${id}-title`}>{t('proposals.promoteTitle')}</h2>
        <p className="muted">
          {source.kind === 'group'
            ? t('proposals.promoteGroupIntro', { name: source.name })
            : t('proposals.promoteIdeasIntro', { count: source.ideaIds.length })}
        </p>
        <ProposalBasicsFields
          id={id}
          communities={communities}
          communityId={chosen}
          onCommunity={(value) => {
            setCommunityId(value);
            setTheme(null);
          }}
          title={title}
          onTitle={setTitle}
          themes={themes}
          theme={chosenTheme}
          onTheme={setTheme}
        />
        <ErrorMessage code={error} />
        <div className="dialog-actions">
          <button type="button" className="button button-quiet" onClick={onClose}>
            {t('proposals.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy || !chosen || !title.trim()}>
            {busy ? t('proposals.creating') : t('proposals.promoteSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A facilitator's button that opens the promote dialog (board id from the route). */
export function PromoteButton({ source, className }: { source: PromoteSource; className?: string }) {
  const { t } = useTranslation();
  const { boardId = '' } = useParams();
  const [open, setOpen] = useState(false);
  const label =
    source.kind === 'group' ? t('proposals.promoteGroup', { name: source.name }) : t('proposals.promoteIdea');
  return (
    <>
      <button
        type="button"
        className={`button button-quiet button-small promote-button ${className ?? ''}`}
        onClick={() => setOpen(true)}
        aria-label={label}
      >
        {t('proposals.promoteShort')}
      </button>
      {open && <PromoteDialog boardId={boardId} source={source} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * "→ Proposition" links on an idea card that fed one or more proposals, for those who can open
 * them (the policy's proposal role: people of the board's organisation). A guest cannot (the page
 * answers 404): they are told that the idea was taken up, without a link.
 */
export function ProposalLinks({ proposalIds }: { proposalIds: readonly string[] }) {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  const { user } = useSession();
  if (proposalIds.length === 0) return null;
  const actor = user
    ? {
        kind: user.kind,
        role: user.role,
        organizationId: user.organization?.id ?? null,
        forumId: user.forumId,
      }
    : null;
  const canOpen =
    proposalRole(
      actor,
      { organizationId: user?.organization?.id ?? null, shareToken: null },
      { memberOfCommunity: false, shareToken: null },
    ) !== null;
  if (!canOpen) {
    return (
      <p className="idea-proposals muted small" data-testid="idea-proposal-note">
        {t('proposals.takenUp', { count: proposalIds.length })}
      </p>
    );
  }
  return (
    <p className="idea-proposals">
      {proposalIds.map((pid, i) => (
        <Link key={pid} to={inOrg(`/proposals/${encodeURIComponent(pid)}`)} data-testid="idea-proposal-link">
          → {proposalIds.length > 1 ? t('proposals.proposalN', { n: i + 1 }) : t('proposals.proposalLink')}
        </Link>
      ))}
    </p>
  );
}
