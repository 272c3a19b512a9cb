// A map of an engine put back from its snapshot whose values are kept as bytes until each is asked for (issue
// 13: memory and cold start). Most of a year-old office's customers, reports and register entries are not
// looked at on a given day, yet deserialising every one of them was most of a restore and most of the objects
// the collector then walks. Values are saved 32 to a compressed chunk, each serialised on its own (a chunk
// serialised as one array is cheaper to keep, but opening one value then costs deserialising all of them:
// 150 µs for 256 report records, against 2 µs for one); a value is opened on its first `get` (or iteration) and
// stays open, and the next snapshot reuses the chunks whose values are all still closed. The engine sees a
// Map: has, keys and size open nothing, and the saved keys are numbers in typed arrays or text in one string,
// not Map entries.
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Values saved together, by default: one alone compresses poorly, 32 customer files together 6.7× (v8 bytes,
 * deflate level 6 with the map's dictionary; 4.9× at level 1 without one). A chunk costs ≈ 100–160 µs to
 * compress whatever its size, so maps of small values (a report record is ≈ 60 bytes) put more in one.
 */
export const VALUES_PER_CHUNK = 32;

/**
 * The values as saved: their keys in the map's order (`SavedKeysState`); chunks of `perChunk` values, each
 * compressed on its own and ending at `chunkEnds[c]` in `bytes`; and where each value's bytes (what `save` gave, v8-serialised) end
 * within its chunk once inflated.
 */
export interface PackedState<K> {
  readonly keys: SavedKeysState;
  readonly perChunk: number;
  /** 16-bit when every chunk's plain bytes are under 64 KiB, as they nearly always are. */
  readonly ends: Int32Array | Uint16Array;
  readonly chunkEnds: Int32Array;
  readonly bytes: Uint8Array;
  /** The preset dictionary every chunk is compressed with (`DICTIONARY_BYTES`); empty for a small map. */
  readonly dictionary: Uint8Array;
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

/**
 * A map is compressed with a preset dictionary of this many bytes sampled from its own values (deflate level 6):
 * a chunk then need not spell out the field names and common values its first value repeats. Five small-store
 * offices' maps: 11.6 MiB at level 1 without one, 10.3 MiB at level 6, 8.9 MiB with a 4 KiB dictionary (16 KiB
 * gains 0.1 MiB more).
 */
const DICTIONARY_BYTES = 4096;
/** A map whose chunks are fewer bytes than this is not worth a dictionary of its own. */
const DICTIONARY_FROM = 8 * DICTIONARY_BYTES;
const SAMPLES = 16;

const compress = (plain: Uint8Array, dictionary: Uint8Array): Uint8Array => deflateRawSync(plain, dictionary.length > 0 ? { level: 6, dictionary } : { level: 6 });
const inflate = (bytes: Uint8Array, dictionary: Uint8Array): Uint8Array => inflateRawSync(bytes, dictionary.length > 0 ? { dictionary } : {});

/** The start of the first value of chunks spread over the map, as a dictionary; none for a small map. */
function dictionaryOf(plains: readonly Uint8Array[]): Uint8Array {
  if (plains.reduce((n, p) => n + p.length, 0) < DICTIONARY_FROM) return new Uint8Array(0);
  const step = Math.max(1, Math.floor(plains.length / SAMPLES));
  const samples: Uint8Array[] = [];
  for (let c = 0; c < plains.length && samples.length < SAMPLES; c += step) samples.push((plains[c] as Uint8Array).subarray(0, DICTIONARY_BYTES / SAMPLES));
  return Buffer.concat(samples);
}

/**
 * `map` as saved. A chunk whose values are all still closed, in their places, is kept as it was: only a chunk
 * with a value opened, added or moved is encoded again, with the map's dictionary. The values must not be
 * numbers (a closed value is the number of its place).
 */
export function packMap<K, V>(map: ReadonlyMap<K, V>, save: ValueCodec<K, V>['save'], perChunk = VALUES_PER_CHUNK): PackedState<K> {
  const source = map instanceof PackedMap && (map as PackedMap<K, V>).perChunk === perChunk ? (map as PackedMap<K, V>) : null;
  const keys: K[] = [];
  const ends = new Int32Array(map.size);
  // A chunk kept as it was (its compressed bytes and its number in `source`), or its values' plain bytes.
  const chunks: ({ kept: Uint8Array; chunk: number } | { plain: Uint8Array })[] = [];
  let pending: { key: K; value: V | number }[] = [];
  const flush = (): void => {
    const first = keys.length;
    const saved = source?.chunkAsSaved(first / perChunk, pending.map((p) => p.value)) ?? null;
    if (saved) {
      ends.set(saved.ends, first);
      chunks.push({ kept: saved.bytes, chunk: first / perChunk });
    } else {
      const parts: Uint8Array[] = [];
      let at = 0;
      pending.forEach(({ key, value }, j) => {
        const one = typeof value === 'number' ? (source as PackedMap<K, V>).bytesOf(value) : serialize(save(key, value));
        parts.push(one);
        at += one.length;
        ends[first + j] = at;
      });
      chunks.push({ plain: Buffer.concat(parts, at) });
    }
    for (const p of pending) keys.push(p.key);
    pending = [];
  };
  // A PackedMap of another chunk size is read through its values (opening them), never through its places.
  const entries = source ? source.rawEntries() : map.entries();
  for (const [key, value] of entries) {
    pending.push({ key, value });
    if (pending.length === perChunk) flush();
  }
  if (pending.length > 0) flush();
  // A map that grew large without a dictionary is encoded again whole, once, with one.
  const size = chunks.reduce((n, c) => n + ('kept' in c ? c.kept.length : c.plain.length), 0);
  const keep = source !== null && (source.dictionary.length > 0 || size < DICTIONARY_FROM);
  const plains = chunks.map((c) => ('plain' in c ? c : keep ? c : { plain: (source as PackedMap<K, V>).plainChunk(c.chunk) }));
  const dictionary = keep ? source.dictionary : dictionaryOf(plains.flatMap((c) => ('plain' in c ? [c.plain] : [])));
  const encoded = plains.map((c) => ('kept' in c ? c.kept : compress(c.plain, dictionary)));
  const chunkEnds = new Int32Array(encoded.length);
  let end = 0;
  encoded.forEach((bytes, c) => (chunkEnds[c] = end += bytes.length));
  const short = ends.every((e) => e <= 0xffff);
  return { keys: saveKeys(keys), perChunk, ends: short ? Uint16Array.from(ends) : ends, chunkEnds, bytes: Buffer.concat(encoded, end), dictionary };
}

export function isPackedState(value: unknown): value is PackedState<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const { perChunk, ends, chunkEnds, bytes, keys, dictionary } = value as Partial<PackedState<unknown>>;
  const codes = keys?.codes;
  return typeof perChunk === 'number' && dictionary instanceof Uint8Array && (ends instanceof Int32Array || ends instanceof Uint16Array) && chunkEnds instanceof Int32Array && bytes instanceof Uint8Array && (codes instanceof Float64Array || codes instanceof Int32Array);
}

/**
 * A map's saved keys as they are saved, so that a restore deserialises a few typed arrays and one string, not a
 * string per key only to drop it. A key that is an integer (a seq), or a string that is one written plainly (a
 * mainland phone number), is kept as a number: `codes[place]`, with `sorted` the places in the order of their
 * codes, or null when the codes already rise place by place (seqs come in order). Any other key (a unit, a
 * name, a token, a fixed line's leading zero) is a string in `otherText`, the others in their places' order,
 * ending at `otherEnds`, at `otherPlaces`, with `otherSorted` their order by key; its code is NaN.
 */
export interface SavedKeysState {
  /** Whether the keys are strings (phone numbers, units, names) or numbers (seqs): a map's keys are one or the other. */
  readonly strings: boolean;
  /** Int32 when every key is a coded one that fits (seqs), so that no place needs NaN. */
  readonly codes: Float64Array | Int32Array;
  readonly sorted: Int32Array | null;
  readonly otherText: string;
  readonly otherEnds: Int32Array;
  readonly otherPlaces: Int32Array;
  readonly otherSorted: Int32Array;
}

/** The number a key is kept as, or NaN for a key kept as a string. */
function codeOf(key: unknown, strings: boolean): number {
  if (strings) {
    if (typeof key !== 'string') throw new Error(`a packed map's keys are all strings or all integers, not ${typeof key}`);
    if (key.length === 0 || key.length > 15) return NaN;
    const n = Number(key);
    return Number.isSafeInteger(n) && String(n) === key ? n : NaN;
  }
  if (typeof key !== 'number' || !Number.isSafeInteger(key)) throw new Error(`a packed map's keys are all strings or all integers, not ${String(key)}`);
  return key;
}

const fitsInt32 = (n: number): boolean => (n | 0) === n;

function saveKeys<K>(keys: readonly K[]): SavedKeysState {
  const strings = typeof keys[0] === 'string';
  const all = new Float64Array(keys.length);
  const others: string[] = [];
  const otherPlaces: number[] = [];
  let ascending = true;
  let int32 = true;
  let last = -Infinity;
  for (let place = 0; place < keys.length; place++) {
    const code = codeOf(keys[place], strings);
    all[place] = code;
    if (Number.isNaN(code)) {
      others.push(keys[place] as string);
      otherPlaces.push(place);
      continue;
    }
    if (code <= last) ascending = false;
    if (!fitsInt32(code)) int32 = false;
    last = code;
  }
  const codes = int32 && others.length === 0 ? Int32Array.from(all) : all;
  let sorted: Int32Array | null = null;
  if (!ascending || others.length > 0) {
    sorted = new Int32Array(keys.length - others.length);
    let i = 0;
    for (let place = 0; place < keys.length; place++) if (!Number.isNaN(all[place] as number)) sorted[i++] = place;
    // Phone numbers are sorted here, at a keep, not at a restore.
    if (!ascending) sorted.sort((a, b) => (all[a] as number) - (all[b] as number));
  }
  const otherEnds = new Int32Array(others.length);
  let end = 0;
  others.forEach((key, i) => (otherEnds[i] = end += key.length));
  const otherSorted = Int32Array.from(others.keys()).sort((a, b) => compareStrings(others[a] as string, others[b] as string));
  return { strings, codes, sorted, otherText: others.join(''), otherEnds, otherPlaces: Int32Array.from(otherPlaces), otherSorted };
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The places of a map's saved keys, without a Map entry each (≈ 60 bytes for a phone-number key and its string, against 12 here). */
class SavedKeys<K> {
  readonly count: number;
  private readonly strings: boolean;
  private readonly codes: Float64Array | Int32Array;
  private readonly sorted: Int32Array | null;
  private readonly otherText: string;
  private readonly otherEnds: Int32Array;
  private readonly otherPlaces: Int32Array;
  private readonly otherSorted: Int32Array;

  constructor(state: SavedKeysState) {
    this.strings = state.strings;
    // Copies: deserialised, typed arrays are views of the whole snapshot, which would then stay in memory with them.
    this.codes = state.codes.slice();
    this.count = this.codes.length;
    this.sorted = state.sorted?.slice() ?? null;
    this.otherText = state.otherText;
    this.otherEnds = state.otherEnds.slice();
    this.otherPlaces = state.otherPlaces.slice();
    this.otherSorted = state.otherSorted.slice();
  }

  private other(i: number): string {
    return this.otherText.slice(i === 0 ? 0 : (this.otherEnds[i - 1] as number), this.otherEnds[i] as number);
  }

  /** The place of `key`, or -1. */
  placeOf(key: K): number {
    if (typeof key !== (this.strings ? 'string' : 'number')) return -1;
    if (!this.strings && !Number.isSafeInteger(key)) return -1;
    const code = codeOf(key, this.strings);
    return Number.isNaN(code) ? this.otherPlaceOf(key as string) : this.codedPlaceOf(code);
  }

  private codedPlaceOf(code: number): number {
    const { codes, sorted } = this;
    let lo = 0;
    let hi = (sorted ?? codes).length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const place = sorted ? (sorted[mid] as number) : mid;
      const at = codes[place] as number;
      if (at === code) return place;
      if (at < code) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private otherPlaceOf(key: string): number {
    const { otherSorted } = this;
    let lo = 0;
    let hi = otherSorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const i = otherSorted[mid] as number;
      const order = compareStrings(this.other(i), key);
      if (order === 0) return this.otherPlaces[i] as number;
      if (order < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  keyAt(place: number): K {
    const code = this.codes[place] as number;
    if (!Number.isNaN(code)) return (this.strings ? String(code) : code) as K;
    // The others are in their places' order: find this place among them.
    const { otherPlaces } = this;
    let lo = 0;
    let hi = otherPlaces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((otherPlaces[mid] as number) < place) lo = mid + 1;
      else hi = mid;
    }
    return this.other(lo) as K;
  }
}

/**
 * The map: the saved values in their places, each closed (its bytes) until asked for, then open; and, in the
 * Map itself, the keys set since it was put back. A saved key keeps its place when its value is replaced, as
 * a Map keeps a key's place; one deleted and set again goes last, as in a Map.
 */
export class PackedMap<K, V> extends Map<K, V> {
  readonly perChunk: number;
  /** How many values were saved: the places 0… of `bytes`. */
  private readonly count: number;
  private readonly saved: SavedKeys<K>;
  /** Values of saved places opened or replaced since. */
  private readonly opened = new Map<number, V>();
  /** Saved places whose key was deleted, once one is. */
  private deleted: Uint8Array | null = null;
  private deletions = 0;
  private readonly ends: Int32Array | Uint16Array;
  private readonly chunkEnds: Int32Array;
  private readonly bytes: Uint8Array;
  readonly dictionary: Uint8Array;
  private readonly opener: ValueCodec<K, V>['open'];

  constructor(state: PackedState<K>, open: ValueCodec<K, V>['open']) {
    super();
    this.perChunk = state.perChunk;
    this.saved = new SavedKeys<K>(state.keys);
    this.count = this.saved.count;
    // Copies: deserialised, typed arrays are views of the whole snapshot, which would then stay in memory with them.
    this.ends = state.ends.slice();
    this.chunkEnds = state.chunkEnds.slice();
    this.bytes = Uint8Array.prototype.slice.call(state.bytes);
    this.dictionary = Uint8Array.prototype.slice.call(state.dictionary);
    this.opener = open;
  }

  /** The last chunk inflated, since iterating opens values in order. */
  private inflated: { readonly chunk: number; readonly plain: Uint8Array } | null = null;

  private chunkBytes(chunk: number): Uint8Array {
    const { chunkEnds, bytes } = this;
    return bytes.subarray(chunk === 0 ? 0 : (chunkEnds[chunk - 1] as number), chunkEnds[chunk] as number);
  }

  /** Chunk `chunk`'s values' plain bytes. */
  plainChunk(chunk: number): Uint8Array {
    return inflate(this.chunkBytes(chunk), this.dictionary);
  }

  /** The plain bytes of the value at place `index`, as saved. */
  bytesOf(index: number): Uint8Array {
    const chunk = Math.floor(index / this.perChunk);
    if (this.inflated?.chunk !== chunk) this.inflated = { chunk, plain: this.plainChunk(chunk) };
    const first = chunk * this.perChunk;
    return this.inflated.plain.subarray(index === first ? 0 : (this.ends[index - 1] as number), this.ends[index] as number);
  }

  /**
   * Chunk `chunk` as saved, if the values now in its places are exactly its values, all still closed (each is
   * the index of its bytes, and that index is its place); null if anything in it was opened or moved.
   */
  chunkAsSaved(chunk: number, values: readonly (V | number)[]): { bytes: Uint8Array; ends: Int32Array | Uint16Array } | null {
    const first = chunk * this.perChunk;
    const size = Math.min(this.perChunk, this.count - first);
    if (values.length !== size) return null;
    for (let j = 0; j < size; j++) if (values[j] !== first + j) return null;
    return { bytes: this.chunkBytes(chunk), ends: this.ends.subarray(first, first + size) };
  }

  /** The place of a saved key still in the map, or -1. */
  private placeOf(key: K): number {
    const place = this.saved.placeOf(key);
    return place >= 0 && this.deleted?.[place] !== 1 ? place : -1;
  }

  /** Keys with open values or the indexes of closed ones, in the map's order, opening none. */
  *rawEntries(): IterableIterator<[K, V | number]> {
    for (let place = 0; place < this.count; place++) {
      if (this.deleted?.[place] === 1) continue;
      const open = this.opened.get(place);
      yield [this.saved.keyAt(place), open === undefined && !this.opened.has(place) ? place : (open as V)];
    }
    yield* super.entries();
  }

  private valueAt(key: K, place: number): V {
    const open = this.opened.get(place);
    if (open !== undefined || this.opened.has(place)) return open as V;
    const value = this.opener(key, deserialize(this.bytesOf(place)));
    this.opened.set(place, value);
    return value;
  }

  override get(key: K): V | undefined {
    const place = this.placeOf(key);
    return place >= 0 ? this.valueAt(key, place) : super.get(key);
  }

  override has(key: K): boolean {
    return this.placeOf(key) >= 0 || super.has(key);
  }

  override set(key: K, value: V): this {
    const place = this.placeOf(key);
    if (place >= 0) this.opened.set(place, value);
    else super.set(key, value);
    return this;
  }

  override delete(key: K): boolean {
    const place = this.placeOf(key);
    if (place < 0) return super.delete(key);
    this.deleted ??= new Uint8Array(this.count);
    this.deleted[place] = 1;
    this.deletions++;
    this.opened.delete(place);
    return true;
  }

  override clear(): void {
    this.deleted = new Uint8Array(this.count).fill(1);
    this.deletions = this.count;
    this.opened.clear();
    super.clear();
  }

  override *keys(): MapIterator<K> {
    for (const [key] of this.rawEntries()) yield key;
  }

  override *entries(): MapIterator<[K, V]> {
    for (const [key, raw] of this.rawEntries()) yield [key, this.valueFor(key, raw)];
  }

  private valueFor(key: K, raw: V | number): V {
    // A saved place's entry is its place number while closed; the values themselves are never numbers.
    if (typeof raw !== 'number') return raw;
    return this.valueAt(key, raw);
  }

  override *values(): MapIterator<V> {
    for (const [key, raw] of this.rawEntries()) yield this.valueFor(key, raw);
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  /** How many keys the map holds: the saved ones not deleted, and those set since. */
  get entryCount(): number {
    return this.count - this.deletions + super.size;
  }

  /** How many saved values are open (opened or replaced since the map was put back): what a keep would close. */
  get openCount(): number {
    return this.opened.size;
  }

  /** How many values are still closed (their bytes only); walks the map, for tests and figures, not for a hot path. */
  get closed(): number {
    let n = 0;
    for (const [, raw] of this.rawEntries()) if (typeof raw === 'number') n++;
    return n;
  }
}

// `size` is an accessor of Map.prototype, typed as a property, so it is replaced here rather than overridden.
Object.defineProperty(PackedMap.prototype, 'size', {
  get(this: PackedMap<unknown, unknown>) {
    return this.entryCount;
  },
});
