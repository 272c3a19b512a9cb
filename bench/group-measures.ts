// The in-process measures of the sales-group benchmark, each beside the limit the machine sets for it: the
// front desk's judge against one indexed look-up of the same phone, registrations through `execute` against
// raw inserts of the same rows, a rebuild of every projection from the log, and the consultants' month.
import type Database from 'better-sqlite3';
import type { Session } from '../src/accounts/accounts-store.ts';
import { ENDPOINTS, callerFor } from '../src/api/access.policy.ts';
import { presentJudgement, Viewer } from '../src/api/customer-view.ts';
import { judge } from '../src/app/customers.queries.ts';
import { consultantPerformance, monthRange } from '../src/app/performance.ts';
import { normalisePhone } from '../src/core/phone.ts';
import type { Recorded } from '../src/core/facts.ts';
import { readProjections } from '../src/store/projections/projections.ts';
import { rebuildProjections } from '../src/store/rebuild-projections.ts';
import type { OfficeHandle } from '../src/store/offices.ts';
import type { Db } from '../src/store/sql/db.ts';
import type { SqlOffices } from '../src/store/sql-offices.ts';
import { tokenFor } from '../src/store/vault/vault-crypto.ts';
import type { Vault } from '../src/store/vault/personal-vault.ts';
import type { Place } from './group-places.ts';
import { latency, nowNs, type Latency } from './group-stats.ts';

/** A phone the front desk asks about: as typed, with the project and the key it normalises to. */
export interface Question {
  readonly project: string;
  readonly key: string;
  readonly typed: string;
  readonly known: boolean;
}

const frontDesk = (project: string): Pick<Session, 'user' | 'memberships'> => ({
  user: { id: `bench-fd-${project}`, login: `fd-${project.toLowerCase()}`, displayName: 'front desk', active: true, admin: false, createdAt: 0 },
  memberships: [{ userId: `bench-fd-${project}`, project, role: 'frontdesk', staffId: 'F1', brokerId: null, grantedAt: 0 }],
});

export interface JudgeFigures {
  readonly judge: Latency;
  /** Where the judge's time goes: normalising the typed phone, `engine()` (catch-up), the judgement and its view. */
  readonly stages: { readonly normalise: Latency; readonly engine: Latency; readonly judge: Latency };
  readonly raw: Latency;
  readonly owned: number;
  readonly known: number;
}

/**
 * The judge as the route runs it, minus HTTP: normalise the typed phone, the caught-up engine, `judge`, the
 * front desk's (masked) view serialised. The limit: one indexed look-up of the same phone's projection row
 * on the raw driver (a prepared statement; the token is the key the table is indexed by).
 */
export async function measureJudge(place: Place, offices: SqlOffices, vault: Vault, questions: readonly Question[], now: number): Promise<JudgeFigures> {
  const handles = new Map<string, OfficeHandle>();
  for (const q of questions) if (!handles.has(q.project)) handles.set(q.project, (await offices.open(q.project)) as OfficeHandle);
  const viewers = new Map([...handles.keys()].map((p) => [p, callerFor(ENDPOINTS.judge, frontDesk(p), p)]));
  const total = new Float64Array(questions.length);
  const tNorm = new Float64Array(questions.length);
  const tEngine = new Float64Array(questions.length);
  const tJudge = new Float64Array(questions.length);
  let owned = 0;
  let known = 0;
  const ask = async (q: Question, i: number, timed: boolean) => {
    const t0 = nowNs();
    const key = normalisePhone(q.typed);
    const t1 = nowNs();
    const handle = handles.get(q.project) as OfficeHandle;
    const engine = await handle.engine();
    const t2 = nowNs();
    if (key === null) throw new Error(`"${q.typed}" did not normalise`);
    const judgement = judge(engine, { phone: key }, now);
    const body = JSON.stringify(presentJudgement(judgement, engine, new Viewer(viewers.get(q.project)!, 'judge'), handle.project.zone));
    const t3 = nowNs();
    if (!timed) return;
    total[i] = t3 - t0;
    tNorm[i] = t1 - t0;
    tEngine[i] = t2 - t1;
    tJudge[i] = t3 - t2;
    if (judgement.ownership?.owner) owned++;
    if (judgement.known) known++;
    if (body.length === 0) throw new Error('empty judgement');
  };
  for (let i = 0; i < Math.min(2_000, questions.length); i++) await ask(questions[i] as Question, i, false); // warm-up
  for (let i = 0; i < questions.length; i++) await ask(questions[i] as Question, i, true);

  const tokens = questions.map((q) => tokenFor(vault.keys, q.key));
  const rawNs = new Float64Array(questions.length);
  const sql = 'SELECT token, name, owner, protected_until, last_contact, household, as_of FROM proj_customers WHERE project = ? AND token = ?';
  if (place.raw.dialect === 'sqlite') {
    const statement = place.raw.native.prepare(sql);
    for (let i = 0; i < Math.min(2_000, questions.length); i++) statement.get((questions[i] as Question).project, tokens[i]);
    for (let i = 0; i < questions.length; i++) {
      const t0 = nowNs();
      statement.get((questions[i] as Question).project, tokens[i]);
      rawNs[i] = nowNs() - t0;
    }
  } else {
    const client = place.raw.client;
    const text = sql.replace('?', '$1').replace('?', '$2');
    for (let i = 0; i < Math.min(2_000, questions.length); i++) await client.query({ name: 'bench_lookup', text, values: [(questions[i] as Question).project, tokens[i]] });
    for (let i = 0; i < questions.length; i++) {
      const t0 = nowNs();
      await client.query({ name: 'bench_lookup', text, values: [(questions[i] as Question).project, tokens[i]] });
      rawNs[i] = nowNs() - t0;
    }
  }
  return {
    judge: latency(total),
    stages: { normalise: latency(tNorm), engine: latency(tEngine), judge: latency(tJudge) },
    raw: latency(rawNs),
    owned,
    known,
  };
}

