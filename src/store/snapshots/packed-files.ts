// The customer files of an engine put back from its snapshot, kept as bytes until each is asked for
// (packed-map.ts). A file's broker reports are the channel book's own `ReportRecord` objects (the CH-9 visit is
// written through one and read through the other), so a file is saved with their seqs and opened with the
// book's objects.
import type { ReportRecord } from '../../core/channel.rules.ts';
import type { CustomerFile } from '../../core/engine.ts';
import type { PhoneKey } from '../../core/phone.ts';
import { PackedMap, packMap, VALUES_PER_CHUNK, type PackedState } from './packed-map.ts';

export const FILES_PER_CHUNK = VALUES_PER_CHUNK;
export type PackedFilesState = PackedState<PhoneKey>;

/** A file as saved: its reports by seq. */
type SavedFile = Omit<CustomerFile, 'reports'> & { reports: number[] };

/**
 * The files as saved. A report the book does not hold cannot be saved so: this throws, and the project folds
 * its log at each start rather than lose the sharing.
 */
export function packFiles(files: ReadonlyMap<PhoneKey, CustomerFile>, reports: ReadonlyMap<number, ReportRecord>): PackedFilesState {
  return packMap(files, (key, file): SavedFile => {
    for (const r of file.reports) if (reports.get(r.seq) !== r) throw new Error(`customer file ${key}: report #${r.seq} is not the channel book's`);
    return { ...file, reports: file.reports.map((r) => r.seq) };
  });
}

/** The map of files; `report` gives the channel book's record of a seq (asked when a file opens, so the book may be put back after this map). */
export class PackedFiles extends PackedMap<PhoneKey, CustomerFile> {
  constructor(state: PackedFilesState, report: (seq: number) => ReportRecord | undefined) {
    super(state, (key, saved) => {
      const file = saved as SavedFile;
      const records = file.reports.map((seq) => {
        const record = report(seq);
        if (!record) throw new Error(`customer file ${key}: the channel book has no report #${seq}`);
        return record;
      });
      return Object.assign(file, { reports: records }) as CustomerFile;
    });
  }
}
