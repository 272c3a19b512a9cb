// Sealing for derived state kept beside the log (engine and read-model snapshots): AES-256-GCM under a key
// derived from the store secret for that purpose, with what the bytes claim to be (project, seq, head,
// format) as associated data, so a row moved to another project or seq, or written by other code, does not open.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
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
