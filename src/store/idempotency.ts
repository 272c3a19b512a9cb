// Idempotent commands: a retried request (same project, actor and key) gets the first answer back and
// records nothing new. Refusals are remembered too, so a retry cannot turn a refusal into a second try.
// The request itself is remembered as a fingerprint: the same key sent with a different command is not a
// retry but a mistake, refused `idempotency_key_reused` rather than silently answered with the first outcome.
import { createHash } from 'node:crypto';
import type { Command } from '../app/commands.ts';
import { canonicalJson } from './log/canonical-json.ts';
import type { Db } from './sql/db.ts';
import type { Migration } from './sql/migrate.ts';
import type { Executed } from './offices.ts';

const TABLES = `
  CREATE TABLE idempotency (
    project TEXT NOT NULL, actor TEXT NOT NULL, key TEXT NOT NULL, outcome TEXT NOT NULL, seq BIGINT, at BIGINT NOT NULL,
    PRIMARY KEY (project, actor, key));`;

export const IDEMPOTENCY_SCHEMA: Migration = { id: '0013-idempotency', sql: { sqlite: TABLES, postgres: TABLES } };

const FINGERPRINT = 'ALTER TABLE idempotency ADD COLUMN request TEXT;';
/** Rows written before it have no fingerprint and are answered as before. */
export const IDEMPOTENCY_FINGERPRINT_SCHEMA: Migration = { id: '0014-idempotency-request', sql: { sqlite: FINGERPRINT, postgres: FINGERPRINT } };

/** The one text of a command, hashed: equal commands, equal fingerprints, whatever their keys' order. */
export function fingerprintOf(command: Command): string {
  return createHash('sha256').update(canonicalJson(command)).digest('hex');
}

/** The answer to a request whose key was already used for another one (nothing is recorded). */
export const KEY_REUSED: Executed = Object.freeze({
  ok: false as const,
  refusal: { code: 'idempotency_key_reused', message: 'this Idempotency-Key was already used for a different request: send a new key' } as const,
});

/** The earlier outcome under this key: replayed for the same request, KEY_REUSED for another one. */
export async function recallOutcome(tx: Db, project: string, actor: string, key: string, request: string): Promise<Executed | null> {
  const row = await tx.get<{ outcome: string; request: string | null }>('SELECT outcome, request FROM idempotency WHERE project = ? AND actor = ? AND key = ?', [project, actor, key]);
  if (!row) return null;
  if (row.request !== null && row.request !== request) return KEY_REUSED;
  return { ...(JSON.parse(row.outcome) as Executed), replayed: true };
}

export async function rememberOutcome(tx: Db, project: string, actor: string, key: string, request: string, outcome: Executed, at: number): Promise<void> {
  await tx.run('INSERT INTO idempotency (project, actor, key, outcome, seq, at, request) VALUES (?, ?, ?, ?, ?, ?, ?)', [project, actor, key, JSON.stringify(outcome), outcome.seq ?? null, at, request]);
}
