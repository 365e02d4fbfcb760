import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { LIMITS } from '@cocon/shared';
import { Field, fieldId, type FieldErrors } from './forms';
import { slugFromName } from './slug';

/** A new body's name, region and address (slug) as typed. */
export interface OrganizationDraft {
  name: string;
  region: string;
  slug: string;
  /** The slug was typed: it no longer follows the name. */
  slugEdited: boolean;
}

export const EMPTY_ORGANIZATION: OrganizationDraft = { name: '', region: '', slug: '', slugEdited: false };

/** The body the draft describes, as `organization` in the request. */
export const organizationOf = ({ name, region, slug }: OrganizationDraft) => ({ name, region, slug });

/** The fields' paths, in page order. */
export const ORGANIZATION_ORDER = ['organization.name', 'organization.region', 'organization.slug'];

/** What to tell for each field the schema refuses. */
export const organizationMessages = (t: TFunction): Record<string, string> => ({
  'organization.name': t('forms.required'),
  'organization.region': t('forms.tooLong'),
  'organization.slug': t('forms.slugInvalid'),
});

/**
 * Name, region and slug of a new body (ids `${prefix}-organization-…`, errors keyed
 * `organization.…`); the slug follows the name until it is typed.
 */
export function OrganizationFields({
  prefix,
  value,
  onChange,
  errors,
  hints = false,
}: {
  prefix: string;
  value: OrganizationDraft;
  onChange: Dispatch<SetStateAction<OrganizationDraft>>;
  errors: FieldErrors;
  /** Explain the name and the region too (the slug always has its hint). */
  hints?: boolean;
}) {
  const { t } = useTranslation();
  const id = (path: string) => fieldId(prefix, path);
  return (
    <>
      <Field
        id={id('organization.name')}
        label={t('setup.orgName')}
        value={value.name}
        onChange={(name) =>
          onChange((draft) => ({ ...draft, name, slug: draft.slugEdited ? draft.slug : slugFromName(name) }))
        }
        hint={hints ? t('setup.orgNameHint') : undefined}
        error={errors['organization.name']}
        maxLength={LIMITS.titleMax}
        required
      />
      <Field
        id={id('organization.region')}
        label={t('setup.region')}
        value={value.region}
        onChange={(region) => onChange((draft) => ({ ...draft, region }))}
        hint={hints ? t('setup.regionHint') : undefined}
        error={errors['organization.region']}
        maxLength={LIMITS.titleMax}
      />
      <Field
        id={id('organization.slug')}
        label={t('setup.slug')}
        value={value.slug}
        onChange={(slug) => onChange((draft) => ({ ...draft, slug, slugEdited: true }))}
        hint={t('setup.slugHint', { url: `${window.location.host}/o/${value.slug || '…'}` })}
        error={errors['organization.slug']}
        spellCheck={false}
        maxLength={48}
        required
      />
    </>
  );
}
