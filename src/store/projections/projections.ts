// Projections: tables for fast reads (customers by phone token, households, today's floor, units and live
// orders), written in the same transaction as the append and rebuildable from the log at any time. They
// hold nothing the log does not: `rebuildProjections` recreates them, and a test proves the rebuilt rows
// equal the ones maintained fact by fact.
import type { Engine } from '../../core/engine.ts';
import type { Recorded, UnitId } from '../../core/facts.ts';
import type { PhoneKey } from '../../core/phone.ts';
import { floorView } from '../../app/queries.ts';
import { canonicalJson } from '../log/canonical-json.ts';
import type { Db, SqlValue } from '../sql/db.ts';
import { insertRows, upsertRows } from '../sql/insert-rows.ts';
import type { Migration } from '../sql/migrate.ts';
import type { Touches } from './touches.ts';

const TABLES = `
  CREATE TABLE proj_customers (
    project TEXT NOT NULL, token TEXT NOT NULL, name TEXT, owner TEXT, protected_until DOUBLE PRECISION, last_contact BIGINT,
    household TEXT NOT NULL, as_of BIGINT NOT NULL, PRIMARY KEY (project, token));
  CREATE INDEX proj_customers_by_owner ON proj_customers (project, owner);
  CREATE INDEX proj_customers_by_household ON proj_customers (project, household);
  CREATE VIEW proj_households AS
    SELECT project, household, COUNT(*) AS members, MAX(as_of) AS as_of FROM proj_customers GROUP BY project, household;
  CREATE TABLE proj_units (
    project TEXT NOT NULL, unit TEXT NOT NULL, price DOUBLE PRECISION, order_token TEXT, closer TEXT, stage TEXT, credit TEXT,
    ordered_at BIGINT, PRIMARY KEY (project, unit));
  CREATE TABLE proj_floor (project TEXT PRIMARY KEY, day TEXT NOT NULL, as_of BIGINT NOT NULL, view TEXT NOT NULL);`;

export const PROJECTIONS_SCHEMA: Migration = { id: '0012-projections', sql: { sqlite: TABLES, postgres: TABLES } };

/** DEAL-1: a unit's status on the 销控 grid: free, held, withdrawn, or the stage of its live order. */
const UNIT_STATUS = `ALTER TABLE proj_units ADD COLUMN status TEXT NOT NULL DEFAULT 'free';`;
export const UNIT_STATUS_SCHEMA: Migration = { id: '0013-unit-status', sql: { sqlite: UNIT_STATUS, postgres: UNIT_STATUS } };

/** One customer record (phone), as of the last fact touching its household. Keyed by the phone's token (SEC-5). */
export interface CustomerRow {
  readonly token: string;
  readonly name: string | null;
  readonly owner: string | null;
  readonly protectedUntil: number | null;
  readonly lastContact: number | null;
  /** The household (OWN-6, OWN-7): the smallest token among its members. */
  readonly household: string;
  readonly asOf: number;
}

export interface UnitRow {
  readonly unit: string;
  readonly price: number | null;
  readonly orderToken: string | null;
  readonly closer: string | null;
  readonly stage: string | null;
  /** Canonical JSON of the live order's credit. */
  readonly credit: string | null;
  readonly orderedAt: number | null;
  readonly status: string;
}

export interface FloorRow {
  readonly day: string;
  readonly asOf: number;
  /** Canonical JSON of the floor board (ROT-15) after the fact. */
  readonly view: string;
}

/** Where projection rows go: the append's transaction, or memory during a rebuild. */
export interface ProjectionSink {
  /** Tokens of the customers last projected as owned by `who`. */
  customersOwnedBy(who: string): Promise<readonly string[]>;
  putCustomers(rows: readonly CustomerRow[]): Promise<void>;
  putUnits(rows: readonly UnitRow[]): Promise<void>;
  putFloor(row: FloorRow): Promise<void>;
}

/** The token of a customer key, memoised per project (the HMAC is cheap, but a policy change projects everyone). */
export type TokenOf = (key: PhoneKey) => string;

