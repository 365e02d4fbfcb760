import { useTranslation } from 'react-i18next';
import type { RoundProject } from '@cocon/shared';
import { useLookups } from '../plan/lookups';
import { formatCents } from './money';

/** A project of a round: theme, MRCs, and what it asks the fund for, in total and by year. */
export function ProjectSummary({
  project,
  headingLevel = 3,
}: {
  project: RoundProject;
  headingLevel?: 3 | 4;
}) {
  const { t, i18n } = useTranslation();
  const { territoryName } = useLookups();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="fund-project">
      <Heading className="fund-project-title">{project.title}</Heading>
      <p className="fund-project-tags small">
        {project.theme && <span className="chip">{project.theme}</span>}
        {project.territories.map((m) => (
          <span key={m} className="chip">
            {territoryName(m)}
          </span>
        ))}
      </p>
      <p className="small fund-project-request">
        {t('fund.requested', { amount: formatCents(project.requestedCents, i18n.language) })}
        {project.requestByYear.length > 0 && (
          <span className="muted">
            {' '}
            (
            {project.requestByYear
              .map((r) => t('fund.inYear', { year: r.year, amount: formatCents(r.cents, i18n.language) }))
              .join(' · ')}
            )
          </span>
        )}
      </p>
    </div>
  );
}

/** The read-only list of a round's projects (accounts that neither vote nor facilitate). */
export function RoundProjects({ projects }: { projects: RoundProject[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="round-projects">
      <h2 id="round-projects">{t('fund.projects')}</h2>
      <ul className="fund-project-list">
        {projects.map((p) => (
          <li key={p.id}>
            <ProjectSummary project={p} />
          </li>
        ))}
      </ul>
    </section>
  );
}
