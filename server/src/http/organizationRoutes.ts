import { Router } from 'express';
import {
  communityBody,
  createOrganizationBody,
  idSchema,
  setupBody,
  switchOrganizationBody,
  territoryBody,
  themesBody,
  updateOrganizationBody,
  type SetupStatus,
} from '@cocon/shared';
import { toSessionInfo, type SessionStore } from '../auth/sessions.js';
import type { OrganizationService } from '../organizations/organizationService.js';
import type { PeopleService } from '../people/peopleService.js';
import { parseOr400 } from './validation.js';
import { requireAccount, requireSession } from './security.js';

/** First run, organisations, switching between them, and each one's own set-up. */
export function organizationRoutes(
  sessions: SessionStore,
  organizations: OrganizationService,
  people: PeopleService,
): Router {
  const router = Router();
  const idParam = (value: string | undefined) => parseOr400(idSchema, value);

  router.get('/setup', async (_req, res) => {
    const status: SetupStatus = { needed: await organizations.setupNeeded() };
    res.json(status);
  });

  router.post('/setup', async (req, res) => {
    const body = parseOr400(setupBody, req.body);
    const admin = await organizations.setup(body);
    const member = await organizations.defaultMembership(admin._id);
    if (req.session) await sessions.destroy(req.session);
    const { session, cookie } = await sessions.createForUser(admin, member);
    const org = member ? await organizations.get(member.organizationId) : null;
    res.status(201).setHeader('Set-Cookie', cookie).json(toSessionInfo(session, org));
  });

  router.get('/organizations', async (req, res) => {
    const session = requireAccount(req);
    res.json(await organizations.mine(session.userId));
  });

  router.get('/organizations/all', async (req, res) => {
    res.json(await organizations.all(requireAccount(req)));
  });

  router.post('/organizations', async (req, res) => {
    const session = requireAccount(req);
    const body = parseOr400(createOrganizationBody, req.body);
    const org = await organizations.create(session, body.organization);
    await people.inviteFirstAdmin(session, org, body.adminEmail, body.language);
    res.status(201).json({ id: org._id, slug: org.slug, name: org.name, region: org.region, themes: [] });
  });

  router.post('/session/organization', async (req, res) => {
    const body = parseOr400(switchOrganizationBody, req.body);
    const { session, org } = await organizations.switchTo(requireAccount(req), body.organizationId);
    res.json(toSessionInfo(session, org));
  });

  router.get('/organization', async (req, res) => {
    res.json(await organizations.settings(requireSession(req)));
  });

  router.put('/organization', async (req, res) => {
    res.json(
      await organizations.updateSettings(requireSession(req), parseOr400(updateOrganizationBody, req.body)),
    );
  });

  /** The themes (enjeux) proposals can be filed under: the organisation's plan's. */
  router.get('/themes', async (req, res) => {
    res.json((await organizations.settings(requireSession(req))).themes);
  });

  router.put('/themes', async (req, res) => {
    const body = parseOr400(themesBody, req.body);
    res.json(await organizations.setThemes(requireSession(req), body.themes));
  });

  router.get('/territories', async (req, res) => {
    res.json(await organizations.territories(requireSession(req)));
  });

  router.post('/territories', async (req, res) => {
    res
      .status(201)
      .json(await organizations.addTerritory(requireSession(req), parseOr400(territoryBody, req.body)));
  });

  router.put('/territories/:id', async (req, res) => {
    const body = parseOr400(territoryBody, req.body);
    res.json(await organizations.updateTerritory(requireSession(req), idParam(req.params.id), body));
  });

  router.delete('/territories/:id', async (req, res) => {
    await organizations.deleteTerritory(requireSession(req), idParam(req.params.id));
    res.status(204).end();
  });

  router.get('/communities', async (req, res) => {
    res.json(await organizations.communities(requireSession(req)));
  });

  router.get('/communities/members', async (req, res) => {
    res.json(await organizations.communityMembers(requireSession(req)));
  });

  router.post('/communities', async (req, res) => {
    res
      .status(201)
      .json(await organizations.addCommunity(requireSession(req), parseOr400(communityBody, req.body)));
  });

  router.put('/communities/:id', async (req, res) => {
    const body = parseOr400(communityBody, req.body);
    res.json(await organizations.updateCommunity(requireSession(req), idParam(req.params.id), body));
  });

  router.delete('/communities/:id', async (req, res) => {
    await organizations.deleteCommunity(requireSession(req), idParam(req.params.id));
    res.status(204).end();
  });

  return router;
}
