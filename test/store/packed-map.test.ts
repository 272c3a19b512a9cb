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
