// The engine fields a snapshot keeps as bytes until asked for (packed-map.ts): the customer files, the channel
// book's reports, the register's entries and the arrivals by seq — together most of a year-old office's
// objects and of the time a restore took (issue 13). Objects shared between fields are saved once, in the map
// that owns them, and referred to by seq elsewhere, so that an opened value gets the owner's very object:
//
// - a `ReportRecord` belongs to `channelBook.records`; a customer file and an unmatched masked report (CH-8)
//   point at it, and the CH-9 visit is written through one and read through the other;
// - a `BrokerReportEntry` belongs to `channelBook.reports`; `reportsByBroker` lists the same entries.
//
// A value pointing at an object its owner does not hold cannot be saved so: saving throws, the keep fails, and
// the project folds its log at start rather than lose the sharing.
import type { BrokerReportEntry } from '../../core/channel-book.ts';
import { ChannelBook } from '../../core/channel-book.ts';
import type { ReportRecord } from '../../core/channel.rules.ts';
import type { Engine } from '../../core/engine.ts';
import type { BrokerId } from '../../core/facts.ts';
import { RegisterBook } from '../../core/register-book.ts';
import { packFiles, PackedFiles, type PackedFilesState } from './packed-files.ts';
import { PackedMap, packMap, plainCodec, type PackedState } from './packed-map.ts';

type Fields = Record<string, unknown>;
type MaskedReports = Map<string, Map<string, ReportRecord[]>>;

/** How one engine field is saved, and put back into a restored engine (after every other field, in this table's order). */
interface PackedField {
  readonly save: (engine: Engine) => unknown;
  readonly restore: (saved: unknown, engine: Engine) => unknown;
}

/**
 * Report records, broker reports, register entries and arrivals are 30–90 bytes each as saved: 64 to a chunk
 * (one inflated to open one value: ≈ 10 µs).
 */
const SMALL_PER_CHUNK = 64;
const plain = <K, V>(map: ReadonlyMap<K, V>): PackedState<K> => packMap(map, plainCodec<K, V>().save, SMALL_PER_CHUNK);
const opened = <K, V>(state: unknown): PackedMap<K, V> => new PackedMap<K, V>(state as PackedState<K>, plainCodec<K, V>().open);
const field = (engine: Engine, name: string): unknown => (engine as unknown as Fields)[name];

function seqsOf<T extends { readonly seq: number }>(list: readonly T[], owner: ReadonlyMap<number, T>, what: string): number[] {
  return list.map((x) => {
    if (owner.get(x.seq) !== x) throw new Error(`engine snapshot: ${what} #${x.seq} is not its owner's object`);
    return x.seq;
  });
}

function bySeq<T>(seqs: readonly number[], owner: ReadonlyMap<number, T>, what: string): T[] {
  return seqs.map((seq) => {
    const x = owner.get(seq);
    if (x === undefined) throw new Error(`engine snapshot: no ${what} #${seq}`);
    return x;
  });
}

export const PACKED_FIELDS: Readonly<Record<string, PackedField>> = {
  channelBook: {
    save: ({ channelBook: book }) => ({
      ...book,
      records: plain(book.records),
      reports: plain(book.reports),
      reportsByBroker: packMap(book.reportsByBroker, (broker, list) => seqsOf(list, book.reports, `report of broker ${broker}`)),
    }),
    restore: (saved) => {
      const s = saved as Fields;
      const book: ChannelBook = Object.assign(new ChannelBook(), s, {
        records: opened<number, ReportRecord>(s['records']),
        reports: opened<number, BrokerReportEntry>(s['reports']),
      });
      return Object.assign(book, { reportsByBroker: new PackedMap<BrokerId, BrokerReportEntry[]>(s['reportsByBroker'] as PackedState<BrokerId>, (_b, seqs) => bySeq(seqs as number[], book.reports, 'broker report')) });
    },
  },
  registerBook: {
    save: ({ registerBook: book }) => ({ ...book, entries: plain(book.entries) }),
    restore: (saved) => {
      const s = saved as Fields;
      return Object.assign(new RegisterBook(), s, { entries: opened(s['entries']) });
    },
  },
  arrivals: { save: (engine) => plain(engine.arrivals), restore: (saved) => opened(saved) },
  customers: {
    save: (engine) => packFiles(engine.customers, engine.channelBook.records),
    restore: (saved, engine) => new PackedFiles(saved as PackedFilesState, (seq) => engine.channelBook.records.get(seq)),
  },
  // Few (a masked report waits here only until a visit matches it), so put back at once, with the book's records.
  maskedReports: {
    save: (engine) => {
      const records = engine.channelBook.records;
      const out = new Map<string, Map<string, number[]>>();
      for (const [mask, bySurname] of field(engine, 'maskedReports') as MaskedReports) out.set(mask, new Map([...bySurname].map(([surname, list]) => [surname, seqsOf(list, records, 'masked report')])));
      return out;
    },
    restore: (saved, engine) => {
      const records = engine.channelBook.records;
      return new Map([...(saved as Map<string, Map<string, number[]>>)].map(([mask, bySurname]) => [mask, new Map([...bySurname].map(([surname, seqs]) => [surname, bySeq(seqs, records, 'report')]))]));
    },
  },
};
