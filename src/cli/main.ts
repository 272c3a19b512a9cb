// The `anchang` command line. Each subcommand is a thin adapter over the application, in a file of its own.
import { parseArgs } from 'node:util';
import { ConfigError } from '../server/config.ts';
import type { CommandSpec } from './command.ts';

const COMMANDS: Record<string, () => Promise<CommandSpec>> = {
  scenario: async () => (await import('./scenario.command.ts')).scenarioCommand,
  serve: async () => (await import('./serve.command.ts')).serveCommand,
  verify: async () => (await import('./verify.command.ts')).verifyCommand,
  rebuild: async () => (await import('./rebuild.command.ts')).rebuildCommand,
  backup: async () => (await import('./backup.command.ts')).backupCommand,
  user: async () => (await import('./user.command.ts')).userCommand,
  erase: async () => (await import('./erase.command.ts')).eraseCommand,
};

const USAGE = `usage: anchang <command> [options]

  scenario <files-or-folders>...     run scenario files (../shared/spec/SCENARIOS.md)
  serve [--port N] [--data DIR]      run the server (SQLite in DIR, or PostgreSQL with DATABASE_URL)
  verify [--expect HASH] [--data DIR]  re-walk the hash-chained log; name the first bad entry
  rebuild [--data DIR]               recreate every projection from the log
  backup <file> [--data DIR]         consistent online copy of the SQLite database
  user add <login> --role R --project P [--as ID] [--name NAME] [--data DIR]
                                     create a user (password from ANCHANG_PASSWORD or prompted)
  erase <phone> --project P --by LOGIN --approved-by LOGIN --reason TEXT
                                     destroy a customer's personal data (SEC-5), keeping the history`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`anchang: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  const spec = await load();
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: spec.options ?? {}, allowPositionals: true, strict: true });
  } catch (e) {
    console.error(`anchang ${name}: ${(e as Error).message}\nusage: ${spec.usage}`);
    return 2;
  }
  try {
    return await spec.run(parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`anchang ${name}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
