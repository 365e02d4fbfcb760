import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { joinedAsFrom } from '../lib/joinedAs';

/**
 * Tells a guest who just joined the name they appear under, when it is not the one they typed
 * (someone else in the forum has it, or their device keeps the one it had). Shown on the page the
 * join opened, until dismissed.
 */
export function JoinedAsNotice() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const joinedAs = joinedAsFrom(location.state);
  if (!joinedAs) return null;
  // Dismissed: the entry forgets it, so that a reload or coming back does not show it again.
  const dismiss = () => void navigate(location, { replace: true, state: null });
  return (
    <div className="page joined-as">
      <p className="notice" role="status" data-testid="joined-as">
        <span>
          {t(joinedAs.change === 'taken' ? 'home.joinedAsTaken' : 'home.joinedAsRestored', {
            name: joinedAs.name,
          })}
        </span>{' '}
        <button type="button" className="button button-secondary button-small" onClick={dismiss}>
          {t('home.joinedAsDismiss')}
        </button>
      </p>
    </div>
  );
}
