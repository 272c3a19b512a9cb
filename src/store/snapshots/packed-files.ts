// The customer files of an engine put back from its snapshot, kept as bytes until each is asked for (issue 13:
// memory and cold start). Most customers of a year-old office are not touched on a given day, yet deserialising
// every file with its records was 60% of a restore and most of the objects the collector then walks. Files are
// saved 32 to a compressed chunk; a file is opened on its first `get` (or iteration) and stays open, and the
// next snapshot reuses the chunks whose files are all still closed. The engine sees a Map: has, keys and size
// open nothing.
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ReportRecord } from '../../core/channel.rules.ts';
import type { CustomerFile } from '../../core/engine.ts';
import type { PhoneKey } from '../../core/phone.ts';

/** Files compressed together: one alone compresses poorly, 32 together 4.9× (v8 bytes, deflate level 1). */
export const FILES_PER_CHUNK = 32;

/**
 * The files as saved: their keys in the map's order; chunks of `FILES_PER_CHUNK` files, each compressed on its
 * own and ending at `chunkEnds[c]` in `bytes`; and where each file's bytes end within its chunk once inflated.
 */
export interface PackedFilesState {
  readonly keys: readonly PhoneKey[];
  readonly ends: Int32Array;
  readonly chunkEnds: Int32Array;
  readonly bytes: Uint8Array;
}

/** A file as saved: its reports by seq, since they are the channel book's own records (CH-9 writes through them). */
type SavedFile = Omit<CustomerFile, 'reports'> & { reports: number[] };

const compress = (plain: Uint8Array): Uint8Array => deflateRawSync(plain, { level: 1 });

/**
 * A file's broker reports are the very objects of the channel book's `records` (by seq), so a file is saved
 * with their seqs and opened with the book's objects. A report the book does not hold cannot be saved so:
 * `packFiles` throws, and the project folds its log at each start rather than lose the sharing. A chunk whose
 * files are all still closed, in their places, is kept as it was: only what was opened or added is encoded.
 */
