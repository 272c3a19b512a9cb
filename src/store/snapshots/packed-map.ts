// A map of an engine put back from its snapshot whose values are kept as bytes until each is asked for (issue
// 13: memory and cold start). Most of a year-old office's customers, reports and register entries are not
// looked at on a given day, yet deserialising every one of them was most of a restore and most of the objects
// the collector then walks. Values are saved 32 to a compressed chunk, each serialised on its own (a chunk
// serialised as one array is cheaper to keep, but opening one value then costs deserialising all of them:
// 150 µs for 256 report records, against 2 µs for one); a value is opened on its first `get` (or iteration) and
// stays open, and the next snapshot reuses the chunks whose values are all still closed. The engine sees a
// Map: has, keys and size open nothing.
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Values saved together, by default: one alone compresses poorly, 32 customer files together 4.9× (v8 bytes,
 * deflate level 1). A chunk costs ≈ 20 µs to compress whatever its size, so maps of small values (a report
 * record is ≈ 60 bytes) put more in one.
 */
export const VALUES_PER_CHUNK = 32;

/**
 * The values as saved: their keys in the map's order; chunks of `perChunk` values, each compressed on its own
 * and ending at `chunkEnds[c]` in `bytes`; and where each value's bytes (what `save` gave, v8-serialised) end
 * within its chunk once inflated.
 */
export interface PackedState<K> {
  readonly keys: readonly K[];
  readonly perChunk: number;
  readonly ends: Int32Array;
  readonly chunkEnds: Int32Array;
  readonly bytes: Uint8Array;
}

/**
 * What is serialised for a value (it may throw to refuse one: the keep then fails and the project folds its
 * log at start), and the value again from what was serialised.
 */
export interface ValueCodec<K, V> {
  readonly save: (key: K, value: V) => unknown;
  readonly open: (key: K, saved: unknown) => V;
}

/** Values serialised as they are and opened as they come back: for values that share no object with anything else. */
export const plainCodec = <K, V>(): ValueCodec<K, V> => ({ save: (_key, value) => value, open: (_key, saved) => saved as V });

const compress = (plain: Uint8Array): Uint8Array => deflateRawSync(plain, { level: 1 });

/**
 * `map` as saved. A chunk whose values are all still closed, in their places, is kept as it was: only a chunk
 * with a value opened, added or moved is encoded again. The values must not be numbers (a closed value is the
 * number of its place).
 */
export function packMap<K, V>(map: ReadonlyMap<K, V>, save: ValueCodec<K, V>['save'], perChunk = VALUES_PER_CHUNK): PackedState<K> {
  const closed = map instanceof PackedMap && (map as PackedMap<K, V>).perChunk === perChunk ? (map as PackedMap<K, V>) : null;
  const keys: K[] = [];
  const ends = new Int32Array(map.size);
  const chunkEnds = new Int32Array(Math.ceil(map.size / perChunk));
  const chunks: Uint8Array[] = [];
  let end = 0;
  let pending: { key: K; value: V | number }[] = [];
  const flush = (): void => {
    const first = keys.length;
    const c = first / perChunk;
    const saved = closed?.chunkAsSaved(c, pending.map((p) => p.value)) ?? null;
    let bytes: Uint8Array;
    if (saved) {
      ends.set(saved.ends, first);
      bytes = saved.bytes;
    } else {
      const parts: Uint8Array[] = [];
      let at = 0;
      pending.forEach(({ key, value }, j) => {
        const one = typeof value === 'number' ? (closed as PackedMap<K, V>).bytesOf(value) : serialize(save(key, value));
        parts.push(one);
        at += one.length;
        ends[first + j] = at;
      });
      bytes = compress(Buffer.concat(parts, at));
    }
    chunks.push(bytes);
    end += bytes.length;
    chunkEnds[c] = end;
    for (const p of pending) keys.push(p.key);
    pending = [];
  };
  // A PackedMap of another chunk size is read through its values (opening them), never through its places.
  const entries = closed ? closed.rawEntries() : map.entries();
  for (const [key, value] of entries) {
    pending.push({ key, value });
    if (pending.length === perChunk) flush();
  }
  if (pending.length > 0) flush();
  return { keys, perChunk, ends, chunkEnds, bytes: Buffer.concat(chunks, end) };
}