/** Writes the rows a folded fact changed: the touched households, units and the floor board. */
export async function projectFact(engine: Engine, fact: Recorded, touches: Touches, sink: ProjectionSink, tokenOf: TokenOf): Promise<void> {
  const owned = touches.ownedBy !== undefined ? await sink.customersOwnedBy(touches.ownedBy) : [];
  const customers = customerRows(engine, touchedKeys(engine, touches, owned, tokenOf), () => fact.at, tokenOf);
  if (customers.length > 0) await sink.putCustomers(customers);

  const units = new Set(touches.units);
  if (touches.householdUnits) for (const u of householdUnits(engine, new Set(customers.map((c) => c.token)), tokenOf)) units.add(u);
  if (units.size > 0) await sink.putUnits([...units].map((u) => unitRow(engine, u, tokenOf)));

  await sink.putFloor(floorRow(engine, fact.at));
}

/** The customers whose households a fact touches; `owned`: the tokens last projected as owned by `touches.ownedBy`. */
function touchedKeys(engine: Engine, touches: Touches, owned: readonly string[], tokenOf: TokenOf): Set<PhoneKey> {
  const keys = new Set<PhoneKey>(touches.phones);
  if (touches.everyone) for (const k of engine.customers.keys()) keys.add(k);
  if (owned.length > 0) {
    const tokens = new Set(owned);
    for (const k of engine.customers.keys()) if (tokens.has(tokenOf(k))) keys.add(k);
  }
  return keys;
}

/** Units whose live order belongs to one of these customers (tokens): a merge may split their credit (OWN-6). */
function householdUnits(engine: Engine, members: ReadonlySet<string>, tokenOf: TokenOf): UnitId[] {
  const units: UnitId[] = [];
  for (const order of engine.orders.values()) if (members.has(tokenOf(order.phone))) units.push(order.unit);
  return units;
}

/** The rows of the households of `keys`, each member as of `asOf(member)`. */
function customerRows(engine: Engine, keys: Iterable<PhoneKey>, asOf: (key: PhoneKey) => number | undefined, tokenOf: TokenOf): CustomerRow[] {
  const rows: CustomerRow[] = [];
  const done = new Set<PhoneKey>();
  for (const key of keys) {
    if (done.has(key)) continue;
    const members = engine.household(key).keys;
    const household = members.map(tokenOf).reduce((a, b) => (b < a ? b : a));
    for (const k of members) {
      done.add(k);
      const at = asOf(k);
      if (at === undefined) continue;
      const o = engine.ownership(k, at);
      rows.push({ token: tokenOf(k), name: engine.customers.get(k)?.name ?? null, owner: o.owner, protectedUntil: o.protectedUntil, lastContact: o.lastContact, household, asOf: at });
    }
  }
  return rows;
}

function floorRow(engine: Engine, at: number): FloorRow {
  const view = floorView(engine, at);
  return { day: view.day, asOf: at, view: canonicalJson(view) };
}

/**
 * A whole log projected into memory (a rebuild, a bulk load). A memory sink keeps only the last write of each
 * row, so instead of computing every touched row after every fact (an ownership walk per fact, a floor board
 * per fact), this notes which customers and units each fact touches and when, and computes each row once —
 * as of the last fact that touched it — at the end, or before a departure asks who owned whom.
 *
 * The rows are the ones `projectFact` would leave: an ownership answer at an instant depends only on the facts
 * recorded up to it (OWN-15), and every fact that changes a household, a name, a live order or the policy
 * touches the rows it changes (touches.ts). test/store/deferred-projection.test.ts compares the two on a
 * year of an office, and the projections test compares a rebuild with rows maintained fact by fact.
 */
export class DeferredProjection {
  /** Customers (engine keys) to project, each as of the last fact that touched its household. */
  private readonly customers = new Map<PhoneKey, number>();
  private readonly units = new Set<UnitId>();
  private lastAt: number | null = null;

  constructor(readonly sink: MemorySink) {}

