// An API under test: MemoryOffices (or the SQL Offices) with one project and a roster, accounts on a
// scratch database, a controllable clock, and a signed-in agent per role, all driven through inject().
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { addUser, grant } from '../../src/accounts/accounts-store.ts';
import type { HashCost } from '../../src/accounts/passwords.ts';
import type { AccountRole } from '../../src/accounts/roles.ts';
import type { Command } from '../../src/app/commands.ts';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import { parseLocalTime } from '../../src/core/time.ts';
import { serveWebApp } from '../../src/server/serve-web-app.ts';
import { buildApi, type ApiOptions } from '../../src/api/build-api.ts';
import { MemoryOffices } from '../../src/store/memory-offices.ts';
import { openSqlOffices } from '../../src/store/sql-offices.ts';
import { SYSTEM, type OfficeHandle, type Offices } from '../../src/store/offices.ts';
import type { Dialect } from '../../src/store/sql/db.ts';
import { scratchDb, type ScratchDb } from '../accounts/scratch-db.ts';

export const ZONE = 'Asia/Shanghai';
export const PROJECT = 'p1';
export const OTHER_PROJECT = 'p2';
export const PASSWORD = 'correct horse battery';
/** Cheap hashes: the tests sign in dozens of times; production uses the OWASP baseline. */
export const TEST_HASH_COST: HashCost = { memoryCost: 1024, timeCost: 1 };

export function at(text: string): number {
  const t = parseLocalTime(text, ZONE);
  if (t === null) throw new Error(`bad time ${text}`);
  return t;
}

/** Logins by role; each acts as the staff id of the same letter in project p1. */
export const USERS = {
  consultant: { login: 'a', staffId: 'A' },
  consultantB: { login: 'b', staffId: 'B' },
  supervisor: { login: 's', staffId: 'S' },
  manager: { login: 'm', staffId: 'M' },
  frontdesk: { login: 'f', staffId: 'F' },
  channelAssistant: { login: 'ca', staffId: 'CA' },
  broker: { login: 'x', brokerId: 'X' },
  admin: { login: 'admin' },
  /** A consultant of the other project only. */
  outsider: { login: 'o', staffId: 'O' },
} as const;
export type UserKey = keyof typeof USERS;

export const ROLE_USER: Readonly<Record<AccountRole, UserKey>> = {
  consultant: 'consultant',
  supervisor: 'supervisor',
  manager: 'manager',
  frontdesk: 'frontdesk',
  channelAssistant: 'channelAssistant',
  broker: 'broker',
  admin: 'admin',
};

export interface CallOptions {
  readonly body?: unknown;
  /** A raw payload instead of JSON (bad JSON, other content types). */
  readonly payload?: string | Buffer;
  readonly headers?: Record<string, string>;
  /** Leave out the CSRF header on a write. */
  readonly noCsrf?: boolean;
  readonly remoteAddress?: string;
}

export interface Agent {
  readonly token: string;
  readonly csrf: string;
  call(method: string, url: string, options?: CallOptions): Promise<LightMyRequestResponse>;
}

