import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A list row's Edit and (when given) Remove buttons, named after the row; `children` follow. */
export function RowActions({
  name,
  onEdit,
  onRemove,
  children,
}: {
  name: string;
  onEdit: () => void;
  onRemove?: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="admin-row-actions">
      <button
        type="button"
        className="button button-quiet button-small"
        aria-label={t('admin.editNamed', { name })}
        onClick={onEdit}
      >
        {t('admin.edit')}
      </button>
      {onRemove && (
        <button
          type="button"
          className="button button-quiet button-small danger"
          aria-label={t('admin.removeNamed', { name })}
          onClick={onRemove}
        >
          {t('admin.remove')}
        </button>
      )}
      {children}
    </div>
  );
}
