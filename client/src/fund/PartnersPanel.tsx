import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerView } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { fundApi } from './api';

/** Partner organizations and their representatives (facilitators manage them here). */
export function PartnersPanel({
  partners,
  onChanged,
}: {
  partners: PartnerView[];
  onChanged: (partner: PartnerView) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onChanged(await fundApi.createPartner(name.trim()));
      setName('');
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="fund-partners" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="visually-hidden">
        {t('fund.partners')}
      </h2>
      <p className="hint">{t('fund.partnersHint')}</p>
      {partners.length === 0 && <p className="empty">{t('fund.noPartners')}</p>}
      <ul className="fund-partner-list">
        {partners.map((partner) => (
          <PartnerItem key={partner.id} partner={partner} onChanged={onChanged} />
        ))}
      </ul>
      <form className="inline-form fund-inline-form" onSubmit={(e) => void onCreate(e)}>
        <label htmlFor={`${id}-name`}>{t('fund.newPartner')}</label>
        <div className="inline-form-row">
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="button button-secondary" disabled={busy || !name.trim()}>
            {t('fund.addPartner')}
          </button>
        </div>
        <ErrorMessage code={error} />
      </form>
    </section>
  );
}

function PartnerItem({ partner, onChanged }: { partner: PartnerView; onChanged: (p: PartnerView) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<PartnerView>, after?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await work());
      after?.();
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="fund-partner" data-testid="fund-partner">
      <h3 className="fund-partner-name">{partner.name}</h3>
      {partner.representatives.length === 0 ? (
        <p className="muted small">{t('fund.noRepresentatives')}</p>
      ) : (
        <ul className="fund-reps" aria-label={t('fund.representativesOf', { name: partner.name })}>
          {partner.representatives.map((rep) => (
            <li key={rep.id}>
              <span>
                {rep.name} <span className="muted small">{rep.email}</span>
              </span>
              <button
                type="button"
                className="button button-quiet button-small"
                disabled={busy}
                aria-label={t('fund.removeRepresentative', { name: rep.name })}
                onClick={() => void run(() => fundApi.removeRepresentative(partner.id, rep.id))}
              >
                {t('fund.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form fund-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (email.trim())
            void run(
              () => fundApi.addRepresentative(partner.id, email.trim()),
              () => setEmail(''),
            );
        }}
      >
        <label htmlFor={`${id}-email`}>{t('fund.representativeEmail', { name: partner.name })}</label>
        <div className="inline-form-row">
          <input
            id={`${id}-email`}
            className="input"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <button type="submit" className="button button-secondary" disabled={busy || !email.trim()}>
            {t('fund.addRepresentative')}
          </button>
        </div>
        <ErrorMessage code={error} />
      </form>
    </li>
  );
}