export interface Harness {
  readonly app: FastifyInstance;
  readonly offices: Offices;
  readonly handle: OfficeHandle;
  readonly scratch: ScratchDb;
  readonly clock: { now: number };
  /** Signs in (through the API) and returns an agent. */
  agent(user: UserKey): Promise<Agent>;
  /** An anonymous caller. */
  anonymous(method: string, url: string, options?: CallOptions): Promise<LightMyRequestResponse>;
  /** Records a command as the system (test setup), failing on a refusal. */
  run(command: Command): Promise<void>;
  /**
   * A second server process on the same database (SQL store only): its own connection, its own Offices (hearing
   * the others through LISTEN on PostgreSQL) and its own API. `call` sends a request with an agent's session;
   * `app` listens when a test needs a real socket (a live stream). `heartbeatMs` replaces the harness's own.
   */
  secondProcess(options?: { readonly heartbeatMs?: number }): Promise<{ readonly app: FastifyInstance; call(agent: Agent, method: string, url: string, options?: CallOptions): Promise<LightMyRequestResponse> }>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<ApiOptions, 'offices' | 'db'>> {
  /** The store behind the API: in memory (default), or the SQL Offices on the same scratch database as the accounts. */
  readonly store?: 'memory' | 'sql';
  /** What the API is given instead of the harness's offices (to simulate a store that misbehaves). */
  readonly wrapOffices?: (offices: Offices) => Offices;
  /** A built web app folder to serve beside the API, as the composition root does. */
  readonly web?: string;
}

export async function startHarness(dialect: Dialect = 'sqlite', options: HarnessOptions = {}): Promise<Harness> {
  const clock = { now: at('2026-03-02 09:00') };
  const scratch = await scratchDb(dialect);
  const db = scratch.db;
  const secret = randomBytes(32);
  const memory: Offices = options.store === 'sql' ? await openSqlOffices(db, { secret, clock: () => clock.now }) : new MemoryOffices(() => clock.now);
  const handle = await memory.create({ id: PROJECT, name: '一号项目', zone: ZONE }, STANDARD_POLICY, SYSTEM);
  const other = await memory.create({ id: OTHER_PROJECT, name: '二号项目', zone: ZONE }, STANDARD_POLICY, SYSTEM);
  const run = async (command: Command, on: OfficeHandle = handle) => {
    const done = await on.execute(command, SYSTEM);
    if (!done.ok) throw new Error(`${command.do} refused: ${done.refusal.message}`);
  };
  for (const [id, role, name] of [
    ['A', 'consultant', '王磊'],
    ['B', 'consultant', '李娜'],
    ['S', 'supervisor', '孙主管'],
    ['M', 'manager', '刘经理'],
    ['F', 'frontdesk', '周前台'],
    ['CA', 'channelAssistant', '吴渠道'],
  ] as const) {
    await run({ do: 'addStaff', staff: { id, role, name } });
  }
  await run({ do: 'addBroker', broker: { id: 'X', kind: 'agency', approved: true } });
  await run({ do: 'addUnit', unit: { id: 'U1', price: 2_350_000 } });
  await run({ do: 'addStaff', staff: { id: 'O', role: 'consultant' } }, other);

  for (const [key, u] of Object.entries(USERS)) {
    await addUser(db, { login: u.login, displayName: key, password: PASSWORD }, { hashCost: TEST_HASH_COST, now: clock.now });
  }
  const member = (login: string, project: string, role: Exclude<AccountRole, 'admin'>, ids: { staffId?: string; brokerId?: string }) => grant(db, { login, project, role, ...ids }, { now: clock.now });
  await member('a', PROJECT, 'consultant', { staffId: 'A' });
  await member('b', PROJECT, 'consultant', { staffId: 'B' });
  await member('s', PROJECT, 'supervisor', { staffId: 'S' });
  await member('m', PROJECT, 'manager', { staffId: 'M' });
  await member('f', PROJECT, 'frontdesk', { staffId: 'F' });
  await member('ca', PROJECT, 'channelAssistant', { staffId: 'CA' });
  await member('x', PROJECT, 'broker', { brokerId: 'X' });
  await member('o', OTHER_PROJECT, 'consultant', { staffId: 'O' });
  await grant(db, { login: 'admin', role: 'admin' });

  const { wrapOffices, store: _store, web, ...apiOptions } = options;
  const offices = wrapOffices ? wrapOffices(memory) : memory;
  const app = buildApi({ db, clock: () => clock.now, hashCost: TEST_HASH_COST, cookieSecure: false, ...apiOptions, offices });
  if (web !== undefined) await serveWebApp(app, web);
  await app.ready();

  const inject = (method: string, url: string, o: CallOptions, auth: { token: string; csrf: string } | null) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (auth) {
      headers.cookie = `anchang_session=${auth.token}`;
      if (!o.noCsrf && method !== 'GET' && headers['x-csrf-token'] === undefined) headers['x-csrf-token'] = auth.csrf;
    }
    const payload = o.payload ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    if (o.body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
    return app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}), ...(o.remoteAddress ? { remoteAddress: o.remoteAddress } : {}) });
  };

  const agents = new Map<UserKey, Agent>();
  const closing: (() => Promise<unknown>)[] = [];
  return {
    app,
    offices,
    handle,
    scratch,
    clock,
    async agent(user) {
      const known = agents.get(user);
      if (known) return known;
      const res = await inject('POST', '/api/session', { body: { login: USERS[user].login, password: PASSWORD } }, null);
      if (res.statusCode !== 200) throw new Error(`sign-in of ${user} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'anchang_session');
      if (!cookie) throw new Error('no session cookie');
      const auth = { token: cookie.value, csrf: (res.json() as { csrfToken: string }).csrfToken };
      const agent: Agent = { ...auth, call: (method, url, o = {}) => inject(method, url, o, auth) };
      agents.set(user, agent);
      return agent;
    },
    anonymous: (method, url, o = {}) => inject(method, url, o, null),
    run: (command) => run(command),
    async secondProcess(second = {}) {
      if (options.store !== 'sql') throw new Error('a second process needs the SQL store');
      const otherDb = scratch.open();
      const otherOffices = await openSqlOffices(otherDb, { secret, clock: () => clock.now, listen: true });
      const { wrapOffices: _w, store: _s, web: _web, ...rest } = options;
      const otherApp = buildApi({ db: otherDb, clock: () => clock.now, hashCost: TEST_HASH_COST, cookieSecure: false, ...rest, ...second, offices: otherOffices });
      await otherApp.ready();
      closing.push(() => otherApp.close(), () => otherOffices.close());
      return {
        app: otherApp,
        call: (agent, method, url, o = {}) => {
          const headers: Record<string, string> = { ...(o.headers ?? {}), cookie: `anchang_session=${agent.token}` };
          if (method !== 'GET') headers['x-csrf-token'] = agent.csrf;
          const payload = o.body === undefined ? undefined : JSON.stringify(o.body);
          if (payload !== undefined) headers['content-type'] = 'application/json';
          return otherApp.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
        },
      };
    },
    async close() {
      for (const done of closing.reverse()) await done();
      await app.close();
      await memory.close();
      await scratch.drop();
    },
  };
}

/** Offices that pass everything on to `offices` except what `overrides` replaces (a store misbehaving). */
export function wrapped(offices: Offices, overrides: Partial<Offices>): Offices {
  return {
    list: () => offices.list(),
    create: (...args) => offices.create(...args),
    open: (id) => offices.open(id),
    subscribe: (listener) => offices.subscribe(listener),
    close: () => offices.close(),
    ...overrides,
  };
}

export const p = (path: string): string => `/api/projects/${PROJECT}${path}`;

/** Nothing in an answer may look like a stack trace or a source location (a frame is `at fn (file:line:col)`; prose such as "owed at once (passed …" is not). */
export const STACK_TRACE = /\bat [^\s]+ \([^)]*:\d+:\d+\)|node_modules|\.ts:\d+|\.js:\d+|Error: .*\n\s+at /;

/** Offices whose engine reads fail while `flag.on`, with `message` (a store failing as infrastructure fails). */
export function failingEngine(offices: Offices, flag: { on: boolean }, message: string): Offices {
  return wrapped(offices, {
    open: async (id) => {
      const handle = await offices.open(id);
      if (!handle) return null;
      return {
        project: handle.project,
        execute: (...args) => handle.execute(...args),
        facts: (after) => handle.facts(after),
        engine: () => (flag.on ? Promise.reject(new Error(message)) : handle.engine()),
      } satisfies OfficeHandle;
    },
  });
}
