// Sealing for derived state kept beside the log (engine and read-model snapshots): AES-256-GCM under a key
// derived from the store secret for that purpose, with what the bytes claim to be (project, seq, head,
// format) as associated data, so a row moved to another project or seq, or written by other code, does not open.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';
import type { Db } from '../sql/db.ts';
import type { VaultKeys } from '../vault/vault-crypto.ts';

/** The key of one kind of sealed state, derived from the vault's wrapping key (never the key itself). */
export const sealingKey = (keys: VaultKeys, purpose: string): Buffer => Buffer.from(hkdfSync('sha256', keys.wrapKey, 'anchang-snapshot', purpose, 32));

/** iv | tag | ciphertext. */
export function sealBytes(key: Buffer, aad: string, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

/** The plain bytes; throws if the body was altered or its associated data differs. */
export function openBytes(key: Buffer, aad: string, body: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(body.subarray(12, 28));
  return Buffer.concat([decipher.update(body.subarray(28)), decipher.final()]);
}

const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

/**
 * Compressed, then sealed. A state's serialised bytes repeat every staff id, phone and kind in full and shrink
 * about six times; the compression runs on libuv's threads, off the event loop, and on PostgreSQL a sixth of
 * the bytes is most of the read (a bytea arrives as hex text).
 */
export async function packBytes(key: Buffer, aad: string, plain: Buffer): Promise<Buffer> {
  return sealBytes(key, aad, await deflate(plain, { level: 3 }));
}

/** `packBytes` undone; throws if the body was altered, its associated data differs, or it does not inflate. */
export async function unpackBytes(key: Buffer, aad: string, body: Buffer): Promise<Buffer> {
  return inflate(openBytes(key, aad, body));
}

/** Bytes read at a time from a large value: node-pg slows down badly on one message of tens of megabytes. */
const PART = 1 << 20;

/**
 * The `body` column of the one row `where` selects (`table` and `where` are the caller's constants), with the
 * row's other `columns`; on PostgreSQL read in 1 MiB parts, on SQLite at once (a local read either way).
 */
export async function readBody<T extends object>(db: Db, table: string, columns: string, where: string, params: readonly (string | number)[]): Promise<(T & { body: Buffer }) | null> {
  if (db.dialect === 'sqlite') {
    const row = await db.get<T & { body: Buffer }>(`SELECT ${columns}, body FROM ${table} WHERE ${where}`, params);
    return row ? { ...row, body: Buffer.from(row.body) } : null;
  }
  const rows = await db.all<T & { part: Buffer }>(
    `SELECT ${columns}, substring(body from i for ${PART}) AS part FROM ${table}, generate_series(1, greatest(octet_length(body), 1), ${PART}) AS i WHERE ${where} ORDER BY i`,
    params,
  );
  const first = rows[0];
  if (!first) return null;
  const { part: _part, ...rest } = first;
  return { ...(rest as unknown as T), body: Buffer.concat(rows.map((r) => r.part)) };
}

const read = (url: URL): string => {
  try {
    return readFileSync(url, 'utf8');
  } catch {
    return url.pathname;
  }
};

/**
 * A digest of the code a saved state is only good for: every source of `dirs` and the named `files`. State
 * written by other code (a fixed rule, a new field) is refolded, never trusted.
 */
export function codeDigest(tag: string, dirs: readonly URL[], files: readonly URL[]): string {
  const sources: string[] = [];
  for (const dir of dirs) {
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
    } catch {
      names = [];
    }
    for (const f of names) sources.push(`${f}\n${read(new URL(f, dir))}`);
  }
  for (const f of files) sources.push(read(f));
  return `${tag}:${createHash('sha256').update(sources.join('\0')).digest('base64url').slice(0, 22)}`;
}
