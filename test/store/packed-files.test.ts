// Customer files kept as bytes until asked for (issue 13): the map answers as the Map it replaces, opens a file
// only when its value is needed, gives each file the channel book's own report objects, and a snapshot taken
// while files are still closed reuses their chunks as they were.
import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../src/core/channel.rules.ts';
import type { CustomerFile } from '../../src/core/engine.ts';
import { FILES_PER_CHUNK, PackedFiles, packFiles, type PackedFilesState } from '../../src/store/snapshots/packed-files.ts';

const report = (seq: number): ReportRecord => ({ seq, at: 1_000 + seq, broker: `B${seq % 3}` }) as unknown as ReportRecord;

function office(n: number): { files: Map<string, CustomerFile>; book: Map<number, ReportRecord> } {
  const book = new Map<number, ReportRecord>();
  const files = new Map<string, CustomerFile>();
  for (let i = 0; i < n; i++) {
    const key = `138${String(i).padStart(8, '0')}`;
    const reports = i % 3 === 0 ? [report(10_000 + i), report(20_000 + i)] : [];
    for (const r of reports) book.set(r.seq, r);
    files.set(key, {
      key,
      records: [{ kind: 'arrival', seq: i + 1, at: 2_000 + i, key, receiver: 'C1', as: 'first', designee: null, nonCustomer: false }],
      reports,
      links: [],
      merged: [],
      name: i % 2 === 0 ? `张${i}` : null,
      plate: null,
      firstArrival: 2_000 + i,
      lastArrival: 2_000 + i,
      covers: [],
    } as unknown as CustomerFile);
  }
  return { files, book };
}

const reopened = (state: PackedFilesState, book: Map<number, ReportRecord>) => new PackedFiles(state, (seq) => book.get(seq));
const chunkBytes = (s: PackedFilesState, c: number) => Buffer.from(s.bytes.subarray(c === 0 ? 0 : s.chunkEnds[c - 1], s.chunkEnds[c]));

describe('customer files packed in a snapshot', () => {
  const n = FILES_PER_CHUNK * 3 + 5;

  it('answers has, keys and size opening nothing, and opens a file on get with the book’s own reports', () => {
    const { files, book } = office(n);
    const packed = reopened(packFiles(files, book), book);
    expect(packed.size).toBe(n);
    expect([...packed.keys()]).toEqual([...files.keys()]);
    expect(packed.has('13800000007')).toBe(true);
    expect(packed.has('13999999999')).toBe(false);
    expect(packed.closed).toBe(n);

    const file = packed.get('13800000003')!;
    expect(packed.closed).toBe(n - 1);
    expect(file).toEqual(files.get('13800000003'));
    expect(file.reports).toHaveLength(2);
    for (const r of file.reports) expect(r).toBe(book.get(r.seq)); // the same objects, not copies
    expect(packed.get('13800000003')).toBe(file); // opened once, then kept
    expect(packed.get('13999999999')).toBeUndefined();
  });

  it('iterates as the Map it stands for, in the same order, opening what it yields', () => {
    const { files, book } = office(n);
    const packed = reopened(packFiles(files, book), book);
    expect(new Map(packed)).toEqual(files);
    expect(packed.closed).toBe(0);
    const seen: string[] = [];
    packed.forEach((f, k, m) => {
      expect(m).toBe(packed);
      expect(f.key).toBe(k);
      seen.push(k);
    });
    expect(seen).toEqual([...files.keys()]);
    expect([...packed.values()].map((f) => f.key)).toEqual([...files.keys()]);
  });

  it('a new snapshot reuses the chunks whose files are all still closed, and encodes the rest', () => {
    const { files, book } = office(n);
    const first = packFiles(files, book);
    const packed = reopened(first, book);
    packed.get(`138${String(FILES_PER_CHUNK + 1).padStart(8, '0')}`)!.name = '李四'; // chunk 1 opened and changed
    const added = { ...files.get('13800000000')!, key: '13900000000', reports: [] };
    packed.set('13900000000', added);

    const second = packFiles(packed, book);
    expect(chunkBytes(second, 0)).toEqual(chunkBytes(first, 0));
    expect(chunkBytes(second, 2)).toEqual(chunkBytes(first, 2));
    expect(chunkBytes(second, 1)).not.toEqual(chunkBytes(first, 1));
    const again = reopened(second, book);
    expect(again.size).toBe(n + 1);
    expect(again.get(`138${String(FILES_PER_CHUNK + 1).padStart(8, '0')}`)!.name).toBe('李四');
    expect(again.get('13900000000')).toEqual(added);
    const expected = new Map(files);
    expected.get(`138${String(FILES_PER_CHUNK + 1).padStart(8, '0')}`)!.name = '李四';
    expected.set('13900000000', added);
    expect(new Map(again)).toEqual(expected);
  });

  it('a file deleted before the snapshot moves the files after it, and they are encoded again, not misread', () => {
    const { files, book } = office(n);
    const packed = reopened(packFiles(files, book), book);
    packed.delete('13800000001');
    const again = reopened(packFiles(packed, book), book);
    const expected = new Map(files);
    expected.delete('13800000001');
    expect(new Map(again)).toEqual(expected);
  });

  it('refuses a file whose report is not the channel book’s (the sharing would be lost)', () => {
    const { files, book } = office(4);
    files.get('13800000000')!.reports.push(report(99));
    expect(() => packFiles(files, book)).toThrow(/not the channel book's/);
  });
});
