import { Router, type Request } from 'express';
import {
  addRepresentativeBody,
  ballotLineBody,
  createPartnerBody,
  customScenarioBody,
  decisionBody,
  fundSettingsBody,
  idSchema,
  openRoundBody,
} from '@cocon/shared';
import type { FundService } from '../fund/fundService.js';
import type { BallotBox } from '../fund/ballotBox.js';
import type { PartnerDirectory } from '../fund/partnerDirectory.js';
import { parseOr400 } from './validation.js';
import { requireFacilitator, requireMember } from './security.js';

/**
 * The consolidated fund of an organisation's plan: every account of the organisation reads it;
 * its facilitators set it up and run rounds; representatives of its partners fill their
 * partner's ballot. Partners, funds and rounds of another organisation are "not found".
 */
export function fundRoutes(funds: FundService, ballots: BallotBox, partners: PartnerDirectory): Router {
  const router = Router();
  const id = (req: Request, name: string) => parseOr400(idSchema, req.params[name]);

  router.get('/partners', async (req, res) => {
    res.json(await partners.list(requireMember(req)));
  });
  router.post('/partners', async (req, res) => {
    const session = requireFacilitator(req);
    const { name } = parseOr400(createPartnerBody, req.body);
    res.status(201).json(await partners.create(session, name));
  });
  router.post('/partners/:partnerId/representatives', async (req, res) => {
    const session = requireFacilitator(req);
    const { email } = parseOr400(addRepresentativeBody, req.body);
    res.json(await partners.addRepresentative(session, id(req, 'partnerId'), email));
  });
  router.delete('/partners/:partnerId/representatives/:userId', async (req, res) => {
    const session = requireFacilitator(req);
    res.json(await partners.removeRepresentative(session, id(req, 'partnerId'), id(req, 'userId')));
  });

  router.get('/plans/:planId/fund', async (req, res) => {
    res.json(await funds.fundOfPlan(requireMember(req), id(req, 'planId')));
  });
  router.put('/plans/:planId/fund', async (req, res) => {
    const session = requireFacilitator(req);
    const body = parseOr400(fundSettingsBody, req.body);
    res.json(await funds.saveSettings(session, id(req, 'planId'), body));
  });

  router.post('/funds/:fundId/rounds', async (req, res) => {
    const session = requireFacilitator(req);
    const body = parseOr400(openRoundBody, req.body);
    res.status(201).json(await funds.openRound(session, id(req, 'fundId'), body));
  });
  router.get('/rounds/:roundId', async (req, res) => {
    res.json(await funds.roundView(requireMember(req), id(req, 'roundId')));
  });
  router.get('/rounds/:roundId/ballot', async (req, res) => {
    const session = requireMember(req);
    res.json(await ballots.ballotFor(session, await funds.round(session, id(req, 'roundId'))));
  });
  router.put('/rounds/:roundId/ballot/lines/:projectId', async (req, res) => {
    const session = requireMember(req);
    const body = parseOr400(ballotLineBody, req.body);
    res.json(await ballots.setLine(session, id(req, 'roundId'), id(req, 'projectId'), body));
  });
  router.get('/rounds/:roundId/results', async (req, res) => {
    res.json(await funds.results(requireFacilitator(req), id(req, 'roundId')));
  });
  router.post('/rounds/:roundId/close', async (req, res) => {
    res.json(await funds.close(requireFacilitator(req), id(req, 'roundId')));
  });
  router.post('/rounds/:roundId/reopen', async (req, res) => {
    res.json(await funds.reopen(requireFacilitator(req), id(req, 'roundId')));
  });
  router.get('/rounds/:roundId/scenarios', async (req, res) => {
    res.json(await funds.scenarios(requireFacilitator(req), id(req, 'roundId')));
  });
  router.post('/rounds/:roundId/scenarios', async (req, res) => {
    const session = requireFacilitator(req);
    const body = parseOr400(customScenarioBody, req.body);
    res.status(201).json(await funds.saveScenario(session, id(req, 'roundId'), body));
  });
  router.post('/rounds/:roundId/decision', async (req, res) => {
    const session = requireFacilitator(req);
    const body = parseOr400(decisionBody, req.body);
    res.json(await funds.decide(session, id(req, 'roundId'), body));
  });
  router.get('/rounds/:roundId/audit', async (req, res) => {
    res.json(await funds.auditTrail(requireFacilitator(req), id(req, 'roundId')));
  });

  return router;
}
