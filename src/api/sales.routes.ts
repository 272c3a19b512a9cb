// The money side over HTTP (DEAL-1..6): the 销控 grid and a unit's history, the unit import (dry run, then
// one all-or-nothing fact), the order register and one order's story, the disputes inbox with dossiers, and
// the day's published orders. Each validates, asks src/app/sales, and presents customers through a Viewer.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { gzipSync } from 'node:zlib';
import { disputeDossier, openDisputes, type DisputeDossier } from '../app/sales/dispute-dossier.ts';
import { orderDetail, orderRegister, orderSummary, type OrderSummary } from '../app/sales/order-register.ts';
import { publishedOrders } from '../app/sales/published-orders.ts';
import { gridCell, unitGrid, unitsChangedSince, type GridCell, type UnitGrid } from '../app/sales/unit-grid.ts';
import { planImport, suggestMapping, type ColumnMapping, type ImportedUnit } from '../app/units/unit-import.ts';
import { projectParams } from '../contracts/common.contract.ts';
import { unitParams } from '../contracts/floor.contract.ts';
import * as C from '../contracts/sales.contract.ts';
import type { Engine } from '../core/engine.ts';
import type { Unit } from '../core/facts.ts';
import { formatLocalTime, parseLocalTime } from '../core/time.ts';
import { readUnitSheet } from '../import/read-unit-sheet.ts';
import { addProjectRoute, authorisedInput, inProject, type RouteDeps } from './api-route.ts';
import { localTime, shownTo, staffNames, type Viewer } from './customer-view.ts';
import { ApiError } from './error-map.ts';

/** An .xlsx of 5,000 units is about 160 kB; base64 adds a third. */
const IMPORT_BODY_LIMIT = 12 * 1024 * 1024;

