// `anchang verify`: re-walks each project's hash chain and names the first entry that is not what was
// appended (SEC-3: tampering with stored history is detectable). A chain checks itself from the inside
// (each entry's hash, its link to the previous one, no gap in seq); truncating the tail or rewriting the
// whole chain consistently is caught only against a head kept outside the database (`expectHead`).
import type { Db } from '../sql/db.ts';
import { int } from '../sql/db.ts';
import { entryHash, entryPages, GENESIS, readProjects, seqOfHash, type LogEntry } from './event-log.ts';

export type LogProblemKind =
  /** The entry's columns no longer give its hash. */
  | 'altered'
  /** A seq is absent from the chain. */
  | 'missing'
  /** The entry was chained after another entry than the one now before it, or its time runs backwards. */
  | 'reordered'
  /** The entry is self-consistent but was chained to a different previous entry: one of the two was rewritten. */
  | 'unlinked'
  /** The chain ends before the head kept outside the database. */
  | 'truncated'
  /** The chain's entry at the kept head's seq has another hash: the chain was rewritten up to there. */
  | 'rewritten';

export interface LogProblem {
  readonly project: string;
  readonly seq: number;
  readonly kind: LogProblemKind;
  readonly detail: string;
}

/** A chain's head: its last seq and hash. Keep one outside the database to detect truncation and rewrites. */
export interface LogHead {
  readonly project: string;
  readonly seq: number;
  readonly hash: string;
}

export interface ChainReport {
  readonly project: string;
  /** Entries checked and found sound (all of them when there is no problem). */
  readonly length: number;
  /** Hash of the last sound entry (GENESIS for an empty chain). */
  readonly head: string;
  readonly problem: LogProblem | null;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly chains: readonly ChainReport[];
  /** The first problem of each failing chain, then any disagreement with `expectHead`. */
  readonly problems: readonly LogProblem[];
}

export interface VerifyOptions {
  /** Only this project's chain. */
  readonly project?: string;
  /** Heads recorded earlier (e.g. printed by a previous verify and kept off the machine). */
  readonly expectHead?: readonly LogHead[];
}

export async function verifyLog(db: Db, options: VerifyOptions = {}): Promise<VerifyReport> {
  const projects = options.project !== undefined ? [options.project] : await projectsOf(db);
  const expected = options.expectHead?.filter((h) => options.project === undefined || h.project === options.project) ?? [];
  for (const head of expected) if (!projects.includes(head.project)) projects.push(head.project);
  const chains: ChainReport[] = [];
  const problems: LogProblem[] = [];
  for (const project of projects) {
    const heads = expected.filter((h) => h.project === project);
    const { report, hashes } = await verifyChain(db, project, new Set(heads.map((h) => h.seq)));
    chains.push(report);
    if (report.problem) problems.push(report.problem);
    else problems.push(...heads.flatMap((h) => againstHead(h, report, hashes.get(h.seq)) ?? []));
  }
  return { ok: problems.length === 0, chains, problems };
}

/** The current head of every chain (or one project's), to keep outside the database for `expectHead`. */
export async function readHeads(db: Db, project?: string): Promise<LogHead[]> {
  const heads: LogHead[] = [];
  // One indexed look-up per project (a handful), rather than a scan of the whole log.
  for (const id of project !== undefined ? [project] : await projectsOf(db)) {
    const row = await db.get<{ seq: unknown; hash: string }>('SELECT seq, hash FROM events WHERE project = ? ORDER BY seq DESC LIMIT 1', [id]);
    if (row) heads.push({ project: id, seq: int(row.seq), hash: row.hash });
  }
  return heads;
}

/** Every project (events reference their project, so no chain can exist without its row). */
async function projectsOf(db: Db): Promise<string[]> {
  return (await readProjects(db)).map((p) => p.id);
}

/** Walks one chain, stopping at its first problem; remembers the hashes at the seqs a kept head names. */
async function verifyChain(db: Db, project: string, wanted: ReadonlySet<number>): Promise<{ report: ChainReport; hashes: Map<number, string> }> {
  const hashes = new Map<number, string>();
  let prev: LogEntry | null = null;
  let length = 0;
  const report = (problem: LogProblem | null): ChainReport => ({ project, length, head: prev?.hash ?? GENESIS, problem });
  for await (const page of entryPages(db, project)) {
    for (const entry of page) {
      const problem = await checkEntry(db, entry, prev);
      if (problem) return { report: report(problem), hashes };
      if (wanted.has(entry.seq)) hashes.set(entry.seq, entry.hash);
      prev = entry;
      length++;
    }
  }
  if (length === 0) return { report: report({ project, seq: 1, kind: 'missing', detail: 'the project has no entries: its first entry (the starting policy) is missing' }), hashes };
  return { report: report(null), hashes };
}

async function checkEntry(db: Db, e: LogEntry, prev: LogEntry | null): Promise<LogProblem | null> {
  const expectedSeq = (prev?.seq ?? 0) + 1;
  const at = (kind: LogProblemKind, seq: number, detail: string): LogProblem => ({ project: e.project, seq, kind, detail });
  if (e.seq !== expectedSeq) {
    const gap = e.seq - 1 === expectedSeq ? `entry ${expectedSeq} is` : `entries ${expectedSeq}..${e.seq - 1} are`;
    return at('missing', expectedSeq, `${gap} missing (the next stored entry is ${e.seq})`);
  }
  const prevHash = prev?.hash ?? GENESIS;
  const follows = e.prevHash === prevHash ? null : await seqOfHash(db, e.project, e.prevHash);
  if (follows !== null) return at('reordered', e.seq, `entry ${e.seq} was appended after entry ${follows}, not after entry ${expectedSeq - 1}`);
  if (entryHash(e) !== e.hash) return at('altered', e.seq, `entry ${e.seq} (${e.type}) does not match its hash: a column was changed after it was appended`);
  if (e.prevHash !== prevHash) {
    return at('unlinked', e.seq, `entry ${e.seq} was chained to a different entry ${expectedSeq - 1}: one of the two was rewritten`);
  }
  if (prev && e.at < prev.at) return at('reordered', e.seq, `entry ${e.seq} is dated before entry ${prev.seq}: entries are appended in time order`);
  return null;
}

function againstHead(head: LogHead, chain: ChainReport, hash: string | undefined): LogProblem | null {
  if (chain.length < head.seq) {
    return { project: head.project, seq: chain.length + 1, kind: 'truncated', detail: `the chain ends at entry ${chain.length}; the kept head says it reached entry ${head.seq}` };
  }
  if (hash !== head.hash) {
    return { project: head.project, seq: head.seq, kind: 'rewritten', detail: `entry ${head.seq} is not the one the kept head names: the chain was rewritten up to there` };
  }
  return null;
}
