// The store's cryptography, all derived from the one secret given to the store when it opens (never read
// from the environment here): a keyed token for phone numbers, and AES-256-GCM sealing for the vault.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Keys derived from the store secret, one per purpose, so that no key serves two jobs. */
export interface VaultKeys {
  /** HMAC-SHA256 key of phone tokens. */
  readonly tokenKey: Buffer;
  /** Wraps each customer's data key. */
  readonly wrapKey: Buffer;
}

export const TOKEN_PREFIX = 'tk_';

export function deriveVaultKeys(secret: string | Uint8Array): VaultKeys {
  const ikm = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (ikm.length < 16) throw new Error('the store secret must be at least 16 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', ikm, 'anchang-store', info, 32));
  return { tokenKey: derive('anchang/phone-token/v1'), wrapKey: derive('anchang/key-wrap/v1') };
}

/**
 * The opaque token of a personal value (SEC-5): HMAC-SHA256 under the store secret, so the hashed log
 * never holds a phone number, yet the same number always gives the same token (the engine and the
 * projections can key a customer by it, before and after erasure). 192 bits, base64url.
 *
 * `generation` counts the erasures of this value in the project: a number that comes back after its
 * customer was erased gets a new token, so the erased history (kept under the old token) and the new
 * record stay two customers.
 */
export function tokenFor(keys: VaultKeys, value: string, generation = 0): string {
  const input = generation === 0 ? value : `${value}\u0000${generation}`;
  return TOKEN_PREFIX + createHmac('sha256', keys.tokenKey).update(input, 'utf8').digest('base64url').slice(0, 32);
}

/** The token of `value` now: the first generation not retired by an erasure. */
export function currentToken(keys: VaultKeys, value: string, retired: ReadonlySet<string>): string {
  for (let generation = 0; ; generation++) {
    const token = tokenFor(keys, value, generation);
    if (!retired.has(token)) return token;
  }
}

/** True for a token: no phone, mask or staff id starts with the prefix. */
export function isToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX);
}


export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** AES-256-GCM; `aad` binds the ciphertext to where it is stored, so rows cannot be swapped. base64(iv | tag | ciphertext). */
export function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Opens a sealed value; throws if it was altered or moved (the authentication tag fails). */
export function unseal(key: Buffer, sealed: string, aad: string): Buffer {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}
