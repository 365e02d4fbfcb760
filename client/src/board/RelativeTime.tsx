import { useTranslation } from 'react-i18next';
import { useNow } from '../lib/clock';
import { relativeTime } from '../lib/format';

export function RelativeTime({ at }: { at: number }) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const text = relativeTime(at, Math.max(now, at), i18n.language) ?? t('time.justNow');
  return (
    <time dateTime={new Date(at).toISOString()} title={new Date(at).toLocaleString(i18n.language)}>
      {text}
    </time>
  );
}