export function isPackedState(value: unknown): value is PackedState<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as PackedState<unknown>).perChunk === 'number' && (value as PackedState<unknown>).ends instanceof Int32Array && (value as PackedState<unknown>).chunkEnds instanceof Int32Array && (value as PackedState<unknown>).bytes instanceof Uint8Array && Array.isArray((value as PackedState<unknown>).keys);
}

/** The map: a value is either open or the index of its bytes, opened by `open` on first use. */
export class PackedMap<K, V> extends Map<K, V> {
  readonly perChunk: number;
  /** How many values were saved: the places 0… of `bytes`. */
  private readonly count: number;
  private readonly ends: Int32Array;
  private readonly chunkEnds: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly opener: ValueCodec<K, V>['open'];

  constructor(state: PackedState<K>, open: ValueCodec<K, V>['open']) {
    super();
    this.perChunk = state.perChunk;
    this.count = state.keys.length;
    // Copies: deserialised, typed arrays are views of the whole snapshot, which would then stay in memory with them.
    this.ends = state.ends.slice();
    this.chunkEnds = state.chunkEnds.slice();
    this.bytes = Uint8Array.prototype.slice.call(state.bytes);
    this.opener = open;
    const set = Map.prototype.set;
    for (let i = 0; i < state.keys.length; i++) set.call(this, state.keys[i] as K, i);
  }

  /** The last chunk inflated, since iterating opens values in order. */
  private inflated: { readonly chunk: number; readonly plain: Uint8Array } | null = null;

  private chunkBytes(chunk: number): Uint8Array {
    const { chunkEnds, bytes } = this;
    return bytes.subarray(chunk === 0 ? 0 : (chunkEnds[chunk - 1] as number), chunkEnds[chunk] as number);
  }

  /** The plain bytes of the value at place `index`, as saved. */
  bytesOf(index: number): Uint8Array {
    const chunk = Math.floor(index / this.perChunk);
    if (this.inflated?.chunk !== chunk) this.inflated = { chunk, plain: inflateRawSync(this.chunkBytes(chunk)) };
    const first = chunk * this.perChunk;
    return this.inflated.plain.subarray(index === first ? 0 : (this.ends[index - 1] as number), this.ends[index] as number);
  }

  /**
   * Chunk `chunk` as saved, if the values now in its places are exactly its values, all still closed (each is
   * the index of its bytes, and that index is its place); null if anything in it was opened or moved.
   */
  chunkAsSaved(chunk: number, values: readonly (V | number)[]): { bytes: Uint8Array; ends: Int32Array } | null {
    const first = chunk * this.perChunk;
    const size = Math.min(this.perChunk, this.count - first);
    if (values.length !== size) return null;
    for (let j = 0; j < size; j++) if (values[j] !== first + j) return null;
    return { bytes: this.chunkBytes(chunk), ends: this.ends.subarray(first, first + size) };
  }

  /** Keys with open values or the indexes of closed ones, opening none. */
  rawEntries(): IterableIterator<[K, V | number]> {
    return super.entries() as IterableIterator<[K, V | number]>;
  }

  private value(key: K, raw: V | number): V {
    if (typeof raw !== 'number') return raw;
    const value = this.opener(key, deserialize(this.bytesOf(raw)));
    super.set(key, value);
    return value;
  }

  override get(key: K): V | undefined {
    const raw = super.get(key) as V | number | undefined;
    return raw === undefined ? undefined : this.value(key, raw);
  }

  override *entries(): MapIterator<[K, V]> {
    for (const [key, raw] of this.rawEntries()) yield [key, this.value(key, raw)];
  }

  override *values(): MapIterator<V> {
    for (const [key, raw] of this.rawEntries()) yield this.value(key, raw);
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  /** How many values are still closed (their bytes only); walks the map, for tests and figures, not for a hot path. */
  get closed(): number {
    let n = 0;
    for (const [, raw] of this.rawEntries()) if (typeof raw === 'number') n++;
    return n;
  }
}
