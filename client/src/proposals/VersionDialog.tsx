import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { ProposalVersionDetail, ProposalVersionSummary, Territory } from '@cocon/shared';
import { Dialog } from '../components/Dialog';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import type { ClientErrorCode } from '../api/http';
import { proposalApi } from './api';
import { FieldsContext, type FieldsContextValue } from './FieldsContext';
import { formatDateTime } from './format';
import { RichTextEditor } from './RichTextEditor';
import { StructuredFields } from './StructuredFields';
import { decodeState } from './textDiff';

const READ_ONLY: FieldsContextValue = {
  readOnly: true,
  peers: [],
  publishFocus: () => {},
  onComment: null,
  commentCounts: new Map(),
};

/** One saved version, opened read-only from its Yjs states (formatting kept). */
export function VersionDialog({
  proposalId,
  share,
  version,
  themes,
  territories,
  onClose,
}: {
  proposalId: string;
  share: string | null;
  version: ProposalVersionSummary | null;
  themes: readonly string[];
  territories: readonly Territory[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [detail, setDetail] = useState<ProposalVersionDetail | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const versionId = version?.id ?? null;

  useEffect(() => {
    if (!versionId) return;
    let alive = true;
    proposalApi
      .version(proposalId, versionId, share)
      .then((d) => alive && setDetail(d))
      .catch((e: unknown) => alive && setError(errorCodeOf(e)));
    return () => {
      alive = false;
      setDetail(null);
      setError(null);
    };
  }, [proposalId, versionId, share]);

  const docs = useMemo(() => {
    if (!detail) return null;
    const text = new Y.Doc();
    const fields = new Y.Doc();
    Y.applyUpdate(text, decodeState(detail.textState));
    Y.applyUpdate(fields, decodeState(detail.fieldsState));
    return { text, fields };
  }, [detail]);
  useEffect(
    () => () => {
      docs?.text.destroy();
      docs?.fields.destroy();
    },
    [docs],
  );

  const user = { name: '', color: '#000000' };
  return (
    <Dialog open={version !== null} onClose={onClose} labelledBy="version-title" className="version-dialog">
      <div className="dialog-body">
        <div className="version-dialog-head">
          <div>
            <h2 id="version-title">{t('proposals.versionTitle', { name: version?.name ?? '' })}</h2>
            {version && (
              <p className="muted small">
                {version.createdByName} · {formatDateTime(version.createdAt, i18n.language)} ·{' '}
                {t('proposals.readOnlyVersion')}
              </p>
            )}
          </div>
          <button type="button" className="button button-quiet button-small" onClick={onClose}>
            {t('proposals.close')}
          </button>
        </div>
        <ErrorMessage code={error} />
        {!docs && !error && <p role="status">{t('app.loading')}</p>}
        {docs && (
          <FieldsContext value={READ_ONLY}>
            <section className="card" aria-label={t('proposals.sectionText')}>
              <RichTextEditor
                doc={docs.text}
                fragment="context"
                label={t('proposals.context')}
                provider={null}
                user={user}
                editable={false}
                onCommentSelection={null}
              />
              <RichTextEditor
                doc={docs.text}
                fragment="description"
                label={t('proposals.description')}
                provider={null}
                user={user}
                editable={false}
                onCommentSelection={null}
              />
            </section>
            <StructuredFields doc={docs.fields} themes={themes} territories={territories} />
          </FieldsContext>
        )}
      </div>
    </Dialog>
  );
}
