// A wrong secret must stop start-up with a clear message, not answer every project route with a 500
// (issue 14 item 2). The vault keeps one check value sealed under the key-wrapping key: a secret that does
// not open it is not the secret this database was written with. A database written before the check
// existed is checked by its stored data keys: if some exist and none opens, the secret is wrong.
import type { Db } from '../sql/db.ts';
import type { Migration } from '../sql/migrate.ts';
import { keyAad } from './personal-vault.ts';
import { seal, unseal, type VaultKeys } from './vault-crypto.ts';

const TABLES = 'CREATE TABLE vault_check (id INTEGER PRIMARY KEY, sealed TEXT NOT NULL);';
export const VAULT_CHECK_SCHEMA: Migration = { id: '0014-vault-check', sql: { sqlite: TABLES, postgres: TABLES } };

const CHECK_TEXT = 'anchang vault check v1';
const CHECK_AAD = 'vault-check';
/** Stored keys tried on a database that has no check value yet. */
const SAMPLE = 20;

export class WrongSecretError extends Error {
  constructor(detail: string) {
    super(
      `the store secret does not open this database's personal-data vault (${detail}): start with the secret it was written with ` +
        '(ANCHANG_SECRET, or secret.key in the data folder); a new secret cannot read the customers already recorded',
    );
  }
}

const opens = (sealed: string, key: Buffer, aad: string): boolean => {
  try {
    unseal(key, sealed, aad);
    return true;
  } catch {
    return false;
  }
};

/** Throws WrongSecretError unless `keys` open this database's vault; on first use, stores the check value. */
export async function checkSecret(db: Db, keys: VaultKeys): Promise<void> {
  const stored = async () => (await db.get<{ sealed: string }>('SELECT sealed FROM vault_check WHERE id = 1'))?.sealed;
  let check = await stored();
  if (check === undefined) {
    const sample = await db.all<{ project: string; subject: string; wrapped: string }>(`SELECT project, subject, wrapped FROM personal_keys LIMIT ${SAMPLE}`);
    if (sample.length > 0 && !sample.some((k) => opens(k.wrapped, keys.wrapKey, keyAad(k.project, k.subject)))) throw new WrongSecretError(`none of ${sample.length} stored customer keys opens`);
    await db.run('INSERT INTO vault_check (id, sealed) VALUES (1, ?) ON CONFLICT (id) DO NOTHING', [seal(keys.wrapKey, Buffer.from(CHECK_TEXT, 'utf8'), CHECK_AAD)]);
    // Another process may have stored it first: what stands is checked like any other.
    check = await stored();
  }
  if (check === undefined || !opens(check, keys.wrapKey, CHECK_AAD)) throw new WrongSecretError('its check value does not open');
}
