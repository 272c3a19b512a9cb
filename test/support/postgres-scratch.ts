// Scratch PostgreSQL databases on the machine's server, for every suite that tests the real thing:
// created with a random name, dropped (with their connections) afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_SERVER = process.env.ANCHANG_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

/** Runs one statement on the server's maintenance database (CREATE/DROP DATABASE cannot run in a transaction). */
export async function onPostgresServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await onPostgresServer(`CREATE DATABASE ${name}`);
  return { name, url: `${PG_SERVER}/${name}`, drop: () => onPostgresServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
