// Projections: tables for fast reads (customers by phone token, households, today's floor, units and live
// orders), written in the same transaction as the append and rebuildable from the log at any time. They
// hold nothing the log does not: `rebuildProjections` recreates them, and a test proves the rebuilt rows
// equal the ones maintained fact by fact.
import type { Engine } from '../../core/engine.ts';
import type { Recorded } from '../../core/facts.ts';
import type { PhoneKey } from '../../core/phone.ts';
import { floorView } from '../../app/queries.ts';
import { canonicalJson } from '../log/canonical-json.ts';
import type { Db, SqlValue } from '../sql/db.ts';
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
  const keys = new Set<PhoneKey>(touches.phones);
  if (touches.everyone) for (const k of engine.customers.keys()) keys.add(k);
  if (touches.ownedBy !== undefined) {
    const owned = new Set(await sink.customersOwnedBy(touches.ownedBy));
    if (owned.size > 0) for (const k of engine.customers.keys()) if (owned.has(tokenOf(k))) keys.add(k);
  }
  const customers = customerRows(engine, keys, fact.at, tokenOf);
  if (customers.length > 0) await sink.putCustomers(customers);

  const units = new Set(touches.units);
  if (touches.householdUnits) {
    const members = new Set(customers.map((c) => c.token));
    for (const order of engine.orders.values()) if (members.has(tokenOf(order.phone))) units.add(order.unit);
  }
  if (units.size > 0) await sink.putUnits([...units].map((u) => unitRow(engine, u, tokenOf)));

  const view = floorView(engine, fact.at);
  await sink.putFloor({ day: view.day, asOf: fact.at, view: canonicalJson(view) });
}

function customerRows(engine: Engine, keys: Iterable<PhoneKey>, at: number, tokenOf: TokenOf): CustomerRow[] {
  const rows: CustomerRow[] = [];
  const done = new Set<PhoneKey>();
  for (const key of keys) {
    if (done.has(key)) continue;
    const members = engine.household(key).keys;
    const household = members.map(tokenOf).reduce((a, b) => (b < a ? b : a));
    for (const k of members) {
      done.add(k);
      const o = engine.ownership(k, at);
      rows.push({ token: tokenOf(k), name: engine.customers.get(k)?.name ?? null, owner: o.owner, protectedUntil: o.protectedUntil, lastContact: o.lastContact, household, asOf: at });
    }
  }
  return rows;
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
  };
}

// ---- the two sinks ----

const CUSTOMER_COLUMNS = ['project', 'token', 'name', 'owner', 'protected_until', 'last_contact', 'household', 'as_of'];
const UNIT_COLUMNS = ['project', 'unit', 'price', 'order_token', 'closer', 'stage', 'credit', 'ordered_at'];
const FLOOR_COLUMNS = ['project', 'day', 'as_of', 'view'];

const customerValues = (project: string, r: CustomerRow): SqlValue[] => [project, r.token, r.name, r.owner, r.protectedUntil, r.lastContact, r.household, r.asOf];
const unitValues = (project: string, r: UnitRow): SqlValue[] => [project, r.unit, r.price, r.orderToken, r.closer, r.stage, r.credit, r.orderedAt];
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

/** Replaces a project's projection rows with the ones in `sink` (projections are derived: deleting them loses nothing). */
export async function replaceProjections(tx: Db, project: string, sink: MemorySink): Promise<void> {
  for (const table of ['proj_customers', 'proj_units', 'proj_floor']) await tx.run(`DELETE FROM ${table} WHERE project = ?`, [project]);
  await insertMany(tx, 'proj_customers', CUSTOMER_COLUMNS, [...sink.customers.values()].map((r) => customerValues(project, r)));
  await insertMany(tx, 'proj_units', UNIT_COLUMNS, [...sink.units.values()].map((r) => unitValues(project, r)));
  if (sink.floor) await insertMany(tx, 'proj_floor', FLOOR_COLUMNS, [floorValues(project, sink.floor)]);
}

async function insertMany(tx: Db, table: string, columns: readonly string[], rows: readonly SqlValue[][]): Promise<void> {
  const perStatement = Math.floor(900 / columns.length); // under SQLite's and PostgreSQL's parameter limits
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
  }
}

/** A project's projection rows in a stable order, for comparing a rebuild with the stored rows. */
export async function readProjections(db: Db, project: string): Promise<{ customers: unknown[]; units: unknown[]; floor: unknown[] }> {
  return {
    customers: await db.all(`SELECT ${CUSTOMER_COLUMNS.join(', ')} FROM proj_customers WHERE project = ? ORDER BY token`, [project]),
    units: await db.all(`SELECT ${UNIT_COLUMNS.join(', ')} FROM proj_units WHERE project = ? ORDER BY unit`, [project]),
    floor: await db.all(`SELECT ${FLOOR_COLUMNS.join(', ')} FROM proj_floor WHERE project = ?`, [project]),
  };
}
