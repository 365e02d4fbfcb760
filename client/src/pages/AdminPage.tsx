import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommunitiesSection } from '../admin/CommunitiesSection';
import { OrganizationSection } from '../admin/OrganizationSection';
import { PeopleSection } from '../admin/PeopleSection';
import { TerritoriesSection } from '../admin/TerritoriesSection';
import { ThemesSection } from '../admin/ThemesSection';
import { canAdminister } from '../api/session';
import { AccountsOnly } from '../components/AccountsOnly';
import { Tabs, tabPanelProps } from '../components/Tabs';
import '../plan/plan.css';
import '../admin/admin.css';

const SECTIONS = ['organization', 'territories', 'themes', 'communities', 'people'] as const;
type Section = (typeof SECTIONS)[number];

/** `/admin`: the organisation's set-up, for its admins. */
export function AdminPage() {
  const { t } = useTranslation();
  return (
    <AccountsOnly>
      {(user) =>
        canAdminister(user) ? (
          // Another organisation (switcher) starts from fresh lists.
          <AdminContent key={user.organization?.id} selfId={user.id} />
        ) : (
          <div className="page narrow">
            <h1>{t('admin.title')}</h1>
            <p className="notice">{t('admin.adminsOnly')}</p>
          </div>
        )
      }
    </AccountsOnly>
  );
}

function AdminContent({ selfId }: { selfId: string }) {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('organization');
  return (
    <div className="page admin-page">
      <h1>{t('admin.title')}</h1>
      <Tabs
        names={SECTIONS}
        current={section}
        label={t('admin.sections')}
        labelOf={(name) => t(`admin.tab_${name}`)}
        idPrefix="admin"
        className="admin-tabs"
        onChange={setSection}
      />
      <div {...tabPanelProps('admin', section)} className="admin-panel">
        {section === 'organization' && <OrganizationSection />}
        {section === 'territories' && <TerritoriesSection />}
        {section === 'themes' && <ThemesSection />}
        {section === 'communities' && <CommunitiesSection />}
        {section === 'people' && <PeopleSection selfId={selfId} />}
      </div>
    </div>
  );
}
