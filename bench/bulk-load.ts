// Loads generated offices into the store as if every fact had been appended through `execute`: the same
// rows (hash-chained entries, personal values sealed in the vault, projections), written with the store's
// own functions — `chainEntry`, `VaultBatch` (sealPersonal's rows), `foldAndDefer` + `DeferredProjection`
// (the rebuild's projection) — but many rows per statement and one transaction per office and database.
// Loading five million facts one `execute` at a time (~1,600/s on SQLite) would take about an hour.
import type { Fact, Recorded } from '../src/core/facts.ts';
import { appendEntries, chainEntry, insertProject, type LogEntry } from '../src/store/log/event-log.ts';
import { foldAndDefer, newOfficeState, type OfficeState } from '../src/store/office-state.ts';
import type { ProjectInfo } from '../src/store/offices.ts';
import { DeferredProjection, memorySink, replaceProjections } from '../src/store/projections/projections.ts';
import type { Db } from '../src/store/sql/db.ts';
import { bulkMaxParams } from '../src/store/sql/insert-rows.ts';
import { insertVaultRows, VaultBatch, type Vault, type VaultRows } from '../src/store/vault/personal-vault.ts';
import { ZONE, type OfficeHistory, type OfficePlan } from './group-history.ts';

/** Facts per batch of multi-row INSERTs. */
const BATCH = 10_000;

/** Who recorded a fact, as the `actor` column says: the user acting (staff, front desk, broker) or the admin. */
export function actorFor(plan: OfficePlan, fact: Fact): string {
  const user = (id: string) => `${plan.id.toLowerCase()}-${id.toLowerCase()}`;
  switch (fact.type) {
    case 'partyArrived':
      return user('F1');
    case 'registered':
    case 'followedUp':
    case 'ordered':
    case 'disputed':
    case 'reassigned':
      return user(fact.by);
    case 'reported':
      return user(fact.broker);
    case 'signedIn':
    case 'signedOut':
    case 'wentAway':
    case 'cameBack':
    case 'receptionEnded':
    case 'partyReclassified':
    case 'turnDeclined':
      return user(fact.who);
    case 'staffJoined':
    case 'brokerListed':
    case 'unitListed':
    case 'policySet':
      return 'admin';
    default:
      return user('M1');
  }
}

export interface LoadedOffice {
  readonly project: ProjectInfo;
  readonly facts: number;
  readonly head: string;
  readonly customers: number;
  readonly units: number;
  readonly vaultKeys: number;
  readonly vaultValues: number;
  /** The folded state, for checking against the generating engine (dropped by the caller afterwards). */
  readonly state: OfficeState;
}

/** Runs `work` inside one transaction on each database (nested), under the project's lock. */
async function inTransactions<T>(dbs: readonly Db[], lock: string, work: (txs: Db[]) => Promise<T>, open: Db[] = []): Promise<T> {
  const [first, ...rest] = dbs;
  if (!first) return work(open);
  return first.transaction((tx) => inTransactions(rest, lock, work, [...open, tx]), { lock });
}

/**
 * Writes one office's log into every database given (the same entries and sealed values in each: they share
 * the secret). Node seals and folds the next batch while PostgreSQL inserts the previous one.
 */
export async function bulkLoadOffice(dbs: readonly Db[], vault: Vault, office: OfficeHistory): Promise<LoadedOffice> {
  const { plan, facts } = office;
  const info: ProjectInfo = { id: plan.id, name: plan.name, zone: ZONE };
  const first = facts[0];
  if (!first || first.type !== 'policySet') throw new Error(`${plan.id}: a log begins with the starting policy`);
  return inTransactions(dbs, `project:${info.id}`, async (txs) => {
    const maxParams = txs.map(bulkMaxParams);
    await Promise.all(txs.map((tx) => insertProject(tx, info, first.at, actorFor(plan, first))));
    const vaultBatch = new VaultBatch(vault, info.id);
    const sink = memorySink();
    const projection = new DeferredProjection(sink);
    let state: OfficeState | null = null;
    let entries: LogEntry[] = [];
    let keys = 0;
    let values = 0;
    // One batch in flight per database while the next is prepared.
    let inFlight: Promise<unknown> = Promise.resolve();
    const flush = async (): Promise<void> => {
      const batch = entries;
      const rows: VaultRows = vaultBatch.drain();
      entries = [];
      keys += rows.keys.length;
      values += rows.values.length;
      await inFlight;
      const writing = Promise.all(
        txs.map(async (tx, i) => {
          await appendEntries(tx, batch, maxParams[i]);
          await insertVaultRows(tx, rows, maxParams[i]);
        }),
      );
      writing.catch(() => undefined); // awaited (and thrown) at the next flush
      inFlight = writing;
    };
    let prevHash: string | null = null;
    for (let i = 0; i < facts.length; i++) {
      const fact = facts[i] as Fact;
      const seq = i + 1;
      const recorded = Object.freeze({ ...fact, seq }) as Recorded;
      state ??= newOfficeState(info, recorded, vault);
      const body = vaultBatch.seal(seq, fact, state.phoneToken);
      const entry = chainEntry({ project: info.id, seq, at: fact.at, type: fact.type, actor: actorFor(plan, fact), body, prevHash: prevHash ?? state.head });
      prevHash = entry.hash;
      entries.push(entry);
      foldAndDefer(state, recorded, entry.hash, projection);
      if (entries.length >= BATCH) await flush();
    }
    await flush();
    await inFlight;
    if (!state) throw new Error(`${plan.id}: no facts`);
    projection.finish(state.engine, state.tokenOf);
    await Promise.all(txs.map((tx, i) => replaceProjections(tx, info.id, sink, maxParams[i])));
    return { project: info, facts: facts.length, head: state.head, customers: sink.customers.size, units: sink.units.size, vaultKeys: keys, vaultValues: values, state };
  });
}
