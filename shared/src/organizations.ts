import { z } from 'zod';
import { ACCOUNT_ROLES, type AccountRole } from './roles.js';
import { idSchema } from './ids.js';
import { LIMITS } from './limits.js';

/**
 * Organisations (regional bodies), their set-up and their people: the HTTP contract of the
 * setup page, the admin pages, invitations, password resets and profiles.
 */

/** Kinds of territory a body divides its region into. */
export const TERRITORY_KINDS = ['mrc', 'ville', 'secteur', 'communaute_autochtone', 'autre'] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Passwords: at least this long, and not one of the common ones (checked on the server). */
export const PASSWORD_MIN_LENGTH = 10;

const email = z.string().trim().toLowerCase().email().max(200);
const personName = z.string().trim().min(1).max(LIMITS.displayNameMax);
const password = z.string().min(PASSWORD_MIN_LENGTH).max(200);
const shortText = z.string().trim().min(1).max(LIMITS.titleMax);
/** An organisation's slug, shown in URLs: lowercase letters, digits and dashes. */
export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'lowercase letters, digits and dashes');

/** Single-use tokens sent by e-mail (invitations, resets): 43 URL-safe characters. */
export const mailTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'must be a token');

export const organizationBody = z
  .object({ name: shortText, region: z.string().trim().max(LIMITS.titleMax).default(''), slug: slugSchema })
  .strict();

export const setupBody = z
  .object({
    organization: organizationBody,
    admin: z.object({ name: personName, email, password }).strict(),
  })
  .strict();

/** A platform operator creates another body and invites its first admin. */
export const createOrganizationBody = z
  .object({ organization: organizationBody, adminEmail: email, language: z.enum(LANGUAGES).default('fr') })
  .strict();

export const updateOrganizationBody = z
  .object({ name: shortText, region: z.string().trim().max(LIMITS.titleMax) })
  .strict();

export const themesBody = z
  .object({ themes: z.array(shortText).max(40) })
  .strict()
  .refine((b) => new Set(b.themes.map((t) => t.toLowerCase())).size === b.themes.length, {
    message: 'each theme once',
    path: ['themes'],
  });

export const territoryBody = z.object({ name: shortText, kind: z.enum(TERRITORY_KINDS) }).strict();

export const communityBody = z
  .object({
    name: shortText,
    themes: z.array(shortText).max(20).default([]),
    memberIds: z.array(idSchema).max(500).default([]),
  })
  .strict();

export const switchOrganizationBody = z.object({ organizationId: idSchema }).strict();

export const invitationBody = z
  .object({
    email,
    role: z.enum(ACCOUNT_ROLES),
    communityIds: z.array(idSchema).max(50).default([]),
    /** For partner representatives: the partner they speak for. */
    partnerId: idSchema.nullable().default(null),
    language: z.enum(LANGUAGES).default('fr'),
  })
  .strict();

export const acceptInvitationBody = z
  .object({
    token: mailTokenSchema,
    /** A new account chooses its name and password; an existing one proves it with its password. */
    name: personName.optional(),
    password: z.string().min(1).max(200).optional(),
  })
  .strict();

export const forgotPasswordBody = z.object({ email }).strict();
export const resetPasswordBody = z.object({ token: mailTokenSchema, password }).strict();

export const profileBody = z.object({ name: personName, language: z.enum(LANGUAGES) }).strict();
export const changePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: password })
  .strict();

export const updatePersonBody = z
  .object({
    role: z.enum(ACCOUNT_ROLES),
    communityIds: z.array(idSchema).max(50),
    /** Left out: the partner they represent stays as it is. */
    partnerId: idSchema.nullable().optional(),
    active: z.boolean(),
  })
  .strict();

export type OrganizationBody = z.input<typeof organizationBody>;
export type SetupBody = z.input<typeof setupBody>;
export type CreateOrganizationBody = z.input<typeof createOrganizationBody>;
export type UpdateOrganizationBody = z.input<typeof updateOrganizationBody>;
export type ThemesBody = z.input<typeof themesBody>;
export type TerritoryBody = z.input<typeof territoryBody>;
export type CommunityBody = z.input<typeof communityBody>;
export type InvitationBody = z.input<typeof invitationBody>;
export type AcceptInvitationBody = z.input<typeof acceptInvitationBody>;
export type ForgotPasswordBody = z.input<typeof forgotPasswordBody>;
export type ResetPasswordBody = z.input<typeof resetPasswordBody>;
export type ProfileBody = z.input<typeof profileBody>;
export type ChangePasswordBody = z.input<typeof changePasswordBody>;
export type UpdatePersonBody = z.input<typeof updatePersonBody>;

/** Responses. */

/** An organisation as one of its people sees it in the switcher. */
export interface OrganizationSummary {
  id: string;
  slug: string;
  name: string;
  region: string;
  /** The signed-in person's role there. */
  role: AccountRole;
}

export interface OrganizationSettings {
  id: string;
  slug: string;
  name: string;
  region: string;
  themes: string[];
}

export interface SetupStatus {
  /** True only while the database has no organisation: the setup page is offered. */
  needed: boolean;
}

export interface PersonView {
  id: string;
  name: string;
  email: string;
  role: AccountRole;
  communityIds: string[];
  partnerId: string | null;
  active: boolean;
}

export interface InvitationView {
  id: string;
  email: string;
  role: AccountRole;
  communityIds: string[];
  partnerId: string | null;
  invitedByName: string;
  createdAt: string;
  expiresAt: string;
  /** pending until accepted, revoked or past its time. */
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
}

/** What the invitation page shows before the person accepts. */
export interface InvitationPreview {
  organizationName: string;
  email: string;
  role: AccountRole;
  /** True when an account already exists for this e-mail (no name or password asked). */
  hasAccount: boolean;
  expiresAt: string;
}

export interface ProfileView {
  id: string;
  name: string;
  email: string;
  language: Language;
}

/** How long links sent by e-mail stay valid. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
