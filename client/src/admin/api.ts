import type {
  AcceptInvitationBody,
  ChangePasswordBody,
  Community,
  CommunityBody,
  CreateOrganizationBody,
  InvitationBody,
  InvitationPreview,
  InvitationView,
  OrganizationSettings,
  OrganizationSummary,
  PersonView,
  ProfileBody,
  ProfileView,
  SessionInfo,
  SetupBody,
  SetupStatus,
  Territory,
  TerritoryBody,
  ThemesBody,
  UpdateOrganizationBody,
  UpdatePersonBody,
} from '@cocon/shared';
import { http } from '../api/http';

const enc = encodeURIComponent;

/** Members of each community (admins only). */
export interface CommunityMembers {
  communityId: string;
  userIds: string[];
}

/** The organisation's fund partners, as the partner choice of an invitation needs them. */
export interface PartnerChoice {
  id: string;
  name: string;
}

/** Set-up, administration, invitations, passwords and profile: one function per route. */
export const adminApi = {
  setupStatus: () => http.get<SetupStatus>('/setup'),
  setup: (body: SetupBody) => http.post<SessionInfo>('/setup', body),

  myOrganizations: () => http.get<OrganizationSummary[]>('/organizations'),
  allOrganizations: () => http.get<OrganizationSettings[]>('/organizations/all'),
  createOrganization: (body: CreateOrganizationBody) =>
    http.post<OrganizationSettings>('/organizations', body),
  switchOrganization: (organizationId: string) =>
    http.post<SessionInfo>('/session/organization', { organizationId }),

  organization: () => http.get<OrganizationSettings>('/organization'),
  updateOrganization: (body: UpdateOrganizationBody) => http.put<OrganizationSettings>('/organization', body),

  themes: () => http.get<string[]>('/themes'),
  saveThemes: (body: ThemesBody) => http.put<OrganizationSettings>('/themes', body),

  territories: () => http.get<Territory[]>('/territories'),
  createTerritory: (body: TerritoryBody) => http.post<Territory>('/territories', body),
  updateTerritory: (id: string, body: TerritoryBody) => http.put<Territory>(`/territories/${enc(id)}`, body),
  deleteTerritory: (id: string) => http.delete<undefined>(`/territories/${enc(id)}`),

  communities: () => http.get<Community[]>('/communities'),
  communityMembers: () => http.get<CommunityMembers[]>('/communities/members'),
  createCommunity: (body: CommunityBody) => http.post<Community>('/communities', body),
  updateCommunity: (id: string, body: CommunityBody) => http.put<Community>(`/communities/${enc(id)}`, body),
  deleteCommunity: (id: string) => http.delete<undefined>(`/communities/${enc(id)}`),

  people: () => http.get<PersonView[]>('/people'),
  updatePerson: (id: string, body: UpdatePersonBody) => http.put<PersonView>(`/people/${enc(id)}`, body),
  partners: () => http.get<PartnerChoice[]>('/partners'),

  invitations: () => http.get<InvitationView[]>('/invitations'),
  invite: (body: InvitationBody) => http.post<InvitationView>('/invitations', body),
  revokeInvitation: (id: string) => http.delete<InvitationView>(`/invitations/${enc(id)}`),
  invitationPreview: (token: string) => http.get<InvitationPreview>(`/invitations/preview/${enc(token)}`),
  acceptInvitation: (body: AcceptInvitationBody) => http.post<SessionInfo>('/invitations/accept', body),

  forgotPassword: (email: string) => http.post<undefined>('/auth/forgot', { email }),
  resetPassword: (token: string, password: string) =>
    http.post<undefined>('/auth/reset', { token, password }),

  profile: () => http.get<ProfileView>('/profile'),
  updateProfile: (body: ProfileBody) => http.put<ProfileView>('/profile', body),
  changePassword: (body: ChangePasswordBody) => http.post<undefined>('/profile/password', body),
};
