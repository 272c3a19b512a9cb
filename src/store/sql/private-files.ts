// The SQLite files hold customers' names in clear in the projections: readable by the account that runs
// the server only (issue 14 item 10). The folder is 0700, the database 0600 from its first byte (created
// here before SQLite opens it, so there is no moment it is world-readable), and SQLite gives its -wal and
// -shm files the database's own mode; existing files of an older installation are tightened on start.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export function preparePrivateFile(file: string): void {
  if (file === ':memory:' || file === '') return;
  const dir = dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/** A copy (backup) of the database is as private as the database. */
export function makePrivate(file: string): void {
  if (existsSync(file)) chmodSync(file, 0o600);
}
