import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  PROPOSAL_STATUSES,
  type Community,
  type ProposalStatus,
  type ProposalSummary,
  type Territory,
} from '@cocon/shared';
import { canFacilitate, useSession } from '../api/session';
import { FilterSelect } from '../components/FilterSelect';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { formatDateTime } from '../proposals/format';
import { proposalApi, referenceApi } from '../proposals/api';
import { ProposalBasicsFields } from '../proposals/ProposalBasicsFields';
import { StatusBadge } from '../proposals/StatusBadge';
import { useOrgPath } from '../org/useOrgPath';
import '../proposals/proposals.css';

interface Filters {
  communityId: string;
  theme: string;
  territory: string;
  status: '' | ProposalStatus;
  q: string;
}

const NO_FILTERS: Filters = { communityId: '', theme: '', territory: '', status: '', q: '' };

/** Every proposal the person can see, filtered and searched (accents ignored), and a new one. */
export function ProposalsPage() {
  const { t, i18n } = useTranslation();
  const inOrg = useOrgPath();
  const { user, loading } = useSession();
  const id = useId();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [query, setQuery] = useState('');
  const [list, setList] = useState<ProposalSummary[] | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [communities, setCommunities] = useState<Community[]>([]);
  const [themes, setThemes] = useState<string[]>([]);
  const [territories, setTerritories] = useState<Territory[]>([]);
  const signedIn = user?.kind === 'account';

  useEffect(() => {
    if (!signedIn) return;
    referenceApi.communities().then(setCommunities, () => {});
    referenceApi.themes().then(setThemes, () => {});
    referenceApi.territories().then(setTerritories, () => {});
  }, [signedIn]);

  // The search box waits for a pause in typing.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.q === query ? f : { ...f, q: query })), 250);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    if (!signedIn) return;
    let alive = true;
    proposalApi
      .list({
        communityId: filters.communityId || undefined,
        theme: filters.theme || undefined,
        territory: filters.territory || undefined,
        status: filters.status || undefined,
        q: filters.q.trim() || undefined,
      })
      .then((next) => {
        if (!alive) return;
        setList(next);
        setError(null);
      })
      .catch((e: unknown) => alive && setError(errorCodeOf(e)));
    return () => {
      alive = false;
    };
  }, [filters, signedIn]);

  if (loading) return <p className="page">{t('app.loading')}</p>;
  if (!signedIn) {
    return (
      <div className="page narrow">
        <h1>{t('proposals.listTitle')}</h1>
        <p>{t('proposals.signInRequired')}</p>
        <Link to="/" className="button button-primary">
          {t('home.login')}
        </Link>
      </div>
    );
  }

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const communityName = (cid: string) => communities.find((c) => c.id === cid)?.name ?? cid;
  const territoryName = (tid: string) => territories.find((x) => x.id === tid)?.name ?? tid;
  const canCreate = canFacilitate(user) || communities.some((c) => c.isMember);
  const filtered = filters.communityId || filters.theme || filters.territory || filters.status || filters.q;

  return (
    <div className="page proposals-page">
      <h1>{t('proposals.listTitle')}</h1>
      <p className="muted">{t('proposals.listIntro')}</p>
      <div className="proposals-layout">
        <section aria-labelledby={`${id}-results`} className="proposals-results">
          <form className="card proposal-filters" role="search" onSubmit={(e) => e.preventDefault()}>
            <div className="field search-field">
              <label htmlFor={`${id}-q`}>{t('proposals.search')}</label>
              <input
                id={`${id}-q`}
                type="search"
                className="input"
                value={query}
                placeholder={t('proposals.searchPlaceholder')}
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
            <div className="filter-grid">
              <FilterSelect
                id={`${id}-community`}
                label={t('proposals.community')}
                allLabel={t('proposals.all')}
                value={filters.communityId}
                options={communities.map((c) => ({ value: c.id, label: c.name }))}
                onChange={(v) => set({ communityId: v })}
                wrapperClassName="field"
              />
              <FilterSelect
                id={`${id}-theme`}
                label={t('proposals.theme')}
                allLabel={t('proposals.all')}
                value={filters.theme}
                options={themes.map((theme) => ({ value: theme, label: theme }))}
                onChange={(v) => set({ theme: v })}
                wrapperClassName="field"
              />
              <FilterSelect
                id={`${id}-mrc`}
                label={t('proposals.mrc')}
                allLabel={t('proposals.allMrc')}
                value={filters.territory}
                options={territories.map((x) => ({ value: x.id, label: x.name }))}
                onChange={(v) => set({ territory: v })}
                wrapperClassName="field"
              />
              <FilterSelect
                id={`${id}-status`}
                label={t('proposals.status')}
                allLabel={t('proposals.all')}
                value={filters.status}
                options={PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`proposals.status_${s}`) }))}
                onChange={(v) => set({ status: v as Filters['status'] })}
                wrapperClassName="field"
              />
            </div>
            {filtered && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setQuery('');
                  setFilters(NO_FILTERS);
                }}
              >
                {t('proposals.clearFilters')}
              </button>
            )}
          </form>
          <h2 id={`${id}-results`} className="visually-hidden">
            {t('proposals.results')}
          </h2>
          <ErrorMessage code={error} />
          <p className="muted small" role="status">
            {list ? t('proposals.count', { count: list.length }) : t('app.loading')}
          </p>
          {list && list.length === 0 && <p className="empty">{t('proposals.none')}</p>}
          <ul className="proposal-list">
            {list?.map((p) => (
              <li key={p.id}>
                <article className="card proposal-card" aria-labelledby={`${id}-${p.id}`}>
                  <div className="proposal-card-head">
                    <h3 id={`${id}-${p.id}`}>
                      <Link to={inOrg(`/proposals/${encodeURIComponent(p.id)}`)}>
                        {p.title || t('proposals.untitled')}
                      </Link>
                    </h3>
                    <StatusBadge status={p.status} />
                  </div>
                  <p className="muted small">
                    {communityName(p.communityId)}
                    {p.theme ? ` · ${p.theme}` : ''}
                  </p>
                  {p.territories.length > 0 && (
                    <p className="small">
                      <span className="visually-hidden">{t('proposals.territories')} : </span>
                      {p.territories.map(territoryName).join(', ')}
                    </p>
                  )}
                  <p className="comment-meta">
                    {t('proposals.statusSince', { date: formatDateTime(p.statusChangedAt, i18n.language) })}
                    {p.sourceIdeaCount > 0 && ` · ${t('proposals.fromIdeas', { count: p.sourceIdeaCount })}`}
                  </p>
                </article>
              </li>
            ))}
          </ul>
        </section>
        {canCreate && (
          <NewProposal communities={communities} themes={themes} facilitator={canFacilitate(user)} />
        )}
      </div>
    </div>
  );
}

