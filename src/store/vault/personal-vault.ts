// The personal vault (SEC-5, PIPL): customers' phone numbers, names and plates, kept out of the hashed log.
// Each customer (subject = the token of their phone) has a data key of their own, stored wrapped by a key
// derived from the store secret; their values are sealed with it, one row per entry. Erasing a customer
// destroys their key and their rows — the only deletion in the system, outside the log — and the log,
// which holds only tokens, still verifies.
import type { Fact, Recorded } from '../../core/facts.ts';
import { canonicalJson } from '../log/canonical-json.ts';
import type { LogEntry } from '../log/event-log.ts';
import type { Db } from '../sql/db.ts';
import { int } from '../sql/db.ts';
import type { Migration } from '../sql/migrate.ts';
import { joinPersonal, splitPersonal } from './personal-fields.ts';
import { deriveVaultKeys, newDataKey, seal, tokenFor, unseal, type VaultKeys } from './vault-crypto.ts';

const TABLES = `
  CREATE TABLE personal_keys (project TEXT NOT NULL, subject TEXT NOT NULL, wrapped TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (project, subject));
  CREATE TABLE personal_values (project TEXT NOT NULL, seq BIGINT NOT NULL, subject TEXT NOT NULL, sealed TEXT NOT NULL, PRIMARY KEY (project, seq, subject));
  CREATE INDEX personal_values_by_subject ON personal_values (project, subject);`;

export const PERSONAL_VAULT_SCHEMA: Migration = { id: '0011-personal-vault', sql: { sqlite: TABLES, postgres: TABLES } };

export interface Vault {
  readonly keys: VaultKeys;
  /** Unwrapped data keys read from the database, by project and subject. Never holds a key not yet committed. */
  readonly dataKeys: Map<string, Buffer>;
}

export function createVault(secret: string | Uint8Array): Vault {
  return { keys: deriveVaultKeys(secret), dataKeys: new Map() };
}

const cacheKey = (project: string, subject: string) => `${project}\u0000${subject}`;
const keyAad = (project: string, subject: string) => `key:${project}:${subject}`;
const valueAad = (project: string, seq: number, subject: string) => `value:${project}:${seq}:${subject}`;

/** Forgets the cached keys of a project (after an erasure, or a transaction that failed). */
export function forgetKeys(vault: Vault, project: string): void {
  for (const k of vault.dataKeys.keys()) if (k.startsWith(`${project}\u0000`)) vault.dataKeys.delete(k);
}

/**
 * Splits a fact about to be appended as entry `seq`: seals its personal values into the vault (creating a
 * customer's data key on first sight) and returns the canonical body to append, which holds tokens only.
 * `token` gives a phone's (or mask's) current token in this project.
 */
export async function sealPersonal(tx: Db, vault: Vault, project: string, seq: number, fact: Fact, token: (value: string) => string): Promise<string> {
  const split = splitPersonal(fact, token, () => tokenFor(vault.keys, `entry:${project}:${seq}`));
  for (const [subject, values] of split.personal) {
    const key = (await readDataKeys(tx, vault, project, [subject])).get(subject) ?? (await createDataKey(tx, vault, project, subject, fact.at));
    await tx.run('INSERT INTO personal_values (project, seq, subject, sealed) VALUES (?, ?, ?, ?)', [
      project,
      seq,
      subject,
      seal(key, Buffer.from(canonicalJson(values), 'utf8'), valueAad(project, seq, subject)),
    ]);
  }
  return canonicalJson(split.body);
}

/**
 * The facts of consecutive entries of one project, with the personal values the vault still holds put back.
 * A value sealed for another entry or subject fails its authentication tag (the AAD names both): reading throws.
 */
export async function openEntries(db: Db, vault: Vault, entries: readonly LogEntry[]): Promise<Recorded[]> {
  const first = entries[0];
  if (!first) return [];
  const project = first.project;
  const rows = await db.all<{ seq: unknown; subject: string; sealed: string }>(
    'SELECT seq, subject, sealed FROM personal_values WHERE project = ? AND seq >= ? AND seq <= ?',
    [project, first.seq, (entries[entries.length - 1] as LogEntry).seq],
  );
  const keys = await readDataKeys(db, vault, project, [...new Set(rows.map((r) => r.subject))]);
  const bySeq = new Map<number, Record<string, string>[]>();
  for (const r of rows) {
    const key = keys.get(r.subject);
    if (!key) continue; // erased while we read: the entry keeps its tokens
    const seq = int(r.seq);
    const values = JSON.parse(unseal(key, r.sealed, valueAad(project, seq, r.subject)).toString('utf8')) as Record<string, string>;
    bySeq.set(seq, [...(bySeq.get(seq) ?? []), values]);
  }
  return entries.map((e) => Object.freeze(joinPersonal(e.type, e.at, e.seq, JSON.parse(e.body) as Record<string, unknown>, bySeq.get(e.seq) ?? [])));
}

/** Whether the vault holds anything for this subject in this project. */
export async function hasPersonalData(db: Db, project: string, subject: string): Promise<boolean> {
  return (await db.get('SELECT 1 AS found FROM personal_keys WHERE project = ? AND subject = ?', [project, subject])) !== undefined;
}

/** SEC-5: destroys a subject's data key and sealed values in this project; returns how many values went. */
export async function destroyPersonalData(tx: Db, vault: Vault, project: string, subject: string): Promise<number> {
  const { changes } = await tx.run('DELETE FROM personal_values WHERE project = ? AND subject = ?', [project, subject]);
  await tx.run('DELETE FROM personal_keys WHERE project = ? AND subject = ?', [project, subject]);
  vault.dataKeys.delete(cacheKey(project, subject));
  return changes;
}

async function readDataKeys(db: Db, vault: Vault, project: string, subjects: readonly string[]): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  const missing: string[] = [];
  for (const s of subjects) {
    const cached = vault.dataKeys.get(cacheKey(project, s));
    if (cached) found.set(s, cached);
    else missing.push(s);
  }
  for (let i = 0; i < missing.length; i += 500) {
    const chunk = missing.slice(i, i + 500);
    const rows = await db.all<{ subject: string; wrapped: string }>(
      `SELECT subject, wrapped FROM personal_keys WHERE project = ? AND subject IN (${chunk.map(() => '?').join(', ')})`,
      [project, ...chunk],
    );
    for (const r of rows) {
      const key = unseal(vault.keys.wrapKey, r.wrapped, keyAad(project, r.subject));
      vault.dataKeys.set(cacheKey(project, r.subject), key);
      found.set(r.subject, key);
    }
  }
  return found;
}

/** A new customer's data key, wrapped by the store secret. Not cached here: the transaction may still roll back. */
async function createDataKey(tx: Db, vault: Vault, project: string, subject: string, at: number): Promise<Buffer> {
  const key = newDataKey();
  await tx.run('INSERT INTO personal_keys (project, subject, wrapped, created_at) VALUES (?, ?, ?, ?)', [project, subject, seal(vault.keys.wrapKey, key, keyAad(project, subject)), at]);
  return key;
}
