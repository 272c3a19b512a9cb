// The accounts tables (users, memberships, sessions, login throttling) and the SEC-2 read log, for both
// dialects. Ids 0100–0199 belong to accounts; the composition root runs them with the other lists:
// `migrate(db, STORE_MIGRATIONS, ACCOUNT_MIGRATIONS)`. Booleans are 0/1 integers, instants epoch-ms BIGINT.
import { IMPORT_MAPPINGS_MIGRATION } from './import-mappings-store.ts';
import type { Migration } from '../store/sql/migrate.ts';
import { LOGIN_THROTTLE_SCHEMA } from './login-throttle.ts';
import { ACCOUNT_CHANGES_MIGRATION } from './account-changes-store.ts';
import { DISPLAYS_MIGRATION } from './displays-store.ts';

const accounts = `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  admin INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE TABLE memberships (
  user_id TEXT NOT NULL REFERENCES users(id),
  project TEXT NOT NULL,
  role TEXT NOT NULL,
  staff_id TEXT,
  broker_id TEXT,
  granted_at BIGINT NOT NULL,
  ended_at BIGINT,
  PRIMARY KEY (user_id, project)
);
CREATE INDEX memberships_by_staff ON memberships (project, staff_id);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE TABLE login_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  first_at BIGINT NOT NULL,
  locked_until BIGINT
);
`;

// SEC-2: reads of full customer records. Append-only: the code has no update or delete path, and a
// trigger refuses them on both engines, so the log cannot be tidied up after the fact.
const recordReads = (id: string) => `
CREATE TABLE record_reads (
  id ${id},
  at BIGINT NOT NULL,
  user_id TEXT NOT NULL,
  login TEXT NOT NULL,
  project TEXT NOT NULL,
  customer TEXT NOT NULL,
  endpoint TEXT NOT NULL
);
CREATE INDEX record_reads_by_customer ON record_reads (project, customer, id);
CREATE INDEX record_reads_by_project ON record_reads (project, id);
`;

const recordReadsSqlite = `${recordReads('INTEGER PRIMARY KEY AUTOINCREMENT')}
CREATE TRIGGER record_reads_no_update BEFORE UPDATE ON record_reads BEGIN SELECT RAISE(ABORT, 'record_reads is append-only (SEC-2)'); END;
CREATE TRIGGER record_reads_no_delete BEFORE DELETE ON record_reads BEGIN SELECT RAISE(ABORT, 'record_reads is append-only (SEC-2)'); END;
`;

const recordReadsPostgres = `${recordReads('BIGSERIAL PRIMARY KEY')}
CREATE FUNCTION record_reads_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'record_reads is append-only (SEC-2)';
END
$$;
CREATE TRIGGER record_reads_no_change BEFORE UPDATE OR DELETE ON record_reads FOR EACH ROW EXECUTE FUNCTION record_reads_append_only();
CREATE TRIGGER record_reads_no_truncate BEFORE TRUNCATE ON record_reads FOR EACH STATEMENT EXECUTE FUNCTION record_reads_append_only();
`;

export const ACCOUNT_MIGRATIONS: readonly Migration[] = [
  { id: '0100-accounts', sql: { sqlite: accounts, postgres: accounts } },
  { id: '0101-record-reads', sql: { sqlite: recordReadsSqlite, postgres: recordReadsPostgres } },
  LOGIN_THROTTLE_SCHEMA,
  // office: the admin workspace's audit of account changes
  ACCOUNT_CHANGES_MIGRATION,
  // register import (issue 11.4): the column mapping each office confirmed
  IMPORT_MAPPINGS_MIGRATION,
  // tv-pairing (issue 16.1): paired floor displays and their append-only audit
  DISPLAYS_MIGRATION,
];