export interface WriteFigures {
  readonly writes: number;
  readonly ms: number;
  readonly perS: number;
  readonly rawMs: number;
  readonly rawPerS: number;
  /** Rows each registration wrote (events, vault keys and values, projection rows). */
  readonly rowsPerWrite: number;
}

/**
 * Registrations of new customers, one at a time through `execute` (each its own transaction: catch-up, decide,
 * seal, append, fold, project, commit), then the same rows inserted again by the raw driver, one transaction
 * per registration with the same durability, into copies of the tables (same keys and indexes) holding the
 * same project's rows as before the registrations — so each insert lands where the store's did.
 */
export async function measureWrites(place: Place, handle: OfficeHandle, registrations: readonly { by: string; phone: string; name: string }[], now: number): Promise<WriteFigures> {
  const project = handle.project.id;
  const first = (await handle.engine()).lastSeq + 1;
  await copyTables(place, project);
  const actor = { kind: 'user' as const, id: `${project.toLowerCase()}-frontdesk` };
  const t0 = performance.now();
  for (const [i, r] of registrations.entries()) {
    const out = await handle.execute({ do: 'register', by: r.by, via: 'visit', phone: r.phone, name: r.name, gender: i % 2 ? 'F' : 'M', needs: '三房' }, actor, { at: now + i });
    if (!out.ok) throw new Error(`registration refused: ${out.refusal.message}`);
  }
  const ms = performance.now() - t0;
  const last = first + registrations.length - 1;

  // The rows those registrations wrote, as stored.
  const db = place.db;
  const events = await db.all<Record<string, unknown>>('SELECT project, seq, at, type, actor, body, prev_hash, hash FROM events WHERE project = ? AND seq >= ? AND seq <= ? ORDER BY seq', [project, first, last]);
  const values = await db.all<Record<string, unknown>>('SELECT project, seq, subject, sealed FROM personal_values WHERE project = ? AND seq >= ? AND seq <= ? ORDER BY seq', [project, first, last]);
  const subjects = [...new Set(values.map((v) => v.subject as string))];
  const keys: Record<string, unknown>[] = [];
  const customers: Record<string, unknown>[] = [];
  for (let i = 0; i < subjects.length; i += 500) {
    const chunk = subjects.slice(i, i + 500);
    const marks = chunk.map(() => '?').join(', ');
    keys.push(...(await db.all<Record<string, unknown>>(`SELECT project, subject, wrapped, created_at FROM personal_keys WHERE project = ? AND subject IN (${marks})`, [project, ...chunk])));
    customers.push(...(await db.all<Record<string, unknown>>(`SELECT project, token, name, owner, protected_until, last_contact, household, as_of FROM proj_customers WHERE project = ? AND token IN (${marks})`, [project, ...chunk])));
  }
  const floor = await db.get<Record<string, unknown>>('SELECT project, day, as_of, view FROM proj_floor WHERE project = ?', [project]);
  const bySeq = <T extends Record<string, unknown>>(rows: T[], column: string) => {
    const m = new Map<unknown, T[]>();
    for (const r of rows) m.set(Number(r[column]), [...(m.get(Number(r[column])) ?? []), r]);
    return m;
  };
  const valuesOf = bySeq(values, 'seq');
  const keyOf = new Map(keys.map((k) => [k.subject, k]));
  const customerOf = new Map(customers.map((c) => [c.token, c]));
  const plan = events.map((e) => {
    const vs = valuesOf.get(Number(e.seq)) ?? [];
    return { e, vs, ks: vs.map((v) => keyOf.get(v.subject)).filter((k): k is Record<string, unknown> => k !== undefined), cs: vs.map((v) => customerOf.get(v.subject)).filter((c): c is Record<string, unknown> => c !== undefined) };
  });
  const rowsPerWrite = (events.length + values.length + keys.length + customers.length + (floor ? events.length : 0)) / Math.max(1, events.length);

  const rawMs = await rawInserts(place, plan, floor ?? null);
  return { writes: registrations.length, ms, perS: registrations.length / (ms / 1000), rawMs, rawPerS: registrations.length / (rawMs / 1000), rowsPerWrite };
}

