// When an entry happened, as the ownership walk must see it (issue 11.4). A live entry happened when it was
// recorded; a paper-era entry brought in by the register import carries its original time, earlier than the
// log's head. The engine files every customer record in the order things happened (then by seq), so the walk
// (OWN-1..12) meets an imported entry exactly where a live one of that time would have been.
import type { Fact } from './facts.ts';
import type { Instant } from './time.ts';

/** The instant an entry happened: the register's own time for an imported entry, the fact's otherwise. */
export function happenedAt(fact: Fact): Instant {
  return (fact.type === 'registered' || fact.type === 'followedUp') && fact.imported ? fact.imported.at : fact.at;
}

/** Time order, then the order recorded: live records (whose times never go back) stay in seq order. */
export function byTimeThenSeq(a: { readonly at: Instant; readonly seq: number }, b: { readonly at: Instant; readonly seq: number }): number {
  return a.at - b.at || a.seq - b.seq;
}

/** Files `record` into `list` (kept in time order); a live record is appended, an imported one slotted in. */
export function fileInTimeOrder<T extends { readonly at: Instant; readonly seq: number }>(list: T[], record: T): void {
  const last = list[list.length - 1];
  if (last === undefined || byTimeThenSeq(last, record) <= 0) {
    list.push(record);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byTimeThenSeq(list[mid] as T, record) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, record);
}
