import { Router } from 'express';
import {
  acceptInvitationBody,
  changePasswordBody,
  forgotPasswordBody,
  idSchema,
  invitationBody,
  mailTokenSchema,
  profileBody,
  resetPasswordBody,
  updatePersonBody,
} from '@cocon/shared';
import { toSessionInfo, type SessionStore } from '../auth/sessions.js';
import type { SignInLimits } from '../auth/signInLimits.js';
import type { OrganizationService } from '../organizations/organizationService.js';
import type { PeopleService } from '../people/peopleService.js';
import { parseOr400 } from './validation.js';
import { requireAccount, requireSession } from './security.js';

/** People of an organisation, invitations, password resets and one's own profile. */
export function peopleRoutes(
  sessions: SessionStore,
  organizations: OrganizationService,
  people: PeopleService,
  signInLimits: SignInLimits,
): Router {
  const router = Router();
  const idParam = (value: string | undefined) => parseOr400(idSchema, value);

  router.get('/people', async (req, res) => {
    res.json(await people.list(requireSession(req)));
  });

  router.put('/people/:id', async (req, res) => {
    const body = parseOr400(updatePersonBody, req.body);
    res.json(await people.update(requireSession(req), idParam(req.params.id), body));
  });

  router.get('/invitations', async (req, res) => {
    res.json(await people.invitations(requireSession(req)));
  });

  router.post('/invitations', async (req, res) => {
    res.status(201).json(await people.invite(requireSession(req), parseOr400(invitationBody, req.body)));
  });

  router.delete('/invitations/:id', async (req, res) => {
    res.json(await people.revoke(requireSession(req), idParam(req.params.id)));
  });

  /** What the invitation page shows: no session needed, the token is the key. */
  router.get('/invitations/preview/:token', async (req, res) => {
    res.json(await people.preview(parseOr400(mailTokenSchema, req.params.token)));
  });

  /** Accepts an invitation and signs the person in, acting in the organisation that invited them. */
  router.post('/invitations/accept', async (req, res) => {
    const body = parseOr400(acceptInvitationBody, req.body);
    const { user, organizationId } = await people.accept(body, req.session);
    const membership = await organizations.membership(organizationId, user._id);
    if (req.session) await sessions.destroy(req.session);
    const { session, cookie } = await sessions.createForUser(user, membership);
    const org = membership ? await organizations.get(membership.organizationId) : null;
    res.setHeader('Set-Cookie', cookie).json(toSessionInfo(session, org));
  });

  router.post('/auth/forgot', async (req, res) => {
    const body = parseOr400(forgotPasswordBody, req.body);
    // Counted apart from sign-ins (asking never locks anyone out), so that the form sends no mail in bulk.
    await signInLimits.resetRequested(body.email, req.ip ?? 'unknown');
    await people.requestPasswordReset(body.email);
    res.status(204).end();
  });

  router.post('/auth/reset', async (req, res) => {
    const body = parseOr400(resetPasswordBody, req.body);
    await people.resetPassword(body.token, body.password);
    res.status(204).end();
  });

  router.get('/profile', async (req, res) => {
    res.json(await people.profile(requireAccount(req)));
  });

  router.put('/profile', async (req, res) => {
    res.json(await people.updateProfile(requireAccount(req), parseOr400(profileBody, req.body)));
  });

  router.post('/profile/password', async (req, res) => {
    const body = parseOr400(changePasswordBody, req.body);
    await people.changePassword(requireAccount(req), body.currentPassword, body.newPassword);
    res.status(204).end();
  });

  return router;
}