export function packFiles(files: ReadonlyMap<PhoneKey, CustomerFile>, reports: ReadonlyMap<number, ReportRecord>): PackedFilesState {
  const closed = files instanceof PackedFiles ? files : null;
  const keys: PhoneKey[] = [];
  const ends = new Int32Array(files.size);
  const chunkEnds = new Int32Array(Math.ceil(files.size / FILES_PER_CHUNK));
  const chunks: Uint8Array[] = [];
  let end = 0;
  let pending: { key: PhoneKey; value: CustomerFile | number }[] = [];
  const flush = (): void => {
    const first = keys.length;
    const c = first / FILES_PER_CHUNK;
    const saved = closed?.chunkAsSaved(c, first, pending.map((p) => p.value)) ?? null;
    let bytes: Uint8Array;
    if (saved) {
      ends.set(saved.ends, first);
      bytes = saved.bytes;
    } else {
      const parts: Uint8Array[] = [];
      let at = 0;
      pending.forEach(({ key, value }, j) => {
        const file = typeof value === 'number' ? (closed as PackedFiles).bytesOf(value) : encodeFile(key, value, reports);
        parts.push(file);
        at += file.length;
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
  for (const [key, value] of closed ? closed.rawEntries() : files.entries()) {
    pending.push({ key, value });
    if (pending.length === FILES_PER_CHUNK) flush();
  }
  if (pending.length > 0) flush();
  return { keys, ends, chunkEnds, bytes: Buffer.concat(chunks, end) };
}

function encodeFile(key: PhoneKey, file: CustomerFile, reports: ReadonlyMap<number, ReportRecord>): Uint8Array {
  for (const r of file.reports) if (reports.get(r.seq) !== r) throw new Error(`customer file ${key}: report #${r.seq} is not the channel book's`);
  return serialize({ ...file, reports: file.reports.map((r) => r.seq) } satisfies SavedFile);
}

export function isPackedFiles(value: unknown): value is PackedFilesState {
  return typeof value === 'object' && value !== null && (value as PackedFilesState).ends instanceof Int32Array && (value as PackedFilesState).chunkEnds instanceof Int32Array && Array.isArray((value as PackedFilesState).keys);
}

/**
 * The map of files: a value is either an open file or the index of its bytes. `report` gives the channel
 * book's record of a seq (asked when a file opens, so the book may be put back after this map).
 */
export class PackedFiles extends Map<PhoneKey, CustomerFile> {
  private readonly state: PackedFilesState;
  private readonly report: (seq: number) => ReportRecord | undefined;

  constructor(state: PackedFilesState, report: (seq: number) => ReportRecord | undefined) {
    super();
    this.state = state;
    this.report = report;
    const set = Map.prototype.set;
    for (let i = 0; i < state.keys.length; i++) set.call(this, state.keys[i] as PhoneKey, i);
  }

  /** The last chunk inflated, since iterating opens files in order. */
  private inflated: { readonly chunk: number; readonly plain: Uint8Array } | null = null;

  private plainChunk(chunk: number): Uint8Array {
    if (this.inflated?.chunk === chunk) return this.inflated.plain;
    const { chunkEnds, bytes } = this.state;
    const plain = inflateRawSync(bytes.subarray(chunk === 0 ? 0 : (chunkEnds[chunk - 1] as number), chunkEnds[chunk] as number));
    this.inflated = { chunk, plain };
    return plain;
  }

  /** The plain bytes of the file at `index`, as saved. */
  bytesOf(index: number): Uint8Array {
    const chunk = Math.floor(index / FILES_PER_CHUNK);
    const first = chunk * FILES_PER_CHUNK;
    const { ends } = this.state;
    return this.plainChunk(chunk).subarray(index === first ? 0 : (ends[index - 1] as number), ends[index] as number);
  }

  /**
   * Chunk `chunk` as saved, if the files now at places `first`… are exactly its files, all still closed (each
   * value is the index of its bytes, and that index is its place); null if anything in it was opened or moved.
   */
  chunkAsSaved(chunk: number, first: number, values: readonly (CustomerFile | number)[]): { bytes: Uint8Array; ends: Int32Array } | null {
    const { chunkEnds, ends, bytes, keys } = this.state;
    const size = Math.min(FILES_PER_CHUNK, keys.length - chunk * FILES_PER_CHUNK);
    if (first !== chunk * FILES_PER_CHUNK || values.length !== size) return null;
    for (let j = 0; j < size; j++) if (values[j] !== first + j) return null;
    return { bytes: bytes.subarray(chunk === 0 ? 0 : (chunkEnds[chunk - 1] as number), chunkEnds[chunk] as number), ends: ends.subarray(first, first + size) };
  }

  /** Keys with open files or the indexes of closed ones, opening none. */
  rawEntries(): IterableIterator<[PhoneKey, CustomerFile | number]> {
    return super.entries() as IterableIterator<[PhoneKey, CustomerFile | number]>;
  }

  private open(key: PhoneKey, index: number): CustomerFile {
    const saved = deserialize(this.bytesOf(index)) as SavedFile;
    const reports = saved.reports.map((seq) => {
      const record = this.report(seq);
      if (!record) throw new Error(`customer file ${key}: the channel book has no report #${seq}`);
      return record;
    });
    const file = Object.assign(saved, { reports }) as CustomerFile;
    super.set(key, file);
    return file;
  }

  private value(key: PhoneKey, raw: CustomerFile | number): CustomerFile {
    return typeof raw === 'number' ? this.open(key, raw) : raw;
  }

  override get(key: PhoneKey): CustomerFile | undefined {
    const raw = super.get(key) as CustomerFile | number | undefined;
    return raw === undefined ? undefined : this.value(key, raw);
  }

  override *entries(): MapIterator<[PhoneKey, CustomerFile]> {
    for (const [key, raw] of this.rawEntries()) yield [key, this.value(key, raw)];
  }

  override *values(): MapIterator<CustomerFile> {
    for (const [key, raw] of this.rawEntries()) yield this.value(key, raw);
  }

  override [Symbol.iterator](): MapIterator<[PhoneKey, CustomerFile]> {
    return this.entries();
  }

  override forEach(callback: (value: CustomerFile, key: PhoneKey, map: Map<PhoneKey, CustomerFile>) => void, thisArg?: unknown): void {
    for (const [key, file] of this.entries()) callback.call(thisArg, file, key, this);
  }

  /** How many files are still closed (their bytes only); walks the map, for tests and figures, not for a hot path. */
  get closed(): number {
    let n = 0;
    for (const [, raw] of this.rawEntries()) if (typeof raw === 'number') n++;
    return n;
  }
}
