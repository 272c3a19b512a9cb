// One store suite, every dialect (as Kysely runs its tests): SQLite files in a temp folder, and PostgreSQL
// at 127.0.0.1 in a scratch database per test file, with a schema per test so tests never share tables.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { onPostgresServer, PG_SERVER } from '../../support/postgres-scratch.ts';
import { afterAll, beforeAll } from 'vitest';
import type { Db, Dialect } from '../../../src/store/sql/db.ts';
import { openPostgres } from '../../../src/store/sql/postgres-db.ts';
import { openSqlite } from '../../../src/store/sql/sqlite-db.ts';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];
export { PG_SERVER };

/** Where a test's database lives: a file (SQLite) or a connection string (PostgreSQL). */
export interface Place {
  readonly dialect: Dialect;
  readonly location: string;
}

export function openPlace(place: Place): Db {
  return place.dialect === 'sqlite' ? openSqlite(place.location) : openPostgres(place.location, { max: 4 });
}


/**
 * Registers the file's setup and teardown for one dialect; `fresh()` then gives each test an empty database,
 * and `open(place)` another connection to it (a second "process"). Everything opened is closed at the end.
 */
export function scratch(dialect: Dialect) {
  const id = randomBytes(5).toString('hex');
  let dir = '';
  const database = `anchang_t_${id}`;
  const opened: Db[] = [];
  let n = 0;

  beforeAll(async () => {
    if (dialect === 'sqlite') dir = mkdtempSync(join(tmpdir(), 'anchang-store-'));
    else await onPostgresServer(`CREATE DATABASE ${database}`);
  });

  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close().catch(() => undefined)));
    if (dialect === 'sqlite') rmSync(dir, { recursive: true, force: true });
    else await onPostgresServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  const open = (place: Place): Db => {
    const db = openPlace(place);
    opened.push(db);
    return db;
  };

  return {
    dialect,
    open,
    async fresh(): Promise<{ db: Db; place: Place }> {
      n++;
      let place: Place;
      if (dialect === 'sqlite') place = { dialect, location: join(dir, `t${n}.db`) };
      else {
        const schema = `t${n}`;
        const base = `${PG_SERVER}/${database}`;
        const setup = new pg.Client({ connectionString: base });
        await setup.connect();
        await setup.query(`CREATE SCHEMA ${schema}`);
        await setup.end();
        place = { dialect, location: `${base}?options=${encodeURIComponent(`-c search_path=${schema}`)}` };
      }
      return { db: open(place), place };
    },
  };
}

export type Scratch = ReturnType<typeof scratch>;
