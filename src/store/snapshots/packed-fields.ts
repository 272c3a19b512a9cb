// The engine fields a snapshot keeps as bytes until asked for (packed-map.ts): the customer files, the channel
// book's reports and broker-brought arrivals, the register's entries, the arrivals by seq, the units with their
// histories and orders, and the name and plate indexes — together most of a year-old office's objects and of
// the time a restore took (issue 13). What is left as objects is small: staff, brokers, the floor, policies.
// Objects shared between fields are saved once, in the map that owns them, and referred to by seq elsewhere, so
// that an opened value gets the owner's very object:
//
// - a `ReportRecord` belongs to `channelBook.records`; a customer file and an unmatched masked report (CH-8)
//   point at it, and the CH-9 visit is written through one and read through the other;
// - a `BrokerReportEntry` belongs to `channelBook.reports`; `reportsByBroker` lists the same entries;
// - an `Order` belongs to `allOrders`; `orders` holds the live ones by unit, and a swap or a stage changes it
//   through either.
//
// A value pointing at an object its owner does not hold cannot be saved so: saving throws, the keep fails, and
// the project folds its log at start rather than lose the sharing.
import type { BrokerArrival, BrokerReportEntry } from '../../core/channel-book.ts';
import { ChannelBook } from '../../core/channel-book.ts';
import type { ReportRecord } from '../../core/channel.rules.ts';
import type { Engine } from '../../core/engine.ts';
import type { Order } from '../../core/deal.rules.ts';
import type { BrokerId, UnitId } from '../../core/facts.ts';
import type { PhoneKey } from '../../core/phone.ts';
import { RegisterBook } from '../../core/register-book.ts';
import { packFiles, PackedFiles, type PackedFilesState } from './packed-files.ts';
import { PackedMap, packMap, plainCodec, type PackedState } from './packed-map.ts';

type Fields = Record<string, unknown>;
type MaskedReports = Map<string, Map<string, ReportRecord[]>>;
type PhoneSets = Map<string, Set<PhoneKey>>;

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
/** A name's or a plate's phone numbers: ≈ 20 bytes as saved. */
const SETS_PER_CHUNK = 128;
const plain = <K, V>(map: ReadonlyMap<K, V>): PackedState<K> => packMap(map, plainCodec<K, V>().save, SMALL_PER_CHUNK);
const phoneSets = (map: unknown): PackedState<string> => packMap(map as PhoneSets, plainCodec<string, Set<PhoneKey>>().save, SETS_PER_CHUNK);
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
      arrivals: plain(book.arrivals),
      reportsByBroker: packMap(book.reportsByBroker, (broker, list) => seqsOf(list, book.reports, `report of broker ${broker}`)),
    }),
    restore: (saved) => {
      const s = saved as Fields;
      const book: ChannelBook = Object.assign(new ChannelBook(), s, {
        records: opened<number, ReportRecord>(s['records']),
        reports: opened<number, BrokerReportEntry>(s['reports']),
        arrivals: opened<number, BrokerArrival>(s['arrivals']),
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
  units: { save: (engine) => plain(engine.units), restore: (saved) => opened(saved) },
  unitHistory: { save: (engine) => plain(engine.unitHistory), restore: (saved) => opened(saved) },
  allOrders: { save: (engine) => packMap(engine.allOrders, plainCodec<number, Order>().save), restore: (saved) => opened(saved) },
  // A live order is the very object `allOrders` holds under its id (the engine changes it through either map).
  orders: {
    save: (engine) =>
      packMap(engine.orders, (unit, order) => {
        if (engine.allOrders.get(order.id) !== order) throw new Error(`engine snapshot: the order on ${unit} is not order #${order.id}`);
        return order.id;
      }),
    restore: (saved, engine) => new PackedMap<UnitId, Order>(saved as PackedState<UnitId>, (unit, id) => {
      const order = engine.allOrders.get(id as number);
      if (!order) throw new Error(`engine snapshot: no order #${String(id)} for ${unit}`);
      return order;
    }),
  },
  // REG-4's names and the plates: a small set of phone numbers each, looked up one name or plate at a time.
  byName: { save: (engine) => phoneSets(field(engine, 'byName')), restore: (saved) => opened(saved) },
  byPlate: { save: (engine) => phoneSets(field(engine, 'byPlate')), restore: (saved) => opened(saved) },
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

/** Each engine's maps kept as bytes, found once: its fields are set when it is put back and never replaced. */
const packedMaps = new WeakMap<Engine, readonly PackedMap<unknown, unknown>[]>();

function packedMapsOf(engine: Engine): readonly PackedMap<unknown, unknown>[] {
  let maps = packedMaps.get(engine);
  if (!maps) {
    const found: PackedMap<unknown, unknown>[] = [];
    for (const value of Object.values(engine)) {
      if (value instanceof PackedMap) found.push(value);
      else if (value instanceof ChannelBook || value instanceof RegisterBook) for (const inner of Object.values(value)) if (inner instanceof PackedMap) found.push(inner);
    }
    maps = found;
    packedMaps.set(engine, maps);
  }
  return maps;
}

/** How many values of an engine put back from its snapshot have been opened since: what the next keep closes again (asked on every read). */
export function valuesOpened(engine: Engine): number {
  let n = 0;
  for (const map of packedMapsOf(engine)) n += map.openCount;
  return n;
}
