// The personal vault (SEC-5, PIPL): customers' phone numbers, names and plates, kept out of the hashed log.
// Each customer (subject = the token of their phone) has a data key of their own, stored wrapped by a key
// derived from the store secret; their values are sealed with it, one row per entry. Erasing a customer
// destroys their key and their rows — the only deletion in the system, outside the log — and the log,
// which holds only tokens, still verifies.
import type { Fact, Recorded } from '../../core/facts.ts';
import { canonicalJson } from '../log/canonical-json.ts';
import type { LogEntry } from '../log/event-log.ts';
import type { Db, SqlValue } from '../sql/db.ts';
import { int } from '../sql/db.ts';
import { insertRows } from '../sql/insert-rows.ts';
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
  /**
   * Unwrapped data keys read from the database, by project and subject, the most recently used last and at
   * most `KEY_CACHE` of them (a key costs about 230 bytes held: a million customers' would be 220 MB).
   * Never holds a key not yet committed.
   */
  readonly dataKeys: Map<string, Buffer>;
  /**
   * Customers whose data key or sealed values do not open (a corrupted byte, a row restored from elsewhere):
   * by project and subject, what failed. They degrade alone — their entries keep their tokens, so they read
   * as masked — instead of every read of the office failing (issue 14 item 2).
   */
  readonly unreadable: Map<string, string>;
  /** Told once per customer that turns out unreadable (the server logs it). */
  readonly onUnreadable: (project: string, subject: string, detail: string) => void;
}

/** A write that needs a customer's data key that does not open: refused, nothing recorded, the rest of the office unaffected. */
export class PersonalDataUnreadable extends Error {
  constructor(
    readonly project: string,
    readonly subject: string,
  ) {
    super(`the personal data of customer ${subject} in project ${project} cannot be opened (run anchang verify)`);
  }
}

/** Data keys kept between reads: the customers being worked on now. A whole log's keys live only while it is read. */
export const KEY_CACHE = 20_000;

/** Keys unwrapped while reading one stretch of a log (`factPages`), dropped with it. */
export type KeyScope = Map<string, Buffer>;

export function createVault(secret: string | Uint8Array, onUnreadable: Vault['onUnreadable'] = () => undefined): Vault {
  return { keys: deriveVaultKeys(secret), dataKeys: new Map(), unreadable: new Map(), onUnreadable };
}

/** Notes a customer whose personal data does not open, telling `onUnreadable` the first time. */
function markUnreadable(vault: Vault, project: string, subject: string, what: string, error: unknown): void {
  const k = cacheKey(project, subject);
  if (vault.unreadable.has(k)) return;
  const detail = `${what}: ${(error as Error).message}`;
  vault.unreadable.set(k, detail);
  vault.onUnreadable(project, subject, detail);
}

const cacheKey = (project: string, subject: string) => `${project}\u0000${subject}`;
export const keyAad = (project: string, subject: string): string => `key:${project}:${subject}`;
export const valueAad = (project: string, seq: number, subject: string): string => `value:${project}:${seq}:${subject}`;

/** Forgets the cached keys of a project (after an erasure, or a transaction that failed). */
export function forgetKeys(vault: Vault, project: string): void {
  for (const k of vault.dataKeys.keys()) if (k.startsWith(`${project}\u0000`)) vault.dataKeys.delete(k);
}

/** Entry `seq`'s split: a walk-in who gave no number gets a subject of that entry alone. */
const splitEntry = (vault: Vault, project: string, seq: number, fact: Fact, token: (value: string) => string) =>
  splitPersonal(fact, token, () => tokenFor(vault.keys, `entry:${project}:${seq}`));

/** One subject's values of entry `seq`, sealed with the subject's data key. */
const sealValues = (key: Buffer, project: string, seq: number, subject: string, values: Record<string, string>): string =>
  seal(key, Buffer.from(canonicalJson(values), 'utf8'), valueAad(project, seq, subject));

/**
 * Splits a fact about to be appended as entry `seq`: seals its personal values into the vault (creating a
 * customer's data key on first sight) and returns the canonical body to append, which holds tokens only.
 * `token` gives a phone's (or mask's) current token in this project.
 */
export async function sealPersonal(tx: Db, vault: Vault, project: string, seq: number, fact: Fact, token: (value: string) => string): Promise<string> {
  const split = splitEntry(vault, project, seq, fact, token);
  for (const [subject, values] of split.personal) {
    const known = (await readDataKeys(tx, vault, project, [subject])).get(subject);
    if (!known && vault.unreadable.has(cacheKey(project, subject))) throw new PersonalDataUnreadable(project, subject);
    const key = known ?? (await createDataKey(tx, vault, project, subject, fact.at));
    await tx.run('INSERT INTO personal_values (project, seq, subject, sealed) VALUES (?, ?, ?, ?)', [project, seq, subject, sealValues(key, project, seq, subject, values)]);
  }
  return canonicalJson(split.body);
}

/** Vault rows sealed by a `VaultBatch`, not yet inserted. */
export interface VaultRows {
  readonly keys: readonly SqlValue[][];
  readonly values: readonly SqlValue[][];
}

/**
 * `sealPersonal` for a bulk load of a new project: the same rows, gathered in memory (`drain`) and inserted
 * many at a time (`insertVaultRows`, in the load's transaction). It creates every data key itself, so it is
 * only for a project whose vault holds nothing yet (a key already stored would be created twice, and the
 * primary key refuses it). Its keys are not put in the vault's cache, which holds committed keys only.
 */
export class VaultBatch {
  private readonly keys = new Map<string, Buffer>();
  private keyRows: SqlValue[][] = [];
  private valueRows: SqlValue[][] = [];

  constructor(
    private readonly vault: Vault,
    readonly project: string,
  ) {}