function NewProposal({
  communities,
  themes,
  facilitator,
}: {
  communities: Community[];
  themes: string[];
  facilitator: boolean;
}) {
  const { t } = useTranslation();
  const inOrg = useOrgPath();
  const id = useId();
  const navigate = useNavigate();
  const allowed = communities.filter((c) => facilitator || c.isMember);
  const [communityId, setCommunityId] = useState('');
  const [title, setTitle] = useState('');
  const [theme, setTheme] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const chosen = communityId || allowed[0]?.id || '';
  const suggested = allowed.find((c) => c.id === chosen)?.themes ?? [];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const created = await proposalApi.create({ communityId: chosen, title: title.trim(), theme });
      void navigate(inOrg(`/proposals/${encodeURIComponent(created.id)}`));
    } catch (e) {
      setError(errorCodeOf(e));
      setBusy(false);
    }
  };

  return (
    <section className="card new-proposal" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('proposals.newTitle')}</h2>
      <form onSubmit={(e) => void onSubmit(e)}>
        <ProposalBasicsFields
          id={id}
          communities={allowed}
          communityId={chosen}
          onCommunity={setCommunityId}
          title={title}
          onTitle={setTitle}
          themes={[...suggested, ...themes.filter((x) => !suggested.includes(x))]}
          theme={theme}
          onTheme={setTheme}
        />
        <ErrorMessage code={error} />
        <button type="submit" className="button button-primary" disabled={busy || !title.trim() || !chosen}>
          {busy ? t('proposals.creating') : t('proposals.create')}
        </button>
      </form>
    </section>
  );
}
