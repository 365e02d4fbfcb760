import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OrganizationSummary, SessionUser } from '@cocon/shared';
import { orgPath } from '../org/orgPath';
import { adminApi } from './api';

/** The header's organisation: its name, or a switcher for a person who belongs to several. */
export function OrganizationSwitcher({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [organizations, setOrganizations] = useState<OrganizationSummary[]>([]);

  useEffect(() => {
    let alive = true;
    adminApi
      .myOrganizations()
      .then((list) => {
        if (alive) setOrganizations(list);
      })
      .catch(() => {
        // The name alone still shows.
      });
    return () => {
      alive = false;
    };
  }, [user.id]);

  const current = user.organization;
  if (organizations.length < 2) {
    return current ? (
      <span className="header-org" title={current.name}>
        {current.name}
      </span>
    ) : null;
  }

  // Going to the other body's address is the switch: OrganizationScope switches the session there.
  // Switching here as well would race it (the page still showing the old address switches back).
  const onChange = (organizationId: string) => {
    // The options are this list: the target is always found.
    const target = organizations.find((org) => org.id === organizationId);
    if (target) void navigate(orgPath(target.slug, '/forums'));
  };

  return (
    <span className="header-org-switch">
      <label htmlFor="header-org-select" className="visually-hidden">
        {t('header.organization')}
      </label>
      <select
        id="header-org-select"
        className="select select-small header-org-select"
        value={current?.id ?? ''}
        onChange={(e) => onChange(e.target.value)}
      >
        {!current && <option value="">{t('header.chooseOrganization')}</option>}
        {organizations.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name}
          </option>
        ))}
      </select>
    </span>
  );
}