  /** Seals entry `seq`'s personal values (creating a customer's data key on first sight); returns the body to append. */
  seal(seq: number, fact: Fact, token: (value: string) => string): string {
    const project = this.project;
    const split = splitEntry(this.vault, project, seq, fact, token);
    for (const [subject, values] of split.personal) {
      let key = this.keys.get(subject);
      if (!key) {
        key = newDataKey();
        this.keys.set(subject, key);
        this.keyRows.push([project, subject, wrapDataKey(this.vault, project, subject, key), fact.at]);
      }
      this.valueRows.push([project, seq, subject, sealValues(key, project, seq, subject, values)]);
    }
    return canonicalJson(split.body);
  }

  /** The rows sealed since the last drain. */
  drain(): VaultRows {
    const rows = { keys: this.keyRows, values: this.valueRows };
    this.keyRows = [];
    this.valueRows = [];
    return rows;
  }
}

/** Inserts a batch's rows with multi-row INSERTs. */
export async function insertVaultRows(tx: Db, rows: VaultRows, maxParams?: number): Promise<void> {
  await insertRows(tx, 'personal_keys', ['project', 'subject', 'wrapped', 'created_at'], rows.keys, maxParams);
  await insertRows(tx, 'personal_values', ['project', 'seq', 'subject', 'sealed'], rows.values, maxParams);
}

/**
 * The facts of consecutive entries of one project, with the personal values the vault still holds put back.
 * A value sealed for another entry or subject fails its authentication tag (the AAD names both): reading throws.
 */
export async function openEntries(db: Db, vault: Vault, entries: readonly Pick<LogEntry, 'project' | 'seq' | 'at' | 'type' | 'body'>[], scope?: KeyScope): Promise<Recorded[]> {
  const first = entries[0];
  if (!first) return [];
  const project = first.project;
  const rows = await db.all<{ seq: unknown; subject: string; sealed: string }>(
    'SELECT seq, subject, sealed FROM personal_values WHERE project = ? AND seq >= ? AND seq <= ?',
    [project, first.seq, (entries[entries.length - 1] as LogEntry).seq],
  );
  const subjects = new Set<string>();
  for (const r of rows) subjects.add(r.subject);
  const keys = await readDataKeys(db, vault, project, subjects, scope);
  const bySeq = new Map<number, Record<string, string>[]>();
  for (const r of rows) {
    const key = keys.get(r.subject);
    if (!key) continue; // erased while we read: the entry keeps its tokens
    const seq = int(r.seq);
    let values: Record<string, string>;
    try {
      values = JSON.parse(unseal(key, r.sealed, valueAad(project, seq, r.subject)).toString('utf8')) as Record<string, string>;
    } catch (error) {
      markUnreadable(vault, project, r.subject, `value of entry #${seq}`, error);
      continue; // this entry keeps this customer's tokens: masked, not the office down
    }
    const list = bySeq.get(seq);
    if (list) list.push(values);
    else bySeq.set(seq, [values]);
  }
  return entries.map((e) => Object.freeze(joinPersonal(e.type, e.at, e.seq, JSON.parse(e.body) as Record<string, unknown>, bySeq.get(e.seq) ?? NO_VALUES)));
}

const NO_VALUES: readonly Record<string, string>[] = [];

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

/**
 * The data keys of these subjects: from `scope` (a log being read), the vault's cache, or the database. Keys
 * read from the database go to `scope` when there is one (a whole log's keys would flush the cache), else
 * to the cache.
 */
async function readDataKeys(db: Db, vault: Vault, project: string, subjects: Iterable<string>, scope?: KeyScope): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  const missing: string[] = [];
  for (const s of subjects) {
    const k = cacheKey(project, s);
    const known = scope?.get(k) ?? vault.dataKeys.get(k);
    if (known) {
      found.set(s, known);
      if (!scope) remember(vault, k, known);
    } else missing.push(s);
  }
  for (let i = 0; i < missing.length; i += 500) {
    const chunk = missing.slice(i, i + 500);
    const rows = await db.all<{ subject: string; wrapped: string }>(
      `SELECT subject, wrapped FROM personal_keys WHERE project = ? AND subject IN (${chunk.map(() => '?').join(', ')})`,
      [project, ...chunk],
    );
    for (const r of rows) {
      let key: Buffer;
      try {
        key = unseal(vault.keys.wrapKey, r.wrapped, keyAad(project, r.subject));
      } catch (error) {
        markUnreadable(vault, project, r.subject, 'data key', error);
        continue;
      }
      if (scope) scope.set(cacheKey(project, r.subject), key);
      else remember(vault, cacheKey(project, r.subject), key);
      found.set(r.subject, key);
    }
  }
  return found;
}

/** Puts a key last in the cache (most recently used), dropping the least recently used beyond `KEY_CACHE`. */
function remember(vault: Vault, k: string, key: Buffer): void {
  vault.dataKeys.delete(k);
  vault.dataKeys.set(k, key);
  if (vault.dataKeys.size > KEY_CACHE) vault.dataKeys.delete(vault.dataKeys.keys().next().value as string);
}

const wrapDataKey = (vault: Vault, project: string, subject: string, key: Buffer): string => seal(vault.keys.wrapKey, key, keyAad(project, subject));

/** A new customer's data key, wrapped by the store secret. Not cached here: the transaction may still roll back. */
async function createDataKey(tx: Db, vault: Vault, project: string, subject: string, at: number): Promise<Buffer> {
  const key = newDataKey();
  await tx.run('INSERT INTO personal_keys (project, subject, wrapped, created_at) VALUES (?, ?, ?, ?)', [project, subject, wrapDataKey(vault, project, subject, key), at]);
  return key;
}
