// The floor (ROT-15): the board, today's turns, a unit's credit, and the live stream of both.
import type { FastifyInstance } from 'fastify';
import { findSession } from '../accounts/accounts-store.ts';
import { projectParams } from '../contracts/common.contract.ts';
import { boardSchema, streamHeaders, todayAnswerSchema, unitCreditSchema, unitParams, type LiveUpdate } from '../contracts/floor.contract.ts';
import { addProjectRoute, inProject, onBoard, type RouteDeps } from './api-route.ts';
import { displayOfToken, revokedAmong } from '../accounts/displays-store.ts';
import { DisplayRevocationWatch } from './display-revocation-watch.ts';
import { DISPLAY_COOKIE, DISPLAY_COOKIE_MAX_AGE_S } from './display-auth.ts';
import { creditOf } from '../app/customers.queries.ts';
import { board, todaysReceptions } from '../app/floor.queries.ts';
import { ApiError } from './error-map.ts';
import { presentReceptions } from './floor.presenters.ts';
import { LiveStream, SSE_HEADERS, sseEvent, summaries } from './live-stream.ts';
import type { Backlog, OfficeHandle } from '../store/offices.ts';

/**
 * Sent to at most this many missed facts on reconnecting; the fresh board says the rest. Only these are read
 * from the log (issue 14 item 1): a reconnect costs what it sends, never the log's length.
 */
export const BACKLOG_LIMIT = 1000;
/** Open streams one session may hold at once (a few tabs); opening one more ends its oldest. */
export const STREAMS_PER_SESSION = 4;

export function floorRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { clock, indexes, hub, db } = deps;
  const revocations = new DisplayRevocationWatch((ids) => revokedAmong(db, ids), (id) => hub.closeDisplay(id));
  app.addHook('onClose', async () => revocations.close());

  addProjectRoute(app, 'floor', {
    summary: "Who is up, today's queue, seats and owed make-ups (ROT-15)",
    tags: ['floor'],
    params: projectParams,
    answer: boardSchema,
    handler: async (_input, req) => board(await onBoard(req).handle.engine(), clock()),
  });

  addProjectRoute(app, 'today', {
    summary: "Today's queue and every turn taken today, with its time (ROT-15)",
    tags: ['floor'],
    params: projectParams,
    answer: todayAnswerSchema,
    handler: async (_input, req) => {
      const { handle } = inProject(req);
      const now = clock();
      const index = await indexes.caughtUp(handle);
      const engine = await handle.engine();
      return { floor: board(engine, now), receptions: presentReceptions(todaysReceptions(engine, index, now), handle.project.zone) };
    },
  });

  addProjectRoute(app, 'credit', {
    summary: "The performance shares of a unit's live order (DEAL-1..4)",
    tags: ['floor'],
    params: unitParams,
    answer: unitCreditSchema,
    handler: async ({ params }, req) => {
      const credit = creditOf(await inProject(req).handle.engine(), params.unit);
      if (!credit) throw new ApiError('not_found', { detail: `no unit "${params.unit}"` });
      return credit;
    },
  });

  addProjectRoute(app, 'stream', {
    summary: 'Server-Sent Events: on every commit the new facts (seq, type) and the fresh board; resends from Last-Event-ID',
    tags: ['floor'],
    params: projectParams,
    headers: streamHeaders,
    handler: async ({ headers }, req, reply) => {
      const { caller, handle, key, display } = onBoard(req);
      const displayToken = req.ctx.display?.token ?? null;
      reply.hijack();
      const raw = reply.raw;
      // A paired TV may show the board for years without a reload: each stream renews its credential's cookie.
      const renewed = displayToken === null ? {} : { 'set-cookie': app.serializeCookie(DISPLAY_COOKIE, displayToken, { httpOnly: true, sameSite: 'strict', secure: deps.cookieSecure === 'auto' ? req.protocol === 'https' : deps.cookieSecure, path: '/api', maxAge: DISPLAY_COOKIE_MAX_AGE_S }) };
      raw.writeHead(200, { ...SSE_HEADERS, ...renewed });
      raw.write('retry: 2000\n\n');
      const stream = new LiveStream(handle.project.id, caller.userId, raw, caller.staffId, caller.login, key);
      // Registered before the backlog is read, so a commit in between is queued rather than lost.
      hub.add(stream);
      hub.trimSession(key, STREAMS_PER_SESSION);
      try {
        const engine = await handle.engine();
        const lastId = headers['last-event-id'];
        const { facts: missed, arrivals } = lastId === undefined ? { facts: [], arrivals: [] } : await backlogOf(handle, Math.max(lastId, engine.lastSeq - BACKLOG_LIMIT));
        const seq = Math.max(engine.lastSeq, missed[missed.length - 1]?.seq ?? 0);
        // RISK-2: an owner who was away from the stream is told of the arrivals they missed too.
        const alerts = await hub.alertTexts([stream], engine, arrivals, handle.project.zone, seq);
        const opening: LiveUpdate = { facts: summaries(missed), floor: board(engine, clock()) };
        stream.write(sseEvent(seq, 'update', opening) + (alerts.get(stream) ?? ''));
        stream.started(seq);
      } catch (error) {
        // The answer has begun, so no error body can follow: log, end, and let the client reconnect.
        req.log.error({ err: error }, 'live stream failed to start');
        hub.remove(stream);
        stream.end();
        return;
      }
      // The heartbeat keeps proxies from closing an idle stream, and ends it once the session is gone. A display
      // revoked on another server process is closed by the revocation watch within a second (this one closes its
      // own streams at once).
      const stillAllowed = displayToken === null ? () => findSession(db, key, clock()).then((s) => s !== null) : () => displayOfToken(db, displayToken).then((d) => d !== null && d.revokedAt === null);
      const heartbeat = setInterval(() => {
        stream.write(': heartbeat\n\n');
        stillAllowed().then(
          (yes) => (yes ? undefined : display ? hub.closeDisplay(display.id) : stream.end()),
          () => undefined,
        );
      }, deps.heartbeatMs);
      heartbeat.unref();
      const unwatch = display ? revocations.watch(display.id) : null;
      raw.on('close', () => {
        unwatch?.();
        clearInterval(heartbeat);
        hub.remove(stream);
      });
    },
  });
}

/** The last BACKLOG_LIMIT facts after `afterSeq`: the store's cheap replay where it has one, else its facts. */
async function backlogOf(handle: OfficeHandle, afterSeq: number): Promise<Backlog> {
  if (handle.backlog) return handle.backlog(afterSeq, BACKLOG_LIMIT);
  const facts = (await handle.facts(afterSeq)).slice(-BACKLOG_LIMIT);
  return { facts, arrivals: facts.filter((f) => f.type === 'partyArrived') };
}
