// tv-pairing (issue 16.1): pairing a floor TV. The TV (no one signed in) asks for a code and holds its secret in
// a cookie; the manager enters the code with a name; the TV's cookie then reads the board (DISPLAY_MAY) until a
// manager revokes it, which ends its live streams at once.
import type { FastifyInstance } from 'fastify';
import { displaysOf, pairDisplay, pairingState, revokeDisplay, startPairing, type PairedDisplay } from '../accounts/displays-store.ts';
import { projectParams } from '../contracts/common.contract.ts';
import { displayParams, displaySelfSchema, displaysAnswerSchema, displayRecordSchema, pairDisplayBody, pairingCodeSchema, pairingStateSchema, type DisplayRecord } from '../contracts/display.contract.ts';
import { addProjectRoute, addRoute, inProject, type RouteDeps } from './api-route.ts';
import { DISPLAY_COOKIE, DISPLAY_COOKIE_MAX_AGE_S } from './display-auth.ts';
import { ApiError } from './error-map.ts';

function recordOf(d: PairedDisplay): DisplayRecord {
  return { id: d.id, name: d.name, pairedBy: d.pairedBy, pairedByName: d.pairedByName, pairedAt: d.pairedAt, revokedBy: d.revokedBy, revokedByName: d.revokedByName, revokedAt: d.revokedAt, lastSeenAt: d.lastSeenAt };
}

export function displayRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, clock, offices, hub } = deps;
  const cookie = { httpOnly: true, sameSite: 'strict' as const, secure: deps.cookieSecure, path: '/api', maxAge: DISPLAY_COOKIE_MAX_AGE_S };

  addRoute(app, {
    method: 'POST',
    url: '/api/display-pairing',
    access: 'public',
    summary: 'A TV asks to be paired: a 6-digit code to show (10 minutes), its secret in the anchang_display cookie',
    tags: ['displays'],
    answer: pairingCodeSchema,
    status: 201,
    config: { rateLimit: { max: 30, timeWindow: 60_000, keyGenerator: (req: { ip?: string }) => req.ip ?? 'unknown' } },
    handler: async (_input, _req, reply) => {
      const pairing = await startPairing(db, clock());
      reply.setCookie(DISPLAY_COOKIE, pairing.token, cookie);
      reply.status(201);
      return { code: pairing.code, expiresAt: pairing.expiresAt };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/display-pairing',
    access: 'public',
    summary: 'What the TV asking is: showing a code, paired to a project, revoked, or none',
    tags: ['displays'],
    answer: pairingStateSchema,
    handler: async (_input, req) => {
      const state = await pairingState(db, req.cookies[DISPLAY_COOKIE] ?? '', clock());
      if (state.state === 'waiting') return state;
      if (state.state === 'none') return { state: 'none' } as const;
      if (state.display.revokedAt !== null) return { state: 'revoked' } as const;
      return { state: 'paired', project: state.display.project, name: state.display.name } as const;
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/display',
    access: 'display',
    summary: 'The paired display itself (its name and project), for the board it shows; renews its cookie',
    tags: ['displays'],
    answer: displaySelfSchema,
    handler: async (_input, req, reply) => {
      const display = req.ctx.display;
      if (!display) throw new ApiError('display_unpaired');
      reply.setCookie(DISPLAY_COOKIE, display.token, cookie);
      const project = (await offices.list()).find((p) => p.id === display.record.project);
      return { id: display.record.id, name: display.record.name, project: display.record.project, projectName: project?.name ?? null, zone: project?.zone ?? 'Asia/Shanghai' };
    },
  });

  addProjectRoute(app, 'displays', {
    summary: "The project's paired displays: name, paired by, when, last seen, revoked (the audit keeps them all)",
    tags: ['displays'],
    params: projectParams,
    answer: displaysAnswerSchema,
    handler: async (_input, req) => ({ displays: (await displaysOf(db, inProject(req).handle.project.id)).map(recordOf) }),
  });

  addProjectRoute(app, 'pairDisplay', {
    summary: 'Pair the TV showing this code with the project, under a name (大厅电视)',
    tags: ['displays'],
    params: projectParams,
    body: pairDisplayBody,
    answer: displayRecordSchema,
    status: 201,
    handler: async ({ body }, req, reply) => {
      const { handle, caller } = inProject(req);
      const done = await pairDisplay(db, { project: handle.project.id, code: body.code, name: body.name, by: caller.login, now: clock() });
      if (!done.ok) throw new ApiError(done.code);
      reply.status(201);
      return recordOf(done.display);
    },
  });

  addProjectRoute(app, 'revokeDisplay', {
    summary: "Revoke a display: its live stream closes at once and its next read is refused",
    tags: ['displays'],
    params: displayParams,
    answer: displayRecordSchema,
    handler: async ({ params }, req) => {
      const { handle, caller } = inProject(req);
      const done = await revokeDisplay(db, { project: handle.project.id, id: params.display, by: caller.login, now: clock() });
      if (!done.ok) throw new ApiError(done.code, done.code === 'not_found' ? { detail: `no display "${params.display}" in this project` } : {});
      hub.closeDisplay(done.display.id);
      return recordOf(done.display);
    },
  });
}
