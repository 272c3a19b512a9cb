// A map kept as bytes until asked for (issue 13), here keyed by seq as the channel book's records and the
// register's entries are: it answers as the Map it replaces, opens one value per first `get`, reuses the chunks
// still closed, and holds its own copy of the bytes (not a view of the snapshot it was read from).
import { describe, expect, it } from 'vitest';
import { isPackedState, PackedMap, packMap, plainCodec, type PackedState } from '../../src/store/snapshots/packed-map.ts';

interface Entry {
  readonly seq: number;
  readonly at: number;
  superseded: number | null;
}

const PER_CHUNK = 64;
const codec = plainCodec<number, Entry>();
const pack = (map: ReadonlyMap<number, Entry>): PackedState<number> => packMap(map, codec.save, PER_CHUNK);
const open = (state: PackedState<number>): PackedMap<number, Entry> => new PackedMap(state, codec.open);

function entries(n: number): Map<number, Entry> {
  return new Map(Array.from({ length: n }, (_, i) => [10 + i * 3, { seq: 10 + i * 3, at: 1_000 + i, superseded: i % 7 === 0 ? 5 : null }]));
}

const chunk = (s: PackedState<number>, c: number): Buffer => Buffer.from(s.bytes.subarray(c === 0 ? 0 : s.chunkEnds[c - 1], s.chunkEnds[c]));

describe('a map of values kept as bytes', () => {
  const n = PER_CHUNK * 2 + 9;

  it('answers has, keys and size opening nothing; get opens one value, once', () => {
    const source = entries(n);
    const state = pack(source);
    expect(isPackedState(state)).toBe(true);
    expect(state.chunkEnds).toHaveLength(3);
    const map = open(state);
    expect(map.size).toBe(n);
    expect([...map.keys()]).toEqual([...source.keys()]);
    expect(map.has(13)).toBe(true);
    expect(map.has(14)).toBe(false);
    expect(map.closed).toBe(n);
    const one = map.get(10 + 70 * 3)!;
    expect(one).toEqual(source.get(10 + 70 * 3));
    expect(map.closed).toBe(n - 1);
    expect(map.get(10 + 70 * 3)).toBe(one);
    expect(map.get(14)).toBeUndefined();
    expect(new Map(map)).toEqual(source);
    expect(map.closed).toBe(0);
  });

  it('a value changed after it was opened is saved changed; the chunks still closed are kept byte for byte', () => {
    const source = entries(n);
    const first = pack(source);
    const map = open(first);
    map.get(10 + 70 * 3)!.superseded = 99; // chunk 1
    map.set(10_000, { seq: 10_000, at: 9, superseded: null }); // the last chunk
    const second = pack(map);
    expect(chunk(second, 0)).toEqual(chunk(first, 0));
    expect(chunk(second, 1)).not.toEqual(chunk(first, 1));
    const again = open(second);
    expect(again.get(10 + 70 * 3)!.superseded).toBe(99);
    expect(again.get(10_000)).toEqual({ seq: 10_000, at: 9, superseded: null });
    expect(again.size).toBe(n + 1);
  });

  it('packed again with another chunk size, it is read through its values', () => {
    const source = entries(n);
    const map = open(pack(source));
    const other = new PackedMap(packMap(map, codec.save, 16), codec.open);
    expect(new Map(other)).toEqual(source);
  });

  it('holds its own copy of the bytes: the buffer it was read from may go, or be overwritten', () => {
    const source = entries(n);
    const state = pack(source);
    const big = Buffer.alloc(state.bytes.length + 100);
    Buffer.from(state.bytes).copy(big, 50);
    const view = big.subarray(50, 50 + state.bytes.length);
    const map = open({ ...state, bytes: view });
    big.fill(0);
    expect(new Map(map)).toEqual(source);
  });
});

describe('a large map is compressed with a dictionary of its own values', () => {
  // Entries with some text, so that 4,000 of them take more than the size a dictionary starts at.
  const large = (n: number): Map<number, Entry & { note: string }> => new Map([...entries(n)].map(([k, e]) => [k, { ...e, note: `到访登记 ${k % 97} 号 ${'备注'.repeat(k % 5)}` }]));

  it('smaller with it, opens as before, and keeps it (and its closed chunks) when packed again', () => {
    const source = large(4_000);
    const state = packMap(source, (_k, v) => v, PER_CHUNK);
    expect(state.dictionary.length).toBeGreaterThan(0);
    const map = new PackedMap<number, Entry & { note: string }>(state, (_k, saved) => saved as Entry & { note: string });
    expect(new Map(map)).toEqual(source);
    const fresh = new PackedMap<number, Entry & { note: string }>(packMap(source, (_k, v) => v, PER_CHUNK), (_k, saved) => saved as Entry & { note: string });
    fresh.get(13)!.superseded = 7; // chunk 0 only
    const again = packMap(fresh, (_k, v) => v, PER_CHUNK);
    expect(Buffer.from(again.dictionary)).toEqual(Buffer.from(state.dictionary));
    expect(chunk(again, 1)).toEqual(chunk(state, 1));
    expect(chunk(again, 0)).not.toEqual(chunk(state, 0));
    expect(new PackedMap<number, Entry>(again, codec.open).get(13)!.superseded).toBe(7);
  });

  it('a small map has none; once it has grown large it is encoded again with one', () => {
    const small = packMap(large(40), (_k, v) => v, PER_CHUNK);
    expect(small.dictionary.length).toBe(0);
    const map = new PackedMap<number, Entry & { note: string }>(small, (_k, saved) => saved as Entry & { note: string });
    for (const [k, v] of large(8_000)) if (!map.has(k)) map.set(k, v);
    const grown = packMap(map, (_k, v) => v, PER_CHUNK);
    expect(grown.dictionary.length).toBeGreaterThan(0);
    expect(new Map(new PackedMap<number, Entry>(grown, codec.open))).toEqual(large(8_000));
  });
});

