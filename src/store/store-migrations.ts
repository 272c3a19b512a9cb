// The durable store's schema, in the order it was written. The composition root applies it together with
// the other stores' lists: `migrate(db, EVENT_LOG_MIGRATIONS, …)`.
import { EVENT_LOG_SCHEMA } from './log/event-log.ts';
import { IDEMPOTENCY_FINGERPRINT_SCHEMA, IDEMPOTENCY_SCHEMA } from './idempotency.ts';
import { PROJECTIONS_SCHEMA, UNIT_STATUS_SCHEMA } from './projections/projections.ts';
import type { Migration } from './sql/migrate.ts';
import { PERSONAL_VAULT_SCHEMA } from './vault/personal-vault.ts';
import { ENGINE_SNAPSHOT_SCHEMA } from './snapshots/snapshot-store.ts';
import { READ_MODEL_SNAPSHOT_SCHEMA } from './snapshots/read-model-snapshots.ts';
import { VAULT_CHECK_SCHEMA } from './vault/secret-check.ts';

export const EVENT_LOG_MIGRATIONS: readonly Migration[] = [EVENT_LOG_SCHEMA, PERSONAL_VAULT_SCHEMA, PROJECTIONS_SCHEMA, IDEMPOTENCY_SCHEMA, UNIT_STATUS_SCHEMA, IDEMPOTENCY_FINGERPRINT_SCHEMA, VAULT_CHECK_SCHEMA, ENGINE_SNAPSHOT_SCHEMA, READ_MODEL_SNAPSHOT_SCHEMA];
