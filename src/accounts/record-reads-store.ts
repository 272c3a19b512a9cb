// SEC-2: every read of a full customer record is itself recorded — who, when, which customer, through
// which endpoint — in an append-only table a manager can list. There is no update or delete here.
import type { Db } from '../store/sql/db.ts';
import { int } from '../store/sql/db.ts';

export interface RecordRead {
  readonly at: number;
  readonly userId: string;
  readonly login: string;
  readonly project: string;
  /** The customer's normalised phone. */
  readonly customer: string;
  readonly endpoint: string;
}

export interface LoggedRead extends RecordRead {
  readonly id: number;
  /** The reader's display name now (null when the account is gone), so the log reads as people. */
  readonly name: string | null;
}

/** Records the reads in one transaction (a list answer reads many customers at once). */
export async function logReads(db: Db, reads: readonly RecordRead[]): Promise<void> {
  if (reads.length === 0) return;
  await db.transaction(async (tx) => {
    for (const r of reads) {
      await tx.run('INSERT INTO record_reads (at, user_id, login, project, customer, endpoint) VALUES (?, ?, ?, ?, ?, ?)', [r.at, r.userId, r.login, r.project, r.customer, r.endpoint]);
    }
  });
}

export interface ReadQuery {
  readonly project: string;
  readonly customer?: string;
  /** Only reads with a smaller id (paging backwards from the newest). */
  readonly before?: number;
  readonly limit: number;
}

/** The newest reads first. */
export async function listReads(db: Db, q: ReadQuery): Promise<LoggedRead[]> {
  const where = ['r.project = ?'];
  const params: (string | number)[] = [q.project];
  if (q.customer !== undefined) {
    where.push('r.customer = ?');
    params.push(q.customer);
  }
  if (q.before !== undefined) {
    where.push('r.id < ?');
    params.push(q.before);
  }
  const rows = await db.all<{ id: unknown; at: unknown; user_id: string; login: string; project: string; customer: string; endpoint: string; display_name: string | null }>(
    `SELECT r.id, r.at, r.user_id, r.login, r.project, r.customer, r.endpoint, u.display_name FROM record_reads r LEFT JOIN users u ON u.id = r.user_id WHERE ${where.join(' AND ')} ORDER BY r.id DESC LIMIT ${Math.max(1, Math.min(500, Math.floor(q.limit)))}`,
    params,
  );
  return rows.map((r) => ({ id: int(r.id), at: int(r.at), userId: r.user_id, login: r.login, project: r.project, customer: r.customer, endpoint: r.endpoint, name: r.display_name ?? null }));
}
