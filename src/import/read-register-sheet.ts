// An uploaded paper-era register (.xlsx or .csv bytes) → the grid the register import plans from (issue 11.4).
// The same reader as the unit list's; a register's header row names a date, a phone and a consultant.
import { looksLikeRegisterHeader } from '../app/register-import/register-columns.ts';
import { readSheet, type SheetRead } from './read-unit-sheet.ts';

/** A register of a few years of a busy office; more is not a register and would tie up the server. */
export const MAX_REGISTER_ROWS = 200_000;

export function readRegisterSheet(bytes: Uint8Array): Promise<SheetRead> {
  return readSheet(bytes, looksLikeRegisterHeader, MAX_REGISTER_ROWS);
}