export function salesRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, clock } = deps;
  const caughtUp = async (req: FastifyRequest) => {
    const { caller, handle } = inProject(req);
    return { caller, handle, now: clock(), engine: await handle.engine(), zone: handle.project.zone };
  };
  /**
   * The grid's JSON (and its gzip), kept per project while the log has not moved: every open grid asks again after
   * each fact, so the answer is made once per fact, not once per screen. 5,000 units are ~800 kB of JSON, ~60 kB gzipped.
   */
  const gridCache = new Map<string, { seq: number; grid: UnitGrid; body: string; gzip: Buffer }>();
  /** Past this many changed units a delta is no smaller than the grid (an import, say): answer the grid. */
  const DELTA_MOST = 500;

  addProjectRoute(app, 'unitGrid', {
    summary: 'The 销控 grid: every unit with its status (free, held, withdrawn, or its order\'s stage) and each building\'s counts and amounts (DEAL-1); ETag is the log position',
    tags: ['deals'],
    params: projectParams,
    query: C.unitGridQuery,
    answer: C.unitGridSchema,
    handler: async ({ query }, req, reply) => {
      const { handle, now, engine } = await caughtUp(req);
      const etag = `"grid-${engine.lastSeq}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache');
      // The grid is unchanged while the log is: an open grid polls for nothing (DEAL-1 must stay fast at 5,000 units).
      if (req.headers['if-none-match'] === etag) return reply.code(304).send() as never;
      let cached = gridCache.get(handle.project.id);
      if (!cached || cached.seq !== engine.lastSeq) {
        const grid = unitGrid(engine, now);
        const body = JSON.stringify({ ...grid, names: staffNames(engine, grid.cells.map((c) => c.closer)) });
        cached = { seq: engine.lastSeq, grid, body, gzip: gzipSync(body, { level: 1 }) };
        gridCache.set(handle.project.id, cached);
      }
      // A screen holding the grid at `since` gets only the cells that moved: one hold is one cell, not 5,000.
      const changed = query.since === undefined ? null : unitsChangedSince(engine, query.since, DELTA_MOST);
      if (changed !== null && query.since !== undefined) {
        const cells = cached.grid.cells.filter((c) => changed.has(c.id));
        return { asOfSeq: cached.grid.asOfSeq, since: query.since, buildings: [...cached.grid.buildings], cells, names: staffNames(engine, cells.map((c) => c.closer)) };
      }
      reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(cached.gzip) as never;
      return cached.body as unknown as C.UnitGridView;
    },
  });

  addProjectRoute(app, 'unitHistory', {
    summary: 'One unit: its status, hold, live order, and every fact that touched it (DEAL-1)',
    tags: ['deals'],
    params: unitParams,
    answer: C.unitHistorySchema,
    handler: async ({ params }, req) => {
      const { engine, zone } = await caughtUp(req);
      const cell = gridCell(engine, params.unit);
      if (!cell) throw new ApiError('not_found', { detail: `unknown unit "${params.unit}"` });
      const hold = engine.holds.get(params.unit);
      const history = (engine.unitHistory.get(params.unit) ?? []).map((r) => ({ seq: r.seq, type: r.type, at: r.at, atLocal: localTime(r.at, zone), by: r.by ?? null, detail: r.detail ?? null }));
      return {
        unit: cell,
        hold: hold ? { by: hold.by, reason: hold.reason, at: hold.at, atLocal: localTime(hold.at, zone) } : null,
        orderId: engine.orders.get(params.unit)?.id ?? null,
        history,
        names: staffNames(engine, [...history.map((h) => h.by), hold?.by, cell.closer]),
      };
    },
  });

  /** Reads the sheet and plans the import against the office's units; nothing is recorded. */
  const plan = async (body: { fileName: string; contentBase64: string; mapping?: C.ColumnMappingInput | undefined }, engine: Engine) => {
    const read = await readUnitSheet(Buffer.from(body.contentBase64, 'base64'));
    if (!read.ok) throw new ApiError('validation', { detail: `the file cannot be read as a unit list (${read.code})`, issues: [{ in: 'body', path: 'contentBase64', code: read.code, message: read.code }] });
    const suggested = suggestMapping(read.grid.headers);
    const mapping: ColumnMapping = body.mapping ?? { columns: suggested.columns, priceUnit: suggested.priceUnit };
    const existing = [...engine.units.values()].map(importedOf);
    return { read, mapping, result: planImport(read.grid, mapping, existing) };
  };
  const planView = (p: Awaited<ReturnType<typeof plan>>, seq: number | null): C.UnitImportPlan => {
    const { read, mapping, result } = p;
    const base = { format: read.format, headers: [...read.grid.headers], mapping: { columns: { ...mapping.columns }, priceUnit: mapping.priceUnit }, seq };
    if (!result.ok)
      return { ...base, ok: false, mappingProblems: result.mappingProblems.map(problemView), badRows: result.badRows.map((r) => ({ rowNo: r.rowNo, problems: r.problems.map(problemView) })), rowCount: result.rowCount, add: 0, edit: 0, unchanged: 0, sample: [] };
    const sample = [...result.add.map((a) => ({ rowNo: a.rowNo, change: 'add' as const, unit: cellOf(a.unit) })), ...result.edit.map((e) => ({ rowNo: e.rowNo, change: 'edit' as const, unit: cellOf(e.after) }))].slice(0, 50);
    return { ...base, ok: true, mappingProblems: [], badRows: [], rowCount: result.add.length + result.edit.length + result.unchanged.length, add: result.add.length, edit: result.edit.length, unchanged: result.unchanged.length, sample };
  };

  addProjectRoute(app, 'unitImportPlan', {
    summary: 'Dry run of a unit list (.xlsx or .csv): the suggested column mapping, every bad row with its reason, what would be added and changed (DEAL-1); records nothing',
    tags: ['deals'],
    params: projectParams,
    body: C.unitImportBody,
    answer: C.unitImportPlanSchema,
    bodyLimit: IMPORT_BODY_LIMIT,
    handler: async ({ body }, req) => planView(await plan(body, (await caughtUp(req)).engine), null),
  });

  addProjectRoute(app, 'unitImportCommit', {
    summary: 'Imports a unit list as one fact: every row or none; refused whole when any row is bad; re-importing the same file changes nothing (DEAL-1)',
    tags: ['deals'],
    params: projectParams,
    body: C.unitImportBody,
    answer: C.unitImportPlanSchema,
    bodyLimit: IMPORT_BODY_LIMIT,
    handler: async ({ body }, req) => {
      const { caller, handle, engine } = await caughtUp(req);
      const input = await authorisedInput('unitImportCommit', caller, {});
      const planned = await plan(body, engine);
      if (!planned.result.ok || planned.result.add.length + planned.result.edit.length === 0) return planView(planned, null);
      const units = [...planned.result.add.map((a) => unitOf(a.unit)), ...planned.result.edit.map((e) => unitOf(e.after))];
      const executed = await handle.execute({ do: 'importUnits', units, ...(typeof input.by === 'string' ? { by: input.by } : {}), file: body.fileName }, { kind: 'user', id: caller.userId });
      if (!executed.ok) throw new ApiError(executed.refusal.code, { detail: executed.refusal.message });
      return planView(planned, executed.seq ?? null);
    },
  });

  addProjectRoute(app, 'orders', {
    summary: 'The order register (认购/签约台账): every order with its stage, amounts paid, credit now and dispute; a consultant sees the orders that credit them (DEAL-2, REP-2)',
    tags: ['deals'],
    params: projectParams,
    query: C.orderRegisterQuery,
    answer: C.orderRegisterSchema,
    handler: async ({ query }, req) => {
      const { caller, handle, now, engine, zone } = await caughtUp(req);
      const resolved = await authorisedInput('orders', caller, query);
      const of = caller.grant === 'self' ? String(resolved.of) : query.of;
      const day = (d: string | undefined, next = false) => (d === undefined ? undefined : (parseLocalTime(`${d} 00:00`, zone) ?? 0) + (next ? 86_400_000 : 0));
      const list = orderRegister(engine, { state: query.state ?? 'all', ...(of ? { creditTo: of } : {}), ...optional('from', day(query.from)), ...optional('to', day(query.to, true)) }, now);
      return shownTo(db, caller, handle.project.id, 'orders', now, (viewer) => ({
        orders: list.map((o) => summaryView(o, engine, viewer, zone)),
        names: staffNames(engine, list.flatMap((o) => [o.closer, ...Object.keys(o.credit)])),
        countsFrom: engine.policy.performance.countsFrom,
      }));
    },
  });

  addProjectRoute(app, 'order', {
    summary: "One order's story: stages with amounts, swaps, name changes, its credit now with the reasons, and its dispute with the dossier (DEAL-2..5)",
    tags: ['deals'],
    params: C.orderParams,
    answer: C.orderDetailSchema,
    handler: async ({ params }, req) => {
      const { caller, handle, now, engine, zone } = await caughtUp(req);
      const d = orderDetail(engine, params.order, now);
      if (!d) throw new ApiError('not_found', { detail: `no order ${params.order}` });
      const dossier = disputeDossier(engine, d.id);
      return shownTo(db, caller, handle.project.id, 'order', now, (viewer) => ({
        order: summaryView(d, engine, viewer, zone),
        stages: d.stages.map((s) => ({ stage: s.stage, atLocal: localTime(s.at, zone), by: s.by, amount: s.amount })),
        moves: d.moves.map((m) => ({ from: m.from, to: m.to, atLocal: localTime(m.at, zone), by: m.by, ...(m.reason ? { reason: m.reason } : {}) })),
        buyerChanges: d.buyerChanges.map((b) => ({ change: b.change, atLocal: localTime(b.at, zone), by: b.by, reason: b.reason })),
        disputes: d.disputes.map((x) => ({ by: x.by, atLocal: localTime(x.at, zone), accepted: x.accepted })),
        resolution: d.resolution ? { by: d.resolution.by, atLocal: localTime(d.resolution.at, zone), computed: d.resolution.computed, credit: d.resolution.credit, overridden: d.resolution.overridden, reason: d.resolution.reason } : null,
        ended: d.ended ? { end: d.ended.end, by: d.ended.by, atLocal: localTime(d.ended.at, zone), reason: d.ended.reason } : null,
        disputeDeadlineLocal: localTime(d.disputeDeadline, zone),
        dossier: dossier ? dossierView(dossier, engine, viewer, zone) : null,
        names: staffNames(engine, [d.closer, ...Object.keys(d.credit), ...d.stages.map((s) => s.by), ...d.disputes.map((x) => x.by), d.resolution?.by, d.ended?.by]),
        reasons: d.creditReasons,
        rules: [...new Set(d.creditReasons.map((r) => r.rule))],
      }));
    },
  });

  addProjectRoute(app, 'disputes', {
    summary: "The manager's inbox: every open dispute with both sides' records and the outcome they give (DEAL-4, DEAL-5)",
    tags: ['deals'],
    params: projectParams,
    answer: C.disputesInboxSchema,
    handler: async (_input, req) => {
      const { caller, handle, now, engine, zone } = await caughtUp(req);
      const dossiers = openDisputes(engine).flatMap((id) => {
        const d = disputeDossier(engine, id);
        return d ? [d] : [];
      });
      return shownTo(db, caller, handle.project.id, 'disputes', now, (viewer) => ({
        disputes: dossiers.map((d) => dossierView(d, engine, viewer, zone)),
        names: staffNames(engine, dossiers.flatMap((d) => [d.closer.who, d.claimant.who])),
      }));
    },
  });

  addProjectRoute(app, 'publishedOrders', {
    summary: "DEAL-6: the day's orders, published to the whole floor with masked phones so that claims surface early",
    tags: ['deals'],
    params: projectParams,
    query: C.publishedOrdersQuery,
    answer: C.publishedOrdersSchema,
    handler: async ({ query }, req) => {
      const { now, engine, zone } = await caughtUp(req);
      const dayText = query.day ?? formatLocalTime(now, zone).slice(0, 10);
      const noon = parseLocalTime(`${dayText} 12:00`, zone);
      if (noon === null) throw new ApiError('validation', { detail: `not a day: ${dayText}` });
      const list = publishedOrders(engine, noon);
      return {
        day: dayText,
        // Published to everyone: masked for all, whatever the reader's role (DEAL-6, SEC-1).
        orders: list.map((o) => ({ id: o.id, unit: o.unit, customer: maskedCustomer(o.phone, o.customerName), closer: o.closer, atLocal: localTime(o.at, zone), stage: o.stage, disputeDeadlineLocal: localTime(o.disputeDeadline, zone) })),
        names: staffNames(engine, list.map((o) => o.closer)),
      };
    },
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function summaryView(o: OrderSummary, engine: Engine, viewer: Viewer, zone: string): C.OrderSummaryView {
  const owner = engine.ownership(o.phone, o.firstAt).owner ?? o.closer;
  return {
    id: o.id,
    unit: o.unit,
    // The register is the manager's (SEC-1); a consultant sees in full the customers of orders they closed or share.
    customer: viewer.customer(o.phone, o.customerName, mine(viewer, o) ? viewer.caller.staffId : owner),
    closer: o.closer,
    firstAt: o.firstAt,
    firstAtLocal: localTime(o.firstAt, zone),
    stage: o.stage,
    stageAtLocal: localTime(o.stageAt, zone),
    paid: o.paid,
    listPrice: o.listPrice,
    state: o.state,
    endedAtLocal: localTime(o.endedAt, zone),
    credit: o.credit,
    dispute: o.dispute,
    counts: o.counts,
  };
}

function mine(viewer: Viewer, o: OrderSummary): boolean {
  const me = viewer.caller.staffId;
  return me !== null && (o.closer === me || o.credit[me] !== undefined);
}

function dossierView(d: DisputeDossier, engine: Engine, viewer: Viewer, zone: string): C.DisputeDossier {
  const owner = engine.ownership(d.orderPhone, engine.lastAt).owner;
  const side = (s: DisputeDossier['closer']) => ({
    who: s.who,
    complete: s.complete,
    registration: s.registration,
    lastContact: s.lastContact,
    records: s.records.map((r) => ({ ...r, atLocal: localTime(r.at, zone), detail: null, note: d.notes.get(r.seq) ?? null })),
    reasons: [...s.reasons],
  });
  return {
    orderId: d.orderId,
    unit: d.unit,
    claimant: d.claimantId,
    raisedAtLocal: localTime(d.raisedAt, zone),
    orderCustomer: viewer.customer(d.orderPhone, engine.customers.get(d.orderPhone)?.name ?? null, owner),
    claimantCustomer: viewer.customer(d.claimantPhone, engine.customers.get(d.claimantPhone)?.name ?? null, owner),
    closerSide: side(d.closer),
    claimantSide: side(d.claimant),
    computed: d.computed,
    resolved: d.resolved,
    reasons: [...d.reasons],
    rules: [...new Set(d.reasons.map((r) => r.rule))],
  };
}

function maskedCustomer(phone: string, name: string | null) {
  const digits = phone.replace(/\D/g, '');
  const masked = digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
  return { phone: masked, name: name ? `${[...name][0]}**` : null, masked: true };
}

function importedOf(u: Unit): ImportedUnit {
  return { id: u.id, building: u.building ?? '', unitNo: u.unitNo ?? null, floor: u.floor ?? 0, room: u.room ?? u.id, layout: u.layout ?? null, area: u.area ?? null, price: u.price ?? null };
}

function unitOf(u: ImportedUnit): Unit {
  return {
    id: u.id,
    building: u.building,
    ...(u.unitNo ? { unitNo: u.unitNo } : {}),
    floor: u.floor,
    room: u.room,
    ...(u.layout ? { layout: u.layout } : {}),
    ...(u.area !== null ? { area: u.area } : {}),
    ...(u.price !== null ? { price: u.price } : {}),
  };
}

function cellOf(u: ImportedUnit): Omit<GridCell, 'status' | 'closer'> {
  return { id: u.id, building: u.building, unitNo: u.unitNo, floor: u.floor, room: u.room, layout: u.layout, area: u.area, price: u.price };
}

function problemView(p: { code: string; field?: string | null; params?: Readonly<Record<string, string | number | null>>; text: string }) {
  return { code: p.code, field: p.field ?? null, params: { ...(p.params ?? {}) }, text: p.text };
}

