// Idempotent commands: a retried request (same project, actor and key) gets the first answer back and
// records nothing new. Refusals are remembered too, so a retry cannot turn a refusal into a second try.
import type { Db } from './sql/db.ts';
import type { Migration } from './sql/migrate.ts';
import type { Executed } from './offices.ts';

const TABLES = `
  CREATE TABLE idempotency (
    project TEXT NOT NULL, actor TEXT NOT NULL, key TEXT NOT NULL, outcome TEXT NOT NULL, seq BIGINT, at BIGINT NOT NULL,
    PRIMARY KEY (project, actor, key));`;

export const IDEMPOTENCY_SCHEMA: Migration = { id: '0013-idempotency', sql: { sqlite: TABLES, postgres: TABLES } };

export async function recallOutcome(tx: Db, project: string, actor: string, key: string): Promise<Executed | null> {
  const row = await tx.get<{ outcome: string }>('SELECT outcome FROM idempotency WHERE project = ? AND actor = ? AND key = ?', [project, actor, key]);
  return row ? (JSON.parse(row.outcome) as Executed) : null;
}

export async function rememberOutcome(tx: Db, project: string, actor: string, key: string, outcome: Executed, at: number): Promise<void> {
  await tx.run('INSERT INTO idempotency (project, actor, key, outcome, seq, at) VALUES (?, ?, ?, ?, ?, ?)', [project, actor, key, JSON.stringify(outcome), outcome.seq ?? null, at]);
}