  /** Notes what a folded fact touched; call after folding it, with the touches read before (`touchesOf`). */
  fact(engine: Engine, fact: Recorded, touches: Touches, tokenOf: TokenOf): void {
    const owned: string[] = [];
    if (touches.ownedBy !== undefined) {
      this.flush(engine, tokenOf); // who was projected as owned by the departed consultant, as the append path reads it
      for (const row of this.sink.customers.values()) if (row.owner === touches.ownedBy) owned.push(row.token);
    }
    const members = touches.householdUnits ? new Set<string>() : null;
    for (const key of touchedKeys(engine, touches, owned, tokenOf)) {
      for (const k of engine.household(key).keys) {
        this.customers.set(k, fact.at);
        members?.add(tokenOf(k));
      }
    }
    for (const u of touches.units) this.units.add(u);
    if (members) for (const u of householdUnits(engine, members, tokenOf)) this.units.add(u);
    this.lastAt = fact.at;
  }

  /** Computes the rows noted so far into the sink. */
  flush(engine: Engine, tokenOf: TokenOf): void {
    for (const row of customerRows(engine, this.customers.keys(), (k) => this.customers.get(k), tokenOf)) this.sink.customers.set(row.token, row);
    for (const u of this.units) this.sink.units.set(u, unitRow(engine, u, tokenOf));
    this.customers.clear();
    this.units.clear();
  }

  /** After the last fact: every row, and the floor board as the last fact left it. */
  finish(engine: Engine, tokenOf: TokenOf): void {
    this.flush(engine, tokenOf);
    if (this.lastAt !== null) this.sink.floor = floorRow(engine, this.lastAt);
  }
}

function unitRow(engine: Engine, unit: string, tokenOf: TokenOf): UnitRow {
  const order = engine.orders.get(unit);
  return {
    unit,
    price: engine.units.get(unit)?.price ?? null,
    orderToken: order ? tokenOf(order.phone) : null,
    closer: order?.closer ?? null,
    stage: order?.stage ?? null,
    credit: order ? canonicalJson(order.credit) : null,
    orderedAt: order?.firstAt ?? null,
    status: order?.stage ?? engine.unitAvailability(unit),
  };
}

// ---- the two sinks ----

const CUSTOMER_COLUMNS = ['project', 'token', 'name', 'owner', 'protected_until', 'last_contact', 'household', 'as_of'];
const UNIT_COLUMNS = ['project', 'unit', 'price', 'order_token', 'closer', 'stage', 'credit', 'ordered_at', 'status'];
const FLOOR_COLUMNS = ['project', 'day', 'as_of', 'view'];

const customerValues = (project: string, r: CustomerRow): SqlValue[] => [project, r.token, r.name, r.owner, r.protectedUntil, r.lastContact, r.household, r.asOf];
const unitValues = (project: string, r: UnitRow): SqlValue[] => [project, r.unit, r.price, r.orderToken, r.closer, r.stage, r.credit, r.orderedAt, r.status];
const floorValues = (project: string, r: FloorRow): SqlValue[] => [project, r.day, r.asOf, r.view];

