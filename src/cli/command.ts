// The shape of one `anchang` subcommand: its usage line, its options (node:util parseArgs) and what it does.
import type { parseArgs } from 'node:util';

export interface CommandSpec {
  readonly usage: string;
  readonly options?: NonNullable<Parameters<typeof parseArgs>[0]>['options'];
  /** Returns the exit status. */
  readonly run: (args: { values: Record<string, string | boolean | undefined>; positionals: string[] }) => Promise<number>;
}
