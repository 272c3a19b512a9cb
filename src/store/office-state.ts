// One project's engine as a SQL store holds it: folded from the log, caught up with what other processes
// appended, and the head hash the next entry chains to.
import { Engine } from '../core/engine.ts';
import type { Recorded } from '../core/facts.ts';
import type { PhoneKey } from '../core/phone.ts';
import { GENESIS, hasEntriesAfter, readFactEntries, type FactEntry } from './log/event-log.ts';
import type { ProjectInfo } from './offices.ts';
import { projectFact, type DeferredProjection, type ProjectionSink, type TokenOf } from './projections/projections.ts';
import { emptyPartyPhones, noteParty, touchesOf, type PartyPhones } from './projections/touches.ts';
import type { Db } from './sql/db.ts';
import { openEntries, type KeyScope, type Vault } from './vault/personal-vault.ts';
import { currentToken, isToken } from './vault/vault-crypto.ts';

export interface OfficeState {
  readonly info: ProjectInfo;
  readonly engine: Engine;
  /** Hash of the entry `engine.lastSeq`: the next entry's `prev_hash`. */
  head: string;
  readonly parties: PartyPhones;
  /** Tokens of erased customers (SEC-5), kept in an engine snapshot. */
  readonly retired: ReadonlySet<string>;
  /** Retires an erased customer's token (SEC-5): a phone that comes back is given the next generation's. */
  readonly retire: (token: string) => void;
  /** The current token of a phone or mask, for sealing a new fact. */
  readonly phoneToken: (value: string) => string;
  /** The token a customer (engine key) is projected under: an erased customer's key is already its token. */
  readonly tokenOf: TokenOf;
}

/** A fresh state whose first fact is the starting policy (`policySet`), as every project's log begins. */
export function newOfficeState(info: ProjectInfo, first: Recorded, vault: Vault): OfficeState {
  if (first.type !== 'policySet') throw new Error(`project ${info.id}: the log must begin with the starting policy, not ${first.type}`);
  return officeState(info, new Engine(first.policy, info.zone, first.at), GENESIS, emptyPartyPhones(), new Set(), vault);
}

/** A state put back from an engine snapshot (src/store/snapshots), folded through the entry whose hash is `head`. */
export function restoredOfficeState(info: ProjectInfo, engine: Engine, head: string, parties: PartyPhones, retired: ReadonlySet<string>, vault: Vault): OfficeState {
  return officeState(info, engine, head, parties, new Set(retired), vault);
}

function officeState(info: ProjectInfo, engine: Engine, head: string, parties: PartyPhones, retired: Set<string>, vault: Vault): OfficeState {
  // Memoised (a policy change projects every customer) until the next erasure.
  const tokens = new Map<PhoneKey, string>();
  const phoneToken = (value: string): string => {
    let t = tokens.get(value);
    if (t === undefined) {
      t = currentToken(vault.keys, value, retired);
      tokens.set(value, t);
    }
    return t;
  };
  const tokenOf: TokenOf = (key) => (isToken(key) ? key : phoneToken(key));
  const retire = (token: string): void => {
    retired.add(token);
    tokens.clear();
  };
  return { info, engine, head, parties, retired, retire, phoneToken, tokenOf };
}

/** Folds one recorded fact, whose entry hash is `hash`. */
export function foldFact(state: OfficeState, fact: Recorded, hash: string): void {
  if (fact.seq !== state.engine.lastSeq + 1) throw new Error(`project ${state.info.id}: entry ${fact.seq} does not follow ${state.engine.lastSeq}`);
  state.engine.apply(fact);
  noteParty(state.parties, state.engine, fact);
  if (fact.type === 'personalDataErased') state.retire(fact.phone);
  state.head = hash;
}

/** Folds and projects one fact: the touches are read before folding (see `touchesOf`). */
export async function foldAndProject(state: OfficeState, fact: Recorded, hash: string, sink: ProjectionSink): Promise<void> {
  const touches = touchesOf(state.engine, fact, state.parties);
  foldFact(state, fact, hash);
  await projectFact(state.engine, fact, touches, sink, state.tokenOf);
}

/** Folds one fact and notes what it touched in a deferred projection (a rebuild, a bulk load). */
export function foldAndDefer(state: OfficeState, fact: Recorded, hash: string, projection: DeferredProjection): void {
  const touches = touchesOf(state.engine, fact, state.parties);
  foldFact(state, fact, hash);
  projection.fact(state.engine, fact, touches, state.tokenOf);
}

/** Entries read at a time when folding a log (two statements a page: the entries and their vault rows). */
const FACT_PAGE = 5000;

/** Pages of recorded facts (personal values put back) with their entry hashes. */
export async function* factPages(db: Db, vault: Vault, project: string, afterSeq: number): AsyncGenerator<{ fact: Recorded; hash: string }[]> {
  let last = afterSeq;
  const keys: KeyScope = new Map(); // the customers' keys while this stretch of the log is read
  for (;;) {
    const entries = await readFactEntries(db, project, last, FACT_PAGE);
    if (entries.length > 0) {
      const facts = await openEntries(db, vault, entries, keys);
      yield facts.map((fact, i) => ({ fact, hash: (entries[i] as FactEntry).hash }));
    }
    if (entries.length < FACT_PAGE) return;
    last = (entries[entries.length - 1] as FactEntry).seq;
  }
}

/**
 * Folds a project's whole log into a new state; with `projection`, also projects it (a rebuild).
 * Null when the project has no entries.
 */
export async function loadOffice(db: Db, vault: Vault, info: ProjectInfo, projection?: DeferredProjection): Promise<OfficeState | null> {
  let state: OfficeState | null = null;
  for await (const page of factPages(db, vault, info.id, 0)) {
    for (const { fact, hash } of page) {
      state ??= newOfficeState(info, fact, vault);
      if (projection) foldAndDefer(state, fact, hash, projection);
      else foldFact(state, fact, hash);
    }
  }
  if (state && projection) projection.finish(state.engine, state.tokenOf);
  return state;
}

export type CatchUp = { readonly kind: 'folded'; readonly facts: readonly Recorded[] } | { readonly kind: 'erased' };

/**
 * Folds the facts other processes committed after the engine's last one. Stops at an erasure (SEC-5):
 * the engine then still holds the erased customer's phone and must be reloaded from the log.
 */
export async function catchUp(db: Db, vault: Vault, state: OfficeState): Promise<CatchUp> {
  const facts: Recorded[] = [];
  if (!(await hasEntriesAfter(db, state.info.id, state.engine.lastSeq))) return { kind: 'folded', facts };
  for await (const page of factPages(db, vault, state.info.id, state.engine.lastSeq)) {
    for (const { fact, hash } of page) {
      if (fact.type === 'personalDataErased') return { kind: 'erased' };
      foldFact(state, fact, hash);
      facts.push(fact);
    }
  }
  return { kind: 'folded', facts };
}