/** INSERT … ON CONFLICT DO UPDATE, the same text on SQLite and PostgreSQL. */
function upsertSql(table: string, columns: readonly string[], key: readonly string[]): string {
  const set = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set.join(', ')}`;
}

const UPSERT_CUSTOMER = upsertSql('proj_customers', CUSTOMER_COLUMNS, ['project', 'token']);
const UPSERT_UNIT = upsertSql('proj_units', UNIT_COLUMNS, ['project', 'unit']);
const UPSERT_FLOOR = upsertSql('proj_floor', FLOOR_COLUMNS, ['project']);

/** Rows written straight into the transaction that appends the fact. */
export function sqlSink(tx: Db, project: string): ProjectionSink {
  return {
    async customersOwnedBy(who) {
      return (await tx.all<{ token: string }>('SELECT token FROM proj_customers WHERE project = ? AND owner = ?', [project, who])).map((r) => r.token);
    },
    async putCustomers(rows) {
      for (const r of rows) await tx.run(UPSERT_CUSTOMER, customerValues(project, r));
    },
    async putUnits(rows) {
      for (const r of rows) await tx.run(UPSERT_UNIT, unitValues(project, r));
    },
    async putFloor(row) {
      await tx.run(UPSERT_FLOOR, floorValues(project, row));
    },
  };
}

/** A sink whose rows reach the tables only when flushed. */
export interface BufferedSink extends ProjectionSink {
  /** Upserts the rows put since the last flush, a table at a time. */
  flush(): Promise<void>;
}

/**
 * Rows kept until the transaction is about to commit (`flush`), then upserted a table at a time: the commands
 * of one group commit each rewrite the floor board and often the same customers, and only each row's last
 * version reaches the table — the one it would hold written row by row. Asking who owns whom writes what is
 * pending first, so the answer is the same as `sqlSink`'s.
 */
export function bufferedSink(tx: Db, project: string): BufferedSink {
  const direct = sqlSink(tx, project);
  const customers = new Map<string, CustomerRow>();
  const units = new Map<string, UnitRow>();
  let floor: FloorRow | null = null;
  const sink: BufferedSink = {
    async customersOwnedBy(who) {
      await sink.flush();
      return direct.customersOwnedBy(who);
    },
    async putCustomers(rows) {
      for (const r of rows) customers.set(r.token, r);
    },
    async putUnits(rows) {
      for (const r of rows) units.set(r.unit, r);
    },
    async putFloor(row) {
      floor = row;
    },
    async flush() {
      const c = [...customers.values()];
      const u = [...units.values()];
      const f = floor;
      customers.clear();
      units.clear();
      floor = null;
      if (c.length === 1) await direct.putCustomers(c);
      else if (c.length > 1) await upsertRows(tx, 'proj_customers', CUSTOMER_COLUMNS, ['project', 'token'], c.map((r) => customerValues(project, r)));
      if (u.length === 1) await direct.putUnits(u);
      else if (u.length > 1) await upsertRows(tx, 'proj_units', UNIT_COLUMNS, ['project', 'unit'], u.map((r) => unitValues(project, r)));
      if (f) await direct.putFloor(f);
    },
  };
  return sink;
}

/** Rows kept in memory while a rebuild folds the log; the last write of each row wins, as in the database. */
export interface MemorySink extends ProjectionSink {
  readonly customers: Map<string, CustomerRow>;
  readonly units: Map<string, UnitRow>;
  floor: FloorRow | null;
}

export function memorySink(): MemorySink {
  const sink: MemorySink = {
    customers: new Map(),
    units: new Map(),
    floor: null,
    async customersOwnedBy(who) {
      return [...sink.customers.values()].filter((r) => r.owner === who).map((r) => r.token);
    },
    async putCustomers(rows) {
      for (const r of rows) sink.customers.set(r.token, r);
    },
    async putUnits(rows) {
      for (const r of rows) sink.units.set(r.unit, r);
    },
    async putFloor(row) {
      sink.floor = row;
    },
  };
  return sink;
}

/**
 * Replaces a project's projection rows with the ones in `sink` (projections are derived: deleting them loses
 * nothing). `maxParams` bounds each multi-row INSERT (a bulk load binds more at once).
 */
export async function replaceProjections(tx: Db, project: string, sink: MemorySink, maxParams?: number): Promise<void> {
  for (const table of ['proj_customers', 'proj_units', 'proj_floor']) await tx.run(`DELETE FROM ${table} WHERE project = ?`, [project]);
  await insertRows(tx, 'proj_customers', CUSTOMER_COLUMNS, [...sink.customers.values()].map((r) => customerValues(project, r)), maxParams);
  await insertRows(tx, 'proj_units', UNIT_COLUMNS, [...sink.units.values()].map((r) => unitValues(project, r)), maxParams);
  if (sink.floor) await insertRows(tx, 'proj_floor', FLOOR_COLUMNS, [floorValues(project, sink.floor)]);
}

/** A project's projection rows in a stable order, for comparing a rebuild with the stored rows. */
export async function readProjections(db: Db, project: string): Promise<{ customers: unknown[]; units: unknown[]; floor: unknown[] }> {
  return {
    customers: await db.all(`SELECT ${CUSTOMER_COLUMNS.join(', ')} FROM proj_customers WHERE project = ? ORDER BY token`, [project]),
    units: await db.all(`SELECT ${UNIT_COLUMNS.join(', ')} FROM proj_units WHERE project = ? ORDER BY unit`, [project]),
    floor: await db.all(`SELECT ${FLOOR_COLUMNS.join(', ')} FROM proj_floor WHERE project = ?`, [project]),
  };
}