type Row = Record<string, unknown>;
const TABLES = ['events', 'personal_keys', 'personal_values', 'proj_customers', 'proj_floor'] as const;
const COLUMNS: Record<(typeof TABLES)[number], readonly string[]> = {
  events: ['project', 'seq', 'at', 'type', 'actor', 'body', 'prev_hash', 'hash'],
  personal_keys: ['project', 'subject', 'wrapped', 'created_at'],
  personal_values: ['project', 'seq', 'subject', 'sealed'],
  proj_customers: ['project', 'token', 'name', 'owner', 'protected_until', 'last_contact', 'household', 'as_of'],
  proj_floor: ['project', 'day', 'as_of', 'view'],
};
const KEYS: Record<'proj_customers' | 'proj_floor', readonly string[]> = { proj_customers: ['project', 'token'], proj_floor: ['project'] };

function insertSql(table: (typeof TABLES)[number], dollar: boolean): string {
  const cols = COLUMNS[table];
  const marks = cols.map((_, i) => (dollar ? `$${i + 1}` : '?')).join(', ');
  const base = `INSERT INTO bench_raw_${table} (${cols.join(', ')}) VALUES (${marks})`;
  if (table !== 'proj_customers' && table !== 'proj_floor') return base;
  const key = KEYS[table];
  return `${base} ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${cols
    .filter((c) => !key.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;
}

/** Copies of the store's tables (same columns, keys and indexes) holding one project's rows. */
async function copyTables(place: Place, project: string): Promise<void> {
  if (place.raw.dialect === 'sqlite') {
    const native = place.raw.native;
    for (const table of TABLES) {
      native.exec(`DROP TABLE IF EXISTS bench_raw_${table}`);
      const ddl = native.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type DESC").all(table) as { sql: string }[];
      for (const { sql } of ddl) native.exec(sql.replace(new RegExp(`\\b${table}\\b`, 'g'), `bench_raw_${table}`).replace(/CREATE INDEX (\w+)/, 'CREATE INDEX bench_raw_$1'));
      native.prepare(`INSERT INTO bench_raw_${table} (${COLUMNS[table].join(', ')}) SELECT ${COLUMNS[table].join(', ')} FROM ${table} WHERE project = ?`).run(project);
    }
    return;
  }
  const client = place.raw.client;
  for (const table of TABLES) {
    await client.query(`DROP TABLE IF EXISTS bench_raw_${table}`);
    await client.query(`CREATE TABLE bench_raw_${table} (LIKE ${table} INCLUDING ALL)`);
    await client.query(`INSERT INTO bench_raw_${table} (${COLUMNS[table].join(', ')}) SELECT ${COLUMNS[table].join(', ')} FROM ${table} WHERE project = $1`, [project]);
    await client.query(`ANALYZE bench_raw_${table}`);
  }
}

/** The same rows, one transaction per registration, into the copies (`copyTables`); drops the copies afterwards. */
async function rawInserts(place: Place, plan: { e: Row; vs: Row[]; ks: Row[]; cs: Row[] }[], floor: Row | null): Promise<number> {
  const values = (table: (typeof TABLES)[number], r: Row): unknown[] => COLUMNS[table].map((c) => r[c]);
  if (place.raw.dialect === 'sqlite') {
    const native = place.raw.native;
    native.pragma('foreign_keys = ON');
    const statements = Object.fromEntries(TABLES.map((t) => [t, native.prepare<unknown[]>(insertSql(t, false))])) as Record<(typeof TABLES)[number], Database.Statement<unknown[]>>;
    const one = native.transaction((p: (typeof plan)[number]) => {
      statements.events.run(...values('events', p.e));
      for (const k of p.ks) statements.personal_keys.run(...values('personal_keys', k));
      for (const v of p.vs) statements.personal_values.run(...values('personal_values', v));
      for (const c of p.cs) statements.proj_customers.run(...values('proj_customers', c));
      if (floor) statements.proj_floor.run(...values('proj_floor', floor));
    });
    const t0 = performance.now();
    for (const p of plan) one.immediate(p);
    const ms = performance.now() - t0;
    for (const table of TABLES) native.exec(`DROP TABLE IF EXISTS bench_raw_${table}`);
    return ms;
  }
  const client = place.raw.client;
  const run = (table: (typeof TABLES)[number], r: Row) => client.query({ name: `bench_raw_${table}`, text: insertSql(table, true), values: values(table, r) });
  const t0 = performance.now();
  for (const p of plan) {
    await client.query('BEGIN');
    await run('events', p.e);
    for (const k of p.ks) await run('personal_keys', k);
    for (const v of p.vs) await run('personal_values', v);
    for (const c of p.cs) await run('proj_customers', c);
    if (floor) await run('proj_floor', floor);
    await client.query('COMMIT');
  }
  const ms = performance.now() - t0;
  for (const table of TABLES) await client.query(`DROP TABLE IF EXISTS bench_raw_${table}`);
  return ms;
}

export interface RebuildFigures {
  readonly facts: number;
  readonly ms: number;
  readonly perS: number;
  /** Every project's rows read back after the rebuild equal the ones the load wrote. */
  readonly equal: boolean;
  readonly projects: number;
}

/** `rebuildProjections` over every project, then the rows compared with those before. */
export async function measureRebuild(place: Place, vault: Vault, projects: readonly string[]): Promise<RebuildFigures> {
  const before = new Map<string, string>();
  for (const p of projects) before.set(p, JSON.stringify(await readProjections(place.db, p)));
  const t0 = performance.now();
  const reports = await rebuildProjections(place.db, { vault });
  const ms = performance.now() - t0;
  let equal = reports.length === projects.length;
  for (const p of projects) if (JSON.stringify(await readProjections(place.db, p)) !== before.get(p)) equal = false;
  const facts = reports.reduce((n, r) => n + r.facts, 0);
  return { facts, ms, perS: facts / (ms / 1000), equal, projects: reports.length };
}

export interface ReportFigures {
  readonly project: string;
  readonly month: string;
  readonly facts: number;
  readonly consultants: number;
  /** Reading the whole log back (vault opened) and folding the report over it. */
  readonly ms: number;
  readonly readMs: number;
}

/**
 * The consultants' month (src/app/performance.ts) over the project's whole history read back from the store,
 * with the customers each owns from the projections (owner as of each customer's last fact).
 */
export async function measureMonthlyReport(db: Db, handle: OfficeHandle, month: string): Promise<ReportFigures> {
  const t0 = performance.now();
  const facts: readonly Recorded[] = await handle.facts(0);
  const t1 = performance.now();
  const engine = await handle.engine();
  const range = monthRange(month, handle.project.zone);
  if (!range) throw new Error(`not a month: ${month}`);
  const counts = await db.all<{ owner: string; n: unknown }>('SELECT owner, COUNT(*) AS n FROM proj_customers WHERE project = ? AND owner IS NOT NULL GROUP BY owner', [handle.project.id]);
  const owned = new Map(counts.map((c) => [c.owner, Number(c.n)]));
  const rows = consultantPerformance({ month: range, facts, staff: engine.staff.values(), departed: engine.departed, ownedNow: (who) => owned.get(who) ?? 0, creditNow: (id) => engine.allOrders.get(id)?.credit });
  const ms = performance.now() - t0;
  return { project: handle.project.id, month, facts: facts.length, consultants: rows.length, ms, readMs: t1 - t0 };
}