/** A small seeded generator, so a failure repeats. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('a map put back answers as the Map it replaces, whatever is done to it', () => {
  // Mainland numbers are kept as numbers; the rest (a landline's leading zero, a foreign number, an erased
  // customer's token, a string too long to be a number) as themselves.
  const phoneKey = (rnd: () => number): string => {
    const r = rnd();
    const digits = String(Math.floor(rnd() * 1e8)).padStart(8, '0');
    if (r < 0.8) return `13${Math.floor(rnd() * 10)}${digits}`;
    if (r < 0.87) return `010${digits}`;
    if (r < 0.93) return `+44${digits}`;
    if (r < 0.97) return `tk_${digits}`;
    return `1${digits}${digits}`;
  };
  const seqKey = (rnd: () => number): number => Math.floor(rnd() * 5_000);
  // Seqs as a log gives them, rising (their codes need no sorting), and later ones past them.
  let last = 0;
  const risingSeqKey = (rnd: () => number): number => (last += 1 + Math.floor(rnd() * 3));
  // Keys kept as text: units, and names and plates with Chinese characters.
  const textKey = (rnd: () => number): string => {
    const r = rnd();
    const n = Math.floor(rnd() * 400);
    if (r < 0.5) return `${1 + (n % 9)}-${1 + Math.floor(n / 9)}-${String(101 + n * 7)}`;
    if (r < 0.8) return ['张', '王', '李', '赵', '陈'][n % 5]! + ['伟', '芳', '娜', '敏', '静', '丽强'][n % 6]! + (n >= 30 ? String(n) : '');
    return `沪A${String(10_000 + n * 37)}`;
  };

  for (const [name, keyOf] of [['phone numbers', phoneKey], ['seqs', seqKey], ['rising seqs', risingSeqKey], ['units, names and plates', textKey]] as const) {
    it(`keyed by ${name}: 2,000 random sets, deletes, gets and walks`, () => {
      const rnd = random(name.length * 7919);
      const source = new Map<string | number, { v: number }>();
      while (source.size < 300) source.set(keyOf(rnd), { v: source.size });
      const state = packMap(source, (_k, v) => v, 16);
      // The shape each kind of key is kept in: rising seqs as 32-bit codes needing no sort, text as text.
      expect(state.keys.sorted === null).toBe(keyOf === risingSeqKey);
      expect(state.keys.codes instanceof Int32Array).toBe(keyOf === risingSeqKey || keyOf === seqKey);
      expect(state.keys.otherText.length > 0).toBe(keyOf === textKey || keyOf === phoneKey);
      const packed = new PackedMap<string | number, { v: number }>(state, (_k, saved) => saved as { v: number });
      const plain = new Map([...source].map(([k, v]) => [k, { ...v }]));
      const known = [...source.keys()];
      for (let step = 0; step < 2_000; step++) {
        const r = rnd();
        const key = rnd() < 0.7 ? (known[Math.floor(rnd() * known.length)] as string | number) : keyOf(rnd);
        if (r < 0.3) {
          plain.set(key, { v: step });
          packed.set(key, { v: step });
          known.push(key);
        } else if (r < 0.45) expect(packed.delete(key)).toBe(plain.delete(key));
        else if (r < 0.9) {
          expect(packed.get(key)).toEqual(plain.get(key));
          expect(packed.has(key)).toBe(plain.has(key));
        } else {
          expect(packed.size).toBe(plain.size);
          expect([...packed.keys()]).toEqual([...plain.keys()]);
          expect([...packed]).toEqual([...plain]);
        }
      }
      expect([...packed.entries()]).toEqual([...plain.entries()]);
      // Packed again, it keeps its order and values; packed from scratch, the same bytes.
      const again = new PackedMap<string | number, { v: number }>(packMap(packed, (_k, v) => v, 16), (_k, saved) => saved as { v: number });
      expect([...again]).toEqual([...plain]);
      expect(Buffer.from(packMap(again, (_k, v) => v, 16).bytes)).toEqual(Buffer.from(packMap(plain, (_k, v) => v, 16).bytes));
      packed.clear();
      expect(packed.size).toBe(0);
      expect([...packed]).toEqual([]);
    });
  }
});
