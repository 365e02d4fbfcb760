import { useTranslation } from 'react-i18next';
import { TextField } from '../components/TextField';

/**
 * The three fields a new proposal starts from: its community, its title, its theme ("no theme"
 * first). The proposals page's form and the board's promote dialog both render these.
 */
export function ProposalBasicsFields({
  id,
  communities,
  communityId,
  onCommunity,
  title,
  onTitle,
  themes,
  theme,
  onTheme,
}: {
  id: string;
  communities: readonly { id: string; name: string }[];
  communityId: string;
  onCommunity: (communityId: string) => void;
  title: string;
  onTitle: (title: string) => void;
  themes: readonly string[];
  theme: string;
  onTheme: (theme: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-community`}>{t('proposals.community')}</label>
        <select
          id={`${id}-community`}
          className="select"
          value={communityId}
          onChange={(e) => onCommunity(e.target.value)}
        >
          {communities.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id={`${id}-name`}
        label={t('proposals.title')}
        value={title}
        maxLength={200}
        required
        onChange={onTitle}
      />
      <div className="field">
        <label htmlFor={`${id}-theme`}>{t('proposals.theme')}</label>
        <select id={`${id}-theme`} className="select" value={theme} onChange={(e) => onTheme(e.target.value)}>
          <option value="">{t('proposals.noTheme')}</option>
          {themes.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
